"""Marking the selected record a safety hazard (reported within 2 hours) or an emergency
(reported within 1 hour after it was handled), or taking the mark off: the seed's 第五条 and
第三条. The clock restarts under the matching rule; the record's history says who marked it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from feedback_desk.base import clock
from feedback_desk.loop import clocks as deadlines
from feedback_desk.base.formatting import fmt_due
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.loop.items import deadline_items


def ask_handled_at(parent: QWidget, title: str) -> dt.datetime | None:
    """When the emergency was handled (local time, now by default, not in the future); naive UTC."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Mark as an emergency"))
    form = QFormLayout(dialog)
    note = QLabel(_("{what}\nAn emergency is reported within 1 hour after it was handled.").format(what=title))
    note.setWordWrap(True)
    note.setMinimumWidth(420)
    form.addRow(note)
    now = clock.to_local(clock.now_utc())
    edit = QDateTimeEdit(QDateTime(now.date(), now.time().replace(microsecond=0)))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setMaximumDateTime(QDateTime(now.date(), now.time().replace(microsecond=0)))
    edit.setCalendarPopup(True)
    form.addRow(_("&Handled at"), edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return clock.to_utc(edit.dateTime().toPython())


def mark_record(parent: QWidget, item, flag: str, person: Staff, handled_at: dt.datetime | None = None) -> str:
    """Mark `item` (a record with a deadline) and say what now follows, for the status bar;
    '' when it cannot be marked (answered, or on a desk with no deadlines)."""
    if deadlines.desk_of(item) is None or not deadlines.is_open(item):
        return ""
    title = " ".join(deadline_items()[deadlines.desk_of(item)].title(item).split())
    if flag == "emergency" and handled_at is None:
        handled_at = ask_handled_at(parent, title)
        if handled_at is None:
            return ""
    row = deadlines.mark(item, flag, person, handled_at)
    if row is None:
        return ""
    if not flag:
        return _("Mark taken off: {what} is due {when}").format(what=title, when=fmt_due(row.due_at))
    return {"safety": _("Safety hazard: {what} is to be reported by {when}"),
            "emergency": _("Emergency: {what} is to be reported by {when}")}[flag].format(
        what=title, when=fmt_due(row.due_at))
