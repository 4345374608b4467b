"""Deadlines of the seed, as functions of the clock and the settings (issue 7 generalises them).

Service sheet (信息反馈制度, 制度保障 4): the foreman verifies it the same day (领班按日检查核实),
and it is at the front desk before the next morning's meeting (次日早交班会前交总台).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from feedback_desk.base import clock, settings


def _local_to_utc(value: dt.datetime) -> dt.datetime:
    return clock.to_utc(value)


@dataclasses.dataclass(frozen=True)
class SheetDeadlines:
    verify_by: dt.datetime    # UTC: end of the sheet's day
    deliver_by: dt.datetime   # UTC: next morning's meeting


def sheet_deadlines(day: dt.date, meeting_time: dt.time | None = None) -> SheetDeadlines:
    """`meeting_time` saves reading the setting again (a page of sheets reads it once)."""
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))
    meeting = dt.datetime.combine(day + dt.timedelta(days=1), meeting_time or settings.morning_meeting())
    return SheetDeadlines(_local_to_utc(end_of_day), _local_to_utc(meeting))


def sheet_lateness(day: dt.date, state: str, verified_at: dt.datetime | None,
                   received_at: dt.datetime | None, now: dt.datetime | None = None,
                   meeting_time: dt.time | None = None) -> set[str]:
    """What is late about a sheet: {"unverified"} and/or {"not_received"}; empty when on time.

    A sheet verified or received after its deadline stays marked late, so the record shows it."""
    now = now or clock.now_utc()
    due = sheet_deadlines(day, meeting_time)
    late = set()
    if verified_at is None:
        if now >= due.verify_by:
            late.add("unverified")
    elif verified_at >= due.verify_by:
        late.add("verified_late")
    if received_at is None:
        if now >= due.deliver_by:
            late.add("not_received")
    elif received_at >= due.deliver_by:
        late.add("received_late")
    return late
