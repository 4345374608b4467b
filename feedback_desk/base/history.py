"""A record's history as its readers see it: when (local time), who, what was done, which field,
old → new — the people and departments by name, yes/no for a box, a void with its reason, an
escalation or a progress report as such. An anonymous entry's history has no author, so none
is shown: there is none to show."""
from __future__ import annotations

import dataclasses

import peewee as pw

from feedback_desk.base import records
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Department, Staff

ACTIONS = {
    "create": N_("Created"), "update": N_("Edited"), "void": N_("Voided"), "escalate": N_("Escalated"),
    "admin_password": N_("Password chosen"), "first_password": N_("First password given"),
    "own_password": N_("Password changed"),
}
FIELDS = {  # the fields every record has, and those the engine writes
    "voided": N_("Void"), "void_reason": N_("Void reason"), "progress": N_("Progress report"),
    "deadline_rule": N_("Deadline rule"), "deadline_flag": N_("Safety or emergency mark"),
    "state": N_("State"), "text": N_("Text"), "handler": N_("Handler"), "department": N_("Department"),
    "filename": N_("File name"), "mime": N_("Type of file"), "size": N_("Size in bytes"),  # a file's
}
LINKS = ("record_table", "record_id")  # which record a file belongs to: the record whose history is shown


@dataclasses.dataclass(frozen=True)
class HistoryLine:
    at: str           # local date and time
    who: str          # "" when the record has no author (an anonymous entry)
    action: str
    field: str
    old: str
    new: str


def _shown(model, field: str, value: str | None, names: dict, choices: dict) -> str:
    if value is None:
        return ""
    if value in choices.get(field, {}):
        return choices[field][value]
    column = model._meta.fields.get(field)
    if isinstance(column, pw.ForeignKeyField) and column.rel_model in names and value.isdigit():
        return names[column.rel_model].get(int(value), value)
    if isinstance(column, pw.BooleanField) or field == "voided":
        return _("Yes") if value in ("1", "True", "true") else _("No")
    return value


def _points_to(part, field: str, model) -> bool:
    column = part._meta.fields.get(field)
    return isinstance(column, pw.ForeignKeyField) and column.rel_model is model


def history_lines(model, record_id: int, labels: dict[str, str] | None = None,
                  choices: dict[str, dict[str, str]] | None = None, rows: list | None = None,
                  parts: dict | None = None) -> list[HistoryLine]:
    """The record's history, oldest first, for the screen. `labels`: the form's own names of its
    fields (field → label); others are named by FIELDS or by the field itself. `choices`: the
    words a field's codes are shown as (field → {code: word}), as its list in the form offers them.
    `rows` and `parts`: a record shown with its parts (an anomaly sheet with its actions and
    files): their history rows, and each part's model → the N_() word its rows are marked with."""
    choices = choices or {}
    rows = records.history(model, record_id) if rows is None else rows
    part_of = {m._meta.table_name: (m, label) for m, label in (parts or {}).items()}
    names = {Staff: dict(Staff.select(Staff.id, Staff.name).tuples()),
             Department: dict(Department.select(Department.id, Department.name).tuples())}
    known = {**FIELDS, **(labels or {})}
    lines = []
    for change in rows:
        field = change.field
        action = ACTIONS.get(change.action, change.action)
        own, part = part_of.get(change.table, (model, ""))
        if own is not model and (field in LINKS or _points_to(own, field, model)):
            continue  # a part's link to the record shown says nothing new
        shown_as = choices if own is model else {}
        name = _(known[field]) if field in known and (own is model or field in FIELDS) else field.replace("_", " ")
        lines.append(HistoryLine(
            fmt_datetime(change.at), change.by.name if change.by_id else "", _(action),
            f"{_(part)} · {name}" if part else name,
            _shown(own, field, change.old, names, shown_as), _shown(own, field, change.new, names, shown_as)))
    return lines
