"""Suggest Mapping shows who is who and the store username a link takes, before applying."""

from __future__ import annotations

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.ui.suggest_dialog import (
    COL_CUSTOMER,
    COL_EMAIL,
    COL_REASON,
    COL_STORE,
    COL_USERNAME,
)

from .window_support import SYNC_TIMEOUT_MS


def test_the_dialog_names_both_sides_and_the_username_taken(qtbot, window, sandbox) -> None:
    CustomerRepository(window.db).create(
        Customer(no="C00067", name="Lena Weber", email="lena@example.de", country_code="DE")
    )
    MappingRepository(window.db).update("C00067", username="lena.weber")
    store = sandbox.store.add_customer(
        email="LENA@example.de", username="web.67", first_name="Lena", last_name="Weber"
    )
    window.suggest_mapping()
    qtbot.waitUntil(lambda: window._suggest_dialog is not None, timeout=SYNC_TIMEOUT_MS)
    dialog = window._suggest_dialog
    model = dialog.model
    (row,) = [r for r, s in enumerate(model.suggestions) if s.customer_no == "C00067"]

    def cell(column: int) -> str:
        return str(model.index(row, column).data())

    assert cell(COL_CUSTOMER) == "C00067 — Lena Weber"
    assert cell(COL_STORE) == f"{store['id']} — Lena Weber"
    assert cell(COL_EMAIL) == "LENA@example.de"
    assert cell(COL_REASON) == "same e-mail LENA@example.de"
    assert cell(COL_USERNAME) == "web.67 (replaces lena.weber)"
    assert "takes that customer's store username" in dialog.note.text()
    dialog.accept()
    qtbot.waitUntil(
        lambda: MappingRepository(window.db).get("C00067").username == "web.67",
        timeout=SYNC_TIMEOUT_MS,
    )
