"""The data of the workstations benchmark (bench_workstations.py): the 500,000-feedback file built
once and prepared once (floors, people, a first minute check), brought to this program's schema,
and copied once onto the server, where each run starts from a fresh database made from it."""
from __future__ import annotations

import contextlib
import sqlite3
import time
import urllib.parse
from pathlib import Path

from bench_front_desk import build

FLOORS = range(3, 13)
ROOMS_PER_FLOOR = 25
# who works at each desk: (name, department as created, roles); the head answers for the complaints
PEOPLE = {
    "front_desk": ("总台接待-基准", "Front office", ()),
    "housekeeping": ("客房服务员-基准", "Rooms division", ()),
    "quality": ("质检员-基准", "Quality", ("inspector",)),
    "manager": ("总经理-基准", "General manager's office", ("gm",)),
    "front_head": ("前台经理-基准", "Front office", ("head",)),
}


def prepared(path: Path) -> bool:
    """Whether the file already has this benchmark's people (saved last: so its rooms and first check)."""
    names = [name for name, _department, _roles in PEOPLE.values()]
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            found = con.execute(f"SELECT COUNT(*) FROM staff WHERE name IN ({', '.join('?' * len(names))})", names)
            return found.fetchone()[0] == len(names)
    except sqlite3.Error:
        return False


def prepare(path: Path) -> None:
    """The rooms and consumables the desks need, the first minute check (on the build's 500,000
    entries it registers and escalates every open item: once, so that the measured checks see only
    what the run adds), then the people, whose names say the file is prepared. Each step is skipped
    when done already: a preparation cut short is finished by the next run."""
    from feedback_desk import opening
    from feedback_desk.base import access, db, responsible, staff
    from feedback_desk.base.models import Staff
    from feedback_desk.desks.housekeeping import rooms
    from feedback_desk.loop import clocks

    database = opening.open_database(path)
    with access.acting_as_the_program():
        for floor in set(FLOORS) - set(rooms.floors()):
            rooms.add_floor(floor, floor * 100 + 1, floor * 100 + ROOMS_PER_FLOOR, "标准间")
        rooms.ensure_consumables()
        t0 = time.perf_counter()
        result = clocks.run_checks()
        print(f"first minute check: {time.perf_counter() - t0:.0f} s, {result.registered:,} clocks registered, "
              f"{len(result.late):,} late, {len(result.escalated):,} escalation steps", flush=True)
        for name, department, roles in PEOPLE.values():
            if not Staff.select().where(Staff.name == name).exists():
                staff.save_staff(name, responsible.department_named(department), roles=list(roles))
    database.execute_sql("ANALYZE")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close_database()


def ensure_data(path: Path, n_customers: int, n_feedback: int) -> None:
    """Build and prepare the kept file when it is not there yet, saying how long it took."""
    from feedback_desk.base import access

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        with access.acting_as_the_program():  # the build saves its clerk as the program does
            build(path, n_customers, n_feedback)
        print(f"build: {time.perf_counter() - t0:.0f} s", flush=True)
    if not prepared(path):
        t0 = time.perf_counter()
        prepare(path)
        print(f"prepare: {time.perf_counter() - t0:.0f} s", flush=True)
    up_to_date(path)


def up_to_date(target) -> None:
    """Open the kept file or server copy once, in this process alone: a newer program brings it to
    its schema here, not in four workers opening one copy at the same moment (on a file they
    race: the version is read before the write lock is taken, and a step runs twice)."""
    from feedback_desk import opening
    from feedback_desk.base import db

    t0 = time.perf_counter()
    opening.open_database(target)
    db.close_database()
    if time.perf_counter() - t0 > 5:
        print(f"brought up to this program's schema: {time.perf_counter() - t0:.0f} s", flush=True)


def table_names() -> list[str]:
    from feedback_desk import opening

    return [model._meta.table_name for model in opening.every_table()]


def file_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in table_names()}


def with_database(url: str, name: str) -> str:
    """The same server, another database."""
    return urllib.parse.urlsplit(url)._replace(path="/" + name).geturl()


def server_connection(url: str):
    """A psycopg connection (autocommit) to the database of `url`."""
    import psycopg

    from feedback_desk.base import server

    params = server.connection_parameters(url)
    params["dbname"] = params.pop("database")
    return psycopg.connect(**params, autocommit=True)


def server_counts(url: str) -> dict[str, int] | None:
    """Each table's rows in the server database, None when it has not every table."""
    with server_connection(url) as con:
        have = {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        if not set(table_names()) <= have:
            return None
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in table_names()}


def server_schema(url: str) -> int:
    with server_connection(url) as con:
        return con.execute("SELECT version FROM schema_version").fetchone()[0]


def database_exists(admin: str, name: str) -> bool:
    with server_connection(admin) as con:
        return con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def recreate_database(admin: str, name: str, template: str | None = None) -> None:
    """Drop `name` if it is there and make it anew (empty, or from `template`). A template is in use
    for a moment after its last connection closed: a few tries."""
    with server_connection(admin) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for attempt in range(20):
            try:
                con.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
                return
            except Exception:  # noqa: BLE001  ("source database is being accessed by other users")
                if attempt == 19:
                    raise
                time.sleep(0.5)


def drop_database(admin: str, name: str) -> None:
    with server_connection(admin) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ensure_server_copy(path: Path, admin: str, name: str) -> None:
    """The prepared file on the server as database `name`: kept from an earlier run when every table
    has the file's rows (brought to the file's schema first, by the same migrations), else copied
    anew with the program's copy, then vacuumed and analysed."""
    from feedback_desk import copying
    from feedback_desk.base import db

    url = with_database(admin, name)
    expected, schema = file_counts(path), db.schema_of(path)
    if database_exists(admin, name) and server_counts(url) is not None:
        if server_schema(url) < schema:
            up_to_date(url)
        if server_schema(url) == schema and server_counts(url) == expected:
            print(f"server copy: kept from an earlier run ({name}, every table's rows as the file's)", flush=True)
            return
    recreate_database(admin, name)
    total, shown = sum(expected.values()), {"at": time.perf_counter(), "done": set()}
    t0 = time.perf_counter()

    def progress(table: str, done: int, rows: int) -> None:
        """A line every half minute, and one for each big table once it is in."""
        finished = done == rows and rows >= 10_000 and table not in shown["done"]
        if finished or time.perf_counter() - shown["at"] > 30:
            shown["at"] = time.perf_counter()
            if finished:
                shown["done"].add(table)
            print(f"  copying {table}: {done:,}/{rows:,} rows ({time.perf_counter() - t0:.0f} s)", flush=True)

    checks = copying.copy_database(path, url, progress)
    took = time.perf_counter() - t0
    bad = [c.table for c in checks if not c.matches]
    if bad:
        drop_database(admin, name)  # never kept for a later run
        raise RuntimeError(f"the server copy differs from the file in {', '.join(bad)}")
    print(f"server copy: {total:,} rows copied and compared in {took:.0f} s ({total / took:,.0f} rows/s)", flush=True)
    t0 = time.perf_counter()
    with server_connection(url) as con:
        con.execute("VACUUM ANALYZE")
    print(f"server copy: VACUUM ANALYZE {time.perf_counter() - t0:.0f} s", flush=True)
