"""The safety desk's clocks (rules in loop/rules.py, settings with the seed's defaults):

- `hazard_assign`: a reported hazard gets its rectification owner and due date within 1 working
  day (the head of the department where it was found answers, then up the chain);
- `hazard`: the owner rectifies it by its due date (reported within 1 working day after it, as
  assigned work is); the hazard's primary clock, escalated when late (第五条);
- `hazard_check`: a rectification is checked within 1 working day of being reported.
A failed check sends the hazard back to its owner, whose clock runs again.
- `incident_receive`: the general manager's office receives an incident report within 1 hour;
- `incident_inquiry`: each department sent a report answers with its investigation within 2 working days.
"""
from __future__ import annotations

from feedback_desk.base import clock
from feedback_desk.base.i18n import N_
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentReport, SafetyHazard
from feedback_desk.loop.items import DeadlineItem, created_day

ASSIGN, RECTIFY, CHECK = "hazard_assign", "hazard", "hazard_check"


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
    created_day, lambda i: None, None, "department", lambda i: f"{i.number} {i.place} {i.immediate_action[:30]}")

INCIDENT_INQUIRY = DeadlineItem(
    "incident_inquiry", N_("Incident to investigate"), IncidentInquiry,
    lambda: IncidentInquiry.voided == False,  # noqa: E712
    lambda: IncidentInquiry.answered_at.is_null(), lambda q: q.answered_at is None, lambda q: "",
    created_day, lambda q: None, None, "department", lambda q: f"{q.incident.number} · {q.asked[:40]}")

ITEMS = (HAZARD_ASSIGN, HAZARD_RECTIFY, HAZARD_CHECK, INCIDENT_RECEIVE, INCIDENT_INQUIRY)
