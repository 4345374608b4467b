"""What the quality desk shows: the sheets, the actions, a batch's sheets, and the analysis
archive (事故分析档案, 列项对比): Pareto by cause, product or department, open vs closed and
the average days to close. Everything is counted, sorted and filtered in SQL.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from feedback_desk.base import clock, search
from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column, Filters, Listing, Row
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column,
                                            join_clock, late_choice, late_condition)
from feedback_desk.base.models import Department, Staff
from feedback_desk.desks.quality.sheets import get_sheet, product_key
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.base.search import key_range, typed_term
from feedback_desk.base.vocab import (ACTION_KINDS, ANOMALY_SOURCES, ANOMALY_STATE_ORDER, ANOMALY_STATES,
                                      CAUSE_CATEGORIES, SEVERITIES, label)

Earlier = AnomalySheet.alias("earlier")
Owner = Staff.alias("owner")


class _TodayLocal(pw.ColumnBase):
    """Today's local date, read when the SQL is built (a listing may outlive midnight)."""

    def __sql__(self, ctx):
        return ctx.value(clock.today_local(), CapaAction.due_on.db_value)


def _rank(field, keys) -> pw.Case:
    """Sort a coded column in the order of its list (general < serious < major), not by its code."""
    return pw.Case(field, tuple((key, n) for n, key in enumerate(keys)), len(keys))


def action_overdue(today) -> pw.Expression:
    """A live CAPA action past its due day and not done (the condition, for any query on actions)."""
    return ((CapaAction.due_on < today) & CapaAction.done_on.is_null()
            & (CapaAction.voided == False))  # noqa: E712


def is_action_overdue(due_on, done_on, voided: bool, today) -> bool:
    """`action_overdue` in Python, for a row already read."""
    return due_on is not None and done_on is None and not voided and due_on < today




OVERDUE_COUNT = pw.fn.COALESCE(
    CapaAction.select(pw.fn.COUNT(CapaAction.id))
    .where((CapaAction.sheet == AnomalySheet.id) & action_overdue(_TodayLocal())), 0)


def found_between(date_from: dt.date | None, date_to: dt.date | None) -> list:
    """Conditions: found on a local day from `date_from` to `date_to` (both included)."""
    conds = []
    if date_from:
        conds.append(AnomalySheet.found_at >= clock.to_utc(dt.datetime.combine(date_from, dt.time())))
    if date_to:
        conds.append(AnomalySheet.found_at < clock.to_utc(
            dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time())))
    return conds


def _sheets_with_number(term: str):
    return AnomalySheet.select(AnomalySheet.id).where(key_range(AnomalySheet.number, term.upper()))


