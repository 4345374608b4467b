"""The history of how the place is set up: the staff list, roles and departments, the business
settings, the deadline rules and the work calendar — who changed what, when, old → new.

Each change is written by its use case in its own transaction (`record`), into the same history
table as the records' (base/models.py `Change`): a row per field, named by its table and row. A
password is never written, only that one was set.

Reading it (`settings_history`) is for an administrator or the general manager: newest first,
the thing changed named ("Staff: 王芳", "Deadline rule: …"), people and departments by name,
roles by their labels. The base names its own tables here; the deadline engine registers the
rules and the calendar (loop/rules.py, loop/work_calendar.py) with `register`, as the base
knows no layer above it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any, Callable

import peewee as pw

from feedback_desk.base import access, clock, permissions, records, roles
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.history import ACTIONS, HistoryLine
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Change, Department, Staff

STAFF, SETTINGS, RULES = "staff", "settings", "rules"
KINDS = {
    STAFF: N_("Staff, roles and departments"),
    SETTINGS: N_("Settings"),
    RULES: N_("Deadline rules and work calendar"),
}
MORE_ACTIONS = {"remove": N_("Removed")}  # a day given back to the usual week
PASSWORD_ACTIONS = ("admin_password", "first_password", "own_password")
LIMIT = 500  # the newest changes shown at once


@dataclasses.dataclass(frozen=True)
class SettingsChange(HistoryLine):
    """One changed field: when, who, the action, the field, old → new (as `HistoryLine`), and
    `what` was changed ("Staff: 王芳") and of which `kind` (a key of KINDS)."""
    what: str = ""
    kind: str = ""


@dataclasses.dataclass(frozen=True)
class Names:
    """Everyone's and every department's name, read once for a page of the history."""
    staff: dict[int, str]
    departments: dict[int, str]

    def person(self, value: str | None) -> str:
        return self.staff.get(int(value), value) if value and value.isdigit() else (value or "")

    def department(self, value: str | None) -> str:
        return self.departments.get(int(value), value) if value and value.isdigit() else (value or "")


@dataclasses.dataclass(frozen=True)
class Subject:
    """A table whose changes are part of this history."""
    table: str
    kind: str                                              # STAFF / SETTINGS / RULES
    title: str                                             # N_() with {name}: "Staff: {name}"
    names: Callable[[list, Names], dict[int, str]]         # its changes → change id: the name of what it changed
    labels: dict[str, str] = dataclasses.field(default_factory=dict)  # field → N_() label
    value: Callable[[str, str, Names], str] | None = None  # field, stored text → as shown
    label_of_every_field: str = ""                         # N_() for all fields (a setting's value)

    def field_label(self, field: str) -> str:
        if self.label_of_every_field:
            return _(self.label_of_every_field)
        return _(self.labels[field]) if field in self.labels else field.replace("_", " ")


_SUBJECTS: dict[str, Subject] = {}


def register(subject: Subject) -> None:
    """Make a table's changes part of the history (the loop's rules and calendar register theirs)."""
    _SUBJECTS[subject.table] = subject


def subjects() -> dict[str, Subject]:
    return dict(_SUBJECTS)


# --- writing --------------------------------------------------------------------------------

def acting_person(by: Staff | None = None) -> Staff | None:
    """Whom a change is written down as made by: `by` when the use case names them, else the
    person signed in here; nobody when the program itself acts (a new database's seed, the demo)."""
    if by is not None:
        return by
    if access.the_program_acts() or access.signed_in_id() is None:
        return None
    return Staff.get_or_none(Staff.id == access.signed_in_id())


def record(table: str, record_id: int, action: str, changes: list[tuple[str, Any, Any]],
           by: Staff | None = None) -> None:
    """The history rows (field, old, new) of one change of the set-up, inside the caller's
    transaction; unchanged fields are left out. `by` as for `acting_person`."""
    changed = [(f, old, new) for f, old, new in changes if records.as_text(old) != records.as_text(new)]
    if changed:
        records.write_history(table, record_id, action, changed, acting_person(by), clock.now_utc())


def save_entry(model, entry_id: int | None, values: dict[str, Any], on_create: dict[str, Any] | None = None):
    """Add (no `entry_id`; with `on_create` too) or change an entry of a list people keep (a room,
    a consumable, a category), inside the caller's transaction, with its history: the fields
    given, those that changed."""
    table = model._meta.table_name
    if entry_id is None:
        row = model.create(**values, **(on_create or {}))
        record(table, row.id, "create", [(field, None, value) for field, value in values.items()])
        return row
    before = model.get_by_id(entry_id)
    model.update(**values).where(model.id == entry_id).execute()
    record(table, entry_id, "update", [(field, getattr(before, field), value) for field, value in values.items()])
    return model.get_by_id(entry_id)


def named_rows(model, field: str) -> Callable[[list, Names], dict[int, str]]:
    """`names` for a list's table (rows never deleted): each change named by its row's `field`."""
    def names(changes: list, _names: Names) -> dict[int, str]:
        ids = {c.record_id for c in changes}
        rows = dict(model.select(model.id, getattr(model, field)).where(model.id.in_(ids)).tuples()) if ids else {}
        return by_record({i: str(v) for i, v in rows.items()})(changes, _names)
    return names


def in_use_value(field: str, value: str, names: Names) -> str:
    """A list entry's fields as shown: "active" as yes or no, the rest as written."""
    return yes_no(value) if field == "active" else value


# --- what the base's own tables show ----------------------------------------------------------

def yes_no(value: str | None) -> str:
    if value in (None, ""):
        return ""
    return _("Yes") if value in ("1", "True", "true") else _("No")


def grant_text(grant: roles.Grant, names: Names) -> str:
    """A role as people read it: its label, with the department a head heads or a foreman's floor."""
    label = _(roles.LABELS[grant.role]) if grant.role in roles.LABELS else grant.role
    if grant.department is not None:
        label += f" ({names.department(str(grant.department))})"
    if grant.floor is not None:
        label += " (" + _("floor {floor}").format(floor=grant.floor) + ")"
    return label


def roles_text(value: str | None, names: Names) -> str:
    return ", ".join(grant_text(g, names) for g in roles.described(value))


def _staff_value(field: str, value: str, names: Names) -> str:
    if field == "department":
        return names.department(value)
    if field == "active":
        return yes_no(value)
    if field == "roles":
        return roles_text(value, names)
    return value


def setting_label(key: str) -> str:
    from feedback_desk.base import settings  # settings writes through this module

    return _(settings.LABELS[key]) if key in settings.LABELS else key


def _setting_names(changes: list, names: Names) -> dict[int, str]:
    return {c.id: setting_label(c.field) for c in changes}


def _setting_value(key: str, value: str, names: Names) -> str:
    if key == "complaints.owners":  # {department id: staff id}
        try:
            owners = json.loads(value or "{}")
        except ValueError:
            return value
        return "; ".join(f"{names.department(str(d))}: {names.person(str(p))}" for d, p in owners.items())
    return value


def by_record(rows: dict[int, str]) -> Callable[[list, Names], dict[int, str]]:
    """`names` for a table whose rows are never deleted: each change named by its row."""
    return lambda changes, names: {c.id: rows.get(c.record_id, f"#{c.record_id}") for c in changes}


def _staff_names(changes: list, names: Names) -> dict[int, str]:
    return by_record(names.staff)(changes, names)


def _department_names(changes: list, names: Names) -> dict[int, str]:
    return by_record(names.departments)(changes, names)


register(Subject("staff", STAFF, N_("Staff: {name}"), _staff_names,
                 {"name": N_("Name"), "department": N_("Department"), "active": N_("Works here"),
                  "roles": N_("Roles"), "password": N_("Password")}, _staff_value))
register(Subject("department", STAFF, N_("Department: {name}"), _department_names,
                 {"name": N_("Name"), "active": N_("In use")}, in_use_value))
register(Subject("setting", SETTINGS, N_("Setting: {name}"), _setting_names, value=_setting_value,
                 label_of_every_field=N_("Value")))


# --- reading --------------------------------------------------------------------------------

def _utc_start(day: dt.date) -> dt.datetime:
    return clock.to_utc(dt.datetime.combine(day, dt.time()))


def _fields_in_order(changes: list) -> list:
    """Newest change first, but the fields of one change (one save) in the order they were written."""
    ordered, run = [], []
    for change in changes:
        key = (change.at, change.by_id, change.table, change.record_id, change.action)
        if run and key != (run[0].at, run[0].by_id, run[0].table, run[0].record_id, run[0].action):
            ordered += reversed(run)
            run = []
        run.append(change)
    return ordered + run[::-1]


def settings_history(kind: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                     limit: int = LIMIT, offset: int = 0) -> list[SettingsChange]:
    """The changes of the set-up, newest first: all, or of one `kind` (a key of KINDS); from
    the local day `since` to the local day `until`, both included; `limit` of them from `offset`.
    Only an administrator or the general manager reads it."""
    access.require(permissions.SETTINGS_HISTORY)
    if kind and kind not in KINDS:
        raise KeyError(kind)
    tables = {table: s for table, s in _SUBJECTS.items() if not kind or s.kind == kind}
    query = (Change.select(Change, Staff).join(Staff, pw.JOIN.LEFT_OUTER, on=(Change.by == Staff.id))
             .where(Change.table.in_(list(tables))))
    if since is not None:
        query = query.where(Change.at >= _utc_start(since))
    if until is not None:
        query = query.where(Change.at < _utc_start(until + dt.timedelta(days=1)))
    changes = _fields_in_order(list(query.order_by(Change.at.desc(), Change.id.desc()).limit(limit).offset(offset)))
    names = Names(dict(Staff.select(Staff.id, Staff.name).tuples()),
                  dict(Department.select(Department.id, Department.name).tuples()))
    named = {table: subject.names([c for c in changes if c.table == table], names)
             for table, subject in tables.items() if any(c.table == table for c in changes)}
    lines = []
    for change in changes:
        subject = tables[change.table]
        name = named[change.table].get(change.id, f"#{change.record_id}")
        action = _(ACTIONS.get(change.action) or MORE_ACTIONS.get(change.action) or change.action)
        if change.action in PASSWORD_ACTIONS:  # that a password was set, never what it was
            old, new = "", action
        else:
            show = subject.value or (lambda _field, value, _names: value)
            old, new = (show(change.field, v, names) if v is not None else "" for v in (change.old, change.new))
        lines.append(SettingsChange(
            at=fmt_datetime(change.at), who=change.by.name if change.by_id else "", action=action,
            field=subject.field_label(change.field), old=old, new=new,
            what=_(subject.title).format(name=name), kind=subject.kind))
    return lines
