"""The shared PostgreSQL server, for real (tests/server.py names it): several workstations
starting and writing at once, and everything that can be wrong about a server said plainly,
with nothing written. The rest of the core's tests run on the server too (tests/conftest.py)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest

from feedback_desk import cli, opening
from feedback_desk.base import db as dbmod, server as server_db
from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.migrations import SCHEMA_VERSION

import server

ROOT = Path(__file__).resolve().parents[2]


def _run_together(code: str, url: str, n: int) -> list[str]:
    """`n` processes started at once, each running `code` with URL set; their outputs."""
    env = {**os.environ, "URL": url, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(n)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    return outs


def _count(url: str, sql: str):
    with psycopg.connect(url) as con:
        return con.execute(sql).fetchone()[0]


def test_four_workstations_starting_together_on_a_new_database_make_its_tables_once():
    with server.scratch_database() as url:
        _run_together("""
            import os
            from feedback_desk import opening
            from feedback_desk.base import db
            opening.open_database(os.environ["URL"])
            db.close_database()
            print("opened")
        """, url, 4)
        assert _count(url, "SELECT count(*) FROM schema_version") == 1
        assert _count(url, "SELECT version FROM schema_version") == SCHEMA_VERSION
        assert _count(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'feedback'") == 1


def test_the_driver_loads_when_a_server_opens_and_a_start_on_a_file_never_loads_it(tmp_path):
    """psycopg (100 ms of every start, imported by peewee) is held back until a server database is
    made; then saving, a refused save rolled back whole, and reading again all work on the server."""
    with server.scratch_database() as url:
        out = _run_together(f"""
            import os, sys
            from feedback_desk import opening
            from feedback_desk.base import access, db, staff
            from feedback_desk.base.errors import ValidationError
            opening.open_database({str(tmp_path / "t.db")!r})
            db.close_database()
            on_a_file = "psycopg" in sys.modules
            opening.open_database(os.environ["URL"])
            with access.acting_as_the_program():
                person = staff.save_staff("王芳", None, roles=["admin"])
                try:
                    staff.save_staff("", None, roles=["admin"])
                except ValidationError:
                    pass
            print(on_a_file, [p.name for p in staff.staff_list()] == [person.name], db.on_the_server())
        """, url, 1)
        assert out == ["False True True"]


def test_three_workstations_registering_at_once_get_gapless_numbers():
    with server.scratch_database() as url:
        opening.open_database(url)
        from feedback_desk.base import staff

        staff.ensure_departments()
        dbmod.close_database()
        outs = _run_together("""
            import datetime as dt, os
            from feedback_desk import opening
            from feedback_desk.base import access, clock, db, staff
            from feedback_desk.base.models import Department
            from feedback_desk.desks.feedback import guest_feedback as feedback
            opening.open_database(os.environ["URL"])
            clock.set_now(dt.datetime(2026, 11, 15, 4, 0))
            with access.acting_as_the_program():
                front = Department.get(Department.name == "Front office").id
                clerk = staff.save_staff(f"前台{os.getpid()}", front)
                numbers = [feedback.create_feedback({"channel": "phone", "kind": "complaint",
                                                     "date": dt.date(2026, 11, 15), "text": f"空调{i}",
                                                     "department": front}, clerk).register_no
                           for i in range(12)]
            db.close_database()
            print(" ".join(numbers))
        """, url, 3)
        numbers = sorted(n for out in outs for n in out.split())
        assert numbers == [f"客诉-2026-11-{i:04d}" for i in range(1, 37)]
        assert _count(url, "SELECT value FROM counter WHERE series = '客诉-2026-11'") == 36


def _refused(target: str) -> str:
    with pytest.raises((FeedbackDeskError, RuntimeError)) as exc:
        opening.open_database(target)
    dbmod.close_database()
    message = str(exc.value)
    assert "Traceback" not in message and message
    return message


def test_a_wrong_password_an_unreachable_server_and_a_missing_name_are_said_plainly():
    server.require()
    wrong = server.url_as_password_user(server.URL, "not-the-password")
    assert "refused the user name or password" in _refused(wrong)
    assert "PGPASSWORD" in _refused(server.url_as_password_user(server.URL))  # none given
    assert "cannot be reached" in _refused(f"postgresql://postgres@127.0.0.1:{server.free_port()}/x")
    assert "names no database" in _refused("postgresql://postgres@127.0.0.1:5433/")
    assert "postgresql://" in _refused("mysql://root@127.0.0.1/x")


def test_the_right_password_in_the_environment_opens_it_and_is_never_shown(monkeypatch):
    with server.scratch_database() as url:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'ALTER DATABASE "{name}" OWNER TO {server.PASSWORD_USER}')
        monkeypatch.setenv("PGPASSWORD", server.PASSWORD)
        db = opening.open_database(server.url_as_password_user(url))
        try:
            assert db.execute_sql("SELECT current_user").fetchone()[0] == server.PASSWORD_USER
        finally:
            dbmod.close_database()
        shown = server_db.without_password(server.url_as_password_user(url, server.PASSWORD))
        assert server.PASSWORD not in shown and shown.endswith(f"/{name}") and "fd_password@" in shown


def test_a_database_of_another_program_and_a_newer_schema_are_refused_and_left_as_they_were():
    with server.scratch_database() as url:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
        assert "not a Feedback Desk database" in _refused(url)
        assert _count(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 1
    with server.scratch_database() as url:
        opening.open_database(url)
        dbmod.close_database()
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("UPDATE schema_version SET version = 99")
        assert "newer than this program" in _refused(url)
        assert _count(url, "SELECT version FROM schema_version") == 99


@pytest.mark.parametrize("url, said", [
    (f"postgresql://postgres@127.0.0.1:{server.free_port()}/hotel", "cannot be reached"),
    ("postgresql://postgres@127.0.0.1:5433/", "names no database"),
    ("mysql://root:secret@127.0.0.1/hotel", "give a database file or a shared server"),
])
def test_the_command_line_says_a_bad_server_address_in_one_line(url, said, capsys, tmp_path):
    code = cli.main(["--lang", "en", "--db", url, "export", "month", "2026-11", "-o", str(tmp_path / "m.xlsx")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and said in err and "secret" not in err
    assert not (tmp_path / "m.xlsx").exists()


@pytest.mark.server_only
def test_a_save_on_a_lost_connection_is_refused_whole_and_the_next_one_reconnects(db, clerk, second_connection):
    from feedback_desk.base import clock
    from feedback_desk.base.errors import database_fault
    from feedback_desk.desks.feedback import guest_feedback
    from feedback_desk.desks.feedback.models import Feedback

    def complaint():
        return guest_feedback.create_feedback({"channel": "phone", "kind": "complaint", "customer_name": "张先生",
                                               "text": "汤里有头发", "state": "investigating",
                                               "date": clock.today_local(), "handler": clerk.id}, clerk)

    first = complaint()
    server.cut_off(dbmod.database.obj, second_connection)
    with pytest.raises(Exception) as lost:
        complaint()
    said = database_fault(lost.value) if not isinstance(lost.value, FeedbackDeskError) else lost.value
    assert "ended the connection" in str(said) and "try again" in str(said)
    assert second_connection.execute_sql("SELECT count(*) FROM feedback").fetchone()[0] == 1  # nothing half-saved
    again = complaint()  # the retry connects again by itself
    assert Feedback.select().count() == 2
    assert int(again.register_no[-4:]) == int(first.register_no[-4:]) + 1  # no number lost to the failed save


@pytest.mark.server_only
def test_the_find_box_reads_a_trigram_index_of_the_guests_words(db, clerk):
    """Each text found by any part of it has a trigram index of its folded text on the server, and
    the find box's "contains" is served by it, Chinese included (sequential scans forbidden, so
    that a planner preferring them on three rows cannot hide a missing index); it folds as a
    file's search index does (`ＷｉＦｉ` is found by `wifi`)."""
    import datetime as dt

    from feedback_desk import opening
    from feedback_desk.base import text_index
    from feedback_desk.desks.feedback import guest_feedback as feedback
    from feedback_desk.desks.feedback.models import Feedback

    indexes = {r[0] for r in db.execute_sql("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")}
    searched = text_index.searched_columns(opening.every_table())
    assert indexes == {f"{table}_{column}_folded_trgm" for table, columns in searched.items() for column in columns}
    assert {"feedback_text_folded_trgm", "feedback_reply_text_folded_trgm", "anomaly_sheet_root_cause_folded_trgm",
            "service_line_special_folded_trgm", "suggestion_answer_folded_trgm"} <= indexes
    for text in ("空调噪音太大，一夜没睡好", "早餐品种太少", "空调不制冷", "ＷｉＦｉ信号差"):
        feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 11, 2),
                                  "text": text}, clerk)
    found = Feedback.select(Feedback.text).where(Feedback.text.contains("空调噪音"))
    sql, params = found.sql()
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(r[0] for r in db.execute_sql("EXPLAIN " + sql, params))
    assert "feedback_text_folded_trgm" in plan, plan
    assert [f.text for f in found] == ["空调噪音太大，一夜没睡好"]
    for term in ("wifi", "WiFi", "ＷＩＦＩ", "Ｆ", "fi信号"):
        assert [f.text for f in Feedback.select().where(Feedback.text.contains(term))] == ["ＷｉＦｉ信号差"], term
    assert Feedback.select().where(Feedback.text.contains("%")).count() == 0  # a wildcard is only itself


