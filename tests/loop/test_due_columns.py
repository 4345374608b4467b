"""Every desk's table shows each item's due time and time left, marks it once it is late by
the rules, and its "Late by the rules" filter picks exactly the late ones, as many as the
dashboard and the tab titles count (issue 7, closing the loop).

Each desk is walked through as a user meets it: an item is entered (or a sheet verified), the
minute check gives it its clock, the clock passes its due time, and the desk answers it.
All times are China time; the week is 9-13 November 2026 (Monday to Friday, no holiday).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import zoneinfo
from typing import Any, Callable

import pytest

from feedback_desk.base import clock
from feedback_desk.loop import clocks as deadlines
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import maintenance, rooms, service_log
from feedback_desk.desks.quality import sheets as quality, actions as quality_actions
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.base.formatting import fmt_due, fmt_span
from feedback_desk.base.listing import Filters, Listing, Row
from feedback_desk.desks.quality.listings import ActionListing, AnomalyListing
from feedback_desk.desks.housekeeping.models import MaintenanceItem, ServiceSheet
from feedback_desk.desks.housekeeping.listings import MaintenanceListing, SheetListing
from feedback_desk.desks.suggestions.listings import SuggestionListing
from feedback_desk.desks.feedback.listings import FeedbackListing

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
H = dt.timedelta(hours=1)


def utc(m, d, hh=0, mm=0) -> dt.datetime:
    """Naive UTC of a China wall-clock time in 2026 (computed apart from the code)."""
    return dt.datetime(2026, m, d, hh, mm, tzinfo=SH).astimezone(dt.timezone.utc).replace(tzinfo=None)


T0 = utc(11, 11, 10)  # Wednesday 11 November, 10:00


@pytest.fixture
def desk(db, shanghai, clerk, other):
    """王芳 enters and checks things, 李娜 answers them and keeps service sheets on floors 12-19;
    the suggestion box has its categories."""
    for floor in range(12, 20):
        rooms.add_floor(floor, floor * 100 + 1, floor * 100 + 6, "Standard")
    suggestions.ensure_categories()
    return {"clerk": clerk, "other": other, "floors": itertools.cycle(range(12, 20))}


# --- each desk: how an item is entered and answered -------------------------------------------

def _sheet(people, at: dt.datetime, verify: bool = False) -> ServiceSheet:
    """李娜's service sheet of the local day of `at` (the next floor), one room done; verified by
    王芳 at `at` if asked."""
    clock.set_now(at)
    day = clock.to_local(at).date()
    sheet = service_log.create_sheet({"date": day, "floor": next(people["floors"]), "attendant": people["other"]},
                                     people["other"])
    service_log.add_line(sheet.id, {"room": f"{sheet.floor}01", "room_state": "checkout"}, people["other"])
    if verify:
        sheet = service_log.verify_sheet(sheet.id, sheet.version, people["clerk"])
    return sheet


def _complaint(people, at):
    clock.set_now(at)
    return feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": clock.today_local(),
                                     "text": "汤里有头发", "state": "registered", "handler": people["other"].id},
                                    people["clerk"])


def _reply(people, item):
    item = type(item).get_by_id(item.id)
    feedback.update_feedback(item.id, item.version, {
        **item.__data__, "state": "replied", "reply_method": "phone", "reply_on": clock.today_local(),
        "reply_by": people["other"].id, "reply_text": "已致歉并更换"}, people["other"])


def _suggestion(people, at):
    clock.set_now(at)
    return suggestions.drop_suggestion({"category": suggestions.categories()[0].id, "text": "宿舍热水时有时无",
                                        "anonymous": True, "received_on": clock.today_local()}, people["clerk"])


def _answer(people, item):
    item = type(item).get_by_id(item.id)
    suggestions.answer(item.id, item.version, "已安排物业检修", "adopted", people["other"])


def _anomaly(people, at):
    clock.set_now(at)
    return quality.raise_sheet({"source": "internal", "product": "阀体 DN50", "batch": "B1", "quantity": 5,
                                "description": "密封面有砂眼", "severity": "general"}, people["clerk"])


def _take_up(people, item):
    item = type(item).get_by_id(item.id)
    quality.advance(item.id, item.version, "investigating", people["clerk"])


def _action(people, at):
    """A corrective action due the day after `at`; its completion is reported a working day later."""
    sheet = _anomaly(people, at)
    sheet = quality.advance(sheet.id, sheet.version, "investigating", people["clerk"])
    return quality_actions.add_action(sheet.id, {
        "kind": "corrective", "what": "更换筛网", "owner": people["other"].id,
        "due_on": clock.today_local() + dt.timedelta(days=1)}, people["clerk"])


def _done(people, item):
    item = type(item).get_by_id(item.id)
    quality_actions.update_action(item.id, item.version, {"done_on": clock.today_local(), "evidence": "已换"},
                                  people["clerk"])


def _follow_up(people, at):
    """A dripping air conditioner written on a service sheet's line opens a follow-up."""
    sheet = _sheet(people, at)
    service_log.add_line(sheet.id, {"room": f"{sheet.floor}02", "room_state": "stayover",
                                    "maintenance": "空调滴水"}, people["other"])
    return MaintenanceItem.select().order_by(MaintenanceItem.id.desc()).get()


