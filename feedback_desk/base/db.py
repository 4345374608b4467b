"""Opening the database: pragmas, schema version, migrations.

Everything that only SQLite has (pragmas, IMMEDIATE transactions, the backup
API) stays in this module; its twins on the shared PostgreSQL server are in server.py.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
import weakref
from pathlib import Path

import peewee

from feedback_desk.base import server, text_index
from feedback_desk.base.errors import FeedbackDeskError, database_fault
from feedback_desk.base.i18n import _
from feedback_desk.base.migrations import MIGRATIONS, SCHEMA_VERSION  # the steps; also imported from here

log = logging.getLogger(__name__)


class DatabaseClosed(RuntimeError):
    """Background work asked for a database that was closed after the work was started."""


class BoundDatabaseProxy(peewee.DatabaseProxy):
    """The one database proxy every model uses, with room for a worker thread to stay bound to
    the database it was started on while the program (or the next test) opens another one.

    `database.obj` is the thread's bound database if it has one, else the shared one."""
    __slots__ = ("_callbacks", "_Model", "_shared", "_local")

    def __init__(self):
        object.__setattr__(self, "_local", threading.local())
        super().__init__()

    def __setattr__(self, attr, value):
        if attr not in ("obj", "_callbacks", "_Model", "_shared"):
            raise AttributeError("Cannot set attribute on proxy.")
        object.__setattr__(self, attr, value)

    @property
    def obj(self):
        bound = getattr(self._local, "db", None)
        return bound if bound is not None else self._shared

    @obj.setter
    def obj(self, value):
        object.__setattr__(self, "_shared", value)


database = BoundDatabaseProxy()


class _Workers:
    """Which threads work on which database, so closing a database cancels and joins them."""

    def __init__(self):
        self.lock = threading.Condition()
        self.running: dict[int, list] = {}  # id(db) -> connections of the threads working on it
        self.closed: weakref.WeakSet = weakref.WeakSet()  # databases closed for good

    @contextlib.contextmanager
    def bound(self, db):
        with self.lock:
            if db is None or db in self.closed:
                raise DatabaseClosed("the database was closed before this work could start")
            entry = [None]
            self.running.setdefault(id(db), []).append(entry)
        database._local.db = db
        try:
            entry[0] = db.connection()  # this thread's own connection
            yield db
        finally:
            database._local.db = None
            with contextlib.suppress(Exception):
                db.close()  # this thread's connection only
            with self.lock:
                self.running[id(db)].remove(entry)
                self.lock.notify_all()

    def stop(self, db, timeout: float) -> bool:
        """Refuse new work on `db`, interrupt what runs on it, and wait for it to end."""
        deadline = time.monotonic() + timeout
        with self.lock:
            self.closed.add(db)
            while self.running.get(id(db)):
                for entry in self.running[id(db)]:  # again and again: a statement may start late
                    # SQLite's interrupt; the server's twin: cancel the running statement
                    interrupt = getattr(entry[0], "interrupt", None) or getattr(entry[0], "cancel", None)
                    if interrupt is not None:
                        with contextlib.suppress(Exception):
                            interrupt()
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(min(left, 0.05))
            return True


_workers = _Workers()


def on_the_server() -> bool:
    """Whether the open database is the shared server's (not this PC's file)."""
    return isinstance(database.obj, peewee.PostgresqlDatabase)


def worker_binding():
    """Called where background work is started; the work runs inside the returned context
    manager on its own thread, bound to the database that was open when it was started:

        bound = worker_binding()          # on the starting thread
        ...
        with bound():                     # in the worker thread
            do_the_work()

    Closing that database first interrupts and joins the work (`close_database`)."""
    db = database.obj
    return lambda: _workers.bound(db)

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -32000,  # 32 MB page cache
    "temp_store": "memory",
    "journal_size_limit": 64 * 1024 * 1024,  # keep the WAL file from staying huge after bulk work
}


def schema_of(target: str | Path) -> int | None:
    """The schema version of a database file, read without opening it for writing; None for a
    URL, a missing or empty file, or a file that is not ours."""
    import sqlite3

    if "://" in str(target) or not Path(target).is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{Path(target).resolve()}?mode=ro", uri=True)
        try:
            return con.execute("SELECT version FROM schema_version").fetchone()[0]
        finally:
            con.close()
    except (sqlite3.Error, TypeError):
        return None


