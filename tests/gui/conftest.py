"""Fixtures for the window tests: a small database of customers and mappings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.ui.main_window import MainWindow

from .window_support import prepare


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def filled_db(db):  # type: ignore[no-untyped-def]
    """Five customers; C00020 is already mapped to store customer 7."""
    customers = CustomerRepository(db)
    people = [
        ("C00010", "Müller GmbH", "info@mueller.de"),
        ("C00020", "Dupont SARL", "contact@dupont.fr"),
        ("C00030", "Kowalski Sp. z o.o.", "biuro@kowalski.pl"),
        ("C00040", "Broken Mail Ltd", "not-an-email"),
        ("C00050", "Παπαδόπουλος", "info@papadopoulos.gr"),
    ]
    for no, name, email in people:
        customers.create(Customer(no=no, name=name, email=email, country_code="DE"))
    MappingRepository(db).update("C00020", webstore_id=7, username="dupont", webstore_customer=True)
    return db


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[Path], MainWindow]]:  # type: ignore[no-untyped-def]
    """Opens main windows (grid loaded); closes those still open at teardown (delete on close)."""
    windows: list[MainWindow] = []

    def opener(path: Path) -> MainWindow:
        win = MainWindow(path)
        win.controller.confirm_creates = lambda count: True
        windows.append(win)
        qtbot.waitUntil(lambda: win.mapping_model.loaded)  # the grid loads on a worker
        return win

    yield opener
    for win in windows:
        if shiboken6.isValid(win):
            win.close()


@pytest.fixture
def window(db_path, sandbox, open_window) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window on six customers flagged as Webstore Customers, with an empty sandbox store."""
    prepare(db_path, sandbox, 6)
    return open_window(db_path)