def _attachment_shape(url: str) -> tuple:
    with psycopg.connect(url) as con:
        columns = con.execute("SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns "
                              "WHERE table_name = 'attachment' ORDER BY column_name").fetchall()
        indexes = con.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'attachment' "
                              "ORDER BY indexname").fetchall()
        keys = con.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'attachment'::regclass "
                           "AND contype = 'f' ORDER BY 1").fetchall()
    return columns, indexes, keys


def test_a_server_at_schema_11_keeps_each_sheets_photo_as_that_sheets_attachment():
    """Step 12 on the server: the attachment table of schema 11 (a file belonged to an anomaly sheet)
    becomes the one of today's, its rows kept with their sheet, the size limit's setting carried over."""
    from feedback_desk.base import access, settings, staff
    from feedback_desk.desks.quality import actions as quality_actions, sheets as quality

    photo = bytes(range(256)) * 4
    with server.scratch_database() as url:
        opening.open_database(url)
        try:
            with access.acting_as_the_program():
                clerk = staff.save_staff("王芳", staff.save_department("前厅部").id)
                sheet = quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍",
                                             "severity": "general"}, clerk)
        finally:
            dbmod.close_database()
        fresh = _attachment_shape(url)
        with psycopg.connect(url) as con:  # the table as schema 11 had it, one photo on the sheet
            con.execute("DROP INDEX attachment_record_table_record_id")
            con.execute("ALTER TABLE attachment DROP COLUMN record_table, DROP COLUMN record_id, "
                        "ADD COLUMN sheet_id INTEGER NOT NULL REFERENCES anomaly_sheet (id)")
            con.execute("CREATE INDEX attachment_sheet_id ON attachment (sheet_id)")
            con.execute("INSERT INTO attachment (created_at, created_by_id, updated_at, updated_by_id, version, voided, "
                        "sheet_id, filename, mime, size, data) VALUES (now(), %s, now(), %s, 1, false, %s, "
                        "'到货温度.bin', 'application/octet-stream', %s, %s)",
                        (clerk.id, clerk.id, sheet.id, len(photo), photo))
            con.execute("INSERT INTO setting (key, value, version) VALUES ('quality.attachment_max_mb', '5', 1)")
            con.execute("UPDATE schema_version SET version = 11")
            # and without what the later steps added (13: the sheet's origin; 14, 15, 16: the safety desk)
            con.execute("DROP INDEX anomaly_sheet_raised_from_table_raised_from_id")
            con.execute("ALTER TABLE anomaly_sheet DROP COLUMN raised_from_table, DROP COLUMN raised_from_id")
            con.execute("DROP TABLE incident_person, incident_kind, incident_inquiry, incident_step, incident_report, "
                        "safety_hazard")  # 14, 15, 16
        opening.open_database(url)
        try:
            assert [(a.filename, a.size) for a in quality_actions.FILES.files_of(sheet.id)] == [
                ("到货温度.bin", len(photo))]
            [kept] = quality_actions.FILES.files_of(sheet.id)
            assert quality_actions.FILES.file_bytes(kept.id, None) == photo
            assert settings.get_int("attachment_max_mb") == 5
        finally:
            dbmod.close_database()
        assert _count(url, "SELECT version FROM schema_version") == SCHEMA_VERSION
        assert _attachment_shape(url) == fresh


