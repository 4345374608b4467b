"""Who may change the deadline rules and the work calendar: an administrator or the general manager."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission
from feedback_desk.base.i18n import N_

CHANGE_RULES = Permission(
    "rules.change", N_("Change the deadline rules and the work calendar"), roles=(roles.ADMIN, roles.GM),
    refusal=N_("Only an administrator or the general manager changes the deadline rules and the calendar."))

PERMISSIONS = (CHANGE_RULES,)
