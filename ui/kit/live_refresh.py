"""Live refresh: what other workstations save shows here within about a second.

Once a second the window asks the core (base/live.py) whether anything was saved anywhere; only
then does it refresh its tables and dashboard and tell each open form whose record someone else
changed. The asking costs next to nothing while nothing is saved (a notification on the server,
a counter of the file's changes on SQLite); the window never asks the database itself."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from feedback_desk.base import live

from ui.kit.forms import FormDialog

log = logging.getLogger(__name__)
EVERY_MS = 1000


class LiveRefresh(QObject):
    saved = Signal(list)  # [live.Saved]: records saved since the last look (maybe none: a clock moved)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.watch = live.SaveWatch()
        self.timer = QTimer(self)
        self.timer.setInterval(EVERY_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def look(self) -> list | None:
        try:
            saves = self.watch.poll()
        except Exception as exc:  # a database fault: said where the user saves, not once a second here
            log.info("live refresh: %s", exc)
            return None
        if saves is not None:
            tell_open_forms(saves)
            self.saved.emit(saves)
        return saves

    def stop(self) -> None:
        self.timer.stop()
        self.watch.close()


def tell_open_forms(saves: list) -> None:
    """Each open form whose record was saved by someone else since it was opened says so."""
    by_record = {(s.table, s.record_id): s for s in saves}
    for widget in QApplication.topLevelWidgets():
        if not isinstance(widget, FormDialog) or not widget.isVisible():
            continue
        shown = widget.watched_record()
        saved = by_record.get((shown._meta.table_name, shown.id)) if shown is not None else None
        if saved is None:
            continue
        now = type(shown).get_or_none(type(shown).id == shown.id)
        if now is not None and now.version > shown.version:
            widget.changed_elsewhere(saved.by, saved.at)
