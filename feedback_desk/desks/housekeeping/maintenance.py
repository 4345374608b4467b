"""Maintenance follow-ups from the service log: reported → assigned → fixed → checked.

Its owner, a foreman of the room's floor or the head of the department concerned moves one on;
the foreman or the head checks the repair, never the one who repaired it (permissions.py)."""
from __future__ import annotations

from feedback_desk.base import access, clock
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import get_live, update_record
from feedback_desk.desks.housekeeping import permissions
from feedback_desk.desks.housekeeping.models import MaintenanceItem
from feedback_desk.base.vocab import MAINTENANCE_ORDER


def is_open(item: MaintenanceItem) -> bool:
    """A follow-up is open until the foreman has checked the fix."""
    return item.state != "checked" and not item.voided


def open_sql():
    return (MaintenanceItem.state != "checked") & (MaintenanceItem.voided == False)  # noqa: E712


def advance(item_id: int, version: int, to_state: str, by: Staff, owner_id: int | None = None) -> MaintenanceItem:
    """Move a follow-up one step on; assigning names an owner, checking is the foreman's sign-off."""
    with write_transaction():
        item = get_live(MaintenanceItem, item_id)
        if item.voided:
            raise ValidationError({"": _("This follow-up is void.")})
        access.require(permissions.CHECK_MAINTENANCE if to_state == "checked" else permissions.MOVE_MAINTENANCE,
                       by, item)
        if to_state not in MAINTENANCE_ORDER:
            raise ValidationError({"state": _("Choose a state from the list.")})
        current = MAINTENANCE_ORDER.index(item.state)
        if MAINTENANCE_ORDER.index(to_state) != current + 1:
            raise ValidationError({"state": _("A follow-up goes reported → assigned → fixed → checked, "
                                              "one step at a time.")})
        values: dict = {"state": to_state}
        if to_state == "assigned":
            if owner_id is None or Staff.get_or_none(Staff.id == owner_id) is None:
                raise ValidationError({"owner": _("Name who will fix it.")})
            values["owner"] = owner_id
        elif to_state == "fixed":
            values["fixed_at"] = clock.now_utc()
        elif to_state == "checked":
            values.update(checked_by=by.id, checked_at=clock.now_utc())
        return update_record(MaintenanceItem, item_id, version, values, by)
