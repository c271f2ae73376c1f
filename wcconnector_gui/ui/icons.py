"""Icons: plain SVG files shipped inside the package (works installed and frozen)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SIZES = (16, 20, 24, 32, 48, 64, 128, 256)


def icon_bytes(name: str) -> bytes:
    """The SVG text of ``wcconnector_gui/icons/<name>.svg``."""
    return resources.files("wcconnector_gui").joinpath("icons", f"{name}.svg").read_bytes()


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name``, rendered sharp at the usual sizes (empty if missing)."""
    try:
        renderer = QSvgRenderer(QByteArray(icon_bytes(name)))
    except OSError:
        return QIcon()
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result
