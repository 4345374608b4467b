"""Four workstations at once on the 500,000-feedback database: SQLite file and shared server side by side.

    python benchmarks/bench_workstations.py [--db PATH] [--customers N] [--feedback N] [--seconds S]
        [--baseline-seconds S] [--server URL] [--server-db NAME]

Issue 14 item 8 (the data it works on: workstations_data.py; what each workstation does: workstation_work.py).
Four processes, started together, each with its own connection and signed in
as a real person with the role its desk needs, work for --seconds (60):

- front desk (a front-office clerk): registers complaints, one after the other;
- housekeeping (a floor attendant): opens a service sheet per floor and day and enters its
  rooms' service lines (consumables, now and then a repair);
- quality office (a quality inspector, role inspector): raises anomaly sheets;
- manager (the general manager, role gm): every --seconds/6 exports the last 60 days' feedback
  ledger (.xlsx, into a temporary folder) and runs the minute check.

Between two saves each desk thinks for 50-200 ms. Every save is timed (perf_counter); a
conflict (ConflictError), the database busy past its wait (DatabaseBusyError: SQLite's busy
timeout, the server's lock_timeout) and every other error are counted by class. Lock waits: the
workers time how long each write transaction waited for the write lock (SQLite's BEGIN
IMMEDIATE, the server's advisory write lock) by wrapping those two calls in their own process;
a wait over 2 ms counts (uncontended, either takes well under 1 ms). At the end the parent
counts in the database that every id a worker reported saved is there (0 missing expected),
that no row was saved that a worker counted as failed, and that the month's register numbers
the desks were given run 1…N without a gap.

The baseline, measured in the same run on the same engine right after (the machine is shared
and noisy): 4 processes insert the same complaint rows into the feedback table with raw SQL
(sqlite3 with BEGIN IMMEDIATE and the program's pragmas, psycopg), one transaction each, the
same think time, for --baseline-seconds (20).

Data: the front-desk benchmark's database (bench_front_desk.build: 200,000 profiles and
500,000 feedback entries), built once at --db and prepared once for this benchmark (the five
people, 10 floors of 25 rooms, the consumables, and a first minute check, which registers every
open item of the build: some 9 minutes, once, not at every run). It is kept for later runs;
each run works on a copy of it (PATH with .run.db), removed after.

The server: --server is an administrator's URL on a PostgreSQL server (default from
FEEDBACK_DESK_BENCH_SERVER, else FEEDBACK_DESK_TEST_SERVER), e.g.
postgresql://postgres@127.0.0.1:5433/postgres. The prepared file is copied once into the
database --server-db (fd_bench_workstations) with the program's own copy (copying.copy_database:
some 25 minutes for these 3.1 million rows on 2 busy cores) and kept there: a later run reuses it
when every table's row count matches the file's. Each run works on a fresh database made from it
as a template (NAME_run, dropped after). The test server of tools/test_server.sh removes its
whole folder when it is stopped (CI stops it at the end of every run), and the copy with it: keep
the copy on a server that stays, e.g. a second one started with FEEDBACK_DESK_TEST_PORT=5434
FEEDBACK_DESK_TEST_PGDIR=/tmp/fd-bench-server tools/test_server.sh start (durability off, as for
the tests). Without a server the benchmark runs on SQLite only, and says so.

A program newer than the kept copies brings them to its schema once, in the parent, before the
workers start (the file keeps the program's .schemaN.bak beside it).
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_front_desk import ROOT, _pct  # noqa: E402  (also puts the project on sys.path)
from workstations_data import (drop_database, ensure_data, ensure_server_copy,  # noqa: E402
                               file_counts, recreate_database, server_connection, with_database)
from workstation_work import (DESKS, LOCK_WAIT_MS, OPERATIONS, RAW, RAW_OP, SAVES, OpStats,  # noqa: E402
                              worker)


# --- the parent: run the desks, check the saves, print the table ------------------------------------

def run_together(desks: list[str], target: str, seconds: float) -> list[dict]:
    """Start one process per desk, wait until every one has opened the database and signed in,
    give them one start time, and collect what each measured."""
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", desk, "--target", target,
                               "--seconds", str(seconds), "--worker-no", str(i)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for i, desk in enumerate(desks)]
    for desk, proc in zip(desks, procs):
        if proc.stdout.readline().strip() != "ready":
            for other in procs:
                other.kill()
            raise RuntimeError(f"the {desk} worker did not start (its error is above)")
    start = time.time() + 0.2
    for proc in procs:
        proc.stdin.write(f"{start}\n")
        proc.stdin.flush()
    results = []
    for desk, proc in zip(desks, procs):
        out = proc.stdout.read().strip().splitlines()
        if proc.wait() != 0 or not out:
            raise RuntimeError(f"the {desk} worker failed (its error is above)")
        results.append(json.loads(out[-1]))
    return results


def saved_models() -> dict:
    from feedback_desk.desks.feedback.models import Feedback
    from feedback_desk.desks.housekeeping.models import ServiceLine, ServiceSheet
    from feedback_desk.desks.quality.models import AnomalySheet

    return {m._meta.table_name: m for m in (Feedback, ServiceSheet, ServiceLine, AnomalySheet)}


def last_ids(target: str) -> dict[str, int]:
    """Each saved table's highest id before a phase: what a phase adds is above it."""
    import peewee

    from feedback_desk import opening
    from feedback_desk.base import db

    opening.open_database(target)
    try:
        return {t: m.select(peewee.fn.MAX(m.id)).scalar() or 0 for t, m in saved_models().items()}
    finally:
        db.close_database()


