"""The housekeeping desk's deadlines: a maintenance follow-up is reported on every working day
until checked; a service sheet is verified the same day, and reaches the front desk before the
next morning meeting (its second deadline, carried by the foreman who verified it)."""
from __future__ import annotations

from feedback_desk.base.i18n import N_
from feedback_desk.desks.housekeeping import maintenance
from feedback_desk.desks.housekeeping.models import MaintenanceItem, ServiceSheet
from feedback_desk.loop.items import DeadlineItem, created_day

MAINTENANCE = DeadlineItem(
    "maintenance", N_("Maintenance follow-up"),
    MaintenanceItem, lambda: MaintenanceItem.voided == False,  # noqa: E712
    maintenance.open_sql, maintenance.is_open, lambda m: "",
    created_day, lambda m: None, "owner", None,
    lambda m: m.description[:50], lambda m: "open_ended")

SERVICE_SHEET = DeadlineItem(
    "service_sheet", N_("Service sheet"),
    ServiceSheet, lambda: ServiceSheet.voided == False,  # noqa: E712
    lambda: ServiceSheet.state == "open", lambda s: s.state == "open", lambda s: "",
    lambda s: s.date, lambda s: None, "attendant", None,
    lambda s: f"{s.date.isoformat()} F{s.floor}")

# the same sheets' second deadline: at the front desk before the next morning meeting,
# carried there by the foreman who verified it (until then the housekeeping head's)
SHEET_DELIVERY = DeadlineItem(
    "sheet_delivery", N_("Service sheet to the front desk"),
    ServiceSheet, lambda: ServiceSheet.voided == False,  # noqa: E712
    lambda: ServiceSheet.received_at.is_null(), lambda s: s.received_at is None, lambda s: "",
    lambda s: s.date, lambda s: None, "verified_by", None,
    lambda s: f"{s.date.isoformat()} F{s.floor}", primary=False)

ITEMS = (MAINTENANCE, SERVICE_SHEET, SHEET_DELIVERY)
