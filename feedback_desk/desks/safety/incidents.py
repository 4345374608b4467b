"""Incident reports (重大事件, 内部信息反馈及重大事件处理制度 第三、四、六条): injuries at work, fires,
fights, thefts, food safety, a guest's accident, an equipment failure — reported to the general
manager's office (总经理办公室), an emergency within 1 hour after it was handled on the spot.

The route, as 第六条 lays it out: the office receives the report; if it can deal with it, it does
so and reports afterwards to the responsible leader (主管领导) and HR (人力资源中心); if not, it
passes it to both. The leaders give their instructions (批示) and send the report to the
departments concerned, each of which investigates, analyses the cause and answers; where a customer
is concerned the customer is answered (第四条). Closing needs the cause, the measures taken and the
check that they were done. Each step is a row of the report's route, with who and when.

Numbered 事件-YYYY-MM-NNNN by the month it happened.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from feedback_desk.base import access, cleaning, clock
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.numbering import next_number
from feedback_desk.base.records import create_record, get_live, update_record, void_record
from feedback_desk.desks.customers import Customer
from feedback_desk.desks.safety import deadlines, kinds, permissions
from feedback_desk.desks.safety.files import INCIDENT_FILES
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentPerson, IncidentReport, IncidentStep
from feedback_desk.desks.safety.vocab import REPORT_AFTER_HANDLING_HOURS
from feedback_desk.loop import clocks

PREFIX = "事件"


def _moment(values: dict, key: str, errors: dict, required: str) -> dt.datetime | None:
    value = values.get(key)
    if value in (None, ""):
        errors[key] = required
        return None
    if not isinstance(value, dt.datetime):
        errors[key] = _("Enter a date and a time.")
        return None
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return clock.to_utc(value).replace(microsecond=0)


def clean_report(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if not kinds.is_offered(kind):
        errors["kind"] = _("Choose what happened from the list.")
    now = clock.now_utc() + dt.timedelta(minutes=1)
    happened = _moment(values, "happened_at", errors, _("Enter when it happened."))
    handled = _moment(values, "handled_at", errors, _("Enter when it was handled on the spot."))
    if happened is not None and happened > now:
        errors["happened_at"] = _("An incident cannot have happened in the future.")
    if handled is not None:
        if handled > now:
            errors["handled_at"] = _("It cannot have been handled after now, the time of this report.")
        elif happened is not None and handled < happened:
            errors["handled_at"] = _("It cannot have been handled before it happened.")
    place = cleaning.text(values, "place", errors, 100, required=_("Say where it happened."))
    action = cleaning.text(values, "immediate_action", errors, required=_("Say what was done at once (现场处置)."))
    customer = cleaning.ref(values.get("customer"))
    if customer is not None:
        row = Customer.get_or_none(Customer.id == customer)
        if row is None or row.voided:
            errors["customer"] = _("This customer's profile is void or gone; pick another.")
    loss = values.get("estimated_loss")
    if loss in (None, ""):
        loss = None
    else:
        loss = cleaning.whole_number(loss)
        if loss is None or loss < 0:
            errors["estimated_loss"] = _("Enter the estimated loss in yuan, a whole number.")
    department = cleaning.department(values.get("department"), "department", errors)
    cleaned = {"kind": kind, "happened_at": happened, "handled_at": handled, "place": place,
               "immediate_action": action, "customer": customer, "estimated_loss": loss, "department": department,
               "people": cleaning.text(values, "people", errors), "injuries": cleaning.text(values, "injuries", errors),
               "staff_involved": cleaning.staff_list(values.get("staff_involved"), "staff_involved", errors)}
    if errors:
        raise ValidationError(errors)
    cleaned["reported_late"] = clock.now_utc() - handled > dt.timedelta(hours=REPORT_AFTER_HANDLING_HOURS)
    return cleaned


def report_incident(values: dict[str, Any], by: Staff | None, files=()) -> IncidentReport:
    """Report an incident to the general manager's office, with its photos and documents
    (attachments.PickedFile), in one transaction; a report more than 1 hour after the handling is
    kept and marked late."""
    cleaned = clean_report(values)
    access.require(permissions.REPORT_INCIDENT, by)
    involved = cleaned.pop("staff_involved")

    def create() -> IncidentReport:
        cleaned["number"] = next_number(PREFIX, clock.to_local(cleaned["happened_at"]).date())
        incident = create_record(IncidentReport, cleaned, by)
        for staff_id in involved:
            create_record(IncidentPerson, {"incident": incident.id, "staff": staff_id}, by)
        return incident

    with write_transaction():
        return INCIDENT_FILES.create_with_files(create, files, by)


def read_incident(incident_id: int, by: Staff | None = None) -> IncidentReport:
    incident = get_live(IncidentReport, incident_id)
    access.require(permissions.READ_INCIDENT, by, incident)
    return incident


def route_of(incident_id: int) -> list[IncidentStep]:
    """The report's route, oldest first, each step with who took it."""
    return list(IncidentStep.select().where((IncidentStep.incident == incident_id)
                                            & (IncidentStep.voided == False))  # noqa: E712
                .order_by(IncidentStep.created_at, IncidentStep.id))


