"""A suggestion's drawings, photos or files: the base's attachments, added by its writer or the
reviewers while the suggestion is live. The files dropped with an anonymous suggestion keep no trace
of who dropped them, as the suggestion keeps none (DESIGN, must)."""
from __future__ import annotations

from feedback_desk.base.attachments import Attachable
from feedback_desk.base.i18n import _
from feedback_desk.desks.suggestions import permissions
from feedback_desk.desks.suggestions.models import Suggestion


def why_fixed(suggestion: Suggestion) -> str | None:
    return _("This suggestion is void and can no longer be changed.") if suggestion.voided else None


FILES = Attachable(Suggestion, read=permissions.READ, add=permissions.ADD_FILE, void=permissions.VOID_FILE,
                   fixed=why_fixed, anonymous=lambda suggestion: suggestion.anonymous)
