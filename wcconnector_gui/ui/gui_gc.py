"""Run Python's cycle collector on the GUI thread only.

WORKAROUND: the collector runs in whichever thread happens to allocate. When a
worker thread triggers it and the garbage holds a widget (a closed window or
dialog kept alive by a reference cycle), Qt destroys that widget on the
worker thread and crashes (seen with gdb: ``~QAbstractItemView`` on the
"TaskWorker" thread). So automatic collection is switched off and a timer on
the GUI thread collects when the generation counts call for it.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)
        gc.disable()

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                break

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()


_collector: GuiThreadCollector | None = None


def install(parent: QObject | None = None) -> GuiThreadCollector:
    """Switch to GUI-thread collection (once per process)."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(parent)
    return _collector


def freeze_long_lived() -> None:
    """Exclude what exists now (e.g. 100,000 freshly loaded grid rows) from later collections.

    The rows hold no reference cycles; without this every full collection walks
    over a million row objects (~100 ms, a visible stall).
    """
    gc.freeze()
