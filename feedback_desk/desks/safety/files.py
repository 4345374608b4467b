"""A hazard's photos (现场照片) and an incident report's photos and documents: the base's
attachments; a closed hazard or incident keeps the ones it was closed with."""
from __future__ import annotations

from feedback_desk.base.attachments import Attachable
from feedback_desk.base.i18n import _
from feedback_desk.desks.safety import permissions
from feedback_desk.desks.safety.models import IncidentReport, SafetyHazard


def why_fixed(hazard: SafetyHazard) -> str | None:
    if hazard.voided:
        return _("This hazard report is void and can no longer be changed.")
    if hazard.state == "closed":
        return _("This hazard is closed: it keeps the files it was closed with.")
    return None


FILES = Attachable(SafetyHazard, read=None, add=permissions.ADD_FILE, void=permissions.VOID_FILE, fixed=why_fixed)


def incident_fixed(incident: IncidentReport) -> str | None:
    if incident.voided:
        return _("This incident report is void and can no longer be changed.")
    if incident.state == "closed":
        return _("This incident is closed: it keeps the files it was closed with.")
    return None


INCIDENT_FILES = Attachable(IncidentReport, read=permissions.READ_INCIDENT, add=permissions.INCIDENT_FILE,
                            void=permissions.VOID_INCIDENT_FILE, fixed=incident_fixed)
