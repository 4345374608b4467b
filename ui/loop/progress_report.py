"""Reporting progress on work with no deadline of its own (日事日清): asked from My work and
from the maintenance page; an empty or refused note is explained and asked for again."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from feedback_desk.loop import clocks as deadlines
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff

from ui.kit import operation


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
        if operation.run(parent, lambda: deadlines.report_progress(desk, item_id, note, person),
                         title=_("Report progress")).ok:
            return True
        note = None  # ask again; nothing was saved
