"""The figures of the monthly workbook (月度报表), counted in SQL; no Excel here, so they are
tested on their own and the workbook only lays them out."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

import peewee as pw

from feedback_desk.base import reading, settings, vocab
from feedback_desk.base.db import month_of
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.housekeeping.sheet_rules import sheet_lateness
from feedback_desk.desks.housekeeping.models import ServiceSheet
from feedback_desk.desks import registry
from feedback_desk.export.ledger_columns import Ledger
from feedback_desk.export.ledger_reading import readable_rows, reader_condition

SATISFIED = 3  # 满意 or better on the four levels


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _live(desk: Ledger, first: dt.date, last: dt.date, query, whole_hotel: bool = False):
    """Live rows of the period: in a workbook those its reader reads (a head, their departments'),
    on the dashboard (`whole_hotel`, counts only) the whole hotel's."""
    query = query.where(desk.period(first, last) & (desk.model.voided == False))  # noqa: E712
    readers = None if whole_hotel else reader_condition(desk)
    if readers is not None:
        query = query.where(readers)
    return query.where(desk.extra_where()) if desk.extra_where else query


@dataclasses.dataclass
class DeskCount:
    desk: str          # key
    title: str         # translated
    total: int
    by_state: list[tuple[str, int]]   # (translated state, count), in the order of the form, zeros included


def desk_counts(first: dt.date, last: dt.date) -> list[DeskCount]:
    """Live records of every desk in the period, per state (or kind) where the desk has one."""
    result = []
    r = reading.reach()
    for key, desk in registry.ledgers().items():
        if not readable_rows(desk, r).readable:
            continue
        spec = desk.counted_by
        if spec is None:
            total = _live(desk, first, last, desk.model.select()).count()
            result.append(DeskCount(key, _(desk.title), total, []))
            continue
        field = getattr(desk.model, spec[0])
        rows = dict(_live(desk, first, last, desk.model.select(field, pw.fn.COUNT(desk.model.id)))
                    .group_by(field).tuples())
        by_state = [(_(text), int(rows.pop(code, 0))) for code, text in spec[1].items()]
        by_state += [(str(code), int(n)) for code, n in rows.items()]
        result.append(DeskCount(key, _(desk.title), sum(n for _s, n in by_state), by_state))
    return result


@dataclasses.dataclass
class CategoryCount:
    label: str
    count: int
    serious: int
    key: int | None = None   # the department's id; None: not given


def complaints_by_department(first: dt.date, last: dt.date, whole_hotel: bool = False) -> list[CategoryCount]:
    """Complaints of the period by the department concerned, most first; serious ones counted apart
    (the reader's departments, or the `whole_hotel`'s for the dashboard)."""
    desk = registry.ledgers()["complaints"]
    count = pw.fn.COUNT(Feedback.id)
    serious = pw.fn.SUM(pw.Case(None, [(Feedback.serious == True, 1)], 0))  # noqa: E712
    query = _live(desk, first, last, Feedback.select(Department.name, count, serious, Department.id)
                  .join(Department, pw.JOIN.LEFT_OUTER, on=(Feedback.department == Department.id)), whole_hotel)
    rows = query.group_by(Department.id, Department.name).order_by(count.desc(), Department.name.asc(nulls="LAST")).tuples()
    return [CategoryCount(name or _("Department not given"), int(n), int(s or 0), key)
            for name, n, s, key in rows]


@dataclasses.dataclass
class Satisfaction:
    aspect: str            # translated
    average: float | None  # on the four levels, 4 best
    satisfied: float | None  # share rated satisfied or better, 0..1
    ratings: int
    last_average: float | None
    last_satisfied: float | None
    last_ratings: int


def _ratings(first: dt.date, last: dt.date) -> dict[str, tuple[float | None, float | None, int]]:
    fields = [getattr(Feedback, key) for key in vocab.RATING_ASPECTS]
    cols = []
    for f in fields:
        cols += [pw.fn.AVG(f), pw.fn.SUM(pw.Case(None, [(f >= SATISFIED, 1)], 0)), pw.fn.COUNT(f)]
    row = (Feedback.select(*cols).where(Feedback.date.between(first, last) & (Feedback.voided == False))  # noqa: E712
           .tuples().get())
    result = {}
    for n, key in enumerate(vocab.RATING_ASPECTS):
        avg, ok, count = row[3 * n: 3 * n + 3]
        count = int(count or 0)
        result[key] = (float(avg) if count else None, int(ok or 0) / count if count else None, count)
    return result


def satisfaction(year: int, month: int) -> list[Satisfaction]:
    """Each aspect this month against last month."""
    now = _ratings(*month_bounds(year, month))
    before = _ratings(*month_bounds(*previous_month(year, month)))
    return [Satisfaction(_(text), *now[key], *before[key]) for key, text in vocab.RATING_ASPECTS.items()]


def satisfaction_trend(year: int, month: int, months: int = 12) -> list[tuple[str, list[float | None]]]:
    """("YYYY-MM", [average per aspect]) for the `months` months ending with this one, empty months too."""
    keys = []
    y, m = year, month
    for _n in range(months):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = previous_month(y, m)
    keys.reverse()
    first = dt.date(int(keys[0][:4]), int(keys[0][5:]), 1)
    period = month_of(Feedback.date)
    query = (Feedback.select(period, *[pw.fn.AVG(getattr(Feedback, k)) for k in vocab.RATING_ASPECTS])
             .where(Feedback.date.between(first, month_bounds(year, month)[1])
                    & (Feedback.voided == False))  # noqa: E712
             .group_by(period).tuples())
    found = {row[0]: [float(v) if v is not None else None for v in row[1:]] for row in query}
    return [(k, found.get(k, [None] * len(vocab.RATING_ASPECTS))) for k in keys]


@dataclasses.dataclass
class SheetLateness:
    sheets: int
    late: int                    # sheets with anything late or unverified
    by_kind: dict[str, int]      # unverified / verified_late / not_received / received_late


def service_lateness(first: dt.date, last: dt.date) -> SheetLateness:
    meeting = settings.morning_meeting()
    by_kind = {"unverified": 0, "verified_late": 0, "not_received": 0, "received_late": 0}
    sheets = late = 0
    query = (ServiceSheet.select(ServiceSheet.date, ServiceSheet.state, ServiceSheet.verified_at,
                                 ServiceSheet.received_at)
             .where(ServiceSheet.date.between(first, last) & (ServiceSheet.voided == False))  # noqa: E712
             .tuples())
    for day, state, verified_at, received_at in query.iterator():
        sheets += 1
        marks = sheet_lateness(day, state, verified_at, received_at, meeting_time=meeting)
        late += bool(marks)
        for k in marks:
            by_kind[k] += 1
    return SheetLateness(sheets, late, by_kind)


@dataclasses.dataclass
class Adoption:
    entries: int
    decided: int
    adopted: int
    partly: int
    not_adopted: int
    rate: float | None   # (adopted + partly) / decided


def suggestion_adoption(year: int, month: int) -> Adoption:
    from feedback_desk.desks.suggestions.listings import adoption_by_month

    for row in adoption_by_month(year):
        if row.month == f"{year:04d}-{month:02d}":
            return Adoption(row.entries, row.decided, row.adopted, row.partly, row.not_adopted,
                            row.rate if row.decided else None)
    return Adoption(0, 0, 0, 0, 0, None)


def reward_points(year: int, month: int) -> list[tuple[str, int]]:
    """Points granted in the month per kind (translated), live grants only."""
    from feedback_desk.desks.suggestions.points import ledger_totals

    totals = ledger_totals(None, year)
    return [(_(text), totals.month(month, kind)) for kind, text in vocab.REWARD_KINDS.items()]


def overdue_now() -> list[tuple[str, str, int]]:
    """What is open or overdue today, whenever it was raised: (listing, translated title, count),
    each desk counting by its own definition (its spec's `still_open`)."""
    return [(line.key, _(line.title), line.count()) for spec in registry.specs() for line in spec.still_open]