def needs_upgrade(target: str | Path) -> bool:
    """Whether opening `target` will migrate it (which copies it first: it can take a while)."""
    version = schema_of(target)
    return version is not None and version < SCHEMA_VERSION


def check_server(url: str) -> None:
    """Whether this program can work on the server database at `url`, asked before it is used:
    the server is reached, takes the user and password, and the database is empty or this
    program's at a schema no newer than the program's. A FeedbackDeskError says what is wrong;
    nothing is written."""
    db = server.open_server(url)
    place = server.place(db)
    try:
        db.connect()
        tables = set(db.get_tables())
        version = db.execute_sql("SELECT version FROM schema_version").fetchone()[0] \
            if "schema_version" in tables else None
    except peewee.DatabaseError as exc:
        fault = database_fault(exc, place)
        if fault is not None:
            raise fault from exc
        raise
    finally:
        db.close()
    if tables and version is None:
        raise FeedbackDeskError(_("{place} holds another program's tables: give the name of an empty database "
                                  "or of this program's own.").format(place=place))
    if version is not None and version > SCHEMA_VERSION:
        raise FeedbackDeskError(_("{place} is used by a newer version of Feedback Desk (schema {version}, this "
                                  "program knows {ours}): install that version on this workstation.").format(
                                      place=place, version=version, ours=SCHEMA_VERSION))


def open_tables(target: str | Path, tables: list, reading: bool = False) -> peewee.Database:
    """Open the database at a file path or URL and bring its schema up to date with `tables` (in
    the order they are created). Which tables a database has is said above base, by the opening
    that knows the desks (feedback_desk/opening.py).

    A file is examined first (database_file.examine: ours, not newer, its pages sound) before any
    pragma touches it. To work (`reading` False: the window, make-demo) a missing file is created;
    to read (exports, backups, a restore's look) nothing is created, converted or upgraded, and a
    file nobody may write is opened read-only."""
    from feedback_desk.base import models

    target_str = str(target)
    server.refuse_other_addresses(target_str)
    if server.is_server(target_str):
        db = server.open_server(target_str)
    else:
        db = _open_file(Path(target_str), reading)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        if isinstance(db, peewee.PostgresqlDatabase):
            with server.migration_lock(db):  # a second workstation starting now waits here
                _bring_up_to_date(db, tables, models.SchemaVersion)
                server.index_searched_text(db, tables)
        else:
            _bring_up_to_date(db, tables, models.SchemaVersion)
            text_index.keep_in_step(db.connection())  # this connection was opened before the index was there
    except Exception as exc:
        with contextlib.suppress(Exception):
            db.close()  # leave no half-open handle on a database we refused
        fault = database_fault(exc, server.place(db) if isinstance(db, peewee.PostgresqlDatabase) else target_str)
        if fault is not None:
            raise fault from exc  # a server that cannot be reached, a wrong password: said plainly
        raise
    return db


def close_database(timeout: float = 10.0) -> None:
    """Close the open database, after interrupting and joining background work bound to it."""
    obj = database.obj
    if obj is None:
        return
    if not _workers.stop(obj, timeout):
        log.warning("background work on %s did not stop within %.0f s", obj.database, timeout)
    if not obj.is_closed():
        obj.close()


class FileDatabase(peewee.SqliteDatabase):
    """A database file whose every connection keeps its search index in step (text_index): each
    thread's connection is a connection of its own, and gets the index's triggers as it opens."""

    def _initialize_connection(self, conn):  # peewee's hook for a new connection
        text_index.keep_in_step(conn)