def _checked(people, item):
    item = MaintenanceItem.get_by_id(item.id)
    for step in ("assigned", "fixed", "checked")[("reported", "assigned", "fixed").index(item.state):]:
        item = maintenance.advance(item.id, item.version, step, people["clerk"],
                                   owner_id=people["other"].id if step == "assigned" else None)


def _unverified(people, at):
    return _sheet(people, at)


def _verify(people, item):
    item = ServiceSheet.get_by_id(item.id)
    service_log.verify_sheet(item.id, item.version, people["clerk"])


def _verified(people, at):
    return _sheet(people, at, verify=True)


def _receive(people, item):
    item = ServiceSheet.get_by_id(item.id)
    service_log.receive_sheet(item.id, item.version, people["other"])


def _running_due(clock_name: str, item_id: int) -> dt.datetime | None:
    """The due time on the item's running clock, as the minute check set it."""
    row = ItemClock.get_or_none((ItemClock.desk == clock_name) & (ItemClock.item_id == item_id)
                                & ItemClock.done_at.is_null())
    return row.due_at if row else None


@dataclasses.dataclass
class Desk:
    clock: str                      # the clock the item's row shows first
    listing: type[Listing]
    desks: tuple[str, ...]          # the clocks whose late items the listing's filter shows
    make: Callable[[Any, dt.datetime], Any]
    answer: Callable[[Any, Any], None]
    due: dt.datetime | None         # by the default rules (None: as its clock says)
    left: str                       # time left at T0 + 1 h, as the column says it
    after: str = ""                 # the Due column once answered ('' nothing left to do)
    warn_on_time: bool = False      # the row stands out even when on time


DESKS = {
    # answered within 24 hours of being entered
    "complaint": Desk("complaint", FeedbackListing, ("complaint",), _complaint, _reply, T0 + 24 * H, "23 h 0 min left"),
    # 24 hours from the end of the day received
    "suggestion": Desk("suggestion", SuggestionListing, ("suggestion",), _suggestion, _answer, utc(11, 13),
                       "1 d 13 h left"),
    # taken up within 24 hours of being raised
    "anomaly": Desk("anomaly", AnomalyListing, ("anomaly",), _anomaly, _take_up, T0 + 24 * H, "23 h 0 min left"),
    # due Thursday the 12th: done and reported by the end of Friday the 13th
    "capa": Desk("capa", ActionListing, ("capa",), _action, _done, utc(11, 14), "2 d 13 h left"),
    # whatever the maintenance rule says (the clock given by the check is the reference here)
    "maintenance": Desk("maintenance", MaintenanceListing, ("maintenance",), _follow_up, _checked, None, "",
                        warn_on_time=True),
    # verified by the foreman by the end of its day; once verified the Due column gives the next
    # deadline, the front desk's: before the 08:00 meeting next morning (5 h away when verified at 03:00)
    "service_sheet": Desk("service_sheet", SheetListing, ("service_sheet", "sheet_delivery"), _unverified, _verify,
                          utc(11, 12), "13 h 0 min left", after="5 h 0 min left"),
    # at the front desk before the next morning meeting (08:00)
    "sheet_delivery": Desk("sheet_delivery", SheetListing, ("service_sheet", "sheet_delivery"), _verified, _receive,
                           utc(11, 12, 8), "21 h 0 min left"),
}


def _row(listing: Listing, item_id: int) -> tuple[dict[str, str], Row]:
    rows = listing.page(Filters(include_void=True), None, False, 0, 200)
    row = next(r for r in rows if r.id == item_id)
    return dict(zip([c.key for c in listing.columns], row.values)), row


def _late_ids(listing: Listing) -> set[int]:
    return {r.id for r in listing.page(Filters(choice=LATE_CHOICE), "due", False, 0, 200)}


def _counted_late(spec: Desk) -> int:
    """What the tab title and the dashboard count for the desk (one clock, one count)."""
    return sum(deadlines.late_count(name) for name in spec.desks)


