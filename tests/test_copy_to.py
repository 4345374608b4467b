"""Moving a database file onto the shared server (`copy-to`), and the server's backup into a file
(feedback_desk/copying.py): everything arrives byte for byte, compared table by table; a server
database that holds records is refused before anything is written."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from feedback_desk import copying, opening
from feedback_desk.base import clock, db as dbmod, records, search, staff
from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.models import Change, Staff
from feedback_desk.base import sign_in
from feedback_desk.desks.feedback import guest_feedback
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.quality import actions as quality_actions
from feedback_desk.base.attachments import Attachment
from feedback_desk.desks.quality.models import AnomalySheet

import server

ROOT = Path(__file__).resolve().parent.parent
PHOTO = bytes(range(256)) * 40 + b"\x00\xff"  # every byte value, and a NUL


def _complaint(by, text="汤里有头发") -> Feedback:
    return guest_feedback.create_feedback({"channel": "phone", "kind": "complaint", "customer_name": "张先生",
                                           "text": text, "state": "investigating", "date": clock.today_local(),
                                           "handler": by.id}, by)


def _sheet(by, number: str, recurrence_of=None) -> AnomalySheet:
    return records.create_record(AnomalySheet, {
        "number": number, "source": "internal", "found_at": dt.datetime(2026, 11, 10, 2, 30, 15, 123456),
        "product": "面包", "product_key": "面包", "description": "霉点 ' \" \\ %s", "severity": "general",
        "recurrence_of": recurrence_of}, by)


@pytest.fixture
def hotel_file(tmp_path, clerk):
    """A database file with a little of everything: numbered complaints, their history, a sheet
    pointing at a later one (its own table), a file of every byte value."""
    first = _complaint(clerk)
    _complaint(clerk, "空调噪音太大\n第二行")
    older = _sheet(clerk, "QA-1")
    newer = _sheet(clerk, "QA-2", recurrence_of=older.id)
    AnomalySheet.update(recurrence_of=newer.id).where(AnomalySheet.id == older.id).execute()
    quality_actions.FILES.add_file(older.id, PHOTO, "霉点检测数据.bin", clerk)
    return tmp_path / "t.db", first


@pytest.mark.sqlite_only
def test_a_file_moves_onto_the_server_byte_for_byte_and_the_server_numbers_on(hotel_file, clerk):
    path, first = hotel_file
    changes = Change.select().count()
    with server.scratch_database() as url:
        checks = copying.copy_database(path, url)
        assert all(check.matches for check in checks), copying.verification_table(checks)
        by_table = {check.table: check for check in checks}
        assert by_table["feedback"].copied_rows == 2 and by_table["change"].copied_rows == changes
        dbmod.close_database()
        opening.open_database(url)
        try:
            moved = Feedback.get_by_id(first.id)
            assert (moved.register_no, moved.text, moved.created_at) == (first.register_no, first.text,
                                                                         first.created_at)
            assert Attachment.get().data == PHOTO
            older, newer = AnomalySheet.select().order_by(AnomalySheet.id)
            assert (older.recurrence_of_id, newer.recurrence_of_id) == (newer.id, older.id)
            person = Staff.get_by_id(clerk.id)
            third = _complaint(person)  # the server's sequences and counters go on from the copy
            assert third.id == 3
            assert third.register_no[:-4] == first.register_no[:-4] and third.register_no.endswith("0003")
        finally:
            dbmod.close_database()


@pytest.mark.sqlite_only
def test_a_server_database_someone_works_in_is_refused_and_left_alone(hotel_file):
    path, _first = hotel_file
    with server.scratch_database() as url:
        dbmod.close_database()
        opening.open_database(url)  # the program opened it: tables and its lists, nobody yet
        staff.ensure_departments()
        dbmod.close_database()
        checks = copying.copy_database(path, url)  # still fine: only the program's own lists there
        assert all(check.matches for check in checks)
        with pytest.raises(FeedbackDeskError, match=r"already holds records \(staff, change\)"):
            copying.copy_database(path, url)
        with psycopg.connect(url) as con:
            assert con.execute("SELECT count(*) FROM feedback").fetchone()[0] == 2


@pytest.mark.sqlite_only
def test_another_programs_database_and_a_missing_file_are_refused(hotel_file, tmp_path):
    path, _first = hotel_file
    with server.scratch_database() as url:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("CREATE TABLE invoices (id serial primary key)")
        with pytest.raises(FeedbackDeskError, match="another program's tables"):
            copying.copy_database(path, url)
        with pytest.raises(FeedbackDeskError, match="no database file"):
            copying.copy_database(tmp_path / "nothing.db", url)


def test_the_server_backs_up_into_a_file_the_program_opens(db, db_target, clerk, tmp_path):
    """On either engine the backup is a database file with every record (the server's: the
    program's own copy, compared with the server before it is kept)."""
    first = _complaint(clerk)
    from feedback_desk import backups

    dest = backups.back_up_to(tmp_path / "backups" / "hotel.db")
    assert not dest.with_name(dest.name + ".part").exists()
    dbmod.close_database()
    opening.open_database(dest)
    assert Feedback.get_by_id(first.id).register_no == first.register_no
    assert Change.select().where(Change.table == "feedback").count() >= 1
    found = Feedback.select(Feedback.id).where(search.contains(Feedback.text, "头发"))
    assert [f.id for f in found] == [first.id]  # the copy's search index holds what it copied


def _cli(args: list[str], user: str, password: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FEEDBACK_DESK_USER": user, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "feedback_desk", "--lang", "en", *args], cwd=ROOT, env=env,
                          input=password + "\n", capture_output=True, text=True, timeout=120)


@pytest.mark.sqlite_only
def test_the_administrator_copies_from_the_command_line_and_reads_the_comparison(hotel_file, clerk, other):
    path, _first = hotel_file
    admin = sign_in.become_administrator(None, "Admin-pass-8", "Admin-pass-8", "韩卫东", clerk.department_id).person
    sign_in.set_first_password(other.id, "Other-pass-8", "Other-pass-8", admin)
    dbmod.close_database()
    with server.scratch_database() as url:
        refused = _cli(["--db", str(path), "copy-to", url], other.name, "Other-pass-8")
        assert refused.returncode == 2
        assert refused.stderr.strip() == "feedback-desk: Only an administrator copies the database to a server."
        with psycopg.connect(url) as con:
            assert con.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
        done = _cli(["--db", str(path), "copy-to", url], "韩卫东", "Admin-pass-8")
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0].split() == ["table", "source", "rows", "copied", "rows", "checksum"]
        feedback = next(line.split() for line in lines if line.startswith("feedback "))
        assert feedback[:4] == ["feedback", "2", "2", "same"]
        assert lines[-1].endswith("tables: every table matches.")
        assert "copying feedback: 2 of 2 rows" in done.stderr


