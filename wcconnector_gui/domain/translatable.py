"""Marking texts that the window shows in the user's language, without importing Qt.

``translatable(context, text)`` returns ``text`` unchanged. It is there to be
found: ``scripts/translations.py`` runs ``pyside6-lupdate`` with
``translatable`` as an alias of ``QT_TRANSLATE_NOOP``, which collects ``text``
under ``context`` into ``wcconnector_gui/translations/*.ts``. The window shows
``QCoreApplication.translate(context, text)``; the CLI shows ``text``.
"""

from __future__ import annotations


def translatable(context: str, text: str) -> str:
    """``text``, marked for translation under ``context`` (the literal must be written here)."""
    return text
