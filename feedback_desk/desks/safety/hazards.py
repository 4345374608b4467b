"""The safety hazard register (安全隐患, 内部信息反馈及重大事件处理制度 第五条): anyone who finds a
hazard — of people, money, goods, electricity, gas or public food hygiene (人、财、物、电、气、
公共食品卫生) — reports it within 2 hours of finding it; the office or the head concerned names who
rectifies it and by when (整改); that owner reports it rectified; someone else checks the
rectification, and only a passed check closes the hazard (a failed one sends it back to the owner).

Numbered 隐患-YYYY-MM-NNNN by the month it was found. A report entered more than 2 hours after the
hazard was found is kept and marked late (`reported_late`); the rectification's due date runs a
clock that escalates (deadlines.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from feedback_desk.base import access, cleaning, clock
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.numbering import next_number
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.base.vocab import SEVERITIES
from feedback_desk.desks.safety import deadlines, permissions
from feedback_desk.desks.safety.files import FILES
from feedback_desk.desks.safety.models import SafetyHazard
from feedback_desk.desks.safety.vocab import HAZARD_AREAS, REPORT_HOURS
from feedback_desk.loop import clocks

PREFIX = "隐患"


def _utc(value: dt.datetime) -> dt.datetime:
    """A time from a form (naive local, or aware) as stored: naive UTC, to the second."""
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return clock.to_utc(value).replace(microsecond=0)


def clean_report(values: dict[str, Any], by: Staff | None) -> dict[str, Any]:
    """The report form as a whole: refused with a message per field."""
    errors: dict[str, str] = {}
    area = values.get("area")
    if area not in HAZARD_AREAS:
        errors["area"] = _("Choose the area: people, money, goods, electricity, gas or public food hygiene.")
    severity = values.get("severity") or "general"
    if severity not in SEVERITIES:
        errors["severity"] = _("Choose how serious it is: general, serious or major.")
    place = cleaning.text(values, "place", errors, 100, required=_("Say where the hazard is."))
    description = cleaning.text(values, "description", errors, required=_("Describe the hazard."))
    found_at = values.get("found_at")
    if found_at in (None, ""):
        found_at = clock.now_utc().replace(microsecond=0)
    elif not isinstance(found_at, dt.datetime):
        errors["found_at"] = _("Enter the date and time the hazard was found.")
    else:
        found_at = _utc(found_at)
        if found_at > clock.now_utc() + dt.timedelta(minutes=1):
            errors["found_at"] = _("A hazard cannot have been found in the future.")
    found_by = cleaning.staff(values.get("found_by") or (by.id if by is not None else None), "found_by", errors,
                              required=_("Name who found the hazard."))
    department = cleaning.department(values.get("department"), "department", errors)
    if errors:
        raise ValidationError(errors)
    late = clock.now_utc() - found_at > dt.timedelta(hours=REPORT_HOURS)
    return {"area": area, "severity": severity, "place": place, "description": description, "found_at": found_at,
            "found_by": found_by, "department": department, "reported_late": late}


def report_hazard(values: dict[str, Any], by: Staff | None, photos=()) -> SafetyHazard:
    """Report a hazard (with the photos picked for it: attachments.PickedFile), numbered in the same
    transaction; a report more than 2 hours after finding is kept and marked late."""
    cleaned = clean_report(values, by)
    access.require(permissions.REPORT, by)

    def create() -> SafetyHazard:
        cleaned["number"] = next_number(PREFIX, clock.to_local(cleaned["found_at"]).date())
        return create_record(SafetyHazard, cleaned, by)

    with write_transaction():
        return FILES.create_with_files(create, photos, by)


def read_hazard(hazard_id: int) -> SafetyHazard:
    return get_live(SafetyHazard, hazard_id)


def _live(hazard_id: int, version: int, *states: str) -> SafetyHazard:
    hazard = get_live(SafetyHazard, hazard_id)
    if hazard.version != version:
        raise ConflictError()
    if hazard.voided:
        raise ValidationError({"": _("This hazard report is void and can no longer be changed.")})
    if hazard.state == "closed":
        raise ValidationError({"": _("This hazard is closed: its rectification was checked.")})
    if states and hazard.state not in states:
        raise ValidationError({"": _("This step does not fit the hazard as it stands now; it was moved on "
                                     "meanwhile.")})
    return hazard


def assign_rectification(hazard_id: int, version: int, owner, due_on, by: Staff | None) -> SafetyHazard:
    """Name who rectifies the hazard and by when; again while it is being rectified (a new owner or
    date). The owner must be on the staff list and still working here, the date not before it was found."""
    errors: dict[str, str] = {}
    owner_id = cleaning.staff(owner, "owner", errors, required=_("Name who rectifies the hazard."))
    owner_row = Staff.get_by_id(owner_id) if owner_id is not None and "owner" not in errors else None
    if owner_row is not None and not owner_row.active:
        errors["owner"] = _("{name} no longer works here: name someone else.").format(name=owner_row.name)
    due = cleaning.date(due_on, "due_on", errors, required=_("Enter the date it is to be rectified by."))
    with write_transaction():
        hazard = _live(hazard_id, version, "reported", "rectifying")
        access.require(permissions.ASSIGN, by, hazard)
        if due is not None and due < clock.to_local(hazard.found_at).date():
            errors["due_on"] = _("The rectification cannot be due before the hazard was found ({date}).").format(
                date=clock.to_local(hazard.found_at).date().isoformat())
        if errors:
            raise ValidationError(errors)
        return update_record(SafetyHazard, hazard_id, version, {
            "owner": owner_id, "due_on": due, "state": "rectifying", "assigned_at": clock.now_utc()}, by)


def report_rectified(hazard_id: int, version: int, text: str, by: Staff | None) -> SafetyHazard:
    """The owner says what was done; the hazard waits for its check."""
    errors: dict[str, str] = {}
    done = cleaning.text({"rectification": text}, "rectification", errors,
                         required=_("Say what was done to rectify the hazard."))
    with write_transaction():
        hazard = _live(hazard_id, version, "rectifying")
        access.require(permissions.RECTIFY, by, hazard)
        if errors:
            raise ValidationError(errors)
        saved = update_record(SafetyHazard, hazard_id, version, {
            "rectification": done, "rectified_at": clock.now_utc(), "state": "rectified"}, by)
        clocks.restart(deadlines.CHECK, saved)  # rectified again after a failed check: checked afresh
        return saved


def check(hazard_id: int, version: int, passed: bool, result: str, by: Staff | None) -> SafetyHazard:
    """Someone other than the owner checks the rectification: passed, the hazard is closed; not
    passed, it goes back to its owner with the reason (the clock of its due date runs on)."""
    errors: dict[str, str] = {}
    said = cleaning.text({"check_result": result}, "check_result", errors,
                         required=_("Say what the check found.") if passed else
                         _("Say why the rectification does not pass."))
    with write_transaction():
        hazard = _live(hazard_id, version, "rectified")
        access.require(permissions.CHECK, by, hazard)
        if errors:
            raise ValidationError(errors)
        now = clock.now_utc()
        values = {"checked_by": by.id if by is not None else None, "checked_at": now, "check_result": said}
        if passed:
            values.update(state="closed", closed_at=now)
        else:
            values.update(state="rectifying", failed_checks=hazard.failed_checks + 1)
        saved = update_record(SafetyHazard, hazard_id, version, values, by)
        if not passed:  # back with its owner: the clock of its due date runs again, at the step it reached
            clocks.restart(deadlines.RECTIFY, saved)
        return saved


def void_hazard(hazard_id: int, version: int, reason: str, by: Staff | None) -> SafetyHazard:
    with write_transaction():
        hazard = _live(hazard_id, version)
        access.require(permissions.VOID, by, hazard)
        return void_record(SafetyHazard, hazard_id, version, reason, by)
