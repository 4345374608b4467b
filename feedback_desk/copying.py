"""Moving a whole database: a SQLite file onto the shared server (`feedback-desk copy-to URL`),
and the server's contents into a database file of the program's own (the server's backup: the
program opens it like any file, and `copy-to` puts it back on a server).

The source is read in one snapshot; every table is written in one transaction of its own, with
its ids, numbers, history and attachments byte for byte; the server's id sequences are then set
past the copied ids. At the end each table is read back on both sides and compared: its rows
and a checksum of its content (`TableCheck`).

A target that already holds records is refused before anything is written. One the program
only opened (no staff, no history yet: nobody ever worked there) is fine: the lists it filled
in then (departments, consumables) are replaced by the source's."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import hashlib
import os
from pathlib import Path
from typing import Callable

import peewee

from feedback_desk import opening
from feedback_desk.base import access, db as dbmod, permissions, search, server, text_index
from feedback_desk.base.errors import FeedbackDeskError, database_fault
from feedback_desk.base.i18n import _
from feedback_desk.base.migrations import SCHEMA_VERSION
from feedback_desk.base.models import Change, SchemaVersion, Staff

BATCH = 1000  # rows per INSERT
NOBODY_WORKED_HERE = (Staff, Change)  # empty in a database the program only opened (and filled its lists)
Progress = Callable[[str, int, int], None]  # table, rows copied, rows in the table


@dataclasses.dataclass(frozen=True)
class TableCheck:
    """One table after the copy: rows and content checksum in the source and in the copy."""
    table: str
    source_rows: int
    copied_rows: int
    source_sum: str
    copied_sum: str

    @property
    def matches(self) -> bool:
        return self.source_rows == self.copied_rows and self.source_sum == self.copied_sum


def copy_database(source, target: str | Path, progress: Progress | None = None) -> list[TableCheck]:
    """Copy every table of `source` (a file or URL at this program's schema, or the open server
    database) into `target` (a server URL, or a new file), then compare both sides table by table."""
    models = peewee.sort_models(opening.every_table())
    src = _open(source, read_only=True)
    try:
        _at_this_schema(src, source)
        dest = _open(target, read_only=False)
        try:
            _prepare(dest, target, models)
            with _snapshot(src):
                for model in models:
                    if model is not SchemaVersion:
                        _copy_table(src, dest, model, progress)
                if isinstance(dest, peewee.PostgresqlDatabase):
                    _restart_sequences(dest, models)
                    server.index_searched_text(dest, models)  # after the rows: built once, not row by row
                else:  # a new file: its rows were written with no index triggers (text_index)
                    with dest.atomic():
                        search.index_rows(dest, text_index.searched_columns(models))
                return [_check(src, dest, model) for model in models]
        finally:
            dest.close()
    finally:
        src.close()


def copy_to(target: str | Path, progress: Progress | None = None) -> list[TableCheck]:
    """The open database, the one signed in to, copied onto `target` by an administrator."""
    access.require(permissions.COPY_DATABASE)
    db = dbmod.database.obj
    return copy_database(db if isinstance(db, peewee.PostgresqlDatabase) else db.database, target, progress)


def back_up_server(db: peewee.PostgresqlDatabase, dest: str | Path,
                   progress: Progress | None = None) -> tuple[Path, list[TableCheck]]:
    """The open server database into a new file at `dest` (written beside it first, then put in
    its place whole, once it was compared with the server and passed SQLite's integrity check)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    try:
        checks = copy_database(db, part, progress)
        if not all(check.matches for check in checks):
            raise FeedbackDeskError(_("The backup did not match the server ({tables}); it was not kept.").format(
                tables=", ".join(c.table for c in checks if not c.matches)))
        with contextlib.closing(peewee.SqliteDatabase(str(part))) as copy:
            if copy.execute_sql("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise FeedbackDeskError(_("The backup file failed its integrity check; it was not kept."))
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return dest, checks


def checksums(source) -> dict[str, tuple[int, str]]:
    """Rows and content checksum of every table of `source` (a file or URL at this schema), read
    in one snapshot: two databases holding the same records give the same figures."""
    src = _open(source, read_only=True)
    try:
        with _snapshot(src):
            return {m._meta.table_name: _digest(src, m) for m in peewee.sort_models(opening.every_table())}
    finally:
        src.close()


def verification_table(checks: list[TableCheck]) -> str:
    """The comparison as a table of text, one line per table, for the command line."""
    head = (_("table"), _("source rows"), _("copied rows"), _("checksum"))
    lines = [(c.table, str(c.source_rows), str(c.copied_rows),
              (_("same") if c.source_sum == c.copied_sum else _("DIFFERENT")) + f" {c.copied_sum[:12]}")
             for c in checks]
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(4)]
    out = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) if i < 3 else cell
                     for i, (cell, w) in enumerate(zip(row, widths))) for row in [head, *lines]]
    total = sum(c.copied_rows for c in checks)
    bad = [c.table for c in checks if not c.matches]
    out.append(_("{n} rows in {tables} tables: every table matches.").format(n=total, tables=len(checks)) if not bad
               else _("These tables do not match: {tables}.").format(tables=", ".join(bad)))
    return "\n".join(out)


# --- the two ends -------------------------------------------------------------------------

