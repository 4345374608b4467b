"""Who may do what with the service log, its maintenance follow-ups and the shift handover (责任到人):

- anyone starts a service sheet; its rooms are written, changed and voided by its attendant while
  it is open, and by a foreman of that floor or the head of the attendant's department; a foreman
  of that floor (or that head) verifies, never their own sheet; the front desk (a member of the
  front office, or that head) receives it, never the attendant;
- a follow-up is moved on (assigned, fixed) by its owner, a foreman of the room's floor or the head
  of the department concerned (the owner's, else the reporter's); the same check the repair and
  close it, never the one who repaired it;
- anyone hands over a post's materials; anyone takes over, except the one handing over.
"""
from __future__ import annotations

from feedback_desk.base import responsible, roles
from feedback_desk.base.access import Permission, head_of, not_ones_own, the_one
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Change, Staff

SHEET_HEAD = head_of(lambda sheet: sheet.attendant.department_id)
FLOOR_FOREMAN = (N_("a foreman of that floor"), lambda person, sheet: roles.foreman_of(person.id, sheet.floor))

WRITE_SHEET = Permission("service_log.write", N_("Start a service sheet"), roles=(roles.STAFF,))
EDIT_LINES = Permission(
    "service_log.lines", N_("Write, change or void the rooms of a service sheet"),
    also=((N_("its attendant, while the sheet is open"),
           lambda person, sheet: sheet.state == "open" and sheet.attendant_id == person.id),
          FLOOR_FOREMAN, SHEET_HEAD),
    refusal=N_("Only the sheet's attendant (while it is open), a foreman of that floor or the head of the "
               "department changes the rooms of a service sheet."))
VERIFY_SHEET = Permission(
    "service_log.verify", N_("Verify a service sheet"),
    also=(FLOOR_FOREMAN, SHEET_HEAD),
    vetoes=(not_ones_own("attendant", N_("The attendant cannot verify their own sheet: the foreman does.")),),
    refusal=N_("Only a foreman of that floor or the head of the department verifies a service sheet."))
RECEIVE_SHEET = Permission(
    "service_log.receive", N_("Receive a verified service sheet at the front desk"),
    also=((N_("a member of the front office"), lambda person, _sheet: person.department_id is not None
           and person.department_id == responsible.department_named(responsible.CUSTOMER_SERVICE)),
          SHEET_HEAD),
    vetoes=(not_ones_own("attendant", N_("The attendant does not receive their own sheet: the front desk does.")),),
    refusal=N_("Only the front desk (the front office) or the head of the department receives a service sheet."))


def _item_department(item) -> int | None:
    """The department a follow-up concerns: its owner's, else its reporter's."""
    for staff_id in (item.owner_id, item.created_by_id):
        if staff_id is not None:
            department = Staff.select(Staff.department).where(Staff.id == staff_id).scalar()
            if department is not None:
                return department
    return None


def _repaired_by(item) -> set[int]:
    """Who repaired it: its owner, and whoever reported it fixed."""
    fixed = (Change.select(Change.by).where((Change.table == item._meta.table_name) & (Change.record_id == item.id)
                                            & (Change.field == "state") & (Change.new == "fixed"))
             .order_by(Change.id.desc()).scalar())
    return {i for i in (item.owner_id, fixed) if i is not None}


ITEM_FOREMAN = (N_("a foreman of the room's floor"), lambda person, item: roles.foreman_of(person.id, item.room.floor))
ITEM_HEAD = head_of(_item_department)
MOVE_MAINTENANCE = Permission(
    "maintenance.work", N_("Assign a maintenance follow-up or report it fixed"),
    also=(the_one("owner", N_("its owner")), ITEM_FOREMAN, ITEM_HEAD),
    refusal=N_("Only the follow-up's owner, a foreman of the floor or the head of the department concerned "
               "moves a maintenance follow-up on."))
CHECK_MAINTENANCE = Permission(
    "maintenance.check", N_("Check a repair and close its follow-up"),
    also=(ITEM_FOREMAN, ITEM_HEAD),
    vetoes=(lambda person, item: _("Nobody checks their own repair: a foreman or the head does.")
            if person.id in _repaired_by(item) else None,),
    refusal=N_("Only a foreman of the floor or the head of the department concerned checks a repair."))

WRITE_HANDOVER = Permission("handover.write", N_("Hand over a post's materials"), roles=(roles.STAFF,))
TAKE_OVER = Permission(
    "handover.take", N_("Take over a post's materials"), roles=(roles.STAFF,),
    vetoes=(not_ones_own("handed_by", N_("The person taking over must not be the one handing over.")),))

PERMISSIONS = (WRITE_SHEET, EDIT_LINES, VERIFY_SHEET, RECEIVE_SHEET, MOVE_MAINTENANCE, CHECK_MAINTENANCE,
               WRITE_HANDOVER, TAKE_OVER)