@pytest.mark.server_only
def test_the_servers_daily_backup_goes_once_into_the_folder_the_workstations_share(db, clerk, tmp_path,
                                                                                  second_connection):
    """On the server the daily backup needs a folder every workstation reaches (until one is set,
    the status says so); one workstation takes it, the others find it taken or being taken."""
    import sqlite3

    from feedback_desk import backups
    from feedback_desk.base import server as server_db, settings

    _complaint(clerk)
    now = dt.datetime(2026, 12, 1, 1)
    assert backups.take_daily(now) is None
    assert backups.status(now).startswith("No automatic backups of the server yet: choose a folder")
    settings.put("backups.folder", str(tmp_path / "shared"))
    second_connection.execute_sql("SELECT pg_advisory_lock(%s)", (server_db.BACKUP_LOCK,))  # another PC at it
    assert backups.take_daily(now) is None and not (tmp_path / "shared").exists()
    second_connection.execute_sql("SELECT pg_advisory_unlock(%s)", (server_db.BACKUP_LOCK,))
    made = backups.take_daily(now)
    assert made == tmp_path / "shared" / f"{db.database}-2026-12-01.db"
    with sqlite3.connect(made) as copy:
        assert copy.execute("SELECT text FROM feedback").fetchall() == [("汤里有头发",)]
    assert backups.take_daily(now + dt.timedelta(hours=2)) is None  # once a day
    assert backups.status(now + dt.timedelta(hours=2)) == ""
