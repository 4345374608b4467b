"""The safety desk (安全): the safety hazard register (安全隐患) with its rectification and check, and
the incident reports (重大事件) with their route from the general manager's office to the departments
that investigate them.

Its public API, for the other desks: the incident reports' table, their kinds and who may read one."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, Searched, StillOpen, later
from feedback_desk.base.i18n import N_
from feedback_desk.desks.safety.models import IncidentReport
from feedback_desk.desks.safety.permissions import READ_INCIDENT
from feedback_desk.desks.safety.kinds import NAMES as INCIDENT_KIND_NAMES
from feedback_desk.desks.safety.vocab import HAZARD_AREAS, INCIDENT_STATES

__all__ = ["HAZARD_AREAS", "INCIDENT_KIND_NAMES", "INCIDENT_STATES", "READ_INCIDENT", "IncidentReport", "spec"]


def spec() -> DeskSpec:
    from feedback_desk.desks.safety import deadlines, ledgers, models, permissions
    from feedback_desk.desks.safety.listings import HazardListing, IncidentListing, past_due
    from feedback_desk.desks.safety.vocab import INCIDENT_OPEN

    return DeskSpec(
        key="safety", title=N_("Safety"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"hazards": HazardListing, "incidents": IncidentListing},
        searched=(Searched("hazards", N_("Safety hazards")), Searched("incidents", N_("Incident reports"))),
        loads=(DeskLoad("hazards", N_("Safety hazards"), "open"),),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("hazard", models.SafetyHazard,
                         later("feedback_desk.desks.safety.forms", "export_hazard_notice"), "number"),
               PaperForm("incident", models.IncidentReport,
                         later("feedback_desk.desks.safety.incident_forms", "export_incident_report"), "number")),
        still_open=(StillOpen("hazards", N_("Safety hazards past their rectification date"),
                              lambda: models.SafetyHazard.select().where(past_due()).count()),
                    StillOpen("incidents", N_("Incident reports not yet closed"),
                              lambda: models.IncidentReport.select().where(
                                  models.IncidentReport.state.in_(INCIDENT_OPEN)
                                  & (models.IncidentReport.voided == False)).count())),  # noqa: E712
        permissions=permissions.PERMISSIONS)
