"""The window in German under a German locale (texts, setup labels and help, Qt's own)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QGroupBox, QLabel

from wcconnector_gui.domain.customer import FIELD_LABELS
from wcconnector_gui.domain.setup import SETTING_HELP
from wcconnector_gui.ui.mapping_model import COL_NO, COL_STATUS, COL_USERNAME
from wcconnector_gui.ui.setup_view import CHOICE_LABELS, GROUPS, SETTING_LABELS
from wcconnector_gui.ui.translation import (
    field_label,
    install_translators,
    remove_translators,
    setting_help,
    translate,
)

# Words that German writes the same way.
SAME_IN_GERMAN = {"Name", "Name 2", "E-Mail", "Code", "Status", "ID"}


@pytest.fixture
def german(qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    language = install_translators(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield language
    remove_translators(qapp)


def test_the_window_comes_up_in_german(german, qtbot, db_path, filled_db, open_window) -> None:
    assert german == "de_DE"
    window = open_window(db_path)
    assert window.sync_action.text() == "Synchronisieren"
    assert window.sync_selected_action.text() == "Auswahl synchronisieren"
    assert window.suggest_action.text() == "Zuordnung vorschlagen"
    assert [window.side.item(i).text() for i in range(window.side.count())] == [
        "Kundenzuordnung",
        "Einrichtung",
        "Kunden",
        "Webshop-Kunden",
        "Vorlagen",
        "Konflikte",
        "Sync-Protokoll",
    ]
    proxy = window.mapping_view.proxy
    horizontal = Qt.Orientation.Horizontal
    assert proxy.headerData(COL_NO, horizontal) == "Nr."
    assert proxy.headerData(COL_USERNAME, horizontal) == "Benutzername"
    assert window.mapping_view.count_label.text() == "5 Kunden"
    window.mapping_model.apply_outcomes(
        [SimpleNamespace(customer_no="C00010", webstore_id=3, action="created", reason="")]
    )
    row = window.mapping_model.row_of("C00010")
    assert window.mapping_model.index(row, COL_STATUS).data() == "synchronisiert"
    assert window.last_sync_label.text() == "Letzte Synchronisierung: nie"

    setup = window.setup_view
    titles = [box.title() for box in setup.findChildren(QGroupBox)]
    assert "Webshop" in titles and "Erweitert" in titles
    labels = {label.text(): label for label in setup.findChildren(QLabel)}
    assert "Webshop-URL" in labels and "Webshop-Kunden übertragen" in labels
    assert labels["Webshop-URL"].toolTip().startswith("die Adresse des Webshops")
    assert setup.save_button.text() == "Speichern"
    assert setup.editors["pull_customers"].itemText(1) == "Nur neue Kunden"

    card_labels = {label.text() for label in window.customers_view.findChildren(QLabel)}
    assert {"PLZ-Code", "Debitorenbuchungsgruppe", "Gesperrt"} <= card_labels
    assert window.customers_view.save_button.text() == "Karte speichern"
    # Qt's own texts (standard buttons) come in German too.
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"


def test_every_setting_and_customer_field_has_german_words(german) -> None:
    for key, label in SETTING_LABELS.items():
        assert translate("SetupView", label) != label, key
        assert setting_help(key) != SETTING_HELP[key], f"help of {key}"
    for label in CHOICE_LABELS.values():
        assert label in SAME_IN_GERMAN or translate("SetupView", label) != label, label
    for title, _keys in GROUPS:
        assert translate("SetupView", title) != title
    for key, label in FIELD_LABELS.items():
        assert label in SAME_IN_GERMAN or field_label(key) != label, key


def test_english_needs_no_translator(qapp) -> None:
    assert install_translators(qapp, QLocale(QLocale.Language.English)) == ""
    assert translate("MainWindow", "Synchronize") == "Synchronize"


@pytest.mark.parametrize(
    ("lang", "expected"), [("de_DE.UTF-8", "de_DE Synchronisieren"), ("en_US.UTF-8", "Synchronize")]
)
def test_the_system_locale_chooses_the_language(lang: str, expected: str) -> None:
    code = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication
        from wcconnector_gui.ui.translation import install_translators, translate
        app = QApplication([])
        print(install_translators(app), translate("MainWindow", "Synchronize"))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
