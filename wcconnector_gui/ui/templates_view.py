"""Templates: customer templates, country templates and counties, edited in place."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from wcconnector_gui.domain.customer import FIELD_LABELS
from wcconnector_gui.domain.templates import CountryTemplate, County, CustomerTemplate
from wcconnector_gui.domain.text import as_sentence
from wcconnector_gui.domain.translatable import translatable
from wcconnector_gui.domain.validation import country_problem
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.templates import TemplateRepository
from wcconnector_gui.ui.record_model import RecordTableModel
from wcconnector_gui.ui.table_view import apply_widths, make_table_view
from wcconnector_gui.ui.translation import field_label, translate

_LABELS = {
    "code": translatable("TemplatesView", "Code"),
    "description": translatable("TemplatesView", "Description"),
    "template_code": translatable("TemplatesView", "Template Code"),
    "default_customer_no": translatable("TemplatesView", "Default Customer No."),
}


DESCRIPTION_WIDTH = 260


def _label(name: str) -> str:
    if name in _LABELS:
        return translate("TemplatesView", _LABELS[name])
    if name in FIELD_LABELS:
        return field_label(name)
    return name.replace("_", " ").title()


class TemplatesView(QWidget):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.repo = TemplateRepository(db)
        template_keys = [f.name for f in fields(CustomerTemplate)]
        country_keys = [f.name for f in fields(CountryTemplate)]
        county_keys = [f.name for f in fields(County)]
        self.templates = RecordTableModel(
            [(_label(k), k) for k in template_keys],
            editable=template_keys[1:],
            on_edit=self._on_template_edit,
        )
        self.country_templates = RecordTableModel(
            [(_label(k), k) for k in country_keys],
            editable=country_keys[1:],
            on_edit=self._on_country_template_edit,
        )
        self.counties = RecordTableModel(
            [(_label(k), k) for k in county_keys], editable=["name"], on_edit=self._on_county_edit
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.views: dict[str, QTableView] = {}
        self._table_of: dict[int, QTableView] = {}  # id(model) → its table
        for title, model, add in (
            (self.tr("Customer Templates"), self.templates, self._add_template),
            (self.tr("Country/Region Templates"), self.country_templates, self._add_country),
            (self.tr("Counties"), self.counties, self._add_county),
        ):
            box = QGroupBox(title)
            # The Description column gets room for its text (the others hold codes).
            keys = [model.column_key(c) for c in range(model.columnCount())]
            view = make_table_view([DESCRIPTION_WIDTH if k == "description" else 110 for k in keys])
            view.setModel(model)
            apply_widths(view)
            self.views[title] = view
            self._table_of[id(model)] = view
            add_button = QPushButton(self.tr("Add…"))
            add_button.clicked.connect(add)
            delete_button = QPushButton(self.tr("Delete"))
            delete_button.clicked.connect(lambda _=False, v=view, m=model: self._delete(v, m))
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(add_button)
            buttons.addWidget(delete_button)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(view)
            box_layout.addLayout(buttons)
            splitter.addWidget(box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        self.message.clear()  # an old refusal no longer applies
        self.templates.set_records([asdict(t) for t in self.repo.list_templates()])
        self.country_templates.set_records([asdict(t) for t in self.repo.list_country_templates()])
        self.counties.set_records([asdict(c) for c in self.repo.list_counties()])

    def _refuse(self, problem: str) -> None:
        """Say why an entry was not taken (None tells the model it was refused)."""
        self.message.setText(as_sentence(problem))

    # --- edits: each returns the value as saved, or None ----------------------------------------
    def _on_template_edit(self, record: dict[str, Any], key: str, text: str) -> Any:
        value: Any = text.strip()
        if key == "blocked":
            value = value.lower() in ("yes", "on", "true", "1")
        elif key == "country_code" and value:
            value = value.upper()
            if problem := country_problem(value):
                return self._refuse(problem)
        self.repo.save_template(CustomerTemplate(**{**record, key: value}))
        self.message.clear()
        return value

    def _on_country_template_edit(self, record: dict[str, Any], key: str, text: str) -> Any:
        value = text.strip()
        if key == "template_code":
            value = value.upper()
            if value and value not in {t.code for t in self.repo.list_templates()}:
                return self._refuse(self.tr("there is no customer template {0}").format(value))
        self.repo.save_country_template(CountryTemplate(**{**record, key: value}))
        self.message.clear()
        return value

    def _on_county_edit(self, record: dict[str, Any], key: str, text: str) -> Any:
        value = text.strip()
        if not value:
            return self._refuse(self.tr("a county needs a name"))
        self.repo.save_county(County(**{**record, key: value}))
        self.message.clear()
        return value

    # --- add / delete ------------------------------------------------------------------------
    def _ask(self, title: str, label: str) -> str:
        text, ok = QInputDialog.getText(self, title, label)
        return text.strip() if ok else ""

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _show_existing(self, model: RecordTableModel, key: dict[str, str], what: str) -> None:
        """Select the entry that is already there and say so; nothing is changed."""
        table = self._table_of[id(model)]
        for row, record in enumerate(model.records()):
            if all(record[k] == v for k, v in key.items()):
                table.selectRow(row)
                table.scrollTo(model.index(row, 0))
                break
        self._refuse(self.tr("{0} exists already; it is selected so you can edit it").format(what))

    def _add_template(self) -> None:
        code = self._ask(self.tr("New customer template"), self.tr("Code:")).upper()
        if not code:
            return
        if self.repo.get_template(code) is not None:
            self.reload()
            self._show_existing(
                self.templates, {"code": code}, self.tr("Customer template {0}").format(code)
            )
            return
        self.repo.save_template(CustomerTemplate(code=code))
        self.reload()

    def _add_country(self) -> None:
        country = self._ask(
            self.tr("New country template"), self.tr("Country/Region Code:")
        ).upper()
        if not country:
            return
        if problem := country_problem(country):
            self._refuse(problem)
            return
        if self.repo.get_country_template(country) is not None:
            self.reload()
            self._show_existing(
                self.country_templates,
                {"country_code": country},
                self.tr("The country template for {0}").format(country),
            )
            return
        self.repo.save_country_template(CountryTemplate(country_code=country))
        self.reload()

    def _add_county(self) -> None:
        text = self._ask(self.tr("New county"), self.tr("Country code, county code, name:"))
        if not text:
            return
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 3 or not all(parts):
            self._refuse(
                self.tr(
                    "enter the country code, the county code and its name, separated by "
                    "commas (e.g. DE, BY, Bayern)"
                )
            )
            return
        if problem := country_problem(parts[0].upper()):
            self._refuse(problem)
            return
        country, code, name = parts[0].upper(), parts[1], parts[2]
        if self.repo.get_county(country, code) is not None:
            self.reload()
            self._show_existing(
                self.counties,
                {"country_code": country, "code": code},
                self.tr("County {0} of {1}").format(code, country),
            )
            return
        self.repo.save_county(County(country, code, name))
        self.reload()

    def _describe(self, model: RecordTableModel, record: dict[str, Any]) -> str:
        if model is self.templates:
            return self.tr("customer template {0}").format(record["code"])
        if model is self.country_templates:
            return self.tr("the country template for {0}").format(record["country_code"])
        return self.tr("county {0} of {1}").format(record["code"], record["country_code"])

    def _still_used(self, code: str) -> str:
        """Why customer template ``code`` cannot go, or "" when nothing uses it."""
        countries = self.repo.country_templates_using(code)
        if countries:
            return self.tr(
                "customer template {0} is still used by the country template(s) of {1}; "
                "give them another template first"
            ).format(code, ", ".join(countries))
        stores = StoreRepository(self.db).all()
        for store in stores:
            if load_setup(self.db, store.id).customer_template_code != code:
                continue
            if len(stores) == 1:
                return self.tr(
                    "customer template {0} is the Customer Template Code in Setup; choose "
                    "another one there first"
                ).format(code)
            return self.tr(
                "customer template {0} is the Customer Template Code in the Setup of the "
                "store {1}; choose another one there first"
            ).format(code, store.name)
        return ""

    def _delete(self, view: QTableView, model: RecordTableModel) -> None:
        records = [
            model.record(i.row())
            for i in sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())
        ]
        if not records:
            self._refuse(self.tr("select the entries to delete first"))
            return
        if model is self.templates:
            for record in records:
                if problem := self._still_used(record["code"]):
                    self._refuse(problem)
                    return
        names = ", ".join(self._describe(model, r) for r in records)
        if not self._confirm(
            self.tr("Delete"), self.tr("Delete {0}? This cannot be undone.").format(names)
        ):
            return
        for record in records:
            if model is self.templates:
                self.repo.delete_template(record["code"])
            elif model is self.country_templates:
                self.repo.delete_country_template(record["country_code"])
            else:
                self.repo.delete_county(record["country_code"], record["code"])
        self.reload()