def staff_involved(incident_id: int) -> list[Staff]:
    """The staff involved, as picked from the staff list (in that order)."""
    return list(Staff.select().join(IncidentPerson, on=(IncidentPerson.staff == Staff.id))
                .where((IncidentPerson.incident == incident_id) & (IncidentPerson.voided == False))  # noqa: E712
                .order_by(IncidentPerson.id))


def inquiries_of(incident_id: int) -> list[IncidentInquiry]:
    return list(IncidentInquiry.select().where((IncidentInquiry.incident == incident_id)
                                               & (IncidentInquiry.voided == False))  # noqa: E712
                .order_by(IncidentInquiry.id))


def _open(incident_id: int, version: int | None, *states: str) -> IncidentReport:
    """The live report, not closed, in one of `states`; at `version` unless None (a step on one of its parts)."""
    incident = get_live(IncidentReport, incident_id)
    if version is not None and incident.version != version:
        raise ConflictError()
    if incident.voided:
        raise ValidationError({"": _("This incident report is void and can no longer be changed.")})
    if incident.state == "closed":
        raise ValidationError({"": _("This incident is closed: it is kept as it was closed.")})
    if states and incident.state not in states:
        raise ValidationError({"": _("This step does not fit the report as it stands now; it was moved on "
                                     "meanwhile.")})
    return incident


def _step(incident: IncidentReport, kind: str, text: str, by: Staff | None, department: int | None = None) -> None:
    create_record(IncidentStep, {"incident": incident.id, "kind": kind, "text": text, "department": department}, by)


def receive(incident_id: int, version: int, handled_itself: bool, text: str, by: Staff | None) -> IncidentReport:
    """The office receives the report and either deals with it and reports afterwards to the
    responsible leader and HR, or passes it to both to deal with (第六条)."""
    errors: dict[str, str] = {}
    said = cleaning.text({"text": text}, "text", errors, required=_("Say what the office did, or why it passes the "
                                                                      "report on."))
    with write_transaction():
        incident = _open(incident_id, version, "reported")
        access.require(permissions.RECEIVE, by, incident)
        if errors:
            raise ValidationError(errors)
        _step(incident, "received", "", by)
        _step(incident, "handled_itself" if handled_itself else "passed_on", said, by)
        return update_record(IncidentReport, incident_id, version, {
            "state": "received", "received_by": by.id if by is not None else None, "received_at": clock.now_utc(),
            "handled_by_office": bool(handled_itself)}, by)


def instruct(incident_id: int, version: int, text: str, by: Staff | None) -> IncidentReport:
    """A leader's or HR's instruction (批示), recorded on the route."""
    errors: dict[str, str] = {}
    said = cleaning.text({"text": text}, "text", errors, required=_("Write the instruction."))
    with write_transaction():
        incident = _open(incident_id, version, "received", "investigating")
        access.require(permissions.INSTRUCT, by, incident)
        if errors:
            raise ValidationError(errors)
        _step(incident, "instruction", said, by)
        clocks.restart(deadlines.CLOSE, incident)  # waited for again from the instruction's day, or not at all
        return incident