@pytest.mark.parametrize("name", list(DESKS))
def test_an_item_shows_its_due_time_turns_late_and_leaves_the_late_filter_when_answered(desk, name):
    spec = DESKS[name]
    listing = spec.listing()
    item = spec.make(desk, T0)
    deadlines.run_checks(T0 + dt.timedelta(minutes=1))   # the minute check gives it its clock
    due = _running_due(spec.clock, item.id)
    assert due > T0 and due == (spec.due or due)

    # open and on time: when it is due and how long is left
    clock.set_now(T0 + H)
    shown, row = _row(listing, item.id)
    left = spec.left or f"{fmt_span(due - clock.now_utc())} left"
    assert left in shown["due"] and not shown["due"].startswith("⚠")
    assert f"Due {fmt_due(due)}" in row.tooltip
    assert row.warn == spec.warn_on_time
    assert _late_ids(listing) == set() and listing.count(Filters(choice=LATE_CHOICE)) == 0 == _counted_late(spec)

    # two hours past its due time, after the minute check: late, standing out, in the late filter
    late = due + 2 * H
    fresh = spec.make(desk, late)                        # entered just now: not late
    clock.set_now(late)
    deadlines.run_checks(late)
    shown, row = _row(listing, item.id)
    assert shown["due"] == "⚠ late by 2 h 0 min"
    assert f"Late: due {fmt_due(due)}" in row.tooltip and row.warn
    assert "left" in _row(listing, fresh.id)[0]["due"]
    assert _late_ids(listing) == {item.id}
    assert listing.count(Filters(choice=LATE_CHOICE)) == 1 == _counted_late(spec)

    # answered: out of the late filter at once, and still after the next check stops its clock
    clock.set_now(late + H)
    spec.answer(desk, item)
    for check in (False, True):
        if check:
            deadlines.run_checks(late + H)
        shown, row = _row(listing, item.id)
        if spec.after:  # the next deadline
            assert spec.after in shown["due"]
        else:
            assert shown["due"] == ""
        assert "Late:" not in row.tooltip
        assert _late_ids(listing) == set()
        assert listing.count(Filters(choice=LATE_CHOICE)) == 0 == _counted_late(spec)


def test_the_due_column_sorts_by_the_running_clock(desk):
    """Sorted by Due, the soonest deadline comes first; answered complaints, whose clocks have
    stopped, have none and come after every due time (descending: the other way round)."""
    listing = FeedbackListing()
    made = [_complaint(desk, T0 + n * H) for n in (3, 0, 5, 1)]
    deadlines.run_checks(T0 + 6 * H)
    clock.set_now(T0 + 6 * H)
    _reply(desk, made[2])
    deadlines.run_checks(T0 + 6 * H)
    rows = listing.page(Filters(), "due", False, 0, 50)
    assert [r.id for r in rows] == [made[i].id for i in (1, 3, 0, 2)]
    assert [r.id for r in listing.page(Filters(), "due", True, 0, 50)] == [made[i].id for i in (2, 0, 3, 1)]
    due = [c.key for c in listing.columns].index("due")
    assert rows[-1].values[due] == ""                       # answered
    assert "18 h 0 min left" in rows[0].values[due]         # entered at 10:00, due 10:00 tomorrow
    assert "21 h 0 min left" in rows[2].values[due]


# --- the dashboard and the tab titles count what the filters show -----------------------------

def test_late_counts_agree_with_each_desks_late_filter(desk):
    """Items of every desk entered on Wednesday morning and on Friday; seen on Friday at 11:00,
    the Wednesday ones are late on every desk but the CAPA actions (reported by the end of Friday)."""
    made = {name: [spec.make(desk, at) for at in (T0, T0 + 2 * H, utc(11, 13, 9))]
            for name, spec in DESKS.items()}
    now = utc(11, 13, 11)
    clock.set_now(now)
    deadlines.run_checks(now)
    for name, spec in DESKS.items():
        if name in ("service_sheet", "sheet_delivery"):
            continue
        count = spec.listing().count(Filters(choice=LATE_CHOICE))
        assert count == deadlines.late_count(name) == (0 if name == "capa" else 2), name
        assert _late_ids(spec.listing()) == {i.id for i in made[name] if deadlines.is_late(i, now)}, name

    # service sheets have two clocks: the table's filter shows a sheet late on either once
    sheets = SheetListing()
    verify = {s.id for s in ServiceSheet.select() if s.state == "open" and deadlines.is_late(s, now)}
    deliver = {s.id for s in ServiceSheet.select() if s.received_at is None and ItemClock.select().where(
        (ItemClock.desk == "sheet_delivery") & (ItemClock.item_id == s.id) & ItemClock.done_at.is_null()
        & (ItemClock.due_at <= now)).exists()}
    assert verify and deliver and verify & deliver and deliver - verify
    assert deadlines.late_count("service_sheet") == len(verify)
    assert deadlines.late_count("sheet_delivery") == len(deliver)
    assert _late_ids(sheets) == verify | deliver
    assert sheets.count(Filters(choice=LATE_CHOICE)) == len(verify | deliver) == (
        deadlines.late_count("service_sheet") + deadlines.late_count("sheet_delivery") - len(verify & deliver))
