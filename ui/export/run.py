"""Running a long export off the UI thread, with progress, cancel and "open the folder"."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from feedback_desk.base.db import worker_binding
from feedback_desk.base.i18n import _


class ExportCancelled(Exception):
    pass


def table_by_table(progress: Callable, cancelled: Callable, tables: int) -> Callable:
    """A whole database's copy (copying.Progress: table, rows done, its rows) as the progress of
    one bar, a step per table; Cancel stops the copy between two batches of rows."""
    finished: set[str] = set()

    def copied(table: str, done: int, total: int) -> None:
        if cancelled():
            raise ExportCancelled()
        if done >= total:
            finished.add(table)
        progress(len(finished), tables)
    return copied


class ExportWorker(QThread):
    """Runs `job(progress, cancelled)` on its own database connection; never touches widgets."""
    progressed = Signal(int, int)
    failed = Signal(str)
    succeeded = Signal(str)

    def __init__(self, job: Callable, parent=None):
        super().__init__(parent)
        self.job = job
        self._cancel = False
        self.bound = worker_binding()

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            with self.bound():
                path = self.job(lambda done, total: self.progressed.emit(int(done), int(total)),
                                lambda: self._cancel)
            if self._cancel:
                self.failed.emit("")
            else:
                self.succeeded.emit(str(path))
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user
            self.failed.emit("" if self._cancel else str(exc))


def run_export(parent: QWidget, title: str, job: Callable, ask_open: bool = True) -> ExportWorker:
    """Start the export; a progress dialog with Cancel follows it; at the end offer to open the folder."""
    dialog = QProgressDialog(_("Exporting…"), _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    worker = ExportWorker(job, parent)
    worker.progressed.connect(lambda done, total: (dialog.setMaximum(max(total, 1)), dialog.setValue(done)))
    dialog.canceled.connect(worker.cancel)

    def done(path: str) -> None:
        dialog.reset()
        if not ask_open:
            return
        answer = QMessageBox.question(parent, title, _("Saved {path}. Open the folder?").format(path=path),
                                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def failed(message: str) -> None:
        dialog.reset()
        if message:
            QMessageBox.warning(parent, title, message)

    worker.succeeded.connect(done)
    worker.failed.connect(failed)
    worker.start()
    return worker
