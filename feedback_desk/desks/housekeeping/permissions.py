"""Who may do what with the service log: attendants write their own sheets, a foreman of that
floor (or the head of the attendant's department) verifies, never their own sheet."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, head_of, not_ones_own
from feedback_desk.base.i18n import N_

WRITE_SHEET = Permission("service_log.write", N_("Write a service sheet and its rooms"), roles=(roles.STAFF,))
VERIFY_SHEET = Permission(
    "service_log.verify", N_("Verify a service sheet"),
    also=((N_("a foreman of that floor"), lambda person, sheet: roles.foreman_of(person.id, sheet.floor)),
          head_of(lambda sheet: sheet.attendant.department_id)),
    vetoes=(not_ones_own("attendant", N_("The attendant cannot verify their own sheet: the foreman does.")),),
    refusal=N_("Only a foreman of that floor or the head of the department verifies a service sheet."))

PERMISSIONS = (WRITE_SHEET, VERIFY_SHEET)