def count_check(target: str, results: list[dict], before: dict[str, int]) -> dict:
    """Every id reported saved is in the database; no row added that nobody reported; the numbers
    each series gave in the run run 1…N with no gap and match its counter."""
    from feedback_desk import opening
    from feedback_desk.base import db
    from feedback_desk.base.models import Counter

    reported: dict[str, list[int]] = collections.defaultdict(list)
    numbers: list[str] = []
    for r in results:
        for table, ids in r["saved"].items():
            reported[table] += ids
        numbers += r["numbers"]
    opening.open_database(target)
    try:
        models = saved_models()
        found = added = 0
        for table, ids in reported.items():
            model = models[table]
            found += sum(model.select().where(model.id.in_(ids[i:i + 500])).count() for i in range(0, len(ids), 500))
        for table, model in models.items():
            added += model.select().where(model.id > before[table]).count()
        series: dict[str, list[int]] = collections.defaultdict(list)
        for number in numbers:
            name, _sep, value = number.rpartition("-")
            series[name].append(int(value))
        gaps = []
        for name, values in series.items():
            counter = Counter.select(Counter.value).where(Counter.series == name).scalar()
            if sorted(values) != list(range(1, len(values) + 1)) or counter != len(values):
                gaps.append(f"{name} (counter {counter}, {len(values)} given)")
    finally:
        db.close_database()
    total = sum(len(ids) for ids in reported.values())
    return {"reported": total, "missing": total - found, "unreported": added - found,
            "series": {name: len(values) for name, values in series.items()}, "gaps": gaps}


def merged(results: list[dict]) -> dict[str, OpStats]:
    ops: dict[str, OpStats] = collections.defaultdict(OpStats)
    for r in results:
        for op, s in r["ops"].items():
            m = ops[op]
            m.ms += s["ms"]
            m.waits += s["waits"]
            m.conflicts += s["conflicts"]
            m.busy += s["busy"]
            for name, count in s["errors"].items():
                m.errors[name] = m.errors.get(name, 0) + count
            for name, text in s["messages"].items():
                m.messages.setdefault(name, text)
    return ops


def run_engine(engine: str, target: str, seconds: float, baseline_seconds: float) -> dict:
    """The four desks for `seconds`, then the raw-SQL baseline, each checked against the database."""
    print(f"{engine}: 4 workstations for {seconds:.0f} s …", flush=True)
    before = last_ids(target)
    desks = run_together(list(DESKS), target, seconds)
    check = count_check(target, desks, before)
    print(f"{engine}: raw-SQL baseline, 4 processes for {baseline_seconds:.0f} s …", flush=True)
    before = last_ids(target)
    raw = run_together([RAW] * 4, target, baseline_seconds)
    raw_check = count_check(target, raw, before)
    notes = collections.Counter()
    for r in desks:
        notes.update(r["notes"])
    return {"ops": merged(desks + raw), "check": check, "raw_check": raw_check, "notes": notes, "seconds": seconds}


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}" if value < 100 else f"{value:.0f}"


COLUMNS = (("operation", 24), ("engine", 6), ("n", 5), ("p50 ms", 7), ("p95 ms", 7), ("p50 ×raw", 8),
           ("conflicts", 9), ("lock waits", 10), ("longest wait ms", 15), ("busy", 4), ("other errors", 0))


def _line(cells) -> str:
    """One row of the table: the names left, the figures right, the errors as they come."""
    out = []
    for i, (cell, (_name, width)) in enumerate(zip(cells, COLUMNS)):
        out.append(f"{cell:<{width}}" if i < 2 else f"{cell:>{width}}" if width else str(cell))
    return "  ".join(out)


def print_table(runs: dict[str, dict]) -> None:
    """Each operation on each engine, side by side; a save's p50 also as a multiple of the raw INSERT's."""
    print(_line(name for name, _width in COLUMNS))
    print("-" * 120)
    for op in OPERATIONS:
        for engine, run in runs.items():
            s = run["ops"].get(op)
            if s is None:
                continue
            p50 = _pct(s.ms, 50) if s.ms else None
            raw = run["ops"].get(RAW_OP)
            ratio = f"{p50 / _pct(raw.ms, 50):.1f}×" if p50 and raw and raw.ms and op in SAVES else ""
            waits = sum(1 for w in s.waits if w > LOCK_WAIT_MS)
            errors = ", ".join(f"{k} {v}" for k, v in s.errors.items()) or "0"
            print(_line((op, engine, len(s.ms), _ms(p50), _ms(_pct(s.ms, 95) if s.ms else None), ratio,
                         s.conflicts, f"{waits}/{len(s.waits)}" if s.waits else "–", _ms(max(s.waits) if s.waits else None), s.busy,
                         errors)))
    for engine, run in runs.items():
        for op, s in run["ops"].items():
            for name, text in s.messages.items():
                print(f"  {engine}, {op}: first {name}: {text}")