def _open_file(path: Path, reading: bool) -> peewee.SqliteDatabase:
    from feedback_desk.base import database_file

    if reading or path.exists():
        state = database_file.examine(path)
        if reading and state.schema < SCHEMA_VERSION:
            raise FeedbackDeskError(_("{path} has schema {version}, this program {ours}: open it in the program "
                                      "once (it is brought up to date, a copy kept), then try again.").format(
                                          path=path, version=state.schema, ours=SCHEMA_VERSION))
        if not state.writable:
            if not reading:
                raise FeedbackDeskError(_("{path} cannot be worked on: the file or its folder is read-only. Copy it "
                                          "somewhere you may write, or ask for the right to.").format(path=path))
            pragmas = {k: v for k, v in SQLITE_PRAGMAS.items() if k not in ("journal_mode", "journal_size_limit")}
            return FileDatabase(database_file.read_only_uri(path), uri=True,
                               pragmas={**pragmas, "query_only": 1}, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    pragmas = SQLITE_PRAGMAS if not reading else {k: v for k, v in SQLITE_PRAGMAS.items() if k != "journal_mode"}
    return FileDatabase(str(path), pragmas=pragmas, check_same_thread=False)


def _bring_up_to_date(db, all_models, schema_model) -> None:
    """Create the tables of a new database, or take an older one through the migration steps.

    On a file, creating and each step are done holding the write lock, the version read again
    under it: several programs opening one file that needs it at once (four workstations of a
    benchmark, a command started beside the window) take turns, and each step is made once. The
    server does all of this under its migration lock (open_tables)."""
    sqlite = isinstance(db, peewee.SqliteDatabase)

    def turn():
        return db.atomic("IMMEDIATE") if sqlite else db.atomic()

    def version_now():
        return schema_model.select(schema_model.version).scalar() if "schema_version" in db.get_tables() else None

    version = version_now()
    if version == SCHEMA_VERSION:  # up to date: no lock taken (a file opened only to read cannot take it)
        return
    if version is not None and version < SCHEMA_VERSION:  # outside the lock: SQLite copies no file it writes
        backup_before_migration(db, version)
    with turn():
        tables = set(db.get_tables())
        if "schema_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise RuntimeError("this file is not a Feedback Desk database")
            create_schema(db, all_models, schema_model)
            return
        version = version_now()
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"the database has schema {version}, newer than this program ({SCHEMA_VERSION}); update the program")
    # SQLite changes a column by rebuilding the table; with foreign keys on, dropping the
    # old table fails on referenced rows (or cascades). The pragma only works outside a transaction.
    if sqlite and version < SCHEMA_VERSION:
        db.pragma("foreign_keys", 0)
    try:
        for step in range(version + 1, SCHEMA_VERSION + 1):
            with turn():
                if version_now() >= step:
                    continue  # another program made this step meanwhile
                MIGRATIONS[step](db)
                if sqlite and db.execute_sql("PRAGMA foreign_key_check").fetchall():
                    raise RuntimeError(f"migration to schema {step} broke references; nothing changed")
                schema_model.update(version=step).execute()
            log.info("database migrated to schema %s", step)
    finally:
        if sqlite and version < SCHEMA_VERSION:
            db.pragma("foreign_keys", 1)


def create_schema(db, all_models, schema_model) -> None:
    """The tables of a new database, at this program's schema, on `db` whatever database the
    models are bound to meanwhile (a copy to a server creates its tables while the program has
    its own database open)."""
    for model in peewee.sort_models(all_models):
        type(model._schema)(model, database=db).create_all(safe=True)  # as create_tables: an index declared twice is made once
    if isinstance(db, peewee.SqliteDatabase):
        text_index.create_tables(db, all_models)  # the server's twin: server.index_searched_text
    db.execute(schema_model.insert(version=SCHEMA_VERSION))


def backup_before_migration(db, version: int) -> Path | None:
    """The file as it was, `<file>.schemaN.bak`, before the steps from schema N. Written beside it
    first and kept only if it is still at schema N: another program opening the file at the same
    time may have migrated it meanwhile, and then the copy it made first is the one that counts."""
    if not isinstance(db, peewee.SqliteDatabase) or db.database == ":memory:":
        return None
    dest = Path(f"{db.database}.schema{version}.bak")
    part = Path(f"{dest}.{os.getpid()}.part")
    try:
        backup_to(db, part)
        with contextlib.closing(sqlite3.connect(str(part))) as copy:
            still = copy.execute("SELECT version FROM schema_version").fetchone()[0] == version
        if still:
            os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return dest