def send_to_department(incident_id: int, version: int, department, text: str, by: Staff | None) -> IncidentInquiry:
    """Send the report, with the instruction, to a department to investigate and analyse the cause."""
    errors: dict[str, str] = {}
    department_id = cleaning.department(department, "send_to", errors)
    if department_id is None and "send_to" not in errors:
        errors["send_to"] = _("Choose the department that investigates.")
    asked = cleaning.text({"text": text}, "text", errors, required=_("Say what the department is to look into."))
    with write_transaction():
        incident = _open(incident_id, version, "received", "investigating")
        access.require(permissions.INSTRUCT, by, incident)
        if errors:
            raise ValidationError(errors)
        if IncidentInquiry.select().where((IncidentInquiry.incident == incident.id)
                                          & (IncidentInquiry.department == department_id)
                                          & IncidentInquiry.answered_at.is_null()
                                          & (IncidentInquiry.voided == False)).exists():  # noqa: E712
            raise ValidationError({"send_to": _("{name} has this report already and has not answered yet.").format(
                name=Department.get_by_id(department_id).name)})
        _step(incident, "sent", asked, by, department_id)
        inquiry = create_record(IncidentInquiry, {"incident": incident.id, "department": department_id,
                                                  "asked": asked}, by)
        if incident.state != "investigating":
            incident = update_record(IncidentReport, incident_id, version, {"state": "investigating"}, by)
        clocks.restart(deadlines.CLOSE, incident)  # an answer is awaited: closing is not yet due
        return inquiry


def answer_inquiry(inquiry_id: int, version: int, text: str, by: Staff | None) -> IncidentInquiry:
    """The department's investigation and cause analysis, by a head of that department."""
    errors: dict[str, str] = {}
    said = cleaning.text({"answer": text}, "answer", errors,
                         required=_("Write what the investigation found and the cause."))
    with write_transaction():
        inquiry = get_live(IncidentInquiry, inquiry_id)
        if inquiry.version != version:
            raise ConflictError()
        incident = _open(inquiry.incident_id, None, "investigating")
        access.require(permissions.INVESTIGATE, by, inquiry)
        if inquiry.answered_at is not None:
            raise ValidationError({"answer": _("This department has answered already.")})
        if errors:
            raise ValidationError(errors)
        _step(incident, "investigation", said, by, inquiry.department_id)
        saved = update_record(IncidentInquiry, inquiry_id, version, {
            "answer": said, "answered_by": by.id if by is not None else None, "answered_at": clock.now_utc()}, by)
        clocks.restart(deadlines.CLOSE, incident)  # the last answer in: closing is due from today
        return saved


def close(incident_id: int, version: int, values: dict[str, Any], by: Staff | None) -> IncidentReport:
    """Close the report: the cause, the measures taken and the check that they were done are
    required; every department asked has answered; a customer concerned was answered (第四条)."""
    errors: dict[str, str] = {}
    cause = cleaning.text(values, "cause", errors, required=_("Write the cause."))
    measures = cleaning.text(values, "measures", errors, required=_("Write the measures taken."))
    check = cleaning.text(values, "measures_check", errors, required=_("Say how it was checked that the measures "
                                                                       "were done."))
    answer = cleaning.text(values, "customer_answer", errors)
    with write_transaction():
        incident = _open(incident_id, version, "received", "investigating")
        access.require(permissions.CLOSE_INCIDENT, by, incident)
        waiting = [i.department.name for i in inquiries_of(incident.id) if i.answered_at is None]
        if waiting:
            errors[""] = _("Waiting for the investigation of: {names}.").format(names="、".join(waiting))
        if incident.customer_id is not None and not answer:
            errors["customer_answer"] = _("A guest is concerned: say how the customer was answered (第四条).")
        if errors:
            raise ValidationError(errors)
        if answer:
            _step(incident, "customer_answered", answer, by)
        _step(incident, "closed", "", by)
        return update_record(IncidentReport, incident_id, version, {
            "cause": cause, "measures": measures, "measures_check": check, "customer_answer": answer,
            "state": "closed", "closed_by": by.id if by is not None else None, "closed_at": clock.now_utc()}, by)


def void_incident(incident_id: int, version: int, reason: str, by: Staff | None) -> IncidentReport:
    with write_transaction():
        incident = _open(incident_id, version)
        access.require(permissions.VOID_INCIDENT, by, incident)
        return void_record(IncidentReport, incident_id, version, reason, by)


def of_customer(customer_id: int) -> list[IncidentReport]:
    """The live incident reports a guest was involved in, newest first (their profile lists them)."""
    return list(IncidentReport.select().where((IncidentReport.customer == customer_id)
                                              & (IncidentReport.voided == False))  # noqa: E712
                .order_by(IncidentReport.happened_at.desc()))
