"""The guest feedback ledger and the complaint register (顾客意见台帐 / 投诉登记台帐)."""
from __future__ import annotations

from feedback_desk.base import vocab
from feedback_desk.base.i18n import N_
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.feedback.permissions import withheld_sql
from feedback_desk.export.ledger_columns import (BOOL, CREATED, Col, DATE, DEPARTMENT, ID, INT, LABEL,
                                                 Ledger, STAFF, TEXT, USER, VOID, VOID_REASON,
                                                 model_fields, on_days)

RATINGS = tuple(Col(text, key, INT, 9) for key, text in vocab.RATING_ASPECTS.items())
FEEDBACK_FIELDS = ("date", "channel", "kind", "place", "department", "customer_name", "text") + tuple(
    vocab.RATING_ASPECTS) + ("register_no", "state", "serious", "complained_about", "handler", "investigation",
                             "reply_method", "reply_on", "reply_by", "reply_text", "outcome_rating",
                             "created_at", "voided", "void_reason")

FEEDBACK = Ledger(
    "feedback", N_("Guest feedback"), N_("Guest feedback"), Feedback, model_fields(Feedback, *FEEDBACK_FIELDS),
    on_days(Feedback.date),
    (ID, Col(N_("Date"), "date", DATE, 11),
     Col(N_("Channel"), "channel", LABEL, 16, vocab.FEEDBACK_CHANNELS),
     Col(N_("Kind"), "kind", LABEL, 10, vocab.FEEDBACK_KINDS),
     Col(N_("Place"), "place", USER, 10), Col(N_("Department"), "department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("Customer"), "customer_name", USER, 14), Col(N_("What the guest said"), "text", USER, 40))
    + RATINGS
    + (Col(N_("Register no."), "register_no", TEXT, 18),
       Col(N_("State"), "state", LABEL, 11, vocab.COMPLAINT_STATES),
       Col(N_("Serious"), "serious", BOOL, 8), Col(N_("Handler"), "handler", TEXT, 10, lookup=STAFF),
       Col(N_("Reply on"), "reply_on", DATE, 11), Col(N_("Outcome rating"), "outcome_rating", INT, 9),
       CREATED, VOID),
    counted_by=("kind", vocab.FEEDBACK_KINDS),
    in_departments=lambda d: Feedback.department.in_(d), withheld=lambda r: withheld_sql(r.person_id))

COMPLAINTS = Ledger(
    "complaints", N_("Complaints"), N_("Complaints"), Feedback, model_fields(Feedback, *FEEDBACK_FIELDS),
    on_days(Feedback.date),
    (Col(N_("Register no."), "register_no", TEXT, 18), Col(N_("Date"), "date", DATE, 11),
     Col(N_("Channel"), "channel", LABEL, 16, vocab.FEEDBACK_CHANNELS),
     Col(N_("Place"), "place", USER, 10), Col(N_("Department"), "department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("Customer"), "customer_name", USER, 14), Col(N_("Complaint"), "text", USER, 40),
     Col(N_("Serious"), "serious", BOOL, 8),
     Col(N_("Complained about"), "complained_about", TEXT, 10, lookup=STAFF),
     Col(N_("Handler"), "handler", TEXT, 10, lookup=STAFF),
     Col(N_("State"), "state", LABEL, 11, vocab.COMPLAINT_STATES),
     Col(N_("Investigation"), "investigation", USER, 30),
     Col(N_("Reply method"), "reply_method", LABEL, 11, vocab.REPLY_METHODS),
     Col(N_("Reply on"), "reply_on", DATE, 11), Col(N_("Replied by"), "reply_by", TEXT, 10, lookup=STAFF),
     Col(N_("Reply"), "reply_text", USER, 30), Col(N_("Outcome rating"), "outcome_rating", INT, 9),
     CREATED, VOID, VOID_REASON),
    extra_where=lambda: Feedback.kind == "complaint",
    counted_by=("state", vocab.COMPLAINT_STATES),
    in_departments=lambda d: Feedback.department.in_(d), withheld=lambda r: withheld_sql(r.person_id))

LEDGERS = (FEEDBACK, COMPLAINTS)
