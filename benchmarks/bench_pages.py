"""A desk table's pages (issue 18 part 4): the first page, and a later page (the 11th of 200 rows)
read after the last row of the page before (keyset) beside reading it past an OFFSET, each beside
the same query in raw SQL in the same run.

    python benchmarks/bench_pages.py [--db PATH] [--customers N]

Builds 200,000 customer profiles once (bench_front_desk.py's builder), then in a fresh process
times the customer table (sorted by name, and by last visit newest first) through its Listing:
medians of 15 runs. Goal: a listing page at most 3x the raw query.
"""
from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_front_desk import on_profiles_only  # noqa: E402

RUNS, PAGE, LATER = 15, 200, 10  # the 11th page: after 10 pages of 200


def _median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def measure(path: Path) -> None:
    from feedback_desk import opening
    from feedback_desk.base import db
    from feedback_desk.base.listing import Filters
    from feedback_desk.desks.customers.listings import CustomerListing

    opening.open_database(path)
    raw = sqlite3.connect(path)
    listing = CustomerListing()
    everything = Filters()
    print(f"{raw.execute('SELECT COUNT(*) FROM customer').fetchone()[0]:,} customer profiles; pages of {PAGE}, "
          f"medians of {RUNS} runs")
    print(f"{'order':<22} {'page':<26} {'listing':>9} {'raw SQL':>9} {'ratio':>6}")
    for key, column, descending in (("name", "sort_name", False), ("last_visit", "last_visit", True)):
        way = "DESC" if descending else "ASC"
        nulls = "NULLS LAST" if descending else "NULLS FIRST"
        order = f"{column} {way} {nulls}, id {way}"
        before = listing.page(everything, key, descending, (LATER - 1) * PAGE, PAGE)[-1].after
        cmp = "<" if descending else ">"
        keyset = (f"SELECT * FROM customer WHERE voided = 0 AND ({column} {cmp} ? OR ({column} = ? AND id {cmp} ?)"
                  + (f" OR {column} IS NULL" if descending else "") + f") ORDER BY {order} LIMIT {PAGE}")
        cases = (
            ("first page", lambda: listing.page(everything, key, descending, 0, PAGE),
             lambda: raw.execute(f"SELECT * FROM customer WHERE voided = 0 ORDER BY {order} LIMIT {PAGE}").fetchall()),
            (f"page {LATER + 1} past an OFFSET", lambda: listing.page(everything, key, descending, LATER * PAGE, PAGE),
             lambda: raw.execute(f"SELECT * FROM customer WHERE voided = 0 ORDER BY {order} LIMIT {PAGE} "
                                 f"OFFSET {LATER * PAGE}").fetchall()),
            (f"page {LATER + 1} after the last row", lambda: listing.page(everything, key, descending, 0, PAGE,
                                                                           after=before),
             lambda: raw.execute(keyset, (before[0], before[0], before[1])).fetchall()),
        )
        for what, ours, baseline in cases:
            o, b = _median_ms(ours), _median_ms(baseline)
            print(f"{key + (' desc' if descending else ''):<22} {what:<26} {o:>7.1f}ms {b:>7.2f}ms {o / b:>5.1f}x")
    print("goal: a listing page at most 3x the raw query (the listing also builds each row: taboos and likes "
          "read for the page's customers)")
    raw.close()
    db.close_database()


def main() -> int:
    return on_profiles_only(__file__, measure)


if __name__ == "__main__":
    sys.exit(main())
