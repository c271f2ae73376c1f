"""Webstore Customers: the shop's administrator cannot be imported; the view says why."""

from __future__ import annotations

from wcconnector_gui.domain.templates import CustomerTemplate
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.setup_store import save_settings
from wcconnector_gui.storage.templates import TemplateRepository
from wcconnector_gui.storage.webstore_customers import WebstoreCustomerRepository
from wcconnector_gui.ui.main_window import VIEW_WEBSTORE

from .window_support import SYNC_TIMEOUT_MS

BILLING = {"first_name": "Ada", "last_name": "Admin", "address_1": "1 Main St", "city": "Bonn",
           "postcode": "53111", "country": "DE"}  # fmt: skip


def test_import_selected_refuses_the_administrator_in_plain_words(qtbot, window, sandbox) -> None:
    TemplateRepository(window.db).save_template(CustomerTemplate("RETAIL"))
    save_settings(window.db, {"customer_template_code": "RETAIL"})
    admin = sandbox.store.add_customer(email="boss@shop.example", role="administrator",
                                       billing=BILLING)  # fmt: skip
    buyer = sandbox.store.add_customer(email="buyer@shop.example", billing=BILLING)
    WebstoreCustomerRepository(window.db).upsert_many(
        [WebstoreCustomer.from_api(admin), WebstoreCustomer.from_api(buyer)]
    )
    view = window.webstore_view
    window.side.setCurrentRow(VIEW_WEBSTORE)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=SYNC_TIMEOUT_MS)
    view.table.selectAll()
    assert sorted(view.selected_ids()) == sorted([admin["id"], buyer["id"]])
    view.import_button.click()
    qtbot.waitUntil(lambda: view.result_label.text() != "", timeout=SYNC_TIMEOUT_MS)
    text = view.result_label.text()
    assert text.startswith("1 store customer(s) imported.")
    assert f"Not imported: Store account {admin['id']} has the role administrator" in text
    assert CustomerRepository(window.db).find_by_email("boss@shop.example") == []
    assert len(CustomerRepository(window.db).find_by_email("buyer@shop.example")) == 1
