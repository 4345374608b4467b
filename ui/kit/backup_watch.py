"""The automatic daily backup, for the main window: a minute after the window opens and every
hour after, in a worker thread (backups.take_daily does nothing when today's copy exists). What
is wrong (a failure, none for too long) is said by `said`; "" when the backups are in order."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from feedback_desk import backups

from ui.kit.background import run_in_background

FIRST_MS = 60_000
EVERY_MS = 3_600_000


class BackupWatch(QObject):
    said = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(EVERY_MS)
        self.timer.timeout.connect(self.take)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.setInterval(FIRST_MS)
        self.first.timeout.connect(self.take)
        self._worker = None
        self.stopped = False

    def start(self) -> None:
        self.first.start()
        self.timer.start()

    def stop(self) -> None:
        self.stopped = True
        self.first.stop()
        self.timer.stop()

    def take(self) -> None:
        if self._worker is not None or self.stopped:
            return
        self._worker = run_in_background(self, backups.take_daily, self._over, self._over)

    def _over(self, _outcome) -> None:
        self._worker = None
        if not self.stopped:
            self.said.emit(backups.status())