class AnomalyListing(Listing):
    """The anomaly sheets; major ones, recurrences and sheets with overdue actions stand out."""
    model = AnomalySheet
    default_sort = "found"
    default_descending = True
    columns = [
        Column("number", N_("Sheet no."), AnomalySheet.number, width=130),
        Column("found", N_("Found"), AnomalySheet.found_at, width=130),
        Column("source", N_("Source"), AnomalySheet.source, width=110),
        Column("product", N_("Product or part"), AnomalySheet.product_key, width=140),
        Column("batch", N_("Batch"), AnomalySheet.batch, width=100),
        Column("description", N_("What is wrong"), width=240),
        Column("severity", N_("Severity"), _rank(AnomalySheet.severity, SEVERITIES), width=70),
        Column("state", N_("State"), _rank(AnomalySheet.state, ANOMALY_STATE_ORDER), width=90, warns=True),
        due_column(AnomalySheet, "anomaly"),
        Column("cause", N_("Cause"), _rank(AnomalySheet.cause_category, CAUSE_CATEGORIES), width=100),
        # departments sort in the order of their list (an id, no join), as on the feedback desk
        Column("department", N_("Responsible department"), AnomalySheet.responsible_department, width=120),
        Column("overdue", N_("Overdue actions"), OVERDUE_COUNT, align_right=True, width=70),
        Column("recurrence", N_("Recurrence of"), AnomalySheet.recurrence_of, width=130),
    ]

    def choices(self):
        return ([("", _("All sheets")), ("open", _("Open sheets")), ("gm", _("For the general manager")),
                 ("recurrences", _("Recurrences")), ("overdue", _("With overdue actions")),
                 late_choice()]
                + [(f"state:{k}", _(v)) for k, v in ANOMALY_STATES.items()]
                + [(f"severity:{k}", _(v)) for k, v in SEVERITIES.items()]
                + [(f"source:{k}", _(v)) for k, v in ANOMALY_SOURCES.items()]
                + [(f"cause:{k}", _("Cause: {cause}").format(cause=_(v))) for k, v in CAUSE_CATEGORIES.items()]
                + [("cause:", _("Cause not yet known"))])

    def conditions(self, f: Filters) -> list:
        conds = []
        term = f.text.strip()
        if term:
            match = (key_range(AnomalySheet.number, term.upper()) | AnomalySheet.batch.startswith(term)
                     | search.contains(AnomalySheet.description, term, AnomalySheet.root_cause))
            key = product_key(term)
            conds.append(match | key_range(AnomalySheet.product_key, key) if key else match)
        if f.choice == "open":
            conds.append(AnomalySheet.state != "closed")
        elif f.choice == "gm":
            conds.append((AnomalySheet.for_general_manager == True) & (AnomalySheet.state != "closed"))  # noqa: E712
        elif f.choice == "recurrences":
            conds.append(AnomalySheet.recurrence_of.is_null(False))
        elif f.choice == "overdue":
            conds.append(AnomalySheet.id.in_(CapaAction.select(CapaAction.sheet)
                                             .where(action_overdue(clock.today_local()))))
        elif f.choice == LATE_CHOICE:
            conds.append(late_condition("anomaly"))
        elif f.choice.startswith("state:"):
            conds.append(AnomalySheet.state == f.choice[6:])
        elif f.choice.startswith("severity:"):
            conds.append(AnomalySheet.severity == f.choice[9:])
        elif f.choice.startswith("source:"):
            conds.append(AnomalySheet.source == f.choice[7:])
        elif f.choice.startswith("cause:"):
            conds.append(AnomalySheet.cause_category == f.choice[6:] if f.choice[6:]
                         else AnomalySheet.cause_category.is_null())
        return conds + found_between(f.date_from, f.date_to)

    def page_query(self) -> pw.Select:
        query = (AnomalySheet.select(AnomalySheet, Department.id, Department.name, Earlier.id, Earlier.number,
                                     *clock_fields())
                 .join(Department, pw.JOIN.LEFT_OUTER, on=(AnomalySheet.responsible_department == Department.id))
                 .switch(AnomalySheet)
                 .join(Earlier, pw.JOIN.LEFT_OUTER, on=(AnomalySheet.recurrence_of == Earlier.id)))
        return join_clock(query, AnomalySheet, "anomaly")

    def make_rows(self, records: list[AnomalySheet]) -> list[Row]:
        overdue = overdue_counts([s.id for s in records])
        now = clock.now_utc()
        fallback = Fallback("anomaly")
        rows = []
        for s in records:
            late = overdue.get(s.id, 0)
            joined = getattr(s, "due_clock", None)  # the sheet's own clock (taken up in time), joined
            is_open = s.state == "raised" and not s.voided
            due = DueCell.of(joined, is_open, now, fallback(s, joined) if is_open else None)
            sheet_late = due.late
            earlier = s.recurrence_of.number if s.recurrence_of_id else ""
            text = s.description.replace("\n", " ")
            values = [s.number, fmt_datetime(s.found_at), label(ANOMALY_SOURCES, s.source), s.product, s.batch,
                      text[:80] + ("…" if len(text) > 80 else ""), label(SEVERITIES, s.severity),
                      label(ANOMALY_STATES, s.state), due.text, label(CAUSE_CATEGORIES, s.cause_category),
                      s.responsible_department.name if s.responsible_department_id else "",
                      str(late) if late else "", earlier]
            tips = []
            if s.for_general_manager:
                tips.append(_("Major: for the general manager"))
            if earlier:
                tips.append(_("Recurrence of {number}: same product and cause").format(number=earlier))
            if late:
                tips.append(_("{n} action(s) overdue").format(n=late))
            if due.tooltip:
                tips.append(due.tooltip)
            rows.append(Row(s.id, values, warn=s.severity == "major" or bool(earlier) or bool(late) or sheet_late,
                            void=s.voided, tooltip="\n".join(tips),
                            raw={"recurrence_of": s.recurrence_of_id, "overdue": late, "state": s.state}))
        return rows


