"""Minute-check benchmark (issue 19): the deadline check on the 500,000-feedback database.

    python benchmarks/bench_minute_check.py [--db PATH] [--customers N] [--feedback N] [--server URL]

Builds the front-desk database once (bench_front_desk.py's builder, kept at --db), then in a fresh
process: copies it and takes its clocks away (as any database after the upgrade that brought
clocks, or after a large import), and prints side by side
  * the first check on that copy, which registers, marks late and escalates every open item,
  * the longest wait of a save at another workstation meanwhile: a complaint recorded through the
    use case (guest_feedback.create_feedback) in a process of its own, one every 20 ms, with its
    own time when nothing else writes, and whether any save failed,
  * the steady-state check with nothing due (median and p95 of 30), and a check that looks at
    everything (as at each start, and every ten minutes: loop/changes.py),
  * a raw count of the running clocks as the baseline, and the ratio.
With --server postgresql://admin@host/postgres (a user who may create databases) the same on the
server: the copy is put there once (database bench_minute_check_template, kept for later runs) and
each run measures a fresh database made from it.
Goals: a concurrent save never waits more than 200 ms and never fails; a check with nothing due
under 20 ms.
"""
from __future__ import annotations

import gc
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_front_desk import ROOT, _pct, build, build_then_measure  # noqa: E402  (also puts the project on sys.path)

SERVER_VARIABLE = "BENCH_MINUTE_CHECK_SERVER"
SAVER = """
import json, statistics, sys, threading, time
sys.path.insert(0, sys.argv[2])
from feedback_desk import opening
from feedback_desk.base import access, clock
from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback import guest_feedback
opening.open_database(sys.argv[1])
clerk = Staff.get(Staff.name == "基准测试")
access.sign_in_as(clerk)
values = {"channel": "phone", "kind": "complaint", "date": clock.today_local(), "text": "空调噪音太大",
          "place": "1203", "department": 2, "serious": False, "customer": None}
def save():
    t0 = time.perf_counter()
    guest_feedback.create_feedback(dict(values), clerk)
    return (time.perf_counter() - t0) * 1000
alone = [save() for _ in range(20)]
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
print("ready", flush=True)
times, failures = [], []
while not stop.is_set():
    try:
        times.append(save())
    except FeedbackDeskError as exc:
        failures.append(str(exc))
    time.sleep(0.02)
print(json.dumps({"alone": statistics.median(alone), "saves": len(times), "worst": max(times, default=0.0),
                  "p95": sorted(times)[int(0.95 * (len(times) - 1))] if times else 0.0,
                  "failures": len(failures), "failure": failures[:1]}), flush=True)
"""


def without_clocks(built: Path) -> Path:
    """A copy of the built database with no clocks yet (nor their escalations and their history)."""
    copy = built.with_name(built.stem + "-no-clocks.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(built) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as con:
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ("item_clock", "escalation"):
            if table in tables:
                con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM change WHERE action = 'escalate'")
    return copy


def _checks(n: int) -> list[float]:
    from feedback_desk.loop import clocks

    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        clocks.run_checks()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def on_the_server(path: Path, admin: str) -> str:
    """The copy without clocks on the server given by `admin` (a user who may create databases): copied
    once into a template database (kept while it has the file's rows), then made afresh from it."""
    from feedback_desk import opening
    from feedback_desk.base import db
    from workstations_data import ensure_server_copy, recreate_database, with_database

    opening.open_database(path)  # at today's schema, as the copy wants it
    db.close_database()
    ensure_server_copy(path, admin, "bench_minute_check_template")
    recreate_database(admin, "bench_minute_check", template="bench_minute_check_template")
    return with_database(admin, "bench_minute_check")


def measure(built: Path, checks: int = 30) -> None:
    from feedback_desk import opening
    from feedback_desk.base import access, db
    from feedback_desk.loop import changes
    from feedback_desk.loop.models import ItemClock

    path = without_clocks(built)
    server = os.environ.get(SERVER_VARIABLE)
    target = on_the_server(path, server) if server else str(path)
    opening.open_database(target)  # upgraded here, before the saver opens it
    saver = subprocess.Popen([sys.executable, "-c", SAVER, target, str(ROOT)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    if saver.stdout.readline().strip() != "ready":
        raise SystemExit("the saving workstation did not start")
    time.sleep(0.3)
    with access.acting_as_the_program():
        t0 = time.perf_counter()
        from feedback_desk.loop import clocks
        result = clocks.run_checks()
        first = time.perf_counter() - t0
        time.sleep(0.3)
        saver.stdin.write("stop\n")
        saver.stdin.flush()
        saves = json.loads(saver.stdout.readline())
        saver.wait()
        found = f"{result.registered:,} registered, {len(result.late):,} late, {len(result.escalated):,} escalation steps"
        del result  # as the window lets it go once told
        gc.collect()
        _checks(3)  # the saves' complaints, then the history the first check wrote
        steady = _checks(checks)
        changes.FULL_EVERY_S, every = 0.0, changes.FULL_EVERY_S
        full = _checks(5)
        changes.FULL_EVERY_S = every
    count = []
    for _ in range(checks):
        t0 = time.perf_counter()
        running = ItemClock.select().where(ItemClock.done_at.is_null()).count()
        count.append((time.perf_counter() - t0) * 1000)
    raw, median = statistics.median(count), statistics.median(steady)
    print(f"database: {built} (copied without clocks to {path.name}{', then onto the server' if server else ''})")
    print(f"{'first check, no clocks yet':<44} {first:9.1f} s   {found}")
    print(f"{'a save at another workstation meanwhile':<44} {saves['worst']:9.1f} ms longest "
          f"(p95 {saves['p95']:.1f} ms; {saves['alone']:.1f} ms alone; {saves['saves']} saves, "
          f"{saves['failures']} failed{': ' + saves['failure'][0] if saves['failure'] else ''}) (goal <= 200 ms)")
    print(f"{'steady-state check, nothing due':<44} {median:9.1f} ms median, p95 {_pct(steady, 95):.1f} ms "
          f"({checks} checks; goal < 20 ms)")
    print(f"{'a check looking at everything':<44} {statistics.median(full):9.1f} ms median of 5 (each start, and "
          f"every {every / 60:.0f} minutes)")
    print(f"{'raw count of running clocks':<44} {raw:9.1f} ms   ({running:,} clocks)")
    print(f"{'ratio steady check / raw count':<44} {median / raw:9.1f}x")
    db.close_database()


def main() -> int:
    if "--server" in sys.argv:  # passed on to the measuring process in its environment
        at = sys.argv.index("--server")
        os.environ[SERVER_VARIABLE] = sys.argv[at + 1]
        del sys.argv[at:at + 2]
    return build_then_measure(__file__, "front_desk.db", {"customers": 200_000, "feedback": 500_000},
                              build, measure)


if __name__ == "__main__":
    sys.exit(main())