def _open(target, read_only: bool) -> peewee.Database:
    if isinstance(target, peewee.PostgresqlDatabase):
        found = server.another_connection(target)
        found.connect()
        return found
    target = str(target)
    server.refuse_other_addresses(target)
    if server.is_server(target):
        found = server.open_server(target)
    elif read_only:
        if not Path(target).is_file():
            raise FeedbackDeskError(_("There is no database file at {path}.").format(path=target))
        found = peewee.SqliteDatabase(f"file:{Path(target).resolve()}?mode=ro", uri=True)
    else:
        found = peewee.SqliteDatabase(target, pragmas={"foreign_keys": 1})
    try:
        found.connect()
    except Exception as exc:
        fault = database_fault(exc, _place(found, target))
        if fault is not None:
            raise fault from exc
        raise
    return found


def _place(found: peewee.Database, target: str) -> str:
    return server.place(found) if isinstance(found, peewee.PostgresqlDatabase) else target


def _at_this_schema(src: peewee.Database, source) -> None:
    source = source if isinstance(source, (str, Path)) else server.place(source)
    if "schema_version" not in src.get_tables():
        raise FeedbackDeskError(_("{place} is not a Feedback Desk database.").format(place=_place(src, str(source))))
    version = src.execute_sql("SELECT version FROM schema_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise FeedbackDeskError(_("{place} has schema {version}, this program {ours}: open it with this program "
                                  "first (it brings it up to date).").format(
                                      place=_place(src, str(source)), version=version, ours=SCHEMA_VERSION))


def _prepare(dest: peewee.Database, target, models: list) -> None:
    """Make the target's tables, or check that the ones it has are ours, at our schema, empty."""
    place = _place(dest, str(target))
    tables = set(dest.get_tables())
    if not tables - {"sqlite_sequence"}:
        with dest.atomic():
            dbmod.create_schema(dest, models, SchemaVersion)
        return
    if "schema_version" not in tables:
        raise FeedbackDeskError(_("{place} holds another program's tables: copy into a new, empty database.").format(
            place=place))
    version = dest.execute_sql("SELECT version FROM schema_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise FeedbackDeskError(_("{place} has schema {version}, this program {ours}: copy into a new, empty "
                                  "database.").format(place=place, version=version, ours=SCHEMA_VERSION))
    held = [m._meta.table_name for m in NOBODY_WORKED_HERE if _count(dest, m)]
    if held:
        raise FeedbackDeskError(_("{place} already holds records ({tables}): nothing was copied. Copy into a new, "
                                  "empty database.").format(place=place, tables=", ".join(held)))


def _count(database: peewee.Database, model) -> int:
    return database.execute(model.select(peewee.fn.COUNT(peewee.SQL("*")))).fetchone()[0]


@contextlib.contextmanager
def _snapshot(src: peewee.Database):
    """One read transaction over the whole copy: what others save meanwhile is not half in it."""
    with src.atomic():
        if isinstance(src, peewee.PostgresqlDatabase):
            src.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _rows(database: peewee.Database, model):
    """The table's rows as the program's values (a boolean a bool, a time a datetime), in order."""
    fields = model._meta.sorted_fields
    cursor = database.execute(model.select(*fields).order_by(*model._meta.get_primary_keys()))
    while True:
        chunk = cursor.fetchmany(BATCH)
        if not chunk:
            return
        for raw in chunk:
            yield [field.python_value(value) for field, value in zip(fields, raw)]


def _copy_table(src, dest, model, progress: Progress | None) -> None:
    fields = model._meta.sorted_fields
    total = _count(src, model)
    # a row pointing at a row of its own table (a sheet recurring an earlier one) gets its
    # pointer once every row of the table is in
    own = [i for i, f in enumerate(fields) if isinstance(f, peewee.ForeignKeyField) and f.rel_model is model]
    later: list[tuple] = []
    done = 0
    with dest.atomic():
        if isinstance(dest, peewee.PostgresqlDatabase):
            server.take_write_lock(dest)
        dest.execute(model.delete())  # what the program filled in on opening (see _prepare)
        batch: list[list] = []
        for row in _rows(src, model):
            for i in own:
                if row[i] is not None:
                    later.append((row[0], row[i]))
                    row[i] = None
            batch.append(row)
            if len(batch) == BATCH:
                done += _insert(dest, model, fields, batch)
                batch = []
                if progress is not None:
                    progress(model._meta.table_name, done, total)
        if batch:
            done += _insert(dest, model, fields, batch)
        for i in own:
            for row_id, pointer in later:
                dest.execute(model.update({fields[i]: pointer}).where(model._meta.primary_key == row_id))
    if progress is not None:
        progress(model._meta.table_name, done, total)


def _insert(dest, model, fields, batch: list[list]) -> int:
    dest.execute(model.insert_many(batch, fields=fields).returning())
    return len(batch)


def _restart_sequences(dest: peewee.PostgresqlDatabase, models: list) -> None:
    """Each table's next id on the server follows the copied ones."""
    with dest.atomic():
        for model in models:
            pk = model._meta.primary_key
            if isinstance(pk, peewee.AutoField):
                table, column = model._meta.table_name, pk.column_name
                dest.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                    f"COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)")


def _check(src, dest, model) -> TableCheck:
    source_rows, source_sum = _digest(src, model)
    copied_rows, copied_sum = _digest(dest, model)
    return TableCheck(model._meta.table_name, source_rows, copied_rows, source_sum, copied_sum)


def _digest(database, model) -> tuple[int, str]:
    digest, rows = hashlib.sha256(), 0
    for row in _rows(database, model):
        digest.update(repr([_plain(value) for value in row]).encode("utf-8"))
        rows += 1
    return rows, digest.hexdigest()


def _plain(value):
    """A value as both engines give it back alike (the server's bytes come as a memoryview)."""
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    return value
