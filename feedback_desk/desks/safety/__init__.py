"""The safety desk (安全): the safety hazard register (安全隐患), its rectification and check; the
incident reports (重大事件) come next (issue 17)."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, StillOpen
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.desks.safety import deadlines, ledgers, models, permissions
    from feedback_desk.desks.safety.forms import export_hazard_notice
    from feedback_desk.desks.safety.listings import HazardListing, past_due

    return DeskSpec(
        key="safety", title=N_("Safety"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"hazards": HazardListing},
        loads=(DeskLoad("hazards", N_("Safety hazards"), "open"),),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("hazard", models.SafetyHazard, export_hazard_notice, "number"),),
        still_open=(StillOpen("hazards", N_("Safety hazards past their rectification date"),
                              lambda: models.SafetyHazard.select().where(past_due()).count()),),
        permissions=permissions.PERMISSIONS)
