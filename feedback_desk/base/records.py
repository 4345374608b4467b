"""Writing records: audit fields, optimistic versions, voiding and history.

Every use case writes through these helpers inside `write_transaction()`, so a
record and its history rows land together or not at all.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import decimal
import functools
from typing import Any, TypeVar

import peewee as pw

from feedback_desk.base import clock
from feedback_desk.base.errors import ConflictError, NotFoundError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Change, Record, Staff

R = TypeVar("R", bound=Record)


def as_text(value: Any) -> str | None:
    """A value as the history keeps it (and compares it)."""
    if value is None:
        return None
    if isinstance(value, pw.Model):
        return str(value.get_id())
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (dt.date, dt.datetime, decimal.Decimal)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return str(value)


def _staff_id(by: Staff | None) -> int | None:
    return by.id if by is not None else None


def _field_value(record: pw.Model, name: str) -> Any:
    field = record._meta.fields[name]
    if isinstance(field, pw.ForeignKeyField):
        return record.__data__.get(field.name)
    return getattr(record, name)


def write_history(table: str, record_id: int, action: str, changes: list[tuple[str, Any, Any]],
                  by: Staff | None, at, untraceable: bool = False) -> None:
    """History rows (field, old, new) of one action, in one INSERT (a row each costs as much again);
    for a change a use case makes outside create/update/void (a deadline rule, a clock's escalation).
    `untraceable`: an anonymous entry's, with ids that say nothing of when (`untraceable_ids`)."""
    if changes:
        rows = [(table, record_id, action, field, as_text(old), as_text(new), at, _staff_id(by))
                for field, old, new in changes]
        fields = [Change.table, Change.record_id, Change.action, Change.field, Change.old, Change.new, Change.at,
                  Change.by]
        if untraceable:
            rows = [(i, *row) for i, row in zip(untraceable_ids(Change, len(rows)), rows)]
            fields = [Change.id, *fields]
        Change.insert_many(rows, fields=fields).execute()


ID_RANGE = 2**31 - 1  # the server's id columns are 32-bit


def untraceable_ids(model, n: int) -> list[int]:
    """Ids for the rows of an anonymous entry, which must not tell when it was written: drawn at
    random among the negative numbers, below every id a sequence gives. Their order then says
    nothing of when they came, nor of the named records before or after them (a row's id is
    also where SQLite keeps it on disk)."""
    draw = secrets.SystemRandom()
    while True:
        ids = list({-draw.randrange(1, ID_RANGE) for _ in range(n)})
        if len(ids) == n and not model.select().where(model.id.in_(ids)).exists():
            return ids




def create_record(model: type[R], values: dict[str, Any], by: Staff | None, *, keep_history: bool = True,
                  anonymous: bool = False) -> R:
    """Insert a record with its audit fields; each set field leaves a history row.

    `anonymous` keeps no trace of who typed it: no author in the record or its history
    (`by` is ignored) and its times only to the day: 00:00 of the local day, a date rather
    than a moment (the same value for every entry of that day, whenever it was typed)."""
    now = clock.now_utc()
    if anonymous:  # and its id and its history's ids say nothing of when (untraceable_ids)
        by = None
        now = dt.datetime.combine(clock.today_local(), dt.time())
        values = {"id": untraceable_ids(model, 1)[0], **values}
    record = model.create(created_at=now, created_by=by, updated_at=now, updated_by=by,
                          version=1, **values)
    if keep_history:
        write_history(model._meta.table_name, record.id, "create",
             [(name, None, _field_value(record, name)) for name, value in values.items()
              if value not in (None, "") and name != "id"],
             by, now, untraceable=anonymous)
    return record


def get_live(model: type[R], record_id: int) -> R:
    record = model.get_or_none(model.id == record_id)
    if record is None:
        raise NotFoundError()
    return record


def update_record(model: type[R], record_id: int, expected_version: int,
                  values: dict[str, Any], by: Staff | None) -> R:
    """Save changed fields if nobody saved the record since `expected_version` was read."""
    current = get_live(model, record_id)
    if current.version != expected_version:
        raise ConflictError()
    if current.voided:
        raise ValidationError({"": _("This record is void and can no longer be changed.")})
    changed: dict[str, tuple[Any, Any]] = {}
    for name, value in values.items():
        old = _field_value(current, name)
        new = value.get_id() if isinstance(value, pw.Model) else value
        if as_text(old) != as_text(new):
            changed[name] = (old, new)
    if not changed:
        return current
    now = clock.now_utc()
    fields = {model._meta.fields[name]: new for name, (_old, new) in changed.items()}
    fields.update({model.updated_at: now, model.updated_by: _staff_id(by), model.version: model.version + 1})
    rows = (model.update(fields)
            .where((model.id == record_id) & (model.version == expected_version))
            .execute())
    if rows != 1:
        raise ConflictError()
    write_history(model._meta.table_name, record_id, "update",
         [(name, old, new) for name, (old, new) in changed.items()], by, now)
    return model.get_by_id(record_id)


def set_grouping(model: type[R], record_id: int, values: dict[str, Any], by: Staff | None) -> bool:
    """Change a field that files the record somewhere (a campaign, say) rather than edits it:
    history is kept, but the version stays, so a form open on the record is not invalidated."""
    current = get_live(model, record_id)
    changes = []
    for name, value in values.items():
        old = _field_value(current, name)
        new = value.get_id() if isinstance(value, pw.Model) else value
        if as_text(old) != as_text(new):
            changes.append((name, old, new))
    if not changes:
        return False
    now = clock.now_utc()
    model.update({model._meta.fields[name]: new for name, _old, new in changes}).where(
        model.id == record_id).execute()
    write_history(model._meta.table_name, record_id, "update", changes, by, now)
    return True


def void_record(model: type[R], record_id: int, expected_version: int, reason: str, by: Staff | None) -> R:
    """Void instead of delete; the reason is required and kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for voiding.")})
    current = get_live(model, record_id)
    if current.version != expected_version:
        raise ConflictError()
    if current.voided:
        raise ValidationError({"reason": _("This record is already void.")})
    now = clock.now_utc()
    rows = (model.update({model.voided: True, model.void_reason: reason, model.updated_at: now,
                          model.updated_by: _staff_id(by), model.version: model.version + 1})
            .where((model.id == record_id) & (model.version == expected_version))
            .execute())
    if rows != 1:
        raise ConflictError()
    write_history(model._meta.table_name, record_id, "void", [("voided", "0", "1"), ("void_reason", None, reason)],
                  by, now)
    return model.get_by_id(record_id)


def history(model: type[Record], record_id: int, parts=None) -> list[Change]:
    """The record's history, oldest first; `parts`: a condition on `Change` for the rows of its
    parts shown with it (an anomaly sheet's actions, any record's files)."""
    own = (Change.table == model._meta.table_name) & (Change.record_id == record_id)
    return list(Change.select(Change, Staff).join(Staff, pw.JOIN.LEFT_OUTER, on=(Change.by == Staff.id))
                .where(own if parts is None else own | parts)
                .order_by(Change.at, Change.id))


@dataclasses.dataclass
class Planned:
    """A record whose life is known beforehand (the demo): created with `values` by `by` at `at`
    (UTC), then changed by each of `updates` (values, by, at) in turn. The values are clean."""
    values: dict[str, Any]
    by: Staff | None
    at: dt.datetime
    updates: list[tuple[dict[str, Any], Staff | None, dt.datetime]] = dataclasses.field(default_factory=list)


def _plain(value: Any) -> Any:
    return value.get_id() if isinstance(value, pw.Model) else value


def _default(field: pw.Field) -> Any:
    return field.default() if callable(field.default) else field.default


def create_many(model: type[R], planned: list[Planned]) -> list[int]:
    """The bulk twin of `create_record` followed by `update_record`s, for writing many records at
    once (the demo): the same columns, versions and history rows as saving them one by one, inside
    the caller's transaction, without building a query per record. Returns the new ids, in order."""
    fields = [f for name, f in model._meta.fields.items() if f is not model._meta.primary_key]
    table = model._meta.table_name
    rows: list[dict[str, Any]] = []
    logs: list[list[tuple[str, list, Staff | None, dt.datetime]]] = []
    for plan in planned:
        row = {f.name: _default(f) for f in fields}
        row.update({name: _plain(value) for name, value in plan.values.items()})
        log = [("create", [(name, None, _plain(value)) for name, value in plan.values.items()
                           if value not in (None, "")], plan.by, plan.at)]
        row.update(created_at=plan.at, created_by=_staff_id(plan.by), updated_at=plan.at,
                   updated_by=_staff_id(plan.by), version=1)
        for values, by, at in plan.updates:
            changed = [(name, row[name], _plain(value)) for name, value in values.items()
                       if as_text(row[name]) != as_text(_plain(value))]
            if changed:
                row.update({name: new for name, _old, new in changed})
                row.update(updated_at=at, updated_by=_staff_id(by), version=row["version"] + 1)
                log.append(("update", changed, by, at))
        rows.append(row)
        logs.append(log)
    # peewee writes the INSERT once; the driver runs it per row and hands each new id back
    sql = _insert_sql(model, tuple(f.name for f in fields), True, type(model._meta.database.obj))
    convert = [(field.name, field.db_value) for field in fields]
    cursor = model._meta.database.cursor()
    ids: list[int] = []
    for row in rows:
        cursor.execute(sql, tuple(to_db(row[name]) for name, to_db in convert))
        ids.append(cursor.fetchone()[0])
    insert_rows([Change.table, Change.record_id, Change.action, Change.field, Change.old, Change.new, Change.at,
                 Change.by],
                [(table, record_id, action, name, as_text(old), as_text(new), at, _staff_id(by))
                 for record_id, log in zip(ids, logs) for action, changes, by, at in log
                 for name, old, new in changes])
    return ids


@functools.lru_cache(maxsize=64)
def _insert_sql(model: type[pw.Model], names: tuple[str, ...], returning: bool, _dialect: type) -> str:
    """One row's INSERT of the fields `names`, in that order (and the new id back), as peewee
    writes it for the open database's kind."""
    query = model.insert_many([(None,) * len(names)], fields=[model._meta.fields[n] for n in names])
    return (query.returning(model.id) if returning else query).sql()[0]


def insert_rows(fields: list[pw.Field], rows: list[tuple]) -> None:
    """Many rows of one table whose ids nobody needs back (history, a record's lines): peewee
    writes the INSERT once and the driver runs it for every row, a tenth of the cost of building
    one INSERT of them all."""
    if not rows:
        return
    model = fields[0].model
    sql = _insert_sql(model, tuple(f.name for f in fields), False, type(model._meta.database.obj))
    convert = [field.db_value for field in fields]
    model._meta.database.cursor().executemany(
        sql, [tuple(f(value) for f, value in zip(convert, row)) for row in rows])
