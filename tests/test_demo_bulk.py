"""The demo's bulk writer gives the very database the use cases give, one record at a time.

`fill_demo()` writes feedback (with its complaint steps), visits, preferences, service-log
lines and handovers through `records.create_many` instead of their use cases, for speed. If a
use case changes what it saves (a new field, a default, a history row), the two part ways and
this test says where.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter

import pytest

from feedback_desk.base import clock, db as dbmod, i18n
from feedback_desk import opening
from feedback_desk import demo
from feedback_desk.desks.quality import demo as demo_quality
from feedback_desk.desks.housekeeping import demo as demo_service
from feedback_desk.desks.suggestions import demo as demo_suggestions


@pytest.fixture
def small_demo(monkeypatch):
    """A smaller demo (a few weeks, a few dozen customers), so both fills take seconds."""
    for module, name, value in ((demo, "N_INDIVIDUALS", 24), (demo, "N_ORGS", 6), (demo, "N_GROUPS", 6),
                                (demo, "LINKED_FEEDBACK", 160), (demo, "UNLINKED_FEEDBACK", 140),
                                (demo_service, "DAYS", 8), (demo_quality, "N_SHEETS", 6),
                                (demo_suggestions, "N_ENTRIES", 12)):
        monkeypatch.setattr(module, name, value)


def _fill(path, use_cases: bool) -> dict:
    i18n.set_language("zh_CN")
    clock.set_now(dt.datetime(2026, 11, 20, 6, 30))  # both fills on the same "now", to the second
    opening.open_database(path)
    try:
        return demo.fill_demo(seed=7, use_cases=use_cases)
    finally:
        dbmod.close_database()
        clock.set_now(None)
        i18n.set_language("en")


def _tables(path) -> dict[str, Counter]:
    """Every table's rows; the history without its own ids (it is written in another order), the
    staff without their password hashes (each salted anew; both take the demo password: test_demo),
    and an anonymous entry's ids as what they are, drawn at random (records.untraceable_ids)."""
    con = sqlite3.connect(path)
    try:
        found = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        found = found.fetchall()
        index = [n for n, sql in found if sql.startswith("CREATE VIRTUAL TABLE")]  # its pages differ by batch: _found
        names = [n for n, _sql in found if not any(n == i or n.startswith(i + "_") for i in index)]
        tables = {}
        for name in names:
            columns = [c[1] for c in con.execute(f'PRAGMA table_info("{name}")')]
            keep = [c for c in columns if not (name == "change" and c == "id")
                    and not (name == "staff" and c == "password_hash")]
            select = ", ".join(f'"{c}"' for c in keep)
            tables[name] = Counter(tuple("untraceable" if isinstance(v, int) and not isinstance(v, bool) and v < 0
                                         else v for v in row)
                                   for row in con.execute(f'SELECT {select} FROM "{name}"'))
        return tables
    finally:
        con.close()


def _found(path, word: str) -> set[int]:
    """The feedback entries of the file at `path` whose words hold `word`, read from its search index."""
    from feedback_desk.base import text_index

    con = sqlite3.connect(path)
    try:
        return {i for (i,) in con.execute("SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?",
                                          (text_index.query(["text", "investigation", "reply_text"], word),))}
    finally:
        con.close()


def test_bulk_writer_gives_what_the_use_cases_give(small_demo, tmp_path):
    bulk, one_by_one = tmp_path / "bulk.db", tmp_path / "use_cases.db"
    counts = _fill(bulk, use_cases=False)
    assert counts == _fill(one_by_one, use_cases=True)
    assert counts["feedback"] >= 300 and counts["complaints"] > 30 and counts["service_lines"] > 50
    assert counts["handovers"] > 20 and counts["visits"] > 50
    fast, slow = _tables(bulk), _tables(one_by_one)
    assert fast.keys() == slow.keys()
    for name in slow:
        assert fast[name] == slow[name], (name, list((fast[name] - slow[name]).items())[:3],
                                          list((slow[name] - fast[name]).items())[:3])
    for word in ("早餐", "服务", "房", "wifi"):  # the search index finds the same rows in both
        assert _found(bulk, word) == _found(one_by_one, word), word
    assert _found(bulk, "早餐")
    history = slow["change"]
    for table in ("feedback", "visit", "preference", "service_line", "handover"):
        assert any(row[0] == table for row in history), f"{table} leaves its history"