def overdue_counts(sheet_ids: list[int]) -> dict[int, int]:
    """{sheet id: number of its overdue actions} in one query (sheets with none left out)."""
    if not sheet_ids:
        return {}
    return dict(CapaAction.select(CapaAction.sheet, pw.fn.COUNT(CapaAction.id))
                .where(CapaAction.sheet.in_(sheet_ids) & action_overdue(clock.today_local()))
                .group_by(CapaAction.sheet).tuples())


class ActionListing(Listing):
    """CAPA actions of one sheet, or of every sheet (open ones first by due date); overdue ones stand out."""
    model = CapaAction
    date_field = CapaAction.due_on  # the find box's From … To
    default_sort = "due_on"
    default_descending = False
    columns = [
        Column("sheet", N_("Sheet no."), AnomalySheet.number, width=130),
        Column("product", N_("Product or part"), AnomalySheet.product_key, width=120),
        Column("kind", N_("Kind"), _rank(CapaAction.kind, ACTION_KINDS), width=90),
        Column("what", N_("What is to be done"), width=260),
        Column("owner", N_("Owner"), CapaAction.owner, width=90),
        Column("due_on", N_("Due"), CapaAction.due_on, width=110),
        due_column(CapaAction, "capa", label=N_("Report due")),  # by the rules: a working day after it, or daily
        Column("done_on", N_("Done"), CapaAction.done_on, width=110),
        Column("evidence", N_("Evidence"), width=180),
    ]

    def __init__(self, sheet_id: int | None = None):
        self.sheet_id = sheet_id

    def choices(self):
        return ([("open", _("Open actions")), ("overdue", _("Overdue actions")), late_choice(),
                 ("done", _("Done actions")),
                 ("", _("All actions"))]
                + [(f"kind:{k}", _(v)) for k, v in ACTION_KINDS.items()])

    def conditions(self, f: Filters) -> list:
        conds = []
        if self.sheet_id is not None:
            conds.append(CapaAction.sheet == self.sheet_id)
        term = f.text.strip()
        if term:
            conds.append(CapaAction.sheet.in_(_sheets_with_number(term)) | CapaAction.what.contains(term))
        if f.choice == "open":
            conds.append(CapaAction.done_on.is_null())
        elif f.choice == "overdue":
            conds.append(action_overdue(clock.today_local()))
        elif f.choice == LATE_CHOICE:
            conds.append(late_condition("capa"))
        elif f.choice == "done":
            conds.append(CapaAction.done_on.is_null(False))
        elif f.choice.startswith("kind:"):
            conds.append(CapaAction.kind == f.choice[5:])
        return conds

    def page_query(self) -> pw.Select:
        query = (CapaAction.select(CapaAction, AnomalySheet.id, AnomalySheet.number, AnomalySheet.product,
                                   Owner.id, Owner.name, *clock_fields())
                 .join(AnomalySheet, on=(CapaAction.sheet == AnomalySheet.id))
                 .switch(CapaAction).join(Owner, pw.JOIN.LEFT_OUTER, on=(CapaAction.owner == Owner.id)))
        return join_clock(query, CapaAction, "capa")

    def make_rows(self, records: list[CapaAction]) -> list[Row]:
        today = clock.today_local()
        now = clock.now_utc()
        fallback = Fallback("capa")
        rows = []
        for a in records:
            late = is_action_overdue(a.due_on, a.done_on, a.voided, today)
            joined = getattr(a, "due_clock", None)  # reporting on it, by the rules
            is_open = a.done_on is None and not a.voided
            due = DueCell.of(joined, is_open, now, fallback(a, joined) if is_open else None)
            values = [a.sheet.number, a.sheet.product, label(ACTION_KINDS, a.kind), a.what.replace("\n", " "),
                      a.owner.name if a.owner_id else "", fmt_date(a.due_on), due.text, fmt_date(a.done_on),
                      a.evidence.replace("\n", " ")]
            tips = [_("Overdue by {n} day(s)").format(n=(today - a.due_on).days)] if late else []
            if due.tooltip:
                tips.append(due.tooltip)
            rows.append(Row(a.id, values, warn=late or due.late, void=a.voided, tooltip="\n".join(tips),
                            raw={"sheet_id": a.sheet_id, "overdue": late}))
        return rows


# --- batch traceability (同一批号) -------------------------------------------------------------------

