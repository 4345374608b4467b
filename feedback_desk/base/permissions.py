"""The base's own permissions: the staff list and its roles, first passwords, the business
settings and their history. The desks declare theirs in their own permissions modules; the registry gathers the
whole table (desks.registry.permissions)."""
from __future__ import annotations

from feedback_desk.base import roles
from feedback_desk.base.access import Permission
from feedback_desk.base.i18n import N_

MANAGE_STAFF = Permission(
    "staff.manage", N_("Add or change staff, their roles and departments"), roles=(roles.ADMIN,),
    refusal=N_("Only an administrator changes the staff list, roles and departments."))
FIRST_PASSWORD = Permission(
    "staff.first_password", N_("Give a person a first password"), roles=(roles.ADMIN,),
    refusal=N_("Only an administrator gives first passwords."))
SETTINGS = Permission(
    "settings.change", N_("Change the settings (rooms, categories, times)"), roles=(roles.ADMIN,),
    refusal=N_("Only an administrator changes the settings."))
SETTINGS_HISTORY = Permission(
    "settings.history", N_("Read the history of the settings, rules and staff"), roles=(roles.ADMIN, roles.GM),
    refusal=N_("Only an administrator or the general manager reads the history of the settings and staff."))
COPY_DATABASE = Permission(
    "database.copy", N_("Copy the whole database to a shared server"), roles=(roles.ADMIN,),
    refusal=N_("Only an administrator copies the database to a server."))

# a backup holds everything, the confidential reports and the complaints about a reader too (沟通保密)
BACK_UP = Permission(
    "database.back_up", N_("Back up the whole database to a file"), roles=(roles.ADMIN,),
    refusal=N_("Only an administrator backs up the database: a backup holds every record, the confidential ones too."))
RESTORE = Permission(
    "database.restore", N_("Restore the database from a backup"), roles=(roles.ADMIN,),
    refusal=N_("Only an administrator restores the database from a backup."))

OWN_PASSWORD = Permission("password.own", N_("Change one's own password"), roles=(roles.STAFF,))

PERMISSIONS = (MANAGE_STAFF, FIRST_PASSWORD, OWN_PASSWORD, SETTINGS, SETTINGS_HISTORY, COPY_DATABASE, BACK_UP, RESTORE)
