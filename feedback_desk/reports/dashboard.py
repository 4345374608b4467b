"""The dashboard's figures (issue 7, item 6): what is open and late on each desk, this month's
complaints by the department concerned, the satisfaction trend, the anomaly Pareto and the
suggestions adopted. No Qt here: the UI only draws these.

Every bar carries a `Drill`: the desk and the filter (a choice of that desk's listing and a date
range) that list the records behind it, so a click opens exactly what the bar counts. Figures
come from the monthly workbook's functions, the quality archive's Pareto, the suggestion box's
adoption per month, the listings' own filters and the deadline clocks — no SQL of its own.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from feedback_desk.base import clock
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.reports.monthly_figures import (complaints_by_department, month_bounds, previous_month,
                                                   satisfaction_trend)
from feedback_desk.base.i18n import _
from feedback_desk.base.listing import Filters
from feedback_desk.desks.quality.listings import pareto
from feedback_desk.desks.safety.listings import incidents_by_kind, open_hazards_by_area
from feedback_desk.desks.safety import HAZARD_AREAS, INCIDENT_KIND_NAMES
from feedback_desk.desks.suggestions.listings import adoption_by_month
from feedback_desk.desks.work.listings import WorkListing, work_by_department
from feedback_desk.base.vocab import RATING_ASPECTS, label
from feedback_desk.desks import registry

MONTHS = 12
ACKNOWLEDGED_DAYS = 30  # the work bars' acknowledgement times: items given over the last 30 days


@dataclasses.dataclass(frozen=True)
class Drill:
    """The records behind a bar: a desk ('complaints', 'service_sheets', 'maintenance',
    'anomalies', 'capa_actions', 'suggestions'), a choice of its listing, a date range, a text."""
    desk: str
    choice: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""

    def filters(self) -> Filters:
        return Filters(text=self.text, choice=self.choice, date_from=self.date_from, date_to=self.date_to)


@dataclasses.dataclass
class DeskLoad:
    desk: str               # the drill's desk key
    title: str              # translated
    open: int               # exactly what open_drill lists
    overdue: int            # exactly what overdue_drill lists: open items past their due time
    open_drill: Drill
    overdue_drill: Drill    # the desk's "Late by the rules" filter


@dataclasses.dataclass
class Bar:
    label: str
    count: int
    drill: Drill
    extra: int = 0          # serious complaints; unused elsewhere


@dataclasses.dataclass
class ParetoBar:
    label: str
    count: int
    cumulative: float       # running percent, 0..100
    drill: Drill


@dataclasses.dataclass
class SuggestionMonth:
    month: str              # "YYYY-MM"
    received: int
    adopted: int            # fully or partly
    received_drill: Drill
    adopted_drill: Drill


@dataclasses.dataclass
class DepartmentWorkBar:
    """One answering department's open and late work now, and how long its acknowledgements of the
    work given over the last 30 days took (minutes: the median and the slowest; None: none yet)."""
    label: str
    open: int               # exactly what open_drill lists
    late: int               # exactly what late_drill lists
    median_minutes: float | None
    slowest_minutes: float | None
    open_drill: Drill
    late_drill: Drill


@dataclasses.dataclass
class DashboardFigures:
    today: dt.date
    desks: list[DeskLoad]
    complaints: list[Bar]                          # this month, by department concerned, most first
    months: list[str]                              # the 12 months of the trends, oldest first
    satisfaction: list[float | None]               # overall average per month (mean of the aspects rated)
    aspects: list[tuple[str, list[float | None]]]  # (translated aspect, average per month)
    pareto: list[ParetoBar]                        # anomaly sheets by cause, last 12 months
    suggestions: list[SuggestionMonth]             # per month, last 12 months, empty months too
    work: list[DepartmentWorkBar] = dataclasses.field(default_factory=list)  # most open first
    incidents: list[Bar] = dataclasses.field(default_factory=list)  # this month, by kind, most first
    hazards: list[Bar] = dataclasses.field(default_factory=list)    # open, by area; `extra`: days the oldest is open

    @property
    def open_total(self) -> int:
        return sum(d.open for d in self.desks)

    @property
    def overdue_total(self) -> int:
        return sum(d.overdue for d in self.desks)

    @property
    def complaints_total(self) -> int:
        return sum(b.count for b in self.complaints)


def loads() -> list:
    """The dashboard's per-desk bars, as the desks declare them (registry order)."""
    return [load for spec in registry.specs() for load in spec.loads]


