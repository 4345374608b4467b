"""The service log (服务日志): sheets per day, floor and attendant; lines per room in cleaning order.

The foreman's check (领班按日检查核实) signs and locks a sheet; a locked line is changed
only by voiding it with a reason; the front desk marks the sheet received. Who may do which
is permissions.py's: the attendant writes their open sheet's rooms, a foreman of the floor or
the head also later, the front office receives.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import peewee as pw

from feedback_desk.base import cleaning, clock
from feedback_desk.base import access
from feedback_desk.desks.housekeeping import permissions
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.desks.housekeeping.rooms import room_by_number
from feedback_desk.desks.housekeeping.models import (Consumable, LineConsumable, MaintenanceItem,
                                                     ServiceLine, ServiceSheet)
from feedback_desk.base.vocab import ROOM_STATES


def clean_sheet(values: dict[str, Any], sheet_id: int | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    day = values.get("date")
    if not isinstance(day, dt.date):
        errors["date"] = _("Enter the date of the sheet.")
    elif day > clock.today_local():
        errors["date"] = _("A service sheet cannot be dated in the future.")
    try:
        floor = int(values.get("floor"))
    except (TypeError, ValueError):
        floor = None
        errors["floor"] = _("Choose the floor.")
    attendant = cleaning.ref(values.get("attendant"))
    if attendant is None or Staff.get_or_none(Staff.id == attendant) is None:
        errors["attendant"] = _("Choose the floor attendant from the staff list.")
    if not errors:
        twin = ServiceSheet.select().where(
            (ServiceSheet.date == day) & (ServiceSheet.floor == floor) & (ServiceSheet.attendant == attendant)
            & (ServiceSheet.voided == False))  # noqa: E712
        if sheet_id is not None:
            twin = twin.where(ServiceSheet.id != sheet_id)
        if twin.exists():
            errors["attendant"] = _("This attendant already has a sheet for this floor and day.")
    if errors:
        raise ValidationError(errors)
    return {"date": day, "floor": floor, "attendant": attendant, "notes": str(values.get("notes") or "").strip()}


def create_sheet(values: dict[str, Any], by: Staff) -> ServiceSheet:
    access.require(permissions.WRITE_SHEET, by)
    with write_transaction():
        return create_record(ServiceSheet, clean_sheet(values), by)


def _open_sheet(sheet_id: int) -> ServiceSheet:
    sheet = get_live(ServiceSheet, sheet_id)
    if sheet.voided:
        raise ValidationError({"": _("This sheet is void.")})
    if sheet.state != "open":
        raise ValidationError({"": _("The foreman has verified this sheet: it is locked. "
                                     "Void a wrong line with a reason instead.")})
    return sheet


def _as_time(value, key: str, errors: dict) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    try:
        hours, minutes = (int(p) for p in str(value).strip().split(":"))
        return dt.time(hours, minutes)
    except (TypeError, ValueError):
        errors[key] = _("Enter the time as HH:MM.")
        return None


def clean_line(sheet: ServiceSheet, values: dict[str, Any]) -> tuple[dict[str, Any], dict[int, int]]:
    """Validate a line; returns the line's fields and {consumable id: quantity}."""
    errors: dict[str, str] = {}
    number = str(values.get("room") or "").strip()
    room = room_by_number(number) if number else None
    if not number:
        errors["room"] = _("Enter the room number.")
    elif room is None:
        errors["room"] = _("Room {number} is not on the room list.").format(number=number)
    elif room.floor != sheet.floor:
        errors["room"] = _("Room {number} is on floor {floor}, not on this sheet's floor.").format(
            number=number, floor=room.floor)
    start = _as_time(values.get("start_time"), "start_time", errors)
    end = _as_time(values.get("end_time"), "end_time", errors)
    if start and end and end < start:
        errors["end_time"] = _("Cleaning cannot end before it started.")
    state = values.get("room_state")
    if state not in ROOM_STATES:
        errors["room_state"] = _("Choose the room's state.")
    quantities: dict[int, int] = {}
    known = {c.id for c in Consumable.select(Consumable.id)}
    for key, qty in (values.get("consumables") or {}).items():
        if qty is None or qty == "":
            continue
        try:
            cid = key.id if hasattr(key, "id") else int(key)
        except (TypeError, ValueError):
            cid = None
        if cid not in known:
            errors["consumables"] = _("Unknown consumable.")
            continue
        # a bool or 0.0 equals 0 in Python: check the type before skipping zeros
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0 or qty > 999:
            errors["consumables"] = _("Quantities are whole numbers from 0 to 999.")
            continue
        if qty:
            quantities[cid] = qty
    texts = {}
    for key, limit in (("maintenance", 1000), ("special", 2000)):
        texts[key] = cleaning.text(values, key, errors, limit)
    if errors:
        raise ValidationError(errors)
    return ({"room": room.id, "start_time": start, "end_time": end, "room_state": state,
             "linen_changed": bool(values.get("linen_changed")), **texts}, quantities)


def _write_consumables(line_id: int, quantities: dict[int, int]) -> None:
    LineConsumable.delete().where(LineConsumable.line == line_id).execute()
    if quantities:
        LineConsumable.insert_many([(line_id, cid, qty) for cid, qty in quantities.items()],
                                   fields=[LineConsumable.line, LineConsumable.consumable,
                                           LineConsumable.quantity]).execute()


