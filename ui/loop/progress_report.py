"""Reporting progress on work with no deadline of its own (日事日清): asked from My work and
from the maintenance page; an empty or refused note is explained and asked for again."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from feedback_desk.loop import clocks as deadlines
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff


def can_report(desk: str, item_id: int | None) -> bool:
    """Whether the item's clock is one re-armed by daily progress reports."""
    if item_id is None:
        return False
    return deadlines.reports_progress(ItemClock.get_or_none((ItemClock.desk == desk) & (ItemClock.item_id == item_id)))


def report_progress(parent: QWidget, desk: str, item_id: int, title: str, person: Staff,
                    note: str | None = None) -> bool:
    """Ask for the note (unless given) and report it; True once saved."""
    while True:
        if note is None:
            note, ok = QInputDialog.getMultiLineText(
                parent, _("Report progress"), _("{what}\nHow far has it got today?").format(what=title))
            if not ok:
                return False
        try:
            deadlines.report_progress(desk, item_id, note, person)
            return True
        except FeedbackDeskError as exc:
            QMessageBox.warning(parent, _("Report progress"),
                                "\n".join(getattr(exc, "errors", {}).values()) or str(exc))
            note = None  # ask again; nothing was saved
