"""The safety desk's clocks (rules in loop/rules.py, settings with the seed's defaults):

- `hazard_assign`: a reported hazard gets its rectification owner and due date within 1 working
  day (the head of the department where it was found answers, then up the chain);
- `hazard`: the owner rectifies it by its due date (reported within 1 working day after it, as
  assigned work is); the hazard's primary clock, escalated when late (第五条);
- `hazard_check`: a rectification is checked within 1 working day of being reported.
A failed check sends the hazard back to its owner, whose clock runs again.
- `incident_receive`: the general manager's office receives an incident report within 1 hour;
- `incident_instruct`: a report the office passed on gets the responsible leader's or HR's
  instruction (批示), or is sent to a department, within 1 working day (the deputy general manager
  answers, then the general manager);
- `incident_inquiry`: each department sent a report answers with its investigation within 2 working days;
- `incident_close`: once nothing is awaited (the office dealt with it itself, or the leaders
  instructed and every department asked has answered), the office closes it — cause, measures and
  their check — within 5 working days of the last answer.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import clock, roles
from feedback_desk.base.i18n import N_
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentReport, IncidentStep, SafetyHazard
from feedback_desk.loop.items import DeadlineItem, created_day

ASSIGN, RECTIFY, CHECK = "hazard_assign", "hazard", "hazard_check"
INSTRUCT, CLOSE = "incident_instruct", "incident_close"
LEADERS_STEPS = ("instruction", "sent")  # what answers a report passed on to the leaders


def _live():
    return SafetyHazard.voided == False  # noqa: E712


def _title(h: SafetyHazard) -> str:
    return f"{h.number} {h.place} {h.description[:40]}"


HAZARD_ASSIGN = DeadlineItem(
    ASSIGN, N_("Safety hazard to assign for rectification"), SafetyHazard, _live,
    lambda: SafetyHazard.state == "reported", lambda h: h.state == "reported", lambda h: h.severity,
    lambda h: clock.to_local(h.found_at).date(), lambda h: None, None, "department", _title, primary=False)

HAZARD_RECTIFY = DeadlineItem(
    RECTIFY, N_("Safety hazard to rectify"), SafetyHazard, _live,
    lambda: SafetyHazard.state == "rectifying", lambda h: h.state == "rectifying", lambda h: h.severity,
    lambda h: clock.to_local(h.assigned_at or h.found_at).date(), lambda h: h.due_on, "owner", "department",
    _title)

HAZARD_CHECK = DeadlineItem(
    CHECK, N_("Rectification to check"), SafetyHazard, _live,
    lambda: SafetyHazard.state == "rectified", lambda h: h.state == "rectified", lambda h: h.severity,
    lambda h: clock.to_local(h.rectified_at or h.updated_at).date(), lambda h: None, None, "department", _title,
    primary=False)

INCIDENT_RECEIVE = DeadlineItem(
    "incident_receive", N_("Incident report to receive"), IncidentReport,
    lambda: IncidentReport.voided == False,  # noqa: E712
    lambda: IncidentReport.state == "reported", lambda i: i.state == "reported", lambda i: "",
    created_day, lambda i: None, None, "department", lambda i: _incident_title(i))

INCIDENT_INQUIRY = DeadlineItem(
    "incident_inquiry", N_("Incident to investigate"), IncidentInquiry,
    lambda: IncidentInquiry.voided == False,  # noqa: E712
    lambda: IncidentInquiry.answered_at.is_null(), lambda q: q.answered_at is None, lambda q: "",
    created_day, lambda q: None, None, "department", lambda q: f"{q.incident.number} · {q.asked[:40]}")

def _live_incident():
    return IncidentReport.voided == False  # noqa: E712


def _incident_title(i: IncidentReport) -> str:
    return f"{i.number} {i.place} {i.immediate_action[:30]}"


def _instructed():
    """SQL: the leaders have answered the report (an instruction, or a department sent it)."""
    return pw.fn.EXISTS(IncidentStep.select(pw.SQL("1")).where(
        (IncidentStep.incident == IncidentReport.id) & IncidentStep.kind.in_(LEADERS_STEPS)
        & (IncidentStep.voided == False)))  # noqa: E712


def _awaited():
    """SQL: a department asked has not answered yet."""
    return pw.fn.EXISTS(IncidentInquiry.select(pw.SQL("1")).where(
        (IncidentInquiry.incident == IncidentReport.id) & IncidentInquiry.answered_at.is_null()
        & (IncidentInquiry.voided == False)))  # noqa: E712


def _has(model, incident: IncidentReport, *where) -> bool:
    return model.select().where((model.incident == incident.id) & (model.voided == False), *where).exists()  # noqa: E712


def _waits_for_leaders(i: IncidentReport) -> bool:
    return (i.state == "received" and i.handled_by_office is False
            and not _has(IncidentStep, i, IncidentStep.kind.in_(LEADERS_STEPS)))


def _to_close(i: IncidentReport) -> bool:
    return (i.state in ("received", "investigating") and not _has(IncidentInquiry, i, IncidentInquiry.answered_at.is_null())
            and (i.handled_by_office is True or _has(IncidentStep, i, IncidentStep.kind.in_(LEADERS_STEPS))))


def _last_answer_day(i: IncidentReport):
    """The local day of the last thing the report waited for: received, an instruction, an answer."""
    moments = [i.received_at or i.created_at]
    moments += [at for (at,) in IncidentInquiry.select(IncidentInquiry.answered_at).where(
        (IncidentInquiry.incident == i.id) & IncidentInquiry.answered_at.is_null(False)
        & (IncidentInquiry.voided == False)).tuples()]  # noqa: E712
    moments += [at for (at,) in IncidentStep.select(IncidentStep.created_at).where(
        (IncidentStep.incident == i.id) & (IncidentStep.kind == "instruction")
        & (IncidentStep.voided == False)).tuples()]  # noqa: E712
    return clock.to_local(max(moments)).date()


# an instruction, a department sent the report, its answer: rows of their own that open or answer these two
ROUTE = ((IncidentStep, "incident"), (IncidentInquiry, "incident"))

INCIDENT_INSTRUCT = DeadlineItem(
    INSTRUCT, N_("Incident to instruct on (批示)"), IncidentReport, _live_incident,
    lambda: (IncidentReport.state == "received") & (IncidentReport.handled_by_office == False)  # noqa: E712
    & ~_instructed(), _waits_for_leaders, lambda i: "",
    lambda i: clock.to_local(i.received_at or i.created_at).date(), lambda i: None, None, None, _incident_title,
    primary=False, default_owner=lambda: roles.first_holder(roles.DEPUTY_GM), follows=ROUTE)

INCIDENT_CLOSE = DeadlineItem(
    CLOSE, N_("Incident to close"), IncidentReport, _live_incident,
    lambda: IncidentReport.state.in_(("received", "investigating")) & ~_awaited()
    & ((IncidentReport.handled_by_office == True) | _instructed()),  # noqa: E712
    _to_close, lambda i: "", _last_answer_day, lambda i: None, None, None, _incident_title,
    primary=False, default_owner=lambda: roles.first_holder(roles.GM_OFFICE), follows=ROUTE)

ITEMS = (HAZARD_ASSIGN, HAZARD_RECTIFY, HAZARD_CHECK, INCIDENT_RECEIVE, INCIDENT_INSTRUCT, INCIDENT_INQUIRY,
         INCIDENT_CLOSE)