def _months(today: dt.date) -> list[str]:
    y, m, keys = today.year, today.month, []
    for _n in range(MONTHS):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = previous_month(y, m)
    return keys[::-1]


def _month_range(key: str) -> tuple[dt.date, dt.date]:
    return month_bounds(int(key[:4]), int(key[5:]))


def late_counts() -> dict[str, int]:
    """Each desk's items late by the rules now (what its overdue bar opens)."""
    return {load.key: registry.listing(load.key)().count(Filters(choice=LATE_CHOICE)) for load in loads()}


def desk_loads() -> list[DeskLoad]:
    result = []
    for load in loads():
        listing = registry.listing(load.key)
        late = Drill(load.key, LATE_CHOICE)
        result.append(DeskLoad(load.key, _(load.title), listing().count(Filters(choice=load.open_choice)),
                               listing().count(late.filters()), Drill(load.key, load.open_choice), late))
    return result


def department_work(today: dt.date) -> list[DepartmentWorkBar]:
    """The work desk's bars per answering department: the counts read through the work table (what
    the signed-in person may read, as a click lists them), the acknowledgement times over all."""
    since = today - dt.timedelta(days=ACKNOWLEDGED_DAYS - 1)
    bars = []
    for line in work_by_department(since, today):
        if line.department_id is None:
            continue
        opened = Drill("work_items", f"open_department:{line.department_id}")
        late = Drill("work_items", f"late_department:{line.department_id}")
        bar = DepartmentWorkBar(line.name, WorkListing().count(opened.filters()), WorkListing().count(late.filters()),
                                line.median_minutes, line.slowest_minutes, opened, late)
        if bar.open or bar.late or bar.median_minutes is not None:
            bars.append(bar)
    return sorted(bars, key=lambda b: (-b.open, -b.late, b.label))


def dashboard_figures(today: dt.date | None = None) -> DashboardFigures:
    """Everything the dashboard draws, for the local day `today` (default: the clock's)."""
    today = today or clock.today_local()
    first = today.replace(day=1)
    months = _months(today)
    year_start = _month_range(months[0])[0]

    complaints = [Bar(c.label, c.count, Drill("complaints", f"dept:{c.key or ''}", first, today), c.serious)
                  for c in complaints_by_department(first, today, whole_hotel=True)]

    trend = satisfaction_trend(today.year, today.month, MONTHS)
    overall = []
    for _month, values in trend:
        rated = [v for v in values if v is not None]
        overall.append(sum(rated) / len(rated) if rated else None)
    aspects = [(_(text), [values[n] for _m, values in trend]) for n, text in enumerate(RATING_ASPECTS.values())]

    bars = [ParetoBar(r.label, r.count, r.cumulative,
                      Drill("anomalies", f"cause:{r.key or ''}", year_start, today))
            for r in pareto(year_start, today, "cause")]

    adoption = {}
    for year in sorted({int(m[:4]) for m in months}):
        adoption.update({row.month: row for row in adoption_by_month(year)})
    suggestions = []
    for key in months:
        row = adoption.get(key)
        start, end = _month_range(key)
        end = min(end, today)
        suggestions.append(SuggestionMonth(key, row.entries if row else 0, row.adopted + row.partly if row else 0,
                                           Drill("suggestions", "", start, end),
                                           Drill("suggestions", "adopted_any", start, end)))

    incidents = [Bar(INCIDENT_KIND_NAMES.get(kind, kind), n, Drill("incidents", f"kind:{kind}", first, today))
                 for kind, n in incidents_by_kind(first, today)]
    hazards = [Bar(label(HAZARD_AREAS, area), n, Drill("hazards", f"area:{area}"), days)
               for area, n, days in open_hazards_by_area(today)]
    return DashboardFigures(today, desk_loads(), complaints, months, overall, aspects, bars, suggestions,
                            department_work(today), incidents, hazards)
