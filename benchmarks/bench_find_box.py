"""The customer profiles' find box on 200,000 profiles (issue 18 part 3): what the table does for
each keystroke, beside a raw range scan on the key index in the same run.

    python benchmarks/bench_find_box.py [--db PATH] [--customers N]

Builds the profiles once (benchmarks/bench_front_desk.py's builder, no feedback), then in a fresh
process types Chinese names (1-2 characters), pinyin initials (2-3 letters) and phone numbers (4, 7
or 11 digits) key by key into the real table model (ui/kit/paged_model.py: its count and its first
page of 200), and times each keystroke; the baseline is the same range scan on customer_key in raw
SQL (the first 200 ids). Goal: the table's p95 under 50 ms per keystroke.
"""
from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_front_desk import _pct, on_profiles_only  # noqa: E402


def _terms(path: Path) -> dict[str, list[str]]:
    from pypinyin import Style, lazy_pinyin

    con = sqlite3.connect(path)
    sample = con.execute("SELECT name, phones FROM customer ORDER BY id").fetchall()
    con.close()
    rnd = random.Random(11)
    picked = rnd.sample(sample, 40)
    terms = {"chinese": [], "pinyin": [], "phone": []}
    for name, phone in picked:
        terms["chinese"].append(name[: rnd.choice((1, 2))])
        terms["pinyin"].append("".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER))[: rnd.choice((2, 3))])
        terms["phone"].append(phone[: rnd.choice((4, 7, 11))])
    return terms


def measure(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from feedback_desk import opening
    from feedback_desk.base import access, db, search, staff
    from feedback_desk.base.listing import Filters
    from feedback_desk.desks.customers.listings import CustomerListing
    from ui.kit.paged_model import PagedTableModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the model needs one
    opening.open_database(path)
    access.sign_in_as(staff.staff_list()[0])
    raw = sqlite3.connect(path)
    model = PagedTableModel(CustomerListing())
    n = raw.execute("SELECT COUNT(*) FROM customer").fetchone()[0]
    print(f"{n:,} customer profiles; per keystroke: the table's count and first page of {model.PAGE} "
          f"vs a raw range scan of the key index")
    print(f"{'terms':<8} {'keys':>5} {'table p50':>10} {'table p95':>10} {'raw p50':>8} {'raw p95':>8} "
          f"{'ratio p95':>9} {'largest match':>14}")
    every_table, every_raw = [], []
    for kind, values in _terms(path).items():
        table, baseline, largest = [], [], 0
        for term in values:
            for end in range(1, len(term) + 1):
                typed = term[:end]
                t0 = time.perf_counter()
                model.set_filters(Filters(text=typed))
                table.append(time.perf_counter() - t0)
                key = search.normalise_term(typed)
                t0 = time.perf_counter()
                raw.execute("SELECT customer_id FROM customer_key WHERE key >= ? AND key < ? LIMIT ?",
                            (key, key + search.TOP, model.PAGE)).fetchall()
                baseline.append(time.perf_counter() - t0)
                largest = max(largest, model.total())
        every_table += table
        every_raw += baseline
        print(f"{kind:<8} {len(table):>5} {statistics.median(table) * 1000:>8.1f}ms {_pct(table, 95) * 1000:>8.1f}ms "
              f"{statistics.median(baseline) * 1000:>6.2f}ms {_pct(baseline, 95) * 1000:>6.2f}ms "
              f"{_pct(table, 95) / max(_pct(baseline, 95), 1e-6):>8.0f}x {largest:>14,}")
    print(f"{'all':<8} {len(every_table):>5} {statistics.median(every_table) * 1000:>8.1f}ms "
          f"{_pct(every_table, 95) * 1000:>8.1f}ms {statistics.median(every_raw) * 1000:>6.2f}ms "
          f"{_pct(every_raw, 95) * 1000:>6.2f}ms {_pct(every_table, 95) / max(_pct(every_raw, 95), 1e-6):>8.0f}x")
    print("goal: the table's p95 < 50 ms per keystroke")
    raw.close()
    db.close_database()


def main() -> int:
    return on_profiles_only(__file__, measure)


if __name__ == "__main__":
    sys.exit(main())