def test_a_schema_16_server_database_gets_the_folded_trigram_indexes_and_keeps_its_rows():
    """Step 17 has nothing to make on the server (no FTS5 there); opening a database of schema 16
    brings it to 17, drops the indexes of the texts as typed and makes those of the folded texts."""
    from feedback_desk.base import clock, search, staff
    from feedback_desk.desks.feedback import guest_feedback
    from feedback_desk.desks.feedback.models import Feedback

    with server.scratch_database() as url:
        opening.open_database(url)
        try:
            staff.ensure_departments()
            clerk = staff.save_staff("王芳", 1)
            guest_feedback.create_feedback({"channel": "phone", "kind": "praise", "date": clock.today_local(),
                                            "text": "ＷｉＦｉ很快"}, clerk)
        finally:
            dbmod.close_database()
        with psycopg.connect(url, autocommit=True) as con:  # as schema 16 left it
            con.execute("DROP INDEX feedback_text_folded_trgm")
            con.execute("CREATE INDEX feedback_text_trgm ON feedback USING gin (text gin_trgm_ops)")
            con.execute("UPDATE schema_version SET version = 16")
        opening.open_database(url)
        try:
            assert [f.text for f in Feedback.select().where(search.contains(Feedback.text, "wifi"))] == ["ＷｉＦｉ很快"]
        finally:
            dbmod.close_database()
        assert _count(url, "SELECT version FROM schema_version") == SCHEMA_VERSION
        assert _count(url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'feedback_text_trgm'") == 0
        assert _count(url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'feedback_text_folded_trgm'") == 1
