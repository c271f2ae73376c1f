"""The PySide6 workarounds: True's reference count, GUI-thread garbage collection."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from wcconnector_gui.ui import gui_gc, signal_refcount


class _Emitter(QObject):
    ping = Signal()


def test_emits_never_bring_true_near_zero() -> None:
    emitter = _Emitter()
    for _ in range(5_000):
        emitter.ping.emit()
        signal_refcount.top_up()
    if signal_refcount.emit_drops_true_references():
        assert sys.getrefcount(True) >= signal_refcount.LOW_WATER
    assert sys.getrefcount(True) > 1_000


def test_gui_thread_collector_collects_and_restores(qtbot) -> None:
    collector = gui_gc.GuiThreadCollector()
    try:
        assert not gc.isenabled()
        for _ in range(20_000):
            cycle: list[object] = []
            cycle.append(cycle)
        collector.check()
        assert gc.get_count()[0] < 20_000
    finally:
        collector.stop()
    assert gc.isenabled()
