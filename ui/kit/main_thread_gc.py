"""Python's cycle collector runs on the UI thread only.

CPython collects reference cycles in whichever thread happens to cross the allocation
threshold. The program's searches, exports and upgrades run in worker threads that allocate a
great deal, so a dialog or model caught in a cycle (a lambda connected to its own signal is
enough) could be destroyed from a worker thread while the UI thread walks the widget list: a
crash now and then, never the same twice. Automatic collection is therefore switched off and
the same generational collection is done here, on the UI thread, by a timer (the pattern
calibre and pyqtgraph use)."""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    """Collects each generation once its threshold is crossed, as CPython itself would."""
    INTERVAL_MS = 1000

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> int:
        """Collect what is due; returns the number of objects found unreachable."""
        young, middle, old = gc.get_count()
        if young <= self.threshold[0]:
            return 0
        found = gc.collect(0)
        if middle > self.threshold[1]:
            found += gc.collect(1)
            if old > self.threshold[2]:
                found += gc.collect(2)
        return found


_installed: list[MainThreadCollector] = []


def install(app: QObject) -> MainThreadCollector:
    """The collector of `app` (the QApplication), made once; call it from the UI thread."""
    if not _installed:
        _installed.append(MainThreadCollector(app))
    return _installed[0]
