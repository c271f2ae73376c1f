"""The window in the user's language: translators chosen by the system locale.

Our texts come from ``wcconnector_gui/translations/wcconnector_gui_<lang>.qm``
(built from the ``.ts`` next to it by ``scripts/translations.py``; found through
``importlib.resources``, so it works installed and frozen), Qt's own (the
buttons of message boxes, the line edits' menus) from Qt's ``qtbase_<lang>.qm``.
The locale is ``QLocale.system()``: on Linux from LC_ALL, LC_MESSAGES or LANG;
on Windows and macOS the user's UI languages. English needs no translator.

Texts of the Qt-free core marked with :func:`~wcconnector_gui.domain.translatable.translatable`
are translated with :func:`translate` under the context they were marked with.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wcconnector_gui.domain.customer import FIELD_LABELS
from wcconnector_gui.domain.setup import SETTING_HELP
from wcconnector_gui.domain.translatable import translatable

log = logging.getLogger(__name__)

CATALOG = "wcconnector_gui"  # wcconnector_gui_<lang>.qm

# Contexts the core marks its texts with (see domain/translatable.py).
CUSTOMER_CONTEXT = "Customer"
SETUP_CONTEXT = "Setup"

WORDS_CONTEXT = "Words"

# The core's words for outcomes, statuses and directions, as the window shows them.
_WORDS = {
    "created": translatable("Words", "created"),
    "updated": translatable("Words", "updated"),
    "adopted": translatable("Words", "adopted"),
    "linked": translatable("Words", "linked"),
    "imported": translatable("Words", "imported"),
    "unchanged": translatable("Words", "unchanged"),
    "skipped": translatable("Words", "skipped"),
    "failed": translatable("Words", "failed"),
    "conflict": translatable("Words", "conflict"),
    "pending": translatable("Words", "pending"),
    "synced": translatable("Words", "synced"),
    "error": translatable("Words", "error"),
    "running": translatable("Words", "running"),
    "done": translatable("Words", "done"),
    "cancelled": translatable("Words", "cancelled"),
    "push": translatable("Words", "push"),
    "pull": translatable("Words", "pull"),
    "both": translatable("Words", "both"),
    "all": translatable("Words", "all"),
}

_installed: list[QTranslator] = []


def translations_dir() -> str:
    """The folder of our ``.qm`` files inside the package."""
    return str(resources.files("wcconnector_gui").joinpath("translations"))


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> str:
    """Load the translators for ``locale`` (default: the system's); returns its language.

    Returns "" when the window stays English (English asked for, or no translation of
    ours for that language). Loading again first removes what was installed before.
    """
    remove_translators(app)
    chosen = locale if locale is not None else QLocale.system()
    ours = QTranslator(app)
    if not ours.load(chosen, CATALOG, "_", translations_dir()):
        log.debug("no translation for %s", chosen.uiLanguages())
        return ""
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for translator in (qt_own, ours) if qt_own.load(chosen, "qtbase", "_", qt_dir) else (ours,):
        app.installTranslator(translator)
        _installed.append(translator)
    log.info("window language: %s", ours.language())
    return ours.language()


def remove_translators(app: QCoreApplication) -> None:
    """Back to English (tests switch languages)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def translate(context: str, text: str) -> str:
    """``text`` (marked with ``translatable(context, text)``) in the window's language."""
    return QCoreApplication.translate(context, text)


def field_label(key: str) -> str:
    """The label of a customer field (``FIELD_LABELS``), translated."""
    return translate(CUSTOMER_CONTEXT, FIELD_LABELS[key])


def setting_help(key: str) -> str:
    """The help text of a setting (``SETTING_HELP``), translated."""
    text = SETTING_HELP.get(key, "")
    return translate(SETUP_CONTEXT, text) if text else ""


def word(value: str) -> str:
    """A sync outcome, status or direction (``created``, ``done``, ``push``...), translated."""
    text = _WORDS.get(str(value))
    return translate(WORDS_CONTEXT, text) if text else str(value)


def counts_text(counts: dict[str, int]) -> str:
    """``{"created": 3, "skipped": 1}`` → "3 created, 1 skipped" in the window's language."""
    return ", ".join(f"{number} {word(key)}" for key, number in counts.items() if number)


def run_counts_text(by_direction: dict[str, dict[str, int]], counts: dict[str, int]) -> str:
    """A run's outcomes per direction ("pull: 4 unchanged; push: 1 skipped"), translated.

    ``counts`` (all directions together) stands in for runs logged without directions.
    """
    parts = [f"{word(d)}: {counts_text(c)}" for d, c in by_direction.items() if any(c.values())]
    return "; ".join(parts) or counts_text(counts)
