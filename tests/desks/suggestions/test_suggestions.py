"""The suggestion box: anonymity proven on the database file, answers, adoption, the overdue marker."""
from __future__ import annotations

import datetime as dt
import logging
import socket
from pathlib import Path

import pytest

from feedback_desk.base import clock, i18n, records, settings, staff
from feedback_desk.loop import clocks as deadlines
from feedback_desk.desks.suggestions import box as suggestions, confidential
from feedback_desk.base.db import database
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.models import Change, Department
from feedback_desk.desks.suggestions.models import Suggestion, SuggestionCategory
from feedback_desk.desks.suggestions.listings import SuggestionListing, adoption_by_month, is_overdue
from feedback_desk.base.listing import Filters
from feedback_desk.base.vocab import DEFAULT_SUGGESTION_CATEGORIES

WRITER_NAME = "匿名测试员甲"


@pytest.fixture
def box(db):
    suggestions.ensure_categories()
    return suggestions.categories()


def _entry(category, **values):
    base = {"category": category.id, "text": "宿舍热水时有时无，建议物业楼加装热水器", "benefit": "改善住宿条件"}
    base.update(values)
    return base


def _file_bytes(path: Path) -> bytes:
    """The whole database as it lies on disk: the main file after a checkpoint, and any WAL left."""
    database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _staff_reference_columns(conn) -> dict[str, list[str]]:
    """table -> its columns that refer to a member of staff (foreign keys to `staff`)."""
    tables = [r[0] for r in conn.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    refs = {}
    for table in tables:
        cols = [r[3] for r in conn.execute_sql(f'PRAGMA foreign_key_list("{table}")') if r[2] == "staff"]
        if cols:
            refs[table] = cols
    return refs


@pytest.mark.sqlite_only  # reads the file's bytes
def test_anonymous_entry_leaves_no_trace_of_its_writer(db, tmp_path, box, other, fixed_clock, caplog):
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "t.db"
    dining = Department.get(Department.name == "Dining")
    writer = staff.save_staff(WRITER_NAME, dining.id)
    name = WRITER_NAME.encode("utf-8")
    before = _file_bytes(path).count(name)
    assert before >= 1  # the staff row itself
    caplog.clear()

    # the writer types the entry themself, on their own login, and even picks themself as writer
    s = suggestions.drop_suggestion(_entry(box[0], anonymous=True, writer=writer.id, department=dining.id), writer)
    s = suggestions.review(s.id, s.version, other.id, other)
    s = suggestions.answer(s.id, s.version, "已在物业楼加装热水器", "adopted", other)
    s = suggestions.close(s.id, s.version, other)
    assert s.state == "closed" and s.number.startswith("匿名-")

    # 1. the raw bytes of the file hold the name exactly as often as before: only the staff row
    data = _file_bytes(path)
    assert data.count(name) == before
    assert socket.gethostname().encode() not in data  # no workstation either

    # 2. every table but staff (and the staff list's history): no cell holds the name, no staff
    # column refers to the writer
    conn = database.obj
    refs = _staff_reference_columns(conn)
    assert set(refs["suggestion"]) >= {"writer_id", "created_by_id", "updated_by_id", "reviewer_id"}
    assert refs["change"] == ["by_id"]
    tables = [r[0] for r in conn.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]  # its rows: its own tables
    for table in tables:
        if table == "staff":
            continue
        where = " WHERE \"table\" != 'staff'" if table == "change" else ""  # the staff list's own history
        cursor = conn.execute_sql(f'SELECT * FROM "{table}"{where}')
        columns = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            cells = dict(zip(columns, row))
            assert not any(isinstance(v, str) and WRITER_NAME in v for v in cells.values()), table
            for col in refs.get(table, []):
                assert cells[col] != writer.id, f"{table}.{col} refers to the writer"
    # nor does any history row carry the writer's id as a value of a staff field
    assert not Change.select().where((Change.table == "suggestion") & (Change.record_id == s.id)
                                     & Change.field.in_(("writer", "created_by", "updated_by"))).exists()

    # 3. the record and its history of the create: no author, no time of day
    row = conn.execute_sql("SELECT writer_id, created_by_id, created_at, anonymous FROM suggestion "
                           "WHERE id = ?", (s.id,)).fetchone()
    assert row[0] is None and row[1] is None and row[3] == 1
    assert row[2].endswith("00:00:00") and row[2].startswith("2026-11-15")
    created = conn.execute_sql("SELECT at, by_id FROM change WHERE \"table\" = 'suggestion' AND record_id = ? "
                               "AND action = 'create'", (s.id,)).fetchall()
    assert created and all(by is None and at.endswith("00:00:00") for at, by in created)
    # the reviewer's later steps are theirs, by name and time, as every other record's
    steps = Change.select().where((Change.table == "suggestion") & (Change.action == "update"))
    assert {c.by_id for c in steps} == {other.id}

    # 4. nothing logged names the writer
    assert WRITER_NAME not in caplog.text
    assert not [r for r in caplog.records if r.name.startswith("feedback_desk")]

    # and the listing shows it as Anonymous
    listing = SuggestionListing()
    (shown,) = listing.page(Filters(), None, True, 0, 10)
    assert shown.values[2] == "Anonymous" and WRITER_NAME not in " ".join(shown.values)


def test_create_record_anonymous_is_generic_and_leaves_the_normal_path_alone(db, clerk, fixed_clock, box):
    s = suggestions.drop_suggestion(_entry(box[0], writer=clerk.id), clerk)
    assert s.created_by_id == clerk.id and s.writer_id == clerk.id
    assert Suggestion.get_by_id(s.id).created_at == fixed_clock
    assert {c.by_id for c in records.history(Suggestion, s.id)} == {clerk.id}


def test_named_entry_needs_its_writer_and_the_text(db, box, clerk, fixed_clock):
    with pytest.raises(ValidationError) as err:
        suggestions.drop_suggestion({"text": " ", "category": None,
                                     "received_on": clock.today_local() + dt.timedelta(days=1)}, clerk)
    assert set(err.value.errors) == {"writer", "text", "category", "received_on"}
    assert Suggestion.select().count() == 0


def test_numbers_follow_the_month_of_receipt_without_gaps(db, box, clerk, fixed_clock):
    today = clock.today_local()
    a = suggestions.drop_suggestion(_entry(box[0], writer=clerk.id), clerk)
    with pytest.raises(ValidationError):
        suggestions.drop_suggestion(_entry(box[0], text=""), clerk)
    b = suggestions.drop_suggestion(_entry(box[1], anonymous=True), clerk)
    c = suggestions.drop_suggestion(_entry(box[0], writer=clerk.id), clerk)
    # the anonymous count apart: in one series a number would say which named entries came before
    assert (a.number, b.number, c.number) == (f"建议-{today:%Y-%m}-0001", f"匿名-{today:%Y-%m}-0001",
                                              f"建议-{today:%Y-%m}-0002")
    old = suggestions.drop_suggestion(_entry(box[0], anonymous=True, received_on=dt.date(2026, 3, 9)), clerk)
    assert old.number == "匿名-2026-03-0001"


def test_no_answer_without_text_and_adoption_and_no_close_without_an_answer(db, box, clerk, other, fixed_clock):
    s = suggestions.drop_suggestion(_entry(box[0], writer=clerk.id), clerk)
    with pytest.raises(ValidationError) as err:
        suggestions.close(s.id, s.version, other)
    assert "closed only after it was answered" in err.value.errors["answer"]
    assert "closed only after it was answered" in err.value.errors["adoption"]
    with pytest.raises(ValidationError) as err:
        suggestions.answer(s.id, s.version, "", None, other)
    assert set(err.value.errors) == {"answer", "adoption"}
    with pytest.raises(ValidationError) as err:  # under review needs a reviewer
        suggestions.save_review(s.id, s.version, {"state": "under_review", "category": box[0].id}, other)
    assert "reviewer" in err.value.errors
    assert Suggestion.get_by_id(s.id).state == "received" and Suggestion.get_by_id(s.id).version == 1

    s = suggestions.review(s.id, s.version, other.id, other)
    assert s.state == "under_review" and s.reviewer_id == other.id
    with pytest.raises(ValidationError) as err:  # implemented needs adoption and a date
        suggestions.answer(s.id, s.version, "不采纳", "not_adopted", other, implemented=True)
    assert "implemented" in err.value.errors and "implemented_on" in err.value.errors
    s = suggestions.answer(s.id, s.version, "部分采纳，下月试行", "partly", other, implemented=True,
                           implemented_on=clock.today_local())
    assert (s.state, s.adoption, s.answered_on, s.implemented) == ("answered", "partly", clock.today_local(), True)
    s = suggestions.close(s.id, s.version, other)
    assert s.state == "closed"
    fields = {c.field for c in records.history(Suggestion, s.id) if c.action == "update"}
    assert {"state", "reviewer", "answer", "adoption", "answered_on", "implemented"} <= fields


def test_my_answers_lists_a_named_writers_answered_entries(db, box, clerk, other, fixed_clock):
    mine = suggestions.drop_suggestion(_entry(box[0], writer=clerk.id), other)
    waiting = suggestions.drop_suggestion(_entry(box[1], writer=clerk.id), other)
    theirs = suggestions.drop_suggestion(_entry(box[1], writer=other.id), other)
    suggestions.drop_suggestion(_entry(box[2], anonymous=True), clerk)
    for s in (mine, theirs):
        suggestions.answer(s.id, s.version, "谢谢，已采纳", "adopted", other)
    assert [s.id for s in suggestions.my_answers(clerk)] == [mine.id]
    assert [s.id for s in suggestions.my_answers(other.id)] == [theirs.id]
    assert waiting.id not in [s.id for s in suggestions.my_answers(clerk)]


def test_categories_are_seeded_in_the_language_and_kept_as_a_setting(db):
    i18n.set_language("zh_CN")
    try:
        suggestions.ensure_categories()
        suggestions.ensure_categories()  # twice: no duplicates
        expected = [i18n._(n) for n in DEFAULT_SUGGESTION_CATEGORIES]  # as the Chinese catalog has them
    finally:
        i18n.set_language("en")
    # the seed's eight, then 举报, the one only the GM's office and HR read
    assert [c.name for c in suggestions.categories()] == expected + ["举报"] and len(expected) == 8
    assert confidential.category_ids() == [suggestions.categories()[-1].id]
    added = suggestions.save_category("节能降耗")
    assert suggestions.categories()[-1].id == added.id
    with pytest.raises(ValidationError):
        suggestions.save_category("节能降耗")
    suggestions.save_category("节约能源", added.id, active=False)
    assert added.id not in [c.id for c in suggestions.categories()]
    assert SuggestionCategory.get_by_id(added.id).name == "节约能源"
    with pytest.raises(ValidationError):
        suggestions.save_category("  ")


def test_open_entries_past_the_answer_deadline_stand_out(db, box, clerk, other, fixed_clock):
    today = clock.today_local()
    days = {n: suggestions.drop_suggestion(_entry(box[0], anonymous=True, received_on=today - dt.timedelta(days=n)),
                                           clerk) for n in (0, 1, 2, 3)}
    answered = suggestions.drop_suggestion(_entry(box[0], writer=clerk.id, received_on=today - dt.timedelta(days=5)),
                                           clerk)
    suggestions.answer(answered.id, 1, "已答复", "not_adopted", other)
    listing = SuggestionListing()

    def overdue_ids():
        return {r.id for r in listing.page(Filters(choice="overdue"), None, True, 0, 50)}

    # 24 hours, counted from the end of the day received (entries keep no time of day)
    assert overdue_ids() == {days[2].id, days[3].id}
    rows = {r.id: r for r in listing.page(Filters(), None, True, 0, 50)}
    due = [c.key for c in SuggestionListing.columns].index("due")
    # the Due column: late by the rules (the same 24 hours), time left, nothing once answered
    assert rows[days[2].id].warn and rows[days[2].id].values[due].startswith("⚠ late by")
    assert "Not answered within 24 hours." in rows[days[2].id].tooltip
    assert not rows[days[1].id].warn and "left" in rows[days[1].id].values[due]
    assert not rows[answered.id].warn and rows[answered.id].values[due] == ""
    deadlines.run_checks(fixed_clock)
    assert {r.id for r in listing.page(Filters(choice=LATE_CHOICE), None, True, 0, 50)} == overdue_ids()
    settings.put("suggestions.answer_hours", "48")
    assert overdue_ids() == {days[3].id}
    assert is_overdue(Suggestion.get_by_id(days[3].id))
    # the clock moves on a day: yesterday's entry is late too
    clock.set_now(fixed_clock + dt.timedelta(days=1))
    assert overdue_ids() == {days[2].id, days[3].id}


def test_adoption_rate_per_month(db, box, clerk, other, fixed_clock):
    plan = [(dt.date(2026, 3, 2), "adopted"), (dt.date(2026, 3, 9), "not_adopted"), (dt.date(2026, 3, 20), None),
            (dt.date(2026, 5, 1), "partly"), (dt.date(2026, 5, 2), "adopted"), (dt.date(2025, 12, 1), "adopted")]
    for received, adoption in plan:
        s = suggestions.drop_suggestion(_entry(box[0], anonymous=True, received_on=received), clerk)
        if adoption:
            suggestions.answer(s.id, s.version, "答复", adoption, other, answered_on=dt.date(2026, 6, 1))
    months = {m.month: m for m in adoption_by_month(2026)}
    assert list(months) == ["2026-03", "2026-05"]
    march, may = months["2026-03"], months["2026-05"]
    assert (march.entries, march.decided, march.adopted, march.not_adopted) == (3, 2, 1, 1)
    assert march.rate == pytest.approx(0.5) and may.rate == pytest.approx(1.0)


def test_nothing_in_the_database_places_an_anonymous_entry_between_the_named_ones_around_it(db, box, clerk, other):
    """Named, anonymous, named, typed minutes apart on one day with the minute check between:
    no id, number, history id, clock id, time or row position orders the anonymous one between
    the other two (issue 15 item 6: its row id once pinned the moment it was typed to 27 ms)."""
    from feedback_desk.loop.models import ItemClock

    made = []
    for minute, (writer, anonymous) in enumerate([(clerk, False), (None, True), (other, False)]):
        clock.set_now(dt.datetime(2026, 11, 12, 2, 10 * minute))  # 10:00, 10:10, 10:20 in Shanghai
        values = _entry(box[0], anonymous=anonymous, **({} if anonymous else {"writer": writer.id}))
        made.append(suggestions.drop_suggestion(values, writer or clerk))
        deadlines.run_checks(clock.now_utc())
    try:
        named_a, anon, named_b = (Suggestion.get_by_id(s.id) for s in made)

        def between(value) -> bool:
            a, x, b = value(named_a), value(anon), value(named_b)
            return min(a, b) < x < max(a, b)

        def first_change(s):
            return Change.select(Change.id).where((Change.table == "suggestion") & (Change.record_id == s.id)
                                                  & (Change.action == "create")).order_by(Change.id).scalar()

        def clock_id(s):
            return ItemClock.get((ItemClock.desk == "suggestion") & (ItemClock.item_id == s.id)).id

        orders = {"id": lambda s: s.id, "number": lambda s: s.number, "created": lambda s: s.created_at,
                  "updated": lambda s: s.updated_at, "history id": first_change, "clock id": clock_id}
        assert {name: between(value) for name, value in orders.items()} == {name: False for name in orders}
        assert anon.number.startswith("匿名-2026-11-") and named_b.number == "建议-2026-11-0002"
        if database.obj.__class__.__name__ == "SqliteDatabase":  # a row's place on disk is its id there
            rowid = {s.id: r for s in (named_a, anon, named_b)
                     for (r,) in database.execute_sql("SELECT rowid FROM suggestion WHERE id = ?", (s.id,))}
            assert not (min(rowid[named_a.id], rowid[named_b.id]) < rowid[anon.id]
                        < max(rowid[named_a.id], rowid[named_b.id]))
    finally:
        clock.set_now(None)
