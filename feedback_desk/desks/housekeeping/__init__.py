"""The housekeeping desk (服务日志): service sheets and lines, maintenance follow-ups, handovers.

Its public API, for the other desks: the numbers of the rooms in use (a place is often a room)."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, Searched, StillOpen, later
from feedback_desk.base.i18n import N_

__all__ = ["room_numbers", "spec"]


def room_numbers() -> list[str]:
    """The rooms in use, by floor and number (as a place's completion offers them)."""
    from feedback_desk.desks.housekeeping.rooms import rooms

    return [room.number for room in rooms()]


def spec() -> DeskSpec:
    from feedback_desk.desks.housekeeping import deadlines, ledgers, models, permissions
    from feedback_desk.desks.housekeeping import maintenance, rooms  # noqa: F401 - rooms: their history
    from feedback_desk.desks.housekeeping.listings import (HandoverListing, MaintenanceListing, RoomHistoryListing,
                                                           SheetListing)

    return DeskSpec(
        key="housekeeping", title=N_("Service log"),
        models=tuple(models.MODELS),
        deadline_items=deadlines.ITEMS,
        listings={"service_sheets": SheetListing, "maintenance": MaintenanceListing,
                  "room_history": RoomHistoryListing, "handovers": HandoverListing},
        searched=(Searched("service_sheets", N_("Service sheets")),),
        loads=(DeskLoad("service_sheets", N_("Service sheets"), "state:open"),
               DeskLoad("maintenance", N_("Maintenance"), "open")),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("sheet", models.ServiceSheet,
                         later("feedback_desk.desks.housekeeping.forms", "export_service_log")),
               PaperForm("handover", models.Handover,
                         later("feedback_desk.desks.housekeeping.forms", "export_handover"))),
        still_open=(StillOpen("maintenance", N_("Open maintenance follow-ups (not checked)"),
                              lambda: models.MaintenanceItem.select().where(maintenance.open_sql()).count()),),
        permissions=permissions.PERMISSIONS)