def backup_to(db, dest: str | Path) -> Path:
    """A consistent copy of a live SQLite database, taken with SQLite's backup API."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    conn = db.connection()
    with contextlib.closing(sqlite3.connect(str(dest))) as target:
        conn.backup(target)
    return dest


class _FaultsAsMessages:
    """A transaction whose database faults (locked, disk full, read-only, damaged) arrive as a
    `FeedbackDeskError` the user can read, after the transaction was rolled back."""

    def __init__(self, db, inner):
        self.db, self.inner = db, inner

    def _fault(self, exc: BaseException):
        place = server.place(self.db) if isinstance(self.db, peewee.PostgresqlDatabase) else str(self.db.database)
        fault = database_fault(exc, place)
        if fault is None:
            return None
        log.warning("database fault: %s", exc)
        return fault

    def __enter__(self):
        try:
            return self.inner.__enter__()
        except peewee.DatabaseError as exc:
            fault = self._fault(exc)
            if fault is None:
                raise
            raise fault from exc

    def __exit__(self, kind, value, tb):
        try:
            handled = self.inner.__exit__(kind, value, tb)
        except peewee.DatabaseError as exc:  # the commit itself failed (and was rolled back)
            fault = self._fault(exc)
            if fault is None:
                raise
            raise fault from exc
        if isinstance(value, (peewee.DatabaseError, sqlite3.DatabaseError)):
            fault = self._fault(value)
            if fault is not None:
                raise fault from value
        return handled


def write_transaction():
    """One writing transaction; on SQLite it takes the write lock at once (no deadlock on upgrade).
    A lock held too long by another workstation, or a disk fault, raises a `FeedbackDeskError`
    with a clear message; nothing of the transaction is kept."""
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase) and not db.in_transaction():
        return _FaultsAsMessages(db, db.atomic("IMMEDIATE"))
    if isinstance(db, peewee.PostgresqlDatabase) and not db.in_transaction():
        return _FaultsAsMessages(db, _ServerWrite(db))
    return _FaultsAsMessages(db, database.atomic())


class _ServerWrite:
    """The server's twin of SQLite's IMMEDIATE transaction: the write lock is taken first."""

    def __init__(self, db):
        self.db, self.atomic = db, db.atomic()

    def __enter__(self):
        entered = self.atomic.__enter__()
        try:
            server.take_write_lock(self.db)
        except BaseException as exc:
            self.atomic.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return entered

    def __exit__(self, kind, value, tb):
        if kind is None:
            try:
                server.tell_the_others(self.db)
            except BaseException as exc:
                self.atomic.__exit__(type(exc), exc, exc.__traceback__)
                raise
        return self.atomic.__exit__(kind, value, tb)


def only_one_checker():
    """Whether this workstation is the one to run the minute check now (a context manager
    yielding True or False). On the server one workstation at a time: the others skip it and
    read its results. A file is one PC's: its checks take turns at the write lock anyway, and
    each finds the other's work done."""
    db = database.obj
    if isinstance(db, peewee.PostgresqlDatabase):
        return server.held_by_nobody_else(db, server.CHECK_LOCK)
    return contextlib.nullcontext(True)


def refresh_statistics(model) -> None:
    """After a bulk write filled `model`'s table (a first minute check): on the server, its planner's
    statistics read again at once. Until autovacuum's own analyze comes, a minute or so later, the
    server plans for the table as it was (empty) and reads all of it where an index would serve.
    A file's plans for it do not rest on statistics (SQLite never gathers them by itself), and
    ANALYZE there would hold the write lock while it reads the table: nothing is done."""
    db = database.obj
    if isinstance(db, peewee.PostgresqlDatabase):
        db.execute_sql(f'ANALYZE "{model._meta.table_name}"')


def differs(a, b):
    """SQL for "a is not b", a NULL being a value like any other (SQLite's IS NOT)."""
    if isinstance(database.obj, peewee.SqliteDatabase):
        return peewee.Expression(a, "IS NOT", b)
    return peewee.Expression(a, "IS DISTINCT FROM", b)


def month_of(field):
    """SQL for the 'YYYY-MM' of a date column, on SQLite or a server database."""
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase):
        return peewee.fn.strftime("%Y-%m", field)
    # the format written into the SQL, not bound: a grouped query repeats the expression, and
    # the server takes two bound parameters for two different expressions
    return peewee.fn.to_char(field, peewee.SQL("'YYYY-MM'"))
