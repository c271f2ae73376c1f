"""Templates: Add never blanks an existing entry; Delete asks and refuses what is in use."""

from __future__ import annotations

from wcconnector_gui.domain.templates import CountryTemplate, County, CustomerTemplate
from wcconnector_gui.storage.setup_store import save_settings
from wcconnector_gui.storage.templates import TemplateRepository
from wcconnector_gui.ui.templates_view import TemplatesView


def _filled(db) -> TemplateRepository:  # type: ignore[no-untyped-def]
    repo = TemplateRepository(db)
    repo.save_template(CustomerTemplate(code="EU", description="Europe", country_code="FR"))
    repo.save_template(CustomerTemplate(code="DOMESTIC", description="Germany"))
    repo.save_template(CustomerTemplate(code="SPARE", description="unused"))
    repo.save_country_template(CountryTemplate(country_code="DE", template_code="DOMESTIC"))
    repo.save_county(County("DE", "BY", "Bayern"))
    return repo


def test_add_with_an_existing_code_selects_it_and_changes_nothing(qtbot, db) -> None:
    repo = _filled(db)
    view = TemplatesView(db)
    qtbot.addWidget(view)
    answers = iter(["eu", "de", "DE, BY, Somewhere else"])
    view._ask = lambda title, label: next(answers)

    view._add_template()
    assert repo.get_template("EU") == CustomerTemplate(
        code="EU", description="Europe", country_code="FR"
    )
    assert "Customer template EU exists already" in view.message.text()
    table = view._table_of[id(view.templates)]
    (selected,) = table.selectionModel().selectedRows()
    assert view.templates.record(selected.row())["code"] == "EU"

    view._add_country()
    assert repo.get_country_template("DE").template_code == "DOMESTIC"
    assert "country template for DE exists already" in view.message.text()

    view._add_county()
    assert repo.get_county("DE", "BY").name == "Bayern"
    assert "County BY of DE exists already" in view.message.text()


def test_delete_asks_first_and_refuses_a_template_in_use(qtbot, db) -> None:
    repo = _filled(db)
    save_settings(db, {"customer_template_code": "EU"})
    view = TemplatesView(db)
    qtbot.addWidget(view)
    asked: list[str] = []
    table = view._table_of[id(view.templates)]
    codes = [r["code"] for r in view.templates.records()]

    def delete(code: str, answer: bool) -> None:
        view._confirm = lambda title, text: asked.append(text) or answer
        table.selectRow(codes.index(code))
        view._delete(table, view.templates)

    delete("DOMESTIC", True)  # a country template still names it
    assert repo.get_template("DOMESTIC") is not None and asked == []
    assert "still used by the country template(s) of DE" in view.message.text()

    delete("EU", True)  # the setup names it
    assert repo.get_template("EU") is not None and asked == []
    assert "Customer Template Code in Setup" in view.message.text()

    delete("SPARE", False)  # asked, and the answer was No
    assert repo.get_template("SPARE") is not None
    assert asked == ["Delete customer template SPARE? This cannot be undone."]

    delete("SPARE", True)
    assert repo.get_template("SPARE") is None

    country_table = view._table_of[id(view.country_templates)]
    country_table.selectRow(0)
    view._confirm = lambda title, text: asked.append(text) or True
    view._delete(country_table, view.country_templates)
    assert repo.get_country_template("DE") is None
    assert asked[-1] == "Delete the country template for DE? This cannot be undone."


def test_a_template_used_by_any_store_is_kept_and_the_store_is_named(qtbot, db) -> None:
    from wcconnector_gui.storage.stores import StoreRepository

    repo = _filled(db)
    second = StoreRepository(db).add("Shop CA").id
    save_settings(db, {"customer_template_code": "SPARE"}, second)  # not store 1's
    view = TemplatesView(db)
    qtbot.addWidget(view)
    table = view._table_of[id(view.templates)]
    codes = [r["code"] for r in view.templates.records()]
    view._confirm = lambda title, text: True
    table.selectRow(codes.index("SPARE"))
    view._delete(table, view.templates)
    assert repo.get_template("SPARE") is not None
    assert "in the Setup of the store Shop CA" in view.message.text()
