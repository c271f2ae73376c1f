"""WORKAROUND for PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without a reference.

Every signal emitted from Python then drops one reference of the ``True``
object. On Python 3.11 (where ``True`` is not immortal) a long sync with many
row updates brings its count to zero and the interpreter aborts with
"bool_dealloc: deallocating True or False". Found with bench/gui_bench.py;
PySide6 6.11.2 does not have the bug, and Python >= 3.12 is immune.

When the bug is detected, this module keeps a reserve of references to
``True`` and tops it up whenever the count runs low (cheap: one
``sys.getrefcount`` call), so the count never reaches zero.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

LOW_WATER = 200_000
CHUNK = 500_000

_reserve: list[list[bool]] = []
_affected: bool | None = None


class _Probe(QObject):
    ping = Signal()


def emit_drops_true_references() -> bool:
    """True when emitting a signal from Python loses a reference of ``True`` (checked once)."""
    global _affected
    if _affected is None:
        probe = _Probe()
        before = sys.getrefcount(True)
        for _ in range(10):
            probe.ping.emit()
        _affected = sys.getrefcount(True) < before
        probe.deleteLater()
    return _affected


def top_up() -> None:
    """Keep ``True``'s reference count far from zero (no-op where PySide6 is not affected)."""
    if _affected and sys.getrefcount(True) < LOW_WATER:
        chunk = [True] * CHUNK
        # Never freed, not even at interpreter exit: the references it holds stand in
        # for the ones PySide6 dropped, so releasing them would underflow the count.
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(chunk))
        _reserve.append(chunk)


def install() -> bool:
    """Detect the bug and lay in the first reserve; returns whether it was needed."""
    if emit_drops_true_references():
        top_up()
        return True
    return False
