"""Ledger export benchmark: a year of 100,000 feedback entries to one .xlsx.

    python benchmarks/bench_export.py [--db PATH] [--rows N] [--year YYYY]

Builds the database once (kept at PATH for later runs), then measures, each in a fresh
process: the feedback ledger export (feedback_desk.export.ledgers.export_ledger) and a
bare openpyxl write-only loop writing the same cells — the same rows and columns read
with sqlite3, dates and times as real dates, codes as they are, no styles, no table.
Prints time and peak memory (VmHWM) of each and the ratio; target: within 1.5×.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_front_desk import SURNAMES, _peak_mb, _texts, the_program_builds  # noqa: E402


def build(path: Path, n_rows: int, year: int) -> None:
    from feedback_desk.base import db, staff
    from feedback_desk import opening
    from feedback_desk.desks.feedback.models import Feedback
    from feedback_desk.base.vocab import CHANNEL_ASPECTS

    rnd = random.Random(11)
    database = opening.open_database(path)
    staff.ensure_departments()
    clerk = staff.save_staff("基准测试", 1)
    texts = _texts()
    kinds = ["praise"] * 5 + ["suggestion"] * 2 + ["complaint"] * 3
    states = ["registered", "investigating", "replied", "closed", "closed", "closed"]
    channels = ["card_checkout", "card_meal", "collection_sheet", "phone", "revisit"]
    t0 = time.perf_counter()
    for start in range(0, n_rows, 5000):
        rows = []
        for i in range(start, min(start + 5000, n_rows)):
            day = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randrange(365))
            kind, channel = rnd.choice(kinds), rnd.choice(channels)
            at = dt.datetime.combine(day, dt.time(rnd.randrange(24), rnd.randrange(60)))
            row = {"created_at": at, "created_by": clerk.id, "updated_at": at, "updated_by": clerk.id,
                   "channel": channel, "kind": kind, "date": day,
                   "place": f"{rnd.randrange(2, 20)}{rnd.randrange(1, 40):02d}", "department": rnd.randrange(1, 11),
                   "text": rnd.choice(texts)[:500], "customer_name": rnd.choice(SURNAMES) + "先生",
                   "register_no": f"客诉-{day:%Y-%m}-B{i:07d}" if kind == "complaint" else None,
                   "state": rnd.choice(states) if kind == "complaint" else None,
                   "serious": kind == "complaint" and rnd.random() < 0.05, "investigation": "", "reply_text": ""}
            for aspect in CHANNEL_ASPECTS[channel]:
                row[aspect] = rnd.choice((1, 2, 3, 3, 4, 4, 4))
            rows.append(row)
        with database.atomic():
            Feedback.insert_many(rows).execute()
    for sql in ("ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"):  # plans and a small file for the runs
        database.execute_sql(sql)
    db.close_database()
    print(f"built {n_rows:,} one-year feedback entries in {time.perf_counter() - t0:.1f} s", flush=True)


def measure_export(path: Path, year: int, out: Path) -> dict:
    from feedback_desk.base import db, i18n
    from feedback_desk import opening
    from feedback_desk.export.ledgers import export_ledger

    i18n.set_language("zh_CN")
    opening.open_database(path)
    t0 = time.perf_counter()
    export_ledger("feedback", dt.date(year, 1, 1), dt.date(year, 12, 31), out)
    return {"seconds": time.perf_counter() - t0}


def measure_bare(path: Path, year: int, out: Path) -> dict:
    """The same rows and columns as the feedback ledger, straight from sqlite3 into ws.append."""
    import sqlite3

    from openpyxl import Workbook

    from feedback_desk.desks.feedback.ledgers import FEEDBACK

    t0 = time.perf_counter()
    names = [c.source for c in FEEDBACK.columns]
    fields = [n if isinstance(n, str) else n[0] for n in names]
    fields = [f + "_id" if f in ("department", "handler") else f for f in fields]
    conn = sqlite3.connect(str(path))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("feedback")
    ws.append([c.label for c in FEEDBACK.columns])
    dates = {i for i, c in enumerate(FEEDBACK.columns) if c.kind in ("date", "datetime")}
    cur = conn.execute(f"SELECT {', '.join(fields)} FROM feedback WHERE date BETWEEN ? AND ? ORDER BY id",
                       (f"{year}-01-01", f"{year}-12-31"))
    for raw in cur:
        ws.append([dt.datetime.fromisoformat(v) if i in dates and v else v for i, v in enumerate(raw)])
    wb.save(out)
    return {"seconds": time.perf_counter() - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "bench-out" / "export.db"))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--measure", choices=("export", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = Path(args.db)
    if args.measure:
        out = path.with_name(f"bench-{args.measure}.xlsx")
        result = (measure_export if args.measure == "export" else measure_bare)(path, args.year, out)
        result.update(peak_mb=_peak_mb(), size_mb=out.stat().st_size / 2**20)
        print(json.dumps(result))
        return
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with the_program_builds():
            build(path, args.rows, args.year)
    results = {}
    for what in ("bare", "export"):
        done = subprocess.run([sys.executable, __file__, "--db", str(path), "--year", str(args.year),
                               "--measure", what], capture_output=True, text=True, check=True)
        results[what] = json.loads(done.stdout.strip().splitlines()[-1])
        r = results[what]
        print(f"{what:>6}: {r['seconds']:.1f} s, peak memory {r['peak_mb']:.0f} MB, file {r['size_mb']:.1f} MB",
              flush=True)
    ratio = results["export"]["seconds"] / results["bare"]["seconds"]
    print(f"ledger export / bare loop: {ratio:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
