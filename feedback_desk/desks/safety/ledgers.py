"""The safety desk's ledgers: every hazard found in the period with its rectification and check
(安全隐患台帐, counted by state), every incident with its route's outcome (重大事件台帐, counted by
kind). Read whole by the general manager's office and above (incidents by HR too); a head reads the
hazards of the departments they head and the incidents sent to them."""
from __future__ import annotations

from feedback_desk.base import roles, vocab
from feedback_desk.base.i18n import N_
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentReport, SafetyHazard
from feedback_desk.desks.safety.kinds import NAMES as KIND_NAMES
from feedback_desk.desks.safety.vocab import HAZARD_AREAS, HAZARD_STATES, INCIDENT_STATES
from feedback_desk.export.ledger_columns import (BOOL, Col, DATE, DATETIME, DEPARTMENT, INT, LABEL, Ledger, STAFF,
                                                 TEXT, USER, VOID, VOID_REASON, model_fields, utc_on_days)

HAZARDS = Ledger(
    "hazards", N_("Safety hazards"), N_("Safety hazards"), SafetyHazard,
    model_fields(SafetyHazard, "number", "found_at", "area", "place", "description", "severity", "found_by",
                  "reported_late", "department", "state", "owner", "due_on", "rectification", "rectified_at",
                  "checked_by", "checked_at", "check_result", "failed_checks", "closed_at", "voided", "void_reason"),
    utc_on_days(SafetyHazard.found_at),
    (Col(N_("Number"), "number", TEXT, 16), Col(N_("Found at"), "found_at", DATETIME, 17),
     Col(N_("Area"), "area", LABEL, 14, HAZARD_AREAS), Col(N_("Place"), "place", USER, 16),
     Col(N_("Hazard"), "description", USER, 36), Col(N_("Severity"), "severity", LABEL, 9, vocab.SEVERITIES),
     Col(N_("Found by"), "found_by", TEXT, 10, lookup=STAFF),
     Col(N_("Reported more than 2 hours after finding"), "reported_late", BOOL, 10),
     Col(N_("Department"), "department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("State"), "state", LABEL, 14, HAZARD_STATES),
     Col(N_("Rectified by"), "owner", TEXT, 10, lookup=STAFF), Col(N_("Rectify by"), "due_on", DATE, 11),
     Col(N_("What was done"), "rectification", USER, 30),
     Col(N_("Reported rectified at"), "rectified_at", DATETIME, 17),
     Col(N_("Checked by"), "checked_by", TEXT, 10, lookup=STAFF), Col(N_("Checked at"), "checked_at", DATETIME, 17),
     Col(N_("Result of the check"), "check_result", USER, 24), Col(N_("Failed checks"), "failed_checks", INT, 8),
     Col(N_("Closed at"), "closed_at", DATETIME, 17), VOID, VOID_REASON),
    lookups=(STAFF,), counted_by=("state", HAZARD_STATES),
    in_departments=lambda d: SafetyHazard.department.in_(d))

INCIDENTS = Ledger(
    "incidents", N_("Incident reports"), N_("Incident reports"), IncidentReport,
    model_fields(IncidentReport, "number", "happened_at", "kind", "place", "department", "people", "injuries",
                  "estimated_loss", "immediate_action", "handled_at", "created_at", "reported_late", "state",
                  "received_at", "cause", "measures", "measures_check", "closed_at", "voided", "void_reason"),
    utc_on_days(IncidentReport.happened_at),
    (Col(N_("Number"), "number", TEXT, 16), Col(N_("Happened at"), "happened_at", DATETIME, 17),
     Col(N_("Kind"), "kind", LABEL, 16, KIND_NAMES), Col(N_("Place"), "place", USER, 16),
     Col(N_("Department"), "department", TEXT, 12, lookup=DEPARTMENT), Col(N_("People involved"), "people", USER, 20),
     Col(N_("Injuries"), "injuries", USER, 20), Col(N_("Estimated loss (yuan)"), "estimated_loss", INT, 10),
     Col(N_("What was done at once"), "immediate_action", USER, 30), Col(N_("Handled at"), "handled_at", DATETIME, 17),
     Col(N_("Reported at"), "created_at", DATETIME, 17),
     Col(N_("Reported more than 1 hour after it was handled"), "reported_late", BOOL, 10),
     Col(N_("State"), "state", LABEL, 16, INCIDENT_STATES), Col(N_("Received at"), "received_at", DATETIME, 17),
     Col(N_("Cause"), "cause", USER, 24), Col(N_("Measures taken"), "measures", USER, 24),
     Col(N_("Check that they were done"), "measures_check", USER, 20), Col(N_("Closed at"), "closed_at", DATETIME, 17),
     VOID, VOID_REASON),
    counted_by=("kind", KIND_NAMES), desk_readers=(roles.HR,),
    in_departments=lambda d: IncidentReport.id.in_(
        IncidentInquiry.select(IncidentInquiry.incident).where(IncidentInquiry.department.in_(d))))

LEDGERS = (HAZARDS, INCIDENTS)
