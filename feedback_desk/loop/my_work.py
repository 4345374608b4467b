"""My work (待办, issue 7): everything a person owns, heads, or had escalated or referred to
them that is still open, with the periodic duties due: what waits to be acknowledged first (work
given to them: 收到 / 我明白), then by due time."""
from __future__ import annotations

import dataclasses
import datetime as dt

from feedback_desk.base import clock, roles
from feedback_desk.loop.items import deadline_items
from feedback_desk.loop.models import Escalation, ItemClock
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff


@dataclasses.dataclass(frozen=True)
class WorkItem:
    desk: str              # complaint / … / duty
    item_id: int | None    # None for a periodic duty
    title: str
    due_at: dt.datetime
    late: bool
    left: dt.timedelta     # negative when late
    why: str               # owner / department / escalated / referred / duty
    step: int = 0
    duty_key: tuple[str, str] | None = None  # (duty, period) for a periodic duty
    daily: bool = False    # no deadline of its own: progress is reported every working day


def my_work(person: Staff, now: dt.datetime | None = None) -> list[WorkItem]:
    """Everything `person` owns, heads (unowned items of their department, as its head) or had
    escalated or referred to them, that is still open; and the periodic duties due, by due time.
    Items count once the minute check (or the one after each save) has given them a clock."""
    from feedback_desk.loop import duties

    now = now or clock.now_utc()
    to_me = {(e.desk, e.item_id): e.step for e in Escalation.select().where(Escalation.to_staff == person.id)}
    condition = ItemClock.owner == person.id
    headed = roles.headed_departments(person.id)
    if headed:
        condition |= ItemClock.owner.is_null() & ItemClock.department.in_(headed)
    for desk in {d for d, _i in to_me}:
        condition |= (ItemClock.desk == desk) & ItemClock.item_id.in_([i for d, i in to_me if d == desk])
    rows = list(ItemClock.select().where(ItemClock.done_at.is_null() & condition))
    work = []
    for name in {r.desk for r in rows}:
        desk = deadline_items()[name]
        mine = [r for r in rows if r.desk == name]
        items = {i.id: i for i in desk.model.select().where(desk.model.id.in_([r.item_id for r in mine]))}
        for r in mine:
            item = items.get(r.item_id)
            if item is None or item.voided or not desk.is_open(item):
                continue  # answered since the last check
            key = (r.desk, r.item_id)
            why = ("owner" if r.owner_id == person.id else
                   ("referred" if to_me[key] == 0 else "escalated") if key in to_me else "department")
            work.append(WorkItem(name, r.item_id, desk.title(item), r.due_at, now >= r.due_at,
                                 r.due_at - now, why, r.step, daily=r.start == "progress"))
    work.extend(duties.work_items(person, now))
    first = {key for key, desk in deadline_items().items() if desk.acknowledgement}
    # what waits to be acknowledged comes first (收到 / 我明白 within minutes), then by due time
    return sorted(work, key=lambda w: (w.desk not in first, w.due_at, w.desk, w.item_id or 0))


def why_label(why: str) -> str:
    return {"owner": _("Yours"), "department": _("Your department's"), "escalated": _("Escalated to you"),
            "referred": _("Referred to you"), "duty": _("Periodic duty")}[why]
