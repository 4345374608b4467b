"""A hazard's photos (现场照片) and files: the base's attachments; a closed hazard keeps the ones it
was closed with."""
from __future__ import annotations

from feedback_desk.base.attachments import Attachable
from feedback_desk.base.i18n import _
from feedback_desk.desks.safety import permissions
from feedback_desk.desks.safety.models import SafetyHazard


def why_fixed(hazard: SafetyHazard) -> str | None:
    if hazard.voided:
        return _("This hazard report is void and can no longer be changed.")
    if hazard.state == "closed":
        return _("This hazard is closed: it keeps the files it was closed with.")
    return None


FILES = Attachable(SafetyHazard, read=None, add=permissions.ADD_FILE, void=permissions.VOID_FILE, fixed=why_fixed)
