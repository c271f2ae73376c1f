"""The PySide6 workarounds: True's reference count, GUI-thread garbage collection."""

from __future__ import annotations

import ctypes
import gc
import sys

import PySide6
import pytest

from wcconnector_gui.ui import gui_gc, signal_refcount


class _LeakySignal:
    """Stands in for PySide6 6.12.0's emit(), which loses one reference of True per call."""

    def emit(self) -> None:
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(True))


class _LeakyProbe:
    def __init__(self) -> None:
        self.ping = _LeakySignal()

    def deleteLater(self) -> None:  # noqa: N802 (Qt's name)
        pass


def test_the_installed_pyside6_is_checked_for_the_bug() -> None:
    assert signal_refcount.emit_drops_true_references() is (PySide6.__version__ == "6.12.0")


def test_a_leaky_emit_is_detected_and_topped_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signal_refcount, "_affected", None)
    monkeypatch.setattr(signal_refcount, "_Probe", _LeakyProbe)
    try:
        assert signal_refcount.emit_drops_true_references()
    finally:  # give back the 10 references the probe's emits took
        for _ in range(10):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    before = sys.getrefcount(True)
    monkeypatch.setattr(signal_refcount, "LOW_WATER", before + 1)
    monkeypatch.setattr(signal_refcount, "CHUNK", 5_000)
    signal_refcount.top_up()
    assert sys.getrefcount(True) >= before + 5_000
    monkeypatch.setattr(signal_refcount, "LOW_WATER", 1)
    signal_refcount.top_up()  # above the low-water mark: nothing more laid in
    assert sys.getrefcount(True) < before + 10_000


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
