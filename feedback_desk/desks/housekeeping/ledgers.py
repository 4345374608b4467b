"""The housekeeping ledgers: service sheets and their lines, maintenance follow-ups, shift handovers."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import settings, vocab
from feedback_desk.base.i18n import N_
from feedback_desk.desks.housekeeping.models import (Consumable, Handover, HandoverLine, MaintenanceItem, Room,
                                                     ServiceLine, ServiceSheet)
from feedback_desk.export.ledger_columns import (staff_in, BOOL, Col, DATE, DATETIME, ID, INT, LABEL, Ledger, Lookup,
                                                 STAFF, TEXT, TIME, USER, VOID, VOID_REASON, model_fields,
                                                 on_days, to_date, to_datetime, utc_on_days)

ROOM = Lookup("room", lambda: (Room.id, Room.number))
CONSUMABLE = Lookup("consumable", lambda: (Consumable.id, Consumable.name))


def _sheet_rooms(ids: list[int]) -> dict:
    return dict(ServiceLine.select(ServiceLine.sheet, pw.fn.COUNT(ServiceLine.id))
                .where(ServiceLine.sheet.in_(ids) & (ServiceLine.voided == False))  # noqa: E712
                .group_by(ServiceLine.sheet).tuples())


def _lateness(values, ctx) -> str:
    from feedback_desk.desks.housekeeping.sheet_rules import sheet_lateness
    from feedback_desk.desks.housekeeping.listings import LATE_LABELS

    day, state, verified_at, received_at = values
    late = sheet_lateness(to_date(day), state, to_datetime(verified_at), to_datetime(received_at),
                          meeting_time=ctx.extra["meeting"])
    return "、".join(ctx.tr(LATE_LABELS[k]) for k in sorted(late))


SERVICE_SHEETS = Ledger(
    "service_sheets", N_("Service sheets"), N_("Service sheets"), ServiceSheet,
    model_fields(ServiceSheet, "date", "floor", "attendant", "state", "verified_by", "verified_at",
                  "received_by", "received_at", "notes", "voided"),
    on_days(ServiceSheet.date),
    (ID, Col(N_("Date"), "date", DATE, 11), Col(N_("Floor"), "floor", INT, 7),
     Col(N_("Attendant"), "attendant", TEXT, 10, lookup=STAFF),
     Col(N_("Rooms"), "id", INT, 7, compute=lambda i, ctx: ctx.page.get(i, 0)),
     Col(N_("State"), "state", LABEL, 14, vocab.SHEET_STATES),
     Col(N_("Verified by"), "verified_by", TEXT, 10, lookup=STAFF),
     Col(N_("Verified at"), "verified_at", DATETIME, 17),
     Col(N_("Received by"), "received_by", TEXT, 10, lookup=STAFF),
     Col(N_("Received at"), "received_at", DATETIME, 17),
     Col(N_("Late"), ("date", "state", "verified_at", "received_at"), TEXT, 22, compute=_lateness),
     Col(N_("Notes"), "notes", USER, 24), VOID),
    page_extra=_sheet_rooms,
    prepare=lambda: {"meeting": settings.morning_meeting()}, counted_by=("state", vocab.SHEET_STATES),
    in_departments=lambda d: ServiceSheet.attendant.in_(staff_in(d)))


def _line_consumables(ids: list[int]) -> dict:
    from feedback_desk.desks.housekeeping.service_log import line_consumables

    return line_consumables(ids)


def _consumed(line_id, ctx) -> str:
    return "、".join(f"{ctx.lookups['consumable'].get(cid, '?')}×{qty}" for cid, qty in ctx.page[line_id].items())


SERVICE_LINES = Ledger(
    "service_lines", N_("Service log lines"), N_("Service log lines"), ServiceLine,
    model_fields(ServiceLine, "date", "floor", "room", "sheet", "position", "start_time", "end_time",
                  "room_state", "linen_changed", "maintenance", "special", "voided", "void_reason"),
    on_days(ServiceLine.date),
    (ID, Col(N_("Date"), "date", DATE, 11), Col(N_("Floor"), "floor", INT, 7),
     Col(N_("Room"), "room", TEXT, 8, lookup=ROOM), Col(N_("Sheet"), "sheet", INT, 7),
     Col(N_("Order"), "position", INT, 7), Col(N_("Start"), "start_time", TIME, 8),
     Col(N_("End"), "end_time", TIME, 8), Col(N_("Room state"), "room_state", LABEL, 12, vocab.ROOM_STATES),
     Col(N_("Linen changed"), "linen_changed", BOOL, 8),
     Col(N_("Consumables"), "id", TEXT, 28, compute=_consumed),
     Col(N_("Maintenance"), "maintenance", USER, 24), Col(N_("Special matters"), "special", USER, 24),
     VOID, VOID_REASON),
    page_extra=_line_consumables,
    lookups=(CONSUMABLE,), counted_by=("room_state", vocab.ROOM_STATES),
    in_departments=lambda d: ServiceLine.sheet.in_(ServiceSheet.select(ServiceSheet.id).where(
        ServiceSheet.attendant.in_(staff_in(d)))))

MAINTENANCE = Ledger(
    "maintenance", N_("Maintenance follow-ups"), N_("Maintenance follow-ups"), MaintenanceItem,
    model_fields(MaintenanceItem, "created_at", "room", "description", "state", "owner", "fixed_at",
                  "checked_by", "checked_at", "voided"),
    utc_on_days(MaintenanceItem.created_at),
    (ID, Col(N_("Reported at"), "created_at", DATETIME, 17),
     Col(N_("Room"), "room", TEXT, 8, lookup=ROOM), Col(N_("What needs fixing"), "description", USER, 36),
     Col(N_("State"), "state", LABEL, 10, vocab.MAINTENANCE_STATES),
     Col(N_("Owner"), "owner", TEXT, 10, lookup=STAFF), Col(N_("Fixed at"), "fixed_at", DATETIME, 17),
     Col(N_("Checked by"), "checked_by", TEXT, 10, lookup=STAFF),
     Col(N_("Checked at"), "checked_at", DATETIME, 17), VOID),
    counted_by=("state", vocab.MAINTENANCE_STATES),
    in_departments=lambda d: MaintenanceItem.owner.in_(staff_in(d)) | MaintenanceItem.line.in_(
        ServiceLine.select(ServiceLine.id).join(ServiceSheet).where(ServiceSheet.attendant.in_(staff_in(d)))))


def _handover_lines(ids: list[int]) -> dict:
    rows = (HandoverLine.select(HandoverLine.handover, pw.fn.COUNT(HandoverLine.id),
                                pw.fn.SUM(pw.Case(None, [((HandoverLine.received.is_null(False))
                                                          & (HandoverLine.received != HandoverLine.handed), 1)], 0)))
            .where(HandoverLine.handover.in_(ids)).group_by(HandoverLine.handover).tuples())
    return {h: (int(n), int(d or 0)) for h, n, d in rows}


HANDOVERS = Ledger(
    "handovers", N_("Shift handovers"), N_("Shift handovers"), Handover,
    model_fields(Handover, "date", "post", "shift", "handed_by", "taken_by", "taken_at", "notes", "voided"),
    on_days(Handover.date),
    (ID, Col(N_("Date"), "date", DATE, 11), Col(N_("Post"), "post", USER, 14),
     Col(N_("Shift"), "shift", LABEL, 10, vocab.SHIFTS),
     Col(N_("Handed over by"), "handed_by", TEXT, 10, lookup=STAFF),
     Col(N_("Taken over by"), "taken_by", TEXT, 10, lookup=STAFF),
     Col(N_("Taken over at"), "taken_at", DATETIME, 17),
     Col(N_("Items"), "id", INT, 7, compute=lambda i, ctx: ctx.page.get(i, (0, 0))[0]),
     Col(N_("Differences"), "id", INT, 9, compute=lambda i, ctx: ctx.page.get(i, (0, 0))[1]),
     Col(N_("Notes"), "notes", USER, 24), VOID),
    page_extra=_handover_lines,
    counted_by=("shift", vocab.SHIFTS),
    in_departments=lambda d: Handover.handed_by.in_(staff_in(d)) | Handover.taken_by.in_(staff_in(d)))

LEDGERS = (SERVICE_SHEETS, SERVICE_LINES, MAINTENANCE, HANDOVERS)
