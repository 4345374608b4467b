"""What every desk's table shows of the deadline rules (issue 7): a Due column with the time
left or how late the item is, and a "Late by the rules" filter that picks exactly the items the
dashboard and the tab titles count as late.

A listing joins its desk's clock (`join_clock`) in its page query, adds `due_column()` to its
columns, offers `late_choice()` among its filters and turns a joined clock into text with
`DueCell.of`. Items entered since the last minute check have no clock yet: their due time is
what their rule will give (`fallback`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from feedback_desk.base import settings
from feedback_desk.loop.items import deadline_items
from feedback_desk.loop import rules as dr, clocks as deadlines, work_calendar as workcalendar
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.formatting import fmt_due, fmt_span
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column

LATE_CHOICE = "due:late"


def late_choice() -> tuple[str, str]:
    return LATE_CHOICE, _("Late by the rules")


late_condition = deadlines.late_condition


def join_clock(query: pw.Select, model, desk: str, alias=None, attr: str = "due_clock") -> pw.Select:
    """`query` with the desk's clock LEFT JOINed as `attr` on each record (select the alias's
    id, due_at, done_at, start and reported_at in the query)."""
    alias = alias or ItemClock
    return query.switch(model).join(alias, pw.JOIN.LEFT_OUTER, attr=attr,
                                    on=(alias.item_id == model.id) & (alias.desk == desk))


def clock_fields(alias=None) -> tuple:
    alias = alias or ItemClock
    return alias.id, alias.due_at, alias.done_at, alias.start, alias.reported_at, alias.flag


FLAG_SHORT = {"safety": N_("Safety hazard"), "emergency": N_("Emergency")}  # for a narrow cell
NO_DUE = "9999-12-31 00:00:00"  # sorts items with no running clock after every due time


def open_due(model, *desks: str):
    """SQL for sorting: the due time of the item's running clock on `desks` (the first that runs),
    else NO_DUE, so the most urgent come first. A subquery per row, no join: a listing sorts by
    it with `Column.scan` (the page's ids first, then only those rows joined)."""
    times = []
    for desk in desks:
        other = ItemClock.alias("sort_clock")
        running = pw.NodeList((other.select(other.due_at).where(
            (other.item_id == model.id) & (other.desk == desk) & other.done_at.is_null()),))
        # look only where a clock can run (complaints, not all feedback; open items)
        spec = deadline_items()[desk]
        times.append(pw.Case(None, [(spec.base() & spec.open_sql(), running)], None))
    return pw.fn.COALESCE(*times, NO_DUE)


def due_column(model, *desks: str, width: int = 190, label: str = N_("Due")) -> Column:
    # built when first sorted by: the desks' deadline items are read from the registry, which
    # cannot be asked while the listing classes themselves are being defined
    return Column("due", label, lambda: open_due(model, *desks), width=width, scan=True)


@dataclasses.dataclass(frozen=True)
class DueCell:
    due_at: dt.datetime | None
    late: bool
    text: str        # for the Due column: "3 h 5 min left · Nov 24, 17:00" / "⚠ late by 2 h 0 min"
    tooltip: str

    @staticmethod
    def of(joined, is_open: bool, now: dt.datetime, fallback: dt.datetime | None = None) -> "DueCell":
        """The cell of an item from its joined clock (which may be an empty LEFT JOIN row);
        `fallback` is the due time when it has no clock yet."""
        row = joined if joined is not None and getattr(joined, "id", None) is not None else None
        if not is_open or (row is not None and row.done_at is not None):
            return DueCell(None, False, "", "")
        due = row.due_at if row is not None else fallback
        if due is None:
            return DueCell(None, False, "", "")
        when = fmt_due(due)
        short = fmt_due(due, short=True)
        daily = row is not None and row.start == "progress"
        if now >= due:
            text = "⚠ " + _("late by {span}").format(span=fmt_span(now - due))
            tip = _("Late: due {when}").format(when=when)
        else:
            text = _("{span} left · {when}").format(when=short, span=fmt_span(due - now))
            tip = _("Due {when}").format(when=when)
        if daily:
            tip += "\n" + _("No deadline of its own: progress is reported every working day.")
        flag = row.flag if row is not None else ""
        if flag:  # marked a safety hazard or an emergency: its own, shorter clock
            text = f"{_(FLAG_SHORT[flag])} · {text}"
            tip = _(dr.SEVERITIES[flag]) + "\n" + tip
        return DueCell(due, now >= due, text, tip)


class Fallback:
    """Due times for a page's items that have no clock yet; reads the rules only if needed, and
    once per page: a listing with two clocks (service sheets) passes the first as `share`."""

    def __init__(self, desk: str, share: "Fallback | None" = None):
        self.desk = desk
        # [(rules, calendar, meeting time)] once read on first need; shared with `share`
        self._read: list = share._read if share is not None else []

    def __call__(self, item, joined) -> dt.datetime | None:
        if joined is not None and getattr(joined, "id", None) is not None:
            return None
        if not self._read:
            self._read.append((dr.active_rules(), workcalendar.all_overrides(), settings.morning_meeting()))
        return deadlines.expected_due(self.desk, item, *self._read[0])
