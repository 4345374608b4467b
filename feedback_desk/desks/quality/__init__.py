"""The quality desk (质量异常): anomaly sheets, their investigation, CAPA actions, attachments.

Its public API, for the other desks: the sheets raised from one of their records."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, Searched, StillOpen, later
from feedback_desk.base.i18n import N_

__all__ = ["sheets_raised_from", "spec"]


def sheets_raised_from(model, record_id: int) -> list:
    """The live anomaly sheets raised from that record (quality/raised_from.py), oldest first."""
    from feedback_desk.desks.quality import raised_from

    return raised_from.sheets_raised_from(model, record_id)


def spec() -> DeskSpec:
    from feedback_desk.base import clock
    from feedback_desk.desks.quality import deadlines, ledgers, models, permissions
    from feedback_desk.desks.quality.listings import ActionListing, AnomalyListing
    from feedback_desk.desks.quality.listings import action_overdue

    return DeskSpec(
        key="quality", title=N_("Quality anomalies"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"anomalies": AnomalyListing, "capa_actions": ActionListing},
        searched=(Searched("anomalies", N_("Anomaly sheets")),),
        loads=(DeskLoad("anomalies", N_("Anomaly sheets"), "open"),
               DeskLoad("capa_actions", N_("CAPA actions"), "open")),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("anomaly", models.AnomalySheet,
                         later("feedback_desk.desks.quality.forms", "export_anomaly_sheet"), "number"),),
        still_open=(StillOpen("capa_actions", N_("Overdue corrective and preventive actions"),
                              lambda: models.CapaAction.select()
                              .where(action_overdue(clock.today_local())).count()),),
        permissions=permissions.PERMISSIONS)
