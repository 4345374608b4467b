"""The PostgreSQL server the tests run on: `FEEDBACK_DESK_TEST_SERVER` names it, as the URL of a
user who may create databases (`postgresql://postgres@127.0.0.1:5433/postgres`; the README says
how to start one). Each test gets a database of its own, dropped after it.

Without the variable the server's half of the tests is skipped, saying why; in CI (`CI=true`)
it fails instead: there the server is never optional."""
from __future__ import annotations

import contextlib
import itertools
import os
import urllib.parse

import pytest

URL = os.environ.get("FEEDBACK_DESK_TEST_SERVER", "")
_numbers = itertools.count()
_admin = None


def _admin_connection():
    global _admin
    import psycopg

    if _admin is None or _admin.closed:
        _admin = psycopg.connect(URL, autocommit=True)
    return _admin


def url_of(name: str) -> str:
    parts = urllib.parse.urlsplit(URL)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def require() -> None:
    if URL:
        return
    message = ("no PostgreSQL test server: set FEEDBACK_DESK_TEST_SERVER=postgresql://postgres@127.0.0.1:5433/postgres "
               "(README: the tests on the server)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


_SHAPE = """SELECT (SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'),
                   (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'),
                   (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal),
                   (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname = 'public')"""


class _Reused:
    """One database for the whole run, emptied before each test (a few milliseconds; a new
    database with the program's tables costs a third of a second). A test that changed its
    shape (a trigger to fail a write, a column) leaves it to be dropped and made again."""

    def __init__(self):
        self.name = f"fd_test_{os.getpid()}"
        self.shape = None
        self.wipe = ""

    def make(self) -> None:
        from feedback_desk import opening
        from feedback_desk.base import db as dbmod

        admin = _admin_connection()
        admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{self.name}"')
        opening.open_database(url_of(self.name))
        dbmod.close_database()
        with self.connection() as con:
            self.shape = con.execute(_SHAPE).fetchone()
            tables = [r[0] for r in con.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'")]
            sequences = [r[0] for r in con.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
        # the rows go, references unchecked while they go; every id counts from 1 again
        self.wipe = ("SET LOCAL session_replication_role = replica;"
                     + "".join(f'DELETE FROM "{t}";' for t in tables)
                     + "".join(f"SELECT setval('\"{q}\"', 1, false);" for q in sequences))

    def connection(self):
        import psycopg

        return psycopg.connect(url_of(self.name), autocommit=True)

    def fresh(self) -> str:
        if self.shape is None:
            self.make()
        else:
            with self.connection() as con:
                if con.execute(_SHAPE).fetchone() != self.shape:
                    self.shape = None
            if self.shape is None:
                self.make()
            else:
                with self.connection() as con, con.transaction():
                    con.execute(self.wipe)
        return url_of(self.name)

    def drop(self) -> None:
        if self.shape is not None and _admin is not None and not _admin.closed:
            _admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


_reused = _Reused()


@contextlib.contextmanager
def a_database():
    """The test server's database with the program's tables and nothing in them; its URL."""
    require()
    yield _reused.fresh()


def drop_database() -> None:
    _reused.drop()


@contextlib.contextmanager
def scratch_database():
    """An empty database of its own on the test server (no tables); its URL; dropped after."""
    require()
    name = f"fd_scratch_{os.getpid()}_{next(_numbers)}"
    admin = _admin_connection()
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_of(name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


PASSWORD_USER = "fd_password"  # a user the server asks a password of (tools/test_server.sh)
PASSWORD = "Server-pass-8"


def url_as_password_user(url: str, password: str | None = None) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = PASSWORD_USER + (f":{password}" if password else "") + "@" + parts.netloc.split("@")[-1]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cut_off(db, second_connection) -> None:
    """The server ends `db`'s connection of this thread (restarted, or a cable pulled and put back),
    as seen from `second_connection`: the call returns once that connection is gone."""
    import time

    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    second_connection.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
    deadline = time.monotonic() + 10
    while second_connection.execute_sql("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                        (pid,)).fetchone()[0]:
        assert time.monotonic() < deadline, "the server did not end the connection"
        time.sleep(0.02)
