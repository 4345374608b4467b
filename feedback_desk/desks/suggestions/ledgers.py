"""The suggestion box's ledgers: suggestions (合理化建议台帐) and reward points (奖励积分)."""
from __future__ import annotations

from feedback_desk.base import roles, vocab
from feedback_desk.base.i18n import N_
from feedback_desk.desks.suggestions import confidential
from feedback_desk.desks.suggestions.listings import is_overdue_entry, overdue_cutoff
from feedback_desk.desks.suggestions.models import RewardPoints, Suggestion, SuggestionCategory
from feedback_desk.export.ledger_columns import (staff_in, BOOL, Col, DATE, DEPARTMENT, ID, INT, LABEL, Ledger,
                                                 Lookup, STAFF, TEXT, USER, VOID, VOID_REASON,
                                                 model_fields, on_days, to_date)

CATEGORY = Lookup("category", lambda: (SuggestionCategory.id, SuggestionCategory.name))


def _writer(values, ctx) -> str:
    anonymous, writer = values
    return ctx.tr(N_("Anonymous")) if anonymous else ctx.lookups["staff"].get(writer, "")


def _overdue_suggestion(values, ctx) -> str:
    state, received, voided = values
    late = not voided and is_overdue_entry(state, to_date(received), ctx.extra["suggestion_cutoff"])
    return ctx.yes if late else ""


SUGGESTIONS = Ledger(
    "suggestions", N_("Suggestions"), N_("Suggestions"), Suggestion,
    model_fields(Suggestion, "number", "received_on", "anonymous", "writer", "department", "category", "text",
                  "benefit", "state", "reviewer", "answered_on", "answer", "adoption", "implemented",
                  "implemented_on", "voided", "void_reason"),
    on_days(Suggestion.received_on),
    (Col(N_("Number"), "number", TEXT, 14), Col(N_("Received on"), "received_on", DATE, 11),
     Col(N_("Writer"), ("anonymous", "writer"), TEXT, 10, compute=_writer),
     Col(N_("Department"), "department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("Category"), "category", TEXT, 18, lookup=CATEGORY), Col(N_("Suggestion"), "text", USER, 40),
     Col(N_("Expected benefit"), "benefit", USER, 24),
     Col(N_("State"), "state", LABEL, 11, vocab.SUGGESTION_STATES),
     Col(N_("Reviewer"), "reviewer", TEXT, 10, lookup=STAFF), Col(N_("Answered on"), "answered_on", DATE, 11),
     Col(N_("Answer"), "answer", USER, 30), Col(N_("Adoption"), "adoption", LABEL, 12, vocab.ADOPTION),
     Col(N_("Implemented"), "implemented", BOOL, 8), Col(N_("Implemented on"), "implemented_on", DATE, 11),
     Col(N_("Overdue"), ("state", "received_on", "voided"), TEXT, 8, compute=_overdue_suggestion),
     VOID, VOID_REASON),
    lookups=(STAFF,), prepare=lambda: {"suggestion_cutoff": overdue_cutoff()},
    counted_by=("state", vocab.SUGGESTION_STATES), desk_readers=(roles.HR,),
    in_departments=lambda d: Suggestion.department.in_(d), withheld=confidential.withheld_sql)

# what points were granted for (RewardPoints.source): a code, shown as a word of the language
POINT_SOURCES = {
    "suggestion": N_("Suggestion"),
    "feedback": N_("Guest feedback"),
    "service_log": N_("Service log"),
    "quality": N_("Quality anomaly sheets"),
    "other": N_("Other"),
}

REWARD_POINTS = Ledger(
    "reward_points", N_("Reward points"), N_("Reward points"), RewardPoints,
    model_fields(RewardPoints, "granted_on", "staff", "kind", "points", "reason", "source", "source_id",
                  "voided", "void_reason"),
    on_days(RewardPoints.granted_on),
    (ID, Col(N_("Granted on"), "granted_on", DATE, 11),
     Col(N_("Staff"), "staff", TEXT, 10, lookup=STAFF),
     Col(N_("Kind"), "kind", LABEL, 22, vocab.REWARD_KINDS), Col(N_("Points"), "points", INT, 8),
     Col(N_("Reason"), "reason", USER, 36), Col(N_("Source"), "source", LABEL, 14, POINT_SOURCES),
     Col(N_("Source ID"), "source_id", INT, 8), VOID, VOID_REASON),
    counted_by=("kind", vocab.REWARD_KINDS), desk_readers=(roles.HR,),
    in_departments=lambda d: RewardPoints.staff.in_(staff_in(d)))

LEDGERS = (SUGGESTIONS, REWARD_POINTS)
