"""Who may do what with the suggestion box and its reward points: the GM's office or HR review,
answer and reward, never their own named suggestion, and nobody rewards themself."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, not_ones_own
from feedback_desk.base.i18n import N_

REVIEWERS = (roles.GM_OFFICE, roles.HR)

DROP = Permission("suggestion.drop", N_("Drop a suggestion in the box"), roles=(roles.STAFF,))
REVIEW = Permission(
    "suggestion.review", N_("Review, answer and adopt a suggestion"), roles=REVIEWERS,
    vetoes=(not_ones_own("writer", N_("Nobody reviews, answers or adopts their own suggestion.")),),
    refusal=N_("Only the general manager's office or human resources reviews suggestions."))
GRANT_POINTS = Permission(
    "points.grant", N_("Grant or void reward points"), roles=REVIEWERS,
    vetoes=(not_ones_own("staff", N_("Nobody grants reward points to themself.")),),
    refusal=N_("Only the general manager's office or human resources grants reward points."))

PERMISSIONS = (DROP, REVIEW, GRANT_POINTS)