def batch_sheets(batch: str) -> list[AnomalySheet]:
    """Every live sheet naming this batch (case ignored), oldest first."""
    batch = typed_term(batch)
    if not batch:
        return []
    return list(AnomalySheet.select()
                .where((pw.fn.LOWER(AnomalySheet.batch) == batch.lower())
                       & (AnomalySheet.voided == False))  # noqa: E712
                .order_by(AnomalySheet.found_at, AnomalySheet.id))


def others_of_batch(sheet_id: int) -> list[AnomalySheet]:
    """The other live sheets of this sheet's batch (none when it names no batch)."""
    return [s for s in batch_sheets(get_sheet(sheet_id).batch) if s.id != sheet_id]


# --- the analysis archive (事故分析档案, 列项对比) --------------------------------------------------------

@dataclasses.dataclass
class ParetoRow:
    key: object          # cause code, folded product, department id; None: not yet known
    label: str           # translated cause, product as written, department name
    count: int
    percent: float       # of all sheets in the period, 0..100
    cumulative: float    # running percent, the last row 100


PARETO_BY = ("cause", "product", "department")


def pareto(date_from: dt.date | None, date_to: dt.date | None, by: str = "cause") -> list[ParetoRow]:
    """Live sheets found in the period, counted by cause category, product or responsible
    department, most frequent first (ties by key); sheets without one yet come last."""
    conds = [AnomalySheet.voided == False] + found_between(date_from, date_to)  # noqa: E712
    count = pw.fn.COUNT(AnomalySheet.id)
    if by == "cause":
        key = AnomalySheet.cause_category
        query = AnomalySheet.select(key, key, count)
    elif by == "product":
        key = AnomalySheet.product_key
        query = AnomalySheet.select(key, pw.fn.MIN(AnomalySheet.product), count)
    elif by == "department":
        key = AnomalySheet.responsible_department
        query = (AnomalySheet.select(key, pw.fn.MIN(Department.name), count)
                 .join(Department, pw.JOIN.LEFT_OUTER, on=(key == Department.id)))
    else:
        raise ValueError(f"pareto by one of {PARETO_BY}, not {by!r}")
    rows = list(query.where(*conds).group_by(key).order_by(count.desc(), key).tuples())
    rows = [r for r in rows if r[0] is not None] + [r for r in rows if r[0] is None]
    total = sum(r[2] for r in rows)
    result, running = [], 0
    for key_value, name, n in rows:
        running += n
        if key_value is None:
            shown = _("Not yet known")
        elif by == "cause":
            shown = label(CAUSE_CATEGORIES, key_value)
        else:
            shown = str(name)
        result.append(ParetoRow(key_value, shown, n, 100.0 * n / total, 100.0 * running / total))
    return result


@dataclasses.dataclass
class ArchiveSummary:
    total: int
    open: int
    closed: int
    major: int
    recurrences: int
    by_state: dict[str, int]                 # every state, 0 included
    average_days_to_close: float | None      # over the closed ones; None when none is closed


def archive_summary(date_from: dt.date | None, date_to: dt.date | None) -> ArchiveSummary:
    """Open vs closed, major sheets, recurrences and the average days from found to closed,
    over the live sheets found in the period."""
    conds = [AnomalySheet.voided == False] + found_between(date_from, date_to)  # noqa: E712
    by_state = dict.fromkeys(ANOMALY_STATE_ORDER, 0)
    by_state.update(AnomalySheet.select(AnomalySheet.state, pw.fn.COUNT(AnomalySheet.id))
                    .where(*conds).group_by(AnomalySheet.state).tuples())
    major, recurrences, average = (AnomalySheet.select(
        pw.fn.COALESCE(pw.fn.SUM(pw.Case(None, ((AnomalySheet.severity == "major", 1),), 0)), 0),
        pw.fn.COALESCE(pw.fn.SUM(pw.Case(None, ((AnomalySheet.recurrence_of.is_null(False), 1),), 0)), 0),
        pw.fn.AVG(AnomalySheet.days_to_close))
        .where(*conds).tuples().get())
    total = sum(by_state.values())
    return ArchiveSummary(total=total, open=total - by_state["closed"], closed=by_state["closed"],
                          major=int(major), recurrences=int(recurrences), by_state=by_state,
                          average_days_to_close=float(average) if average is not None else None)
