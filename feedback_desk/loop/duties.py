"""Periodic duties of the seed (顾客反馈信息管理制度; 公司信息沟通管理制度), computed, not stored:

- quarterly summary (按季度汇总, 每季度末前一星期内送交): shows in the quarter's last 7 days,
  due at its end; done by hand (`complete_duty`), with a note;
- satisfaction survey (每年第四季度以电话拜访形式进行满意度调查): shows from 1 October, due
  31 December; done by a rated feedback entry by phone or revisit in Q4, or by hand;
- customer revisits (一月、四月、七月、十月的月末5日内完成): shows in the last 5 days of
  January, April, July and October, due at the month's end; done by a 'revisit' feedback
  entry dated in those 5 days, or by hand.
Only `DutyDone` (a duty done by hand) is stored. The duties go to the deputy general manager
(the seed's 主管副总经理, who receives these reports) and to the general manager.
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from feedback_desk.base import access, clock, roles
from feedback_desk.loop import permissions, work_calendar as workcalendar
from feedback_desk.base.db import write_transaction
from feedback_desk.loop.models import DutyDone
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback

DUTIES = {
    "quarterly_summary": N_("Quarterly summary of customer feedback"),
    "satisfaction_survey": N_("Customer satisfaction survey (fourth quarter, by phone)"),
    "revisit": N_("Customer revisits (in the last 5 days of the month)"),
}
DUTY_ROLES = ("deputy_gm", "gm")
_RATINGS = ("rating_attitude", "rating_skill", "rating_timeliness", "rating_promise",
            "rating_food", "rating_service", "rating_environment")


@dataclasses.dataclass(frozen=True)
class Duty:
    duty: str
    period: str
    opens_on: dt.date      # local date it shows from
    last_day: dt.date      # local date it is due by (its end)
    done_by: str = ""      # 'hand' or 'feedback:<id>' when done

    @property
    def due_at(self) -> dt.datetime:
        return workcalendar.end_of_day_utc(self.last_day)

    @property
    def done(self) -> bool:
        return bool(self.done_by)

    def label(self) -> str:
        return f"{_(DUTIES[self.duty])} {self.period}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _instances(year: int) -> list[Duty]:
    out = []
    for q in range(1, 5):
        end = _month_end(year, q * 3)
        out.append(Duty("quarterly_summary", f"{year}-Q{q}", end - dt.timedelta(days=6), end))
    out.append(Duty("satisfaction_survey", f"{year}", dt.date(year, 10, 1), dt.date(year, 12, 31)))
    for month in (1, 4, 7, 10):
        end = _month_end(year, month)
        out.append(Duty("revisit", f"{year}-{month:02d}", end - dt.timedelta(days=4), end))
    return out


def _fulfilled_by(duty: Duty) -> str:
    """The record that fulfils a duty of its own accord ('' if none)."""
    alive = Feedback.voided == False  # noqa: E712
    if duty.duty == "revisit":
        query = Feedback.select(Feedback.id).where(alive & (Feedback.channel == "revisit")
                                                   & Feedback.date.between(duty.opens_on, duty.last_day))
    elif duty.duty == "satisfaction_survey":
        rated = None
        for name in _RATINGS:
            cond = getattr(Feedback, name).is_null(False)
            rated = cond if rated is None else rated | cond
        query = Feedback.select(Feedback.id).where(alive & Feedback.channel.in_(("phone", "revisit")) & rated
                                                   & Feedback.date.between(duty.opens_on, duty.last_day))
    else:
        return ""
    found = query.order_by(Feedback.date, Feedback.id).scalar()
    return f"feedback:{found}" if found else ""


def duties(now: dt.datetime | None = None, include_done: bool = False) -> list[Duty]:
    """The duties shown by `now`, by due date: open ones until a quarter after their due day
    (with `include_done`, all of this year's and last year's that have opened)."""
    today = clock.to_local(now or clock.now_utc()).date()
    by_hand = {(d.duty, d.period) for d in DutyDone.select(DutyDone.duty, DutyDone.period)}
    out = []
    for year in (today.year - 1, today.year):
        for duty in _instances(year):
            # not yet shown, or over a quarter past (a new database does not inherit last year)
            if duty.opens_on > today or (duty.last_day < today - dt.timedelta(days=92) and not include_done):
                continue
            done = "hand" if (duty.duty, duty.period) in by_hand else _fulfilled_by(duty)
            duty = dataclasses.replace(duty, done_by=done)
            if include_done or not duty.done:
                out.append(duty)
    return sorted(out, key=lambda d: (d.last_day, d.duty))


def complete_duty(duty: str, period: str, by: Staff | None, note: str = "") -> DutyDone:
    """Mark a duty done by hand (e.g. the quarterly summary handed to the quality department):
    by the roles it goes to."""
    if duty not in DUTIES:
        raise ValidationError({"duty": _("Choose a duty from the list.")})
    access.require(permissions.COMPLETE_DUTY, by)
    with write_transaction():
        row = DutyDone.get_or_none((DutyDone.duty == duty) & (DutyDone.period == period))
        if row is not None:
            return row
        return DutyDone.create(duty=duty, period=period, done_at=clock.now_utc(), done_by=by,
                               note=(note or "").strip())


def work_items(person: Staff, now: dt.datetime) -> list:
    from feedback_desk.loop.my_work import WorkItem

    if not roles.roles_of(person.id) & set(DUTY_ROLES):
        return []
    return [WorkItem("duty", None, d.label(), d.due_at, now >= d.due_at, d.due_at - now, "duty",
                     duty_key=(d.duty, d.period)) for d in duties(now)]