def print_checks(runs: dict[str, dict]) -> None:
    for engine, run in runs.items():
        for label, c in (("desks", run["check"]), ("raw baseline", run["raw_check"])):
            numbers = "; numbers " + ", ".join(f"{k}-0001…{v:04d}" for k, v in c["series"].items()) \
                + (f" NOT GAPLESS: {', '.join(c['gaps'])}" if c["gaps"] else " gapless") if c["series"] else ""
            print(f"count check, {engine}, {label}: {c['reported']:,} saves reported done, {c['missing']} missing, "
                  f"{c['unreported']} saved but reported failed{numbers}")
        saves = sum(len(run["ops"][op].ms) for op in SAVES if op in run["ops"])
        notes = ", ".join(f"{k} {v:,}" for k, v in run["notes"].items())
        print(f"{engine}: {saves:,} saves by the desks in {run['seconds']:.0f} s ({saves / run['seconds']:.1f}/s); "
              f"minute checks: {notes}")


def print_context(path: Path, sqlite_target: Path, server_url: str | None) -> None:
    from feedback_desk.base import server

    counts = file_counts(path)
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    print(f"data: {counts['feedback']:,} feedback entries, {counts['customer']:,} customer profiles, "
          f"{sum(counts.values()):,} rows in {len(counts)} tables; file {path.stat().st_size / 2**20:.0f} MB"
          f" (run copy {sqlite_target})")
    if server_url:
        with server_connection(server_url) as con:
            version = con.execute("SHOW server_version").fetchone()[0]
            size = con.execute("SELECT pg_database_size(current_database())").fetchone()[0]
            fsync = con.execute("SHOW fsync").fetchone()[0]
        print(f"server: PostgreSQL {version}, run database {size / 2**20:.0f} MB, fsync {fsync} "
              f"({server.without_password(server_url)})")


def fresh_sqlite(path: Path) -> Path:
    """A copy of the kept file for this run (the desks add to it), its WAL checkpointed first."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    run = path.with_suffix(".run.db")
    for old in (run, Path(f"{run}-wal"), Path(f"{run}-shm")):
        old.unlink(missing_ok=True)
    shutil.copyfile(path, run)
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "bench-out" / "workstations.db"),
                        help="the kept, prepared database file (built when missing)")
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--feedback", type=int, default=500_000)
    parser.add_argument("--seconds", type=float, default=60, help="how long the four desks work")
    parser.add_argument("--baseline-seconds", type=float, default=20, help="how long the raw-SQL baseline runs")
    parser.add_argument("--server", default=os.environ.get("FEEDBACK_DESK_BENCH_SERVER")
                        or os.environ.get("FEEDBACK_DESK_TEST_SERVER"),
                        help="an administrator's URL on the server; empty: SQLite only")
    parser.add_argument("--server-db", default="fd_bench_workstations",
                        help="the kept server copy (NAME_run is made from it for each run)")
    parser.add_argument("--worker", choices=DESKS + (RAW,), help=argparse.SUPPRESS)
    parser.add_argument("--worker-no", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.target, args.seconds, args.worker_no)
        return 0

    path = Path(args.db).resolve()
    ensure_data(path, args.customers, args.feedback)
    runs: dict[str, dict] = {}
    sqlite_target = fresh_sqlite(path)
    server_url = None
    try:
        if args.server:
            ensure_server_copy(path, args.server, args.server_db)
            t0 = time.perf_counter()
            recreate_database(args.server, f"{args.server_db}_run", template=args.server_db)
            server_url = with_database(args.server, f"{args.server_db}_run")
            print(f"server run database from the template: {time.perf_counter() - t0:.1f} s", flush=True)
        else:
            print("no server given (--server, FEEDBACK_DESK_BENCH_SERVER or FEEDBACK_DESK_TEST_SERVER): "
                  "SQLite only", flush=True)
        print_context(path, sqlite_target, server_url)
        runs["sqlite"] = run_engine("sqlite", str(sqlite_target), args.seconds, args.baseline_seconds)
        if server_url:
            runs["server"] = run_engine("server", server_url, args.seconds, args.baseline_seconds)
        print()
        print_table(runs)
        print()
        print_checks(runs)
        print(f"(lock waits: write transactions that waited over {LOCK_WAIT_MS:.0f} ms for the write lock / all "
              f"write transactions; busy: saves refused after waiting the whole busy or lock timeout, 10 s)")
    finally:
        for old in (sqlite_target, Path(f"{sqlite_target}-wal"), Path(f"{sqlite_target}-shm")):
            old.unlink(missing_ok=True)
        if server_url:
            drop_database(args.server, f"{args.server_db}_run")
    bad = any(run[c]["missing"] or run[c]["unreported"] or run[c]["gaps"] for run in runs.values()
              for c in ("check", "raw_check"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