def _follow_up(line: ServiceLine, by: Staff) -> None:
    """A maintenance text on a line opens a follow-up (one per line) until it is checked."""
    if not line.maintenance:
        return
    existing = MaintenanceItem.get_or_none((MaintenanceItem.line == line.id) & (MaintenanceItem.voided == False))  # noqa: E712
    if existing is None:
        create_record(MaintenanceItem, {"room": line.room_id, "line": line.id,
                                        "description": line.maintenance, "state": "reported"}, by)
    elif existing.description != line.maintenance and existing.state == "reported":
        update_record(MaintenanceItem, existing.id, existing.version, {"description": line.maintenance}, by)


def add_line(sheet_id: int, values: dict[str, Any], by: Staff) -> ServiceLine:
    with write_transaction():
        sheet = _open_sheet(sheet_id)
        access.require(permissions.EDIT_LINES, by, sheet)
        fields, quantities = clean_line(sheet, values)
        position = (ServiceLine.select(pw.fn.MAX(ServiceLine.position))
                    .where(ServiceLine.sheet == sheet_id).scalar() or 0) + 1
        line = create_record(ServiceLine, {"sheet": sheet_id, "position": position, "date": sheet.date,
                                           "floor": sheet.floor, **fields}, by)
        _write_consumables(line.id, quantities)
        _follow_up(line, by)
    return line


def update_line(line_id: int, version: int, values: dict[str, Any], by: Staff) -> ServiceLine:
    with write_transaction():
        line = get_live(ServiceLine, line_id)
        sheet = _open_sheet(line.sheet_id)
        access.require(permissions.EDIT_LINES, by, sheet)
        fields, quantities = clean_line(sheet, values)
        line = update_record(ServiceLine, line_id, version, fields, by)
        _write_consumables(line_id, quantities)
        _follow_up(line, by)
    return line


def void_line(line_id: int, version: int, reason: str, by: Staff) -> ServiceLine:
    """The one change allowed on a verified sheet: a wrong line is voided with its reason."""
    with write_transaction():
        access.require(permissions.EDIT_LINES, by, get_live(ServiceSheet, get_live(ServiceLine, line_id).sheet_id))
        return void_record(ServiceLine, line_id, version, reason, by)


def verify_sheet(sheet_id: int, version: int, by: Staff) -> ServiceSheet:
    """The foreman's daily check: signs and locks the sheet."""
    with write_transaction():
        sheet = _open_sheet(sheet_id)
        if sheet.attendant_id == by.id:
            raise ValidationError({"": _("The attendant cannot verify their own sheet: the foreman does.")})
        access.require(permissions.VERIFY_SHEET, by, sheet)
        if not ServiceLine.select().where((ServiceLine.sheet == sheet_id) & (ServiceLine.voided == False)).exists():  # noqa: E712
            raise ValidationError({"": _("The sheet has no rooms yet.")})
        return update_record(ServiceSheet, sheet_id, version,
                             {"state": "verified", "verified_by": by.id, "verified_at": clock.now_utc()}, by)


def receive_sheet(sheet_id: int, version: int, by: Staff) -> ServiceSheet:
    """The front desk marks a verified sheet received (次日早交班会前交总台)."""
    with write_transaction():
        sheet = get_live(ServiceSheet, sheet_id)
        access.require(permissions.RECEIVE_SHEET, by, sheet)
        if sheet.state != "verified":
            raise ValidationError({"": _("Only a sheet the foreman has verified can be received.")})
        return update_record(ServiceSheet, sheet_id, version,
                             {"state": "received", "received_by": by.id, "received_at": clock.now_utc()}, by)


def void_sheet(sheet_id: int, version: int, reason: str, by: Staff) -> ServiceSheet:
    """Void a sheet and, with the same reason, its live lines (else they still count as used)."""
    with write_transaction():
        access.require(permissions.EDIT_LINES, by, get_live(ServiceSheet, sheet_id))
        sheet = void_record(ServiceSheet, sheet_id, version, reason, by)
        for line in ServiceLine.select().where((ServiceLine.sheet == sheet_id) & (ServiceLine.voided == False)):  # noqa: E712
            void_record(ServiceLine, line.id, line.version, reason, by)
        return sheet


def sheet_lines(sheet_id: int, include_void: bool = True) -> list[ServiceLine]:
    query = (ServiceLine.select().where(ServiceLine.sheet == sheet_id)
             .order_by(ServiceLine.position))
    if not include_void:
        query = query.where(ServiceLine.voided == False)  # noqa: E712
    return list(query)


def line_consumables(line_ids: list[int]) -> dict[int, dict[int, int]]:
    """{line id: {consumable id: quantity}} for many lines in one query."""
    result: dict[int, dict[int, int]] = {lid: {} for lid in line_ids}
    if line_ids:
        for lid, cid, qty in (LineConsumable.select(LineConsumable.line, LineConsumable.consumable,
                                                    LineConsumable.quantity)
                              .where(LineConsumable.line.in_(line_ids)).tuples()):
            result[lid][cid] = qty
    return result
