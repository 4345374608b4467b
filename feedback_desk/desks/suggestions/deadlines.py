"""A suggestion is answered within its rule's time (24小时回复制): reviewed and answered stops it."""
from __future__ import annotations

from feedback_desk.base.i18n import N_
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.loop.items import DeadlineItem

WAITING = ("received", "under_review")

SUGGESTION = DeadlineItem(
    "suggestion", N_("Suggestion"),
    Suggestion, lambda: Suggestion.voided == False,  # noqa: E712
    lambda: Suggestion.state.in_(WAITING),
    lambda s: s.state in WAITING, lambda s: "",
    lambda s: s.received_on, lambda s: None, "reviewer", "department",
    lambda s: f"{s.number} {s.text[:40]}")

ITEMS = (SUGGESTION,)
