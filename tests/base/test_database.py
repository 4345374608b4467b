"""Opening the database file: pragmas, schema version, migration of old files, backups."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import peewee
import pytest

from feedback_desk.base.errors import FeedbackDeskError

from feedback_desk.desks.customers import profiles as customers
from feedback_desk.base import db as dbmod, records, roles
from feedback_desk import opening
from feedback_desk.base.models import SchemaVersion, Staff
from feedback_desk.desks.customers.models import Customer, Preference

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _pragmas(database) -> tuple:
    return tuple(database.execute_sql(f"PRAGMA {name}").fetchone()[0]
                 for name in ("journal_mode", "foreign_keys", "busy_timeout"))


def _row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        found = con.execute("SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").fetchall()
        index = [name for name, sql in found if sql.startswith("CREATE VIRTUAL TABLE")]  # the search index (schema 16)
        tables = [name for name, _sql in found if not any(name == i or name.startswith(i + "_") for i in index)]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


@pytest.mark.sqlite_only  # SQLite's pragmas
def test_new_file_has_wal_foreign_keys_and_busy_timeout(db):
    assert _pragmas(db) == ("wal", 1, 10000)
    assert SchemaVersion.select(SchemaVersion.version).scalar() == dbmod.SCHEMA_VERSION
    assert SchemaVersion.select().count() == 1


@pytest.mark.sqlite_only  # SQLite's pragmas
def test_worker_thread_connection_gets_the_same_pragmas(db):
    """A worker thread opens its own connection; it must be as safe as the main one."""
    seen = []

    def work():
        try:
            seen.append(_pragmas(db))
        finally:
            db.close()

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == [("wal", 1, 10000)]


def test_foreign_keys_are_enforced(db):
    with pytest.raises(peewee.IntegrityError, match="(?i)foreign key"):
        Preference.insert(created_at="2026-01-01", updated_at="2026-01-01", version=1, voided=False,
                          customer=99999, kind="taboo", text="x").execute()


@pytest.fixture
def schema1_file(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "schema1.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def test_schema1_database_is_migrated_keeping_every_row(schema1_file):
    before = _row_counts(schema1_file)
    assert before["staff"] == 2 and before["customer"] == 1 and before["customer_key"] == 9
    try:
        database = opening.open_database(schema1_file)
        columns = {c.name for c in database.get_columns("staff")}
        assert {"password_hash", "must_change_password", "failed_sign_ins", "locked_until"} <= columns
        assert "role" not in columns  # roles are rows of staff_role since schema 7
        assert SchemaVersion.select(SchemaVersion.version).scalar() == dbmod.SCHEMA_VERSION == 18
        assert "service_sheet" in dbmod.database.obj.get_tables()
        # foreign keys are on again after the migration
        assert _pragmas(database) == ("wal", 1, 10000)
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"

        # the old rows read back through the program
        assert [(s.name, roles.roles_of(s.id), s.password_hash) for s in Staff.select().order_by(Staff.id)] == [
            ("王芳", {"staff"}, None), ("李娜", {"staff"}, None)]
        zhang = Customer.get_by_id(1)
        assert (zhang.name, zhang.title, zhang.organisation, zhang.vip) == ("张", "科长", "国税局", True)
        profile = customers.customer_profile(1)
        assert [p.text for p in profile.likes] == ["韭菜炒鸡蛋皮"]
        assert profile.likes[0].created_by.name == "李娜"
        assert [h.name for h in customers.find_customers("zkz")] == ["张"]
        assert [c.new for c in records.history(Customer, 1)] == ["张"]
    finally:
        dbmod.close_database()

    after = _row_counts(schema1_file)
    assert {t: n for t, n in after.items() if t in before} == before  # every old row kept
    assert {t: n for t, n in after.items() if t not in before} == {  # later schemas' tables, empty
        t: 0 for t in ("room", "consumable", "service_sheet", "service_line", "line_consumable",
                       "maintenance_item", "handover", "handover_line",
                       "anomaly_sheet", "capa_action", "attachment",
                       "suggestion_category", "campaign", "suggestion", "reward_points",
                       "deadline_rule", "holiday", "item_clock", "escalation", "duty_done", "staff_role",
                       "meeting", "meeting_attendee", "work_item", "work_copy", "work_step", "meeting_response", "safety_hazard", "incident_report", "incident_step",
                           "incident_kind", "incident_person",
                       "incident_inquiry")}

    backup = schema1_file.with_name(schema1_file.name + ".schema1.bak")
    assert backup.exists()
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT version FROM schema_version").fetchone() == (1,)
        assert "role" not in {r[1] for r in con.execute("PRAGMA table_info(staff)")}
    finally:
        con.close()
    assert _row_counts(backup) == before


def test_migrated_database_accepts_new_records(schema1_file):
    try:
        opening.open_database(schema1_file)
        wang = Staff.get_by_id(1)
        c = customers.create_customer({"name": "刘", "title": "经理"}, wang)
        assert Customer.get_by_id(c.id).created_by.name == "王芳"
    finally:
        dbmod.close_database()


def test_reopening_a_current_database_does_not_migrate_or_back_up(tmp_path):
    path = tmp_path / "t.db"
    try:
        opening.open_database(path)
        dbmod.close_database()
        opening.open_database(path)
        assert SchemaVersion.select(SchemaVersion.version).scalar() == dbmod.SCHEMA_VERSION
    finally:
        dbmod.close_database()
    assert not list(tmp_path.glob("*.bak"))


def test_other_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "photos.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT)")
    con.execute("INSERT INTO album (title) VALUES ('holiday')")
    con.commit()
    con.close()
    try:
        with pytest.raises(FeedbackDeskError, match="is another program's database, not Feedback Desk's"):
            opening.open_database(path)
    finally:
        dbmod.close_database()
    assert _row_counts(path) == {"album": 1}
    with sqlite3.connect(path) as con:  # looked at before any pragma: not switched to WAL either
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "t.db"
    try:
        opening.open_database(path)
        SchemaVersion.update(version=dbmod.SCHEMA_VERSION + 1).execute()
        dbmod.close_database()
        with pytest.raises(FeedbackDeskError, match=r"written by a newer version of Feedback Desk \(schema"):
            opening.open_database(path)
    finally:
        dbmod.close_database()


@pytest.mark.sqlite_only  # SQLite's backup API (the server's backup: issue 15)
def test_backup_copy_opens_with_the_same_rows(db, clerk, tmp_path):
    for name in ("张", "李", "赵"):
        c = customers.create_customer({"name": name, "phones": "13805310001"}, clerk)
    customers.add_preference(c.id, "taboo", "不吃辣", None, clerk)
    dest = dbmod.backup_to(db, tmp_path / "copies" / "backup.db")
    expected = _row_counts(Path(db.database))
    dbmod.close_database()

    assert _row_counts(dest) == expected
    opening.open_database(dest)
    assert sorted(c.name for c in Customer.select()) == ["张", "李", "赵"]
    assert [h.taboos for h in customers.find_customers("zhao")] == [["不吃辣"]]
