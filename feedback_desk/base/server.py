"""The shared PostgreSQL server: several workstations on one database.

What differs from the embedded SQLite file stays here and in db.py:

- Connecting by URL, `postgresql://user@host:5432/name`. The password is never ours to keep:
  libpq reads it from `PGPASSWORD` or `~/.pgpass`; a password written into the URL is used for
  that connection only (the program never saves a URL with its password).
- Writing: SQLite lets one writer in at a time (an IMMEDIATE transaction takes the lock at its
  start). Its server twin is a transaction-level advisory lock taken as a write transaction
  begins (`take_write_lock`): writers from every workstation take turns, as on SQLite, readers
  never wait, and every check a use case makes before it writes (a number's counter, "already
  closed", "changed by someone else meanwhile") still holds when it writes.
- The minute check: one workstation checks at a time (`held_by_nobody_else` on `CHECK_LOCK`);
  the others skip that minute and read what it wrote.
- Migrating: a session-level advisory lock around the migration steps (`migration_lock`), so two
  workstations starting together cannot migrate twice; the second one waits, then finds the
  schema up to date.
"""
from __future__ import annotations

import contextlib
import logging
import urllib.parse

import peewee

from feedback_desk.base import server_driver
from feedback_desk.base.errors import FeedbackDeskError, ValidationError
from feedback_desk.base.i18n import _

log = logging.getLogger(__name__)
SCHEMES = ("postgresql", "postgres")
# advisory lock keys: any 64-bit numbers, the same on every workstation
WRITE_LOCK = 0x46445F5752  # "FD_WR"
MIGRATION_LOCK = 0x46445F4D47  # "FD_MG"
CHECK_LOCK = 0x46445F434B  # "FD_CK": the minute check, one workstation at a time
BACKUP_LOCK = 0x46445F424B  # "FD_BK": the daily backup, one workstation for all
SAVED_CHANNEL = "feedback_desk_saved"  # one notification per committed write transaction, for live refresh
CONNECT_TIMEOUT = 5  # seconds: an unreachable server says so soon
LOCK_TIMEOUT_MS = 10_000  # as SQLite's busy timeout (db.py)


def is_server(target) -> bool:
    return urllib.parse.urlsplit(str(target)).scheme in SCHEMES


def refuse_other_addresses(target: str) -> None:
    """An address that is neither a file nor a server URL is refused, saying what can be opened."""
    if "://" in target and not is_server(target):
        raise FeedbackDeskError(_("{url} cannot be opened: give a database file or a shared server as "
                                  "postgresql://user@host:5432/name.").format(url=without_password(target)))


def connection_parameters(url: str) -> dict:
    """Host, port, database, user (and a password when the URL has one) of a server URL; other
    libpq settings (sslmode=…, options=…) from its query."""
    parts = urllib.parse.urlsplit(url)
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    if not name:
        raise FeedbackDeskError(_("The address {url} names no database: write it as "
                                  "postgresql://user@host:5432/name.").format(url=without_password(url)))
    params = {"database": name, "host": parts.hostname or "localhost", "port": parts.port or 5432}
    if parts.username:
        params["user"] = urllib.parse.unquote(parts.username)
    if parts.password:
        params["password"] = urllib.parse.unquote(parts.password)
    params.update(urllib.parse.parse_qsl(parts.query))
    return params


def address(host: str, port: int, name: str, user: str) -> str:
    """The URL of a server database from the four things a workstation remembers of it; what is
    missing or wrong is said beside its field (host, port, database, user)."""
    host, name, user = host.strip(), name.strip(), user.strip()
    errors = {}
    if not host:
        errors["host"] = _("Give the server's name or address (for example 192.168.1.20).")
    elif any(c in host for c in "/@?#[] "):
        errors["host"] = _("Only the server's name or address goes here: no spaces and none of / @ ? # [ ].")
    if not 1 <= int(port) <= 65535:
        errors["port"] = _("A port is a number from 1 to 65535 (the server's usual one is 5432).")
    if not name:
        errors["database"] = _("Give the name of the database on the server.")
    if not user:
        errors["user"] = _("Give the user name the server knows this workstation by.")
    if errors:
        raise ValidationError(errors)
    where = f"[{host}]" if ":" in host else host  # an IPv6 address
    netloc = f"{urllib.parse.quote(user, safe='')}@{where}:{int(port)}"
    return urllib.parse.urlunsplit(("postgresql", netloc, "/" + urllib.parse.quote(name, safe=""), "", ""))


