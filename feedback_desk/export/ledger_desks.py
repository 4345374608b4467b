"""The columns of every ledger (台帐), defined once: the ledger export and the monthly
workbook's ledger sheets both read them.

A desk selects plain columns of its table (foreign keys as ids) and a column turns the
raw database value into what the cell holds: a real date, a local date-time, a number,
a translated label, a name looked up once per export, or the user's own text (guarded).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable

import peewee as pw

from feedback_desk.base import clock, vocab
from feedback_desk.base.i18n import N_
from feedback_desk.base.models import Customer, Feedback
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.housekeeping.models import Handover, MaintenanceItem, ServiceLine, ServiceSheet
from feedback_desk.desks.suggestions.models import RewardPoints, Suggestion

# what a column holds; decides the conversion, the number format and the guard
TEXT, USER, INT, FLOAT, DATE, DATETIME, TIME, BOOL, LABEL = (
    "text", "user", "int", "float", "date", "datetime", "time", "bool", "label")


@dataclasses.dataclass(frozen=True)
class Col:
    label: str                       # English source (N_), translated when written
    source: str | tuple[str, ...]    # selected name(s) the value comes from
    kind: str = TEXT
    width: float = 12
    vocab: dict | None = None        # LABEL: code -> label
    lookup: str = ""                 # name of a lookup table of the export: staff, department, room, …
    compute: Callable[..., Any] | None = None  # (values, ctx) -> cell value, for derived columns


@dataclasses.dataclass(frozen=True)
class Desk:
    key: str
    title: str                                   # N_: what the ledger is, in full
    sheet: str                                   # N_: its sheet's name, short (Excel keeps 31 characters)
    model: type
    fields: Callable[[], dict[str, Any]]         # name -> peewee column or expression, id first
    period: Callable[[dt.date, dt.date], Any]    # condition: in the ledger's local days
    columns: tuple[Col, ...]
    joins: Callable[[pw.Select], pw.Select] | None = None
    extra_where: Callable[[], Any] | None = None
    page_extra: Callable[[list[int]], dict] | None = None  # per page: {id: anything} in ctx.page


def on_days(field) -> Callable[[dt.date, dt.date], Any]:
    """A calendar date column between two local days, both included."""
    return lambda a, b: (field >= a) & (field <= b)


def utc_on_days(field) -> Callable[[dt.date, dt.date], Any]:
    """A stored UTC time falling on local days `a` … `b`."""
    def cond(a: dt.date, b: dt.date):
        start = clock.to_utc(dt.datetime.combine(a, dt.time()))
        end = clock.to_utc(dt.datetime.combine(b + dt.timedelta(days=1), dt.time()))
        return (field >= start) & (field < end)
    return cond


def _model_fields(model, *names: str) -> Callable[[], dict]:
    return lambda: {n: getattr(model, n) for n in ("id",) + names}


VOID = Col(N_("Void"), "voided", BOOL, 7)
VOID_REASON = Col(N_("Void reason"), "void_reason", USER, 20)
CREATED = Col(N_("Created at"), "created_at", DATETIME, 17)

# --- front desk ---------------------------------------------------------------------------------

CUSTOMERS = Desk(
    "customers", N_("Customer profiles"), N_("Customer profiles"), Customer,
    _model_fields(Customer, "created_at", "kind", "name", "title", "organisation", "phones", "vip",
                  "last_visit", "notes", "voided", "void_reason"),
    utc_on_days(Customer.created_at),
    (Col(N_("ID"), "id", INT, 7), CREATED,
     Col(N_("Kind"), "kind", LABEL, 10, vocab.CUSTOMER_KINDS),
     Col(N_("Name"), "name", USER, 14), Col(N_("Title"), "title", USER, 10),
     Col(N_("Organisation"), "organisation", USER, 20), Col(N_("Phones"), "phones", USER, 16),
     Col(N_("VIP"), "vip", BOOL, 6), Col(N_("Last visit"), "last_visit", DATE, 12),
     Col(N_("Notes"), "notes", USER, 30), VOID, VOID_REASON))

_RATINGS = tuple(Col(text, key, INT, 9) for key, text in vocab.RATING_ASPECTS.items())
_FEEDBACK_FIELDS = ("date", "channel", "kind", "place", "department", "customer_name", "text") + tuple(
    vocab.RATING_ASPECTS) + ("register_no", "state", "serious", "complained_about", "handler", "investigation",
                             "reply_method", "reply_on", "reply_by", "reply_text", "outcome_rating",
                             "created_at", "voided", "void_reason")

FEEDBACK = Desk(
    "feedback", N_("Guest feedback"), N_("Guest feedback"), Feedback, _model_fields(Feedback, *_FEEDBACK_FIELDS),
    on_days(Feedback.date),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Date"), "date", DATE, 11),
     Col(N_("Channel"), "channel", LABEL, 16, vocab.FEEDBACK_CHANNELS),
     Col(N_("Kind"), "kind", LABEL, 10, vocab.FEEDBACK_KINDS),
     Col(N_("Place"), "place", USER, 10), Col(N_("Department"), "department", TEXT, 12, lookup="department"),
     Col(N_("Customer"), "customer_name", USER, 14), Col(N_("What the guest said"), "text", USER, 40))
    + _RATINGS
    + (Col(N_("Register no."), "register_no", TEXT, 18),
       Col(N_("State"), "state", LABEL, 11, vocab.COMPLAINT_STATES),
       Col(N_("Serious"), "serious", BOOL, 8), Col(N_("Handler"), "handler", TEXT, 10, lookup="staff"),
       Col(N_("Reply on"), "reply_on", DATE, 11), Col(N_("Outcome rating"), "outcome_rating", INT, 9),
       CREATED, VOID))

COMPLAINTS = Desk(
    "complaints", N_("Complaints"), N_("Complaints"), Feedback, _model_fields(Feedback, *_FEEDBACK_FIELDS),
    on_days(Feedback.date),
    (Col(N_("Register no."), "register_no", TEXT, 18), Col(N_("Date"), "date", DATE, 11),
     Col(N_("Channel"), "channel", LABEL, 16, vocab.FEEDBACK_CHANNELS),
     Col(N_("Place"), "place", USER, 10), Col(N_("Department"), "department", TEXT, 12, lookup="department"),
     Col(N_("Customer"), "customer_name", USER, 14), Col(N_("Complaint"), "text", USER, 40),
     Col(N_("Serious"), "serious", BOOL, 8),
     Col(N_("Complained about"), "complained_about", TEXT, 10, lookup="staff"),
     Col(N_("Handler"), "handler", TEXT, 10, lookup="staff"),
     Col(N_("State"), "state", LABEL, 11, vocab.COMPLAINT_STATES),
     Col(N_("Investigation"), "investigation", USER, 30),
     Col(N_("Reply method"), "reply_method", LABEL, 11, vocab.REPLY_METHODS),
     Col(N_("Reply on"), "reply_on", DATE, 11), Col(N_("Replied by"), "reply_by", TEXT, 10, lookup="staff"),
     Col(N_("Reply"), "reply_text", USER, 30), Col(N_("Outcome rating"), "outcome_rating", INT, 9),
     CREATED, VOID, VOID_REASON),
    extra_where=lambda: Feedback.kind == "complaint")

# --- housekeeping -------------------------------------------------------------------------------


def _sheet_rooms(ids: list[int]) -> dict:
    return dict(ServiceLine.select(ServiceLine.sheet, pw.fn.COUNT(ServiceLine.id))
                .where(ServiceLine.sheet.in_(ids) & (ServiceLine.voided == False))  # noqa: E712
                .group_by(ServiceLine.sheet).tuples())


def _lateness(values, ctx) -> str:
    from feedback_desk.desks.housekeeping.sheet_rules import sheet_lateness
    from feedback_desk.desks.housekeeping.listings import LATE_LABELS

    day, state, verified_at, received_at = values
    late = sheet_lateness(to_date(day), state, to_datetime(verified_at), to_datetime(received_at),
                          meeting_time=ctx.meeting)
    return "、".join(ctx.tr(LATE_LABELS[k]) for k in sorted(late))


SERVICE_SHEETS = Desk(
    "service_sheets", N_("Service sheets"), N_("Service sheets"), ServiceSheet,
    _model_fields(ServiceSheet, "date", "floor", "attendant", "state", "verified_by", "verified_at",
                  "received_by", "received_at", "notes", "voided"),
    on_days(ServiceSheet.date),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Date"), "date", DATE, 11), Col(N_("Floor"), "floor", INT, 7),
     Col(N_("Attendant"), "attendant", TEXT, 10, lookup="staff"),
     Col(N_("Rooms"), "id", INT, 7, compute=lambda i, ctx: ctx.page.get(i, 0)),
     Col(N_("State"), "state", LABEL, 14, vocab.SHEET_STATES),
     Col(N_("Verified by"), "verified_by", TEXT, 10, lookup="staff"),
     Col(N_("Verified at"), "verified_at", DATETIME, 17),
     Col(N_("Received by"), "received_by", TEXT, 10, lookup="staff"),
     Col(N_("Received at"), "received_at", DATETIME, 17),
     Col(N_("Late"), ("date", "state", "verified_at", "received_at"), TEXT, 22, compute=_lateness),
     Col(N_("Notes"), "notes", USER, 24), VOID),
    page_extra=_sheet_rooms)


def _line_consumables(ids: list[int]) -> dict:
    from feedback_desk.desks.housekeeping.service_log import line_consumables

    return line_consumables(ids)


def _consumed(line_id, ctx) -> str:
    return "、".join(f"{ctx.lookups['consumable'].get(cid, '?')}×{qty}" for cid, qty in ctx.page[line_id].items())


SERVICE_LINES = Desk(
    "service_lines", N_("Service log lines"), N_("Service log lines"), ServiceLine,
    _model_fields(ServiceLine, "date", "floor", "room", "sheet", "position", "start_time", "end_time",
                  "room_state", "linen_changed", "maintenance", "special", "voided", "void_reason"),
    on_days(ServiceLine.date),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Date"), "date", DATE, 11), Col(N_("Floor"), "floor", INT, 7),
     Col(N_("Room"), "room", TEXT, 8, lookup="room"), Col(N_("Sheet"), "sheet", INT, 7),
     Col(N_("Order"), "position", INT, 7), Col(N_("Start"), "start_time", TIME, 8),
     Col(N_("End"), "end_time", TIME, 8), Col(N_("Room state"), "room_state", LABEL, 12, vocab.ROOM_STATES),
     Col(N_("Linen changed"), "linen_changed", BOOL, 8),
     Col(N_("Consumables"), "id", TEXT, 28, compute=_consumed),
     Col(N_("Maintenance"), "maintenance", USER, 24), Col(N_("Special matters"), "special", USER, 24),
     VOID, VOID_REASON),
    page_extra=_line_consumables)

MAINTENANCE = Desk(
    "maintenance", N_("Maintenance follow-ups"), N_("Maintenance follow-ups"), MaintenanceItem,
    _model_fields(MaintenanceItem, "created_at", "room", "description", "state", "owner", "fixed_at",
                  "checked_by", "checked_at", "voided"),
    utc_on_days(MaintenanceItem.created_at),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Reported at"), "created_at", DATETIME, 17),
     Col(N_("Room"), "room", TEXT, 8, lookup="room"), Col(N_("What needs fixing"), "description", USER, 36),
     Col(N_("State"), "state", LABEL, 10, vocab.MAINTENANCE_STATES),
     Col(N_("Owner"), "owner", TEXT, 10, lookup="staff"), Col(N_("Fixed at"), "fixed_at", DATETIME, 17),
     Col(N_("Checked by"), "checked_by", TEXT, 10, lookup="staff"),
     Col(N_("Checked at"), "checked_at", DATETIME, 17), VOID))


def _handover_lines(ids: list[int]) -> dict:
    from feedback_desk.desks.housekeeping.models import HandoverLine

    rows = (HandoverLine.select(HandoverLine.handover, pw.fn.COUNT(HandoverLine.id),
                                pw.fn.SUM(pw.Case(None, [((HandoverLine.received.is_null(False))
                                                          & (HandoverLine.received != HandoverLine.handed), 1)], 0)))
            .where(HandoverLine.handover.in_(ids)).group_by(HandoverLine.handover).tuples())
    return {h: (int(n), int(d or 0)) for h, n, d in rows}


HANDOVERS = Desk(
    "handovers", N_("Shift handovers"), N_("Shift handovers"), Handover,
    _model_fields(Handover, "date", "post", "shift", "handed_by", "taken_by", "taken_at", "notes", "voided"),
    on_days(Handover.date),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Date"), "date", DATE, 11), Col(N_("Post"), "post", USER, 14),
     Col(N_("Shift"), "shift", LABEL, 10, vocab.SHIFTS),
     Col(N_("Handed over by"), "handed_by", TEXT, 10, lookup="staff"),
     Col(N_("Taken over by"), "taken_by", TEXT, 10, lookup="staff"),
     Col(N_("Taken over at"), "taken_at", DATETIME, 17),
     Col(N_("Items"), "id", INT, 7, compute=lambda i, ctx: ctx.page.get(i, (0, 0))[0]),
     Col(N_("Differences"), "id", INT, 9, compute=lambda i, ctx: ctx.page.get(i, (0, 0))[1]),
     Col(N_("Notes"), "notes", USER, 24), VOID),
    page_extra=_handover_lines)

# --- quality desk -------------------------------------------------------------------------------

ANOMALIES = Desk(
    "anomalies", N_("Quality anomaly sheets"), N_("Quality anomaly sheets"), AnomalySheet,
    _model_fields(AnomalySheet, "number", "found_at", "source", "found_by", "reporter", "product", "batch",
                  "quantity", "description", "severity", "state", "cause_category", "root_cause",
                  "responsible_department", "verified_on", "closed_at", "days_to_close", "recurrence_of",
                  "voided", "void_reason"),
    utc_on_days(AnomalySheet.found_at),
    (Col(N_("Number"), "number", TEXT, 16), Col(N_("Found at"), "found_at", DATETIME, 17),
     Col(N_("Source"), "source", LABEL, 14, vocab.ANOMALY_SOURCES),
     Col(N_("Found by"), "found_by", TEXT, 10, lookup="staff"), Col(N_("Reporter"), "reporter", USER, 10),
     Col(N_("Product"), "product", USER, 16), Col(N_("Batch"), "batch", USER, 12),
     Col(N_("Quantity"), "quantity", INT, 8), Col(N_("Description"), "description", USER, 36),
     Col(N_("Severity"), "severity", LABEL, 9, vocab.SEVERITIES),
     Col(N_("State"), "state", LABEL, 11, vocab.ANOMALY_STATES),
     Col(N_("Cause"), "cause_category", LABEL, 12, vocab.CAUSE_CATEGORIES),
     Col(N_("Root cause"), "root_cause", USER, 30),
     Col(N_("Responsible department"), "responsible_department", TEXT, 12, lookup="department"),
     Col(N_("Verified on"), "verified_on", DATE, 11), Col(N_("Closed at"), "closed_at", DATETIME, 17),
     Col(N_("Days to close"), "days_to_close", FLOAT, 9),
     Col(N_("Recurrence of"), "recurrence_of", TEXT, 16, lookup="anomaly"), VOID, VOID_REASON))


def _overdue_action(values, ctx) -> str:
    due, done, voided = values
    return ctx.yes if due is not None and done is None and not voided and to_date(due) < ctx.today else ""


CAPA_ACTIONS = Desk(
    "capa_actions", N_("Corrective and preventive actions"), N_("CAPA actions"), CapaAction,
    _model_fields(CapaAction, "created_at", "sheet", "kind", "what", "owner", "due_on", "done_on", "evidence",
                  "voided"),
    utc_on_days(CapaAction.created_at),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Anomaly sheet"), "sheet", TEXT, 16, lookup="anomaly"),
     Col(N_("Kind"), "kind", LABEL, 11, vocab.ACTION_KINDS), Col(N_("Action"), "what", USER, 36),
     Col(N_("Owner"), "owner", TEXT, 10, lookup="staff"), Col(N_("Due on"), "due_on", DATE, 11),
     Col(N_("Done on"), "done_on", DATE, 11),
     Col(N_("Overdue"), ("due_on", "done_on", "voided"), TEXT, 8, compute=_overdue_action),
     Col(N_("Evidence"), "evidence", USER, 24), CREATED, VOID))

# --- suggestion box -----------------------------------------------------------------------------


def _writer(values, ctx) -> str:
    anonymous, writer = values
    return ctx.tr(N_("Anonymous")) if anonymous else ctx.lookups["staff"].get(writer, "")


def _overdue_suggestion(values, ctx) -> str:
    from feedback_desk.desks.suggestions.box import OPEN_STATES

    state, received, voided = values
    return ctx.yes if state in OPEN_STATES and not voided and to_date(received) < ctx.suggestion_cutoff else ""


SUGGESTIONS = Desk(
    "suggestions", N_("Suggestions"), N_("Suggestions"), Suggestion,
    _model_fields(Suggestion, "number", "received_on", "anonymous", "writer", "department", "category", "text",
                  "benefit", "state", "reviewer", "answered_on", "answer", "adoption", "implemented",
                  "implemented_on", "voided", "void_reason"),
    on_days(Suggestion.received_on),
    (Col(N_("Number"), "number", TEXT, 14), Col(N_("Received on"), "received_on", DATE, 11),
     Col(N_("Writer"), ("anonymous", "writer"), TEXT, 10, compute=_writer),
     Col(N_("Department"), "department", TEXT, 12, lookup="department"),
     Col(N_("Category"), "category", TEXT, 18, lookup="category"), Col(N_("Suggestion"), "text", USER, 40),
     Col(N_("Expected benefit"), "benefit", USER, 24),
     Col(N_("State"), "state", LABEL, 11, vocab.SUGGESTION_STATES),
     Col(N_("Reviewer"), "reviewer", TEXT, 10, lookup="staff"), Col(N_("Answered on"), "answered_on", DATE, 11),
     Col(N_("Answer"), "answer", USER, 30), Col(N_("Adoption"), "adoption", LABEL, 12, vocab.ADOPTION),
     Col(N_("Implemented"), "implemented", BOOL, 8), Col(N_("Implemented on"), "implemented_on", DATE, 11),
     Col(N_("Overdue"), ("state", "received_on", "voided"), TEXT, 8, compute=_overdue_suggestion),
     VOID, VOID_REASON))

# what points were granted for (RewardPoints.source): a code, shown as a word of the language
POINT_SOURCES = {
    "suggestion": N_("Suggestion"),
    "feedback": N_("Guest feedback"),
    "service_log": N_("Service log"),
    "quality": N_("Quality anomaly sheets"),
    "other": N_("Other"),
}

REWARD_POINTS = Desk(
    "reward_points", N_("Reward points"), N_("Reward points"), RewardPoints,
    _model_fields(RewardPoints, "granted_on", "staff", "kind", "points", "reason", "source", "source_id",
                  "voided", "void_reason"),
    on_days(RewardPoints.granted_on),
    (Col(N_("ID"), "id", INT, 7), Col(N_("Granted on"), "granted_on", DATE, 11),
     Col(N_("Staff"), "staff", TEXT, 10, lookup="staff"),
     Col(N_("Kind"), "kind", LABEL, 22, vocab.REWARD_KINDS), Col(N_("Points"), "points", INT, 8),
     Col(N_("Reason"), "reason", USER, 36), Col(N_("Source"), "source", LABEL, 14, POINT_SOURCES),
     Col(N_("Source ID"), "source_id", INT, 8), VOID, VOID_REASON))

# Which desk shows which of these ledgers is the desk's own word: its spec (desks/registry.py).


# --- raw database values to cell values (fast: 100,000 rows) -------------------------------------

def to_date(value) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def to_datetime(value) -> dt.datetime | None:
    """A stored UTC time (text on SQLite, a datetime elsewhere), naive, to the second."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value))
    return value.replace(microsecond=0)


def to_time(value) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))
