"""The quality desk's ledgers: anomaly sheets (质量异常台帐) and their CAPA actions."""
from __future__ import annotations

from feedback_desk.base import roles, vocab
from feedback_desk.base.i18n import N_
from feedback_desk.desks.quality.listings import is_action_overdue
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.export.ledger_columns import (staff_in, CREATED, Col, DATE, DATETIME, DEPARTMENT, FLOAT, ID, INT,
                                                 LABEL, Ledger, Lookup, STAFF, TEXT, USER, VOID,
                                                 VOID_REASON, model_fields, to_date, utc_on_days)

ANOMALY = Lookup("anomaly", lambda: (AnomalySheet.id, AnomalySheet.number))

ANOMALIES = Ledger(
    "anomalies", N_("Quality anomaly sheets"), N_("Quality anomaly sheets"), AnomalySheet,
    model_fields(AnomalySheet, "number", "found_at", "source", "found_by", "reporter", "product", "batch",
                  "quantity", "description", "severity", "state", "cause_category", "root_cause",
                  "responsible_department", "verified_on", "closed_at", "days_to_close", "recurrence_of",
                  "voided", "void_reason"),
    utc_on_days(AnomalySheet.found_at),
    (Col(N_("Number"), "number", TEXT, 16), Col(N_("Found at"), "found_at", DATETIME, 17),
     Col(N_("Source"), "source", LABEL, 14, vocab.ANOMALY_SOURCES),
     Col(N_("Found by"), "found_by", TEXT, 10, lookup=STAFF), Col(N_("Reporter"), "reporter", USER, 10),
     Col(N_("Product"), "product", USER, 16), Col(N_("Batch"), "batch", USER, 12),
     Col(N_("Quantity"), "quantity", INT, 8), Col(N_("Description"), "description", USER, 36),
     Col(N_("Severity"), "severity", LABEL, 9, vocab.SEVERITIES),
     Col(N_("State"), "state", LABEL, 11, vocab.ANOMALY_STATES),
     Col(N_("Cause"), "cause_category", LABEL, 12, vocab.CAUSE_CATEGORIES),
     Col(N_("Root cause"), "root_cause", USER, 30),
     Col(N_("Responsible department"), "responsible_department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("Verified on"), "verified_on", DATE, 11), Col(N_("Closed at"), "closed_at", DATETIME, 17),
     Col(N_("Days to close"), "days_to_close", FLOAT, 9),
     Col(N_("Recurrence of"), "recurrence_of", TEXT, 16, lookup=ANOMALY), VOID, VOID_REASON),
    counted_by=("state", vocab.ANOMALY_STATES), desk_readers=(roles.QUALITY,),
    in_departments=lambda d: AnomalySheet.responsible_department.in_(d) | AnomalySheet.found_by.in_(staff_in(d)))


def _overdue_action(values, ctx) -> str:
    due, done, voided = values
    return ctx.yes if is_action_overdue(to_date(due), done, voided, ctx.today) else ""


CAPA_ACTIONS = Ledger(
    "capa_actions", N_("Corrective and preventive actions"), N_("CAPA actions"), CapaAction,
    model_fields(CapaAction, "created_at", "sheet", "kind", "what", "owner", "due_on", "done_on", "evidence",
                  "voided"),
    utc_on_days(CapaAction.created_at),
    (ID, Col(N_("Anomaly sheet"), "sheet", TEXT, 16, lookup=ANOMALY),
     Col(N_("Kind"), "kind", LABEL, 11, vocab.ACTION_KINDS), Col(N_("Action"), "what", USER, 36),
     Col(N_("Owner"), "owner", TEXT, 10, lookup=STAFF), Col(N_("Due on"), "due_on", DATE, 11),
     Col(N_("Done on"), "done_on", DATE, 11),
     Col(N_("Overdue"), ("due_on", "done_on", "voided"), TEXT, 8, compute=_overdue_action),
     Col(N_("Evidence"), "evidence", USER, 24), CREATED, VOID),
    counted_by=("kind", vocab.ACTION_KINDS), desk_readers=(roles.QUALITY,),
    in_departments=lambda d: CapaAction.owner.in_(staff_in(d)) | CapaAction.sheet.in_(
        AnomalySheet.select(AnomalySheet.id).where(AnomalySheet.responsible_department.in_(d))))

LEDGERS = (ANOMALIES, CAPA_ACTIONS)