def without_password(url: str) -> str:
    """The URL as it may be shown or remembered: any password taken out."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    netloc = (f"{user}@" if user else "") + host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class ServerDatabase(peewee.PostgresqlDatabase):
    """The server database, which comes back by itself after a lost connection (a cable pulled,
    the server restarted): the statement that found it lost fails with a clear message (nothing
    of its transaction is kept, the server rolled it back), and the next one, outside any
    transaction, connects again."""

    def __init__(self, *args, **kwargs):
        server_driver.load()
        super().__init__(*args, **kwargs)

    def _forget_if_lost(self) -> None:
        conn = self._state.conn
        if conn is not None and getattr(conn, "closed", False) and not self.in_transaction():
            self._state.reset()

    def connection(self):
        self._forget_if_lost()
        return super().connection()

    def cursor(self, named_cursor=None):
        self._forget_if_lost()
        return super().cursor(named_cursor)

    def is_connection_usable(self) -> bool:
        conn = self._state.conn
        return not self._state.closed and conn is not None and not conn.closed


def open_server(url: str) -> peewee.PostgresqlDatabase:
    params = connection_parameters(url)
    name = params.pop("database")
    params.setdefault("connect_timeout", CONNECT_TIMEOUT)
    params.setdefault("application_name", "feedback-desk")
    # a writer waits for the others as long as on SQLite (its busy timeout), then says so
    params.setdefault("options", f"-c lock_timeout={LOCK_TIMEOUT_MS}")
    return ServerDatabase(name, prefer_psycopg3=True, **params)


def asks_for_a_password(url: str) -> bool:
    """Whether the server wants a password that neither the URL, PGPASSWORD nor ~/.pgpass gives."""
    db = open_server(url)
    try:
        db.connect()
    except peewee.OperationalError as exc:
        return "no password supplied" in str(exc)
    else:
        return False
    finally:
        db.close()


def another_connection(db: peewee.PostgresqlDatabase) -> peewee.PostgresqlDatabase:
    """The same server database once more, on a connection of its own (a backup's snapshot)."""
    return ServerDatabase(db.database, prefer_psycopg3=True, **db.connect_params)


def take_write_lock(db) -> None:
    """Inside a transaction: wait for the other writers, then write alone until it ends."""
    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))


def tell_the_others(db) -> None:
    """Inside a write transaction, before it commits: the other workstations hear of it once it
    has (the server delivers a notification only on commit, and drops it on a rollback)."""
    db.execute_sql(f"NOTIFY {SAVED_CHANNEL}")


def _literal(text: str) -> str:
    """`text` as a PostgreSQL string constant of escapes only (no quote, %, or backslash of its own)."""
    return "U&'" + "".join(f"\\{ord(ch):04X}" for ch in text) + "'"


def _folding(column: str) -> str:
    """The SQL folding a text as text_index.fold does (full-width as half-width, lower case)."""
    from feedback_desk.base import text_index

    return f"lower(translate({column}, {_literal(text_index.WIDE)}, {_literal(text_index.NARROW)}))"


def folded(field) -> peewee.Node:
    """`field`'s text folded, as its trigram index holds it (index_searched_text)."""
    head, tail = _folding("\x00").split("\x00")
    return peewee.NodeList((peewee.SQL(head), field, peewee.SQL(tail)), glue="")


def contains(field, term: str):
    """The server's twin of a file's search index: `field` folded holds `term` folded, read from
    its trigram index for a term of three characters or more."""
    from feedback_desk.base import text_index

    return peewee.ColumnBase.contains(folded(field), text_index.fold(term))


def index_searched_text(db, models: list) -> None:
    """A trigram index (pg_trgm) on each `SearchedText` column folded (`folded`), so a find box's
    "contains" on 500,000 guests' words reads the index instead of every row. A server without
    pg_trgm (it ships with PostgreSQL, but a package may lack it) still finds everything, by
    reading it all. The indexes of the texts as typed (before issue 18) are dropped."""
    from feedback_desk.base.search import SearchedText

    columns = [(m._meta.table_name, f.column_name) for m in models for f in m._meta.sorted_fields
               if isinstance(f, SearchedText)]
    if not columns:
        return
    try:
        with db.atomic():
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except peewee.DatabaseError as exc:
        log.warning("no pg_trgm on %s, texts are searched row by row: %s", place(db), exc)
        return
    for table, column in columns:
        db.execute_sql(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{table}_{column}_folded_trgm" ON "{table}" '
                       f'USING gin (({_folding(chr(34) + column + chr(34))}) gin_trgm_ops)')


@contextlib.contextmanager
def migration_lock(db):
    db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        yield
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


@contextlib.contextmanager
def held_by_nobody_else(db, key: int):
    """A session-level advisory lock when no other connection holds it; yields whether this
    connection got it (never waits). A connection lost meanwhile took the lock with it."""
    got = bool(db.execute_sql("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0])
    try:
        yield got
    finally:
        if got:
            with contextlib.suppress(peewee.DatabaseError):
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (key,))


def place(db) -> str:
    """The database as people name it: user@host:port/name (never a password)."""
    params = db.connect_params
    user = params.get("user")
    return f"{user + '@' if user else ''}{params.get('host', 'localhost')}:{params.get('port', 5432)}/{db.database}"
