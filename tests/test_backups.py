"""Nothing lost, nothing silently changed (issue 15, items 1-3): bad database files are one clear
line and are left as they were, reading commands create and convert nothing, backups are checked
and never overwrite without being asked, automatic backups rotate, and restore is the way back."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import sqlite3
from pathlib import Path

import pytest

from feedback_desk import backups, cli, copying, opening
from feedback_desk.base import access, clock, db as dbmod, i18n, settings, sign_in, staff
from feedback_desk.base.database_file import DamagedFile
from feedback_desk.base.errors import FeedbackDeskError, PermissionDenied
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.base.models import Staff
from feedback_desk.desks.customers.models import Customer

PASSWORD = "Backup-pass-8"
pytestmark = pytest.mark.sqlite_only  # files: the server's backups are tested in test_copy_to.py


def _hotel(path: Path) -> Path:
    """A database file with its administrator 韩卫东 (password PASSWORD) and two customers."""
    opening.open_database(path)
    try:
        staff.ensure_departments()
        admin = sign_in.become_administrator(None, PASSWORD, PASSWORD, "韩卫东").person
        for name in ("张", "李"):
            customers.create_customer({"kind": "individual", "name": name, "phones": "138 0531 0001"}, admin)
        access.sign_in_as(None)
    finally:
        dbmod.close_database()
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _bad_files(folder: Path) -> dict[str, Path]:
    good = _hotel(folder / "good.db")
    data = good.read_bytes()
    files = {
        "truncated": data[: len(data) // 3],
        "random bytes": os.urandom(40_000),
        "a text file": "客诉记录\n张科长 不吃香菜\n".encode() * 500,
        "zero bytes": b"",
    }
    made = {}
    for kind, content in files.items():
        made[kind] = folder / f"{kind.replace(' ', '_')}.db"
        made[kind].write_bytes(content)
    pages = bytearray(data)  # the header kept, pages in the middle overwritten
    pages[8192:16384] = os.urandom(8192)
    made["corrupted pages"] = folder / "corrupted.db"
    made["corrupted pages"].write_bytes(bytes(pages))
    other = folder / "photos.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT)")
    made["another program's"] = other
    newer = folder / "newer.db"
    newer.write_bytes(data)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE schema_version SET version = version + 1")
    con.close()
    made["newer"] = newer
    return made


SAID = {"truncated": ("damaged", "not a database"), "random bytes": ("not a database",),
        "a text file": ("not a database",), "zero bytes": ("empty file",), "corrupted pages": ("damaged",),
        "another program's": ("another program's database",), "newer": ("newer version of Feedback Desk",)}


@pytest.fixture
def english():
    i18n.set_language("en")


@pytest.mark.parametrize("command", [["export", "month", "2026-11", "-o", "m.xlsx"], ["backup", "copy.db"],
                                     ["restore", "--yes", "{file}"], []])
def test_every_bad_file_is_one_clear_line_and_is_left_as_it_was(tmp_path, capsys, monkeypatch, command, english):
    monkeypatch.setenv(cli.USER_VARIABLE, "韩卫东")
    monkeypatch.chdir(tmp_path)
    for kind, path in _bad_files(tmp_path).items():
        before = _sha(path)
        if command == []:  # the core's open, as the window does it
            with pytest.raises(FeedbackDeskError) as raised:
                opening.open_database(path)
            said, code = str(raised.value), 2
        elif command[0] == "restore":  # the bad file is the backup; the database is a good one
            live = tmp_path / "good.db"
            live_before = _sha(live)
            code = cli.main(["--lang", "en", "--db", str(live), *[c.format(file=path) for c in command]])
            said = capsys.readouterr().err.strip()
            assert _sha(live) == live_before, kind  # nothing touched
        else:
            monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
            code = cli.main(["--lang", "en", "--db", str(path), *command])
            said = capsys.readouterr().err.strip()
            assert not (tmp_path / command[-1]).exists(), kind
        dbmod.close_database()
        assert code == 2 and len(said.splitlines()) == 1 and "Traceback" not in said, (kind, said)
        assert any(words in said for words in SAID[kind]), (kind, said)
        assert _sha(path) == before, kind  # nothing written, nothing converted


def test_a_mistyped_database_is_refused_and_nothing_is_created(tmp_path, capsys, english):
    missing = tmp_path / "no" / "such" / "hotel.db"
    assert cli.main(["--lang", "en", "--db", str(missing), "backup", str(tmp_path / "b.db")]) == 2
    assert capsys.readouterr().err.strip() == f"feedback-desk: There is no database file at {missing}."
    assert not (tmp_path / "no").exists() and not (tmp_path / "b.db").exists()


def test_a_damaged_database_names_its_newest_sound_backup(tmp_path, english):
    live = _hotel(tmp_path / "hotel.db")
    opening.open_database(live)
    try:
        backup = backups.back_up_to(tmp_path / "backups" / "hotel-2026-11-30.db")
    finally:
        dbmod.close_database()
    data = bytearray(live.read_bytes())
    data[8192:16384] = os.urandom(8192)
    live.write_bytes(bytes(data))
    with pytest.raises(DamagedFile) as raised:
        opening.open_database(live)
    assert f"The newest sound backup is {backup}" in str(raised.value)
    assert f'feedback-desk restore "{backup}"' in str(raised.value)


def test_a_backup_never_replaces_a_file_unasked_nor_the_database_itself(tmp_path, capsys, monkeypatch, english):
    live = _hotel(tmp_path / "hotel.db")
    monkeypatch.setenv(cli.USER_VARIABLE, "韩卫东")
    existing = tmp_path / "copy.db"
    existing.write_bytes(b"keep me")

    def run(*args):
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        code = cli.main(["--lang", "en", "--db", str(live), "backup", *args])
        dbmod.close_database()
        return code, capsys.readouterr()

    code, out = run(str(existing))
    assert code == 2 and "exists already" in out.err and existing.read_bytes() == b"keep me"
    code, out = run(str(live), "--force")
    assert code == 2 and "is the database itself" in out.err
    code, out = run(str(tmp_path / "copy.db" / "inside" / "b.db"))  # a folder that cannot be made
    assert code == 2 and "The backup cannot be written to" in out.err and "Traceback" not in out.err
    code, out = run(str(existing), "--force")
    assert code == 0 and out.out.strip() == str(existing)
    with sqlite3.connect(existing) as con:
        assert con.execute("SELECT count(*) FROM customer").fetchone()[0] == 2


def test_automatic_backups_rotate_over_forty_days(tmp_path, monkeypatch, english):
    live = _hotel(tmp_path / "hotel.db")
    opening.open_database(live)
    try:
        with access.acting_as_the_program():
            settings.put("backups.keep_daily", "14")
            settings.put("backups.keep_monthly", "12")
        first = dt.datetime(2026, 10, 20, 1)  # 09:00 in Shanghai
        for day in range(40):
            now = first + dt.timedelta(days=day)
            clock.set_now(now)
            assert backups.take_daily(now) is not None
            assert backups.take_daily(now + dt.timedelta(hours=3)) is None  # once a day
        kept = sorted(p.name for p in backups.folder().glob("*.db"))
        last = (first + dt.timedelta(days=39)).date()
        expected = {last - dt.timedelta(days=n) for n in range(14)} | {dt.date(2026, 10, 20), dt.date(2026, 11, 1)}
        assert kept == sorted(f"hotel-{d.isoformat()}.db" for d in expected)
        assert backups.status(first + dt.timedelta(days=39, hours=4)) == ""
        assert backups.status(first + dt.timedelta(days=41)).startswith("The newest automatic backup is from")
        for path in backups.folder().glob("*.db"):
            with sqlite3.connect(path) as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        clock.set_now(None)
        dbmod.close_database()


def test_restore_shows_what_the_backup_holds_keeps_the_database_and_puts_the_backup_in_place(tmp_path, english):
    live = _hotel(tmp_path / "hotel.db")
    opening.open_database(live)
    try:
        admin = sign_in.sign_in(Staff.get().id, PASSWORD).person
        taken = backups.back_up_to(tmp_path / "saved.db")
        customers.create_customer({"kind": "individual", "name": "赵", "phones": "139 0000 0000"}, admin)
        summary = backups.describe(taken)
        assert summary.rows["Customer profiles"] == 2 and summary.schema == dbmod.SCHEMA_VERSION
        assert summary.newest is not None
        kept = backups.restore(taken)
        assert sorted(c.name for c in Customer.select()) == ["张", "李"]  # the backup's, open again
        with sqlite3.connect(kept) as con:  # the database as it was, three customers
            assert con.execute("SELECT count(*) FROM customer").fetchone()[0] == 3
    finally:
        access.sign_in_as(None)
        dbmod.close_database()


def test_only_an_administrator_restores(tmp_path, english, as_people):
    live = _hotel(tmp_path / "hotel.db")
    opening.open_database(live)
    try:
        with access.acting_as_the_program():
            clerk = staff.save_staff("王芳", None)
        as_people(clerk)
        taken = tmp_path / "saved.db"
        taken.write_bytes(live.read_bytes())
        with pytest.raises(PermissionDenied, match="Only an administrator restores"):
            backups.restore(taken)
        assert Customer.select().count() == 2
    finally:
        access.sign_in_as(None)
        dbmod.close_database()


def test_the_command_line_restore_asks_first_and_a_no_changes_nothing(tmp_path, capsys, monkeypatch, english):
    live = _hotel(tmp_path / "hotel.db")
    saved = tmp_path / "saved.db"
    saved.write_bytes(live.read_bytes())
    opening.open_database(live)
    try:
        with access.acting_as_the_program():
            customers.create_customer({"kind": "individual", "name": "赵", "phones": "139 0000 0000"},
                                      Staff.get(Staff.name == "韩卫东"))
    finally:
        dbmod.close_database()
    before = _sha(live)
    monkeypatch.setenv(cli.USER_VARIABLE, "韩卫东")
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    assert cli.main(["--lang", "en", "--db", str(live), "restore", str(saved)]) == 1
    out = capsys.readouterr().out
    assert "Customer profiles: 2" in out and "Nothing was changed." in out
    assert _sha(live) == before
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["--lang", "en", "--db", str(live), "restore", "--yes", str(saved)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert copying.checksums(live) == copying.checksums(saved)


def test_a_file_another_program_keeps_locked_is_one_clear_line(tmp_path, capsys, monkeypatch, english):
    """A rollback-journal database whose lock another program holds: said so after SQLite's wait,
    not 'database is locked' as a traceback."""
    live = _hotel(tmp_path / "hotel.db")
    with sqlite3.connect(live) as con:
        con.execute("PRAGMA journal_mode = DELETE")
    holder = sqlite3.connect(live, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        monkeypatch.setenv(cli.USER_VARIABLE, "韩卫东")
        code = cli.main(["--lang", "en", "--db", str(live), "export", "month", "2026-11", "-o", str(tmp_path / "m.xlsx")])
    finally:
        holder.rollback()
        holder.close()
    said = capsys.readouterr().err.strip()
    assert code == 2 and said == (f"feedback-desk: {live} is held by another program (it keeps the database "
                                  "locked): close that program, then try again.")


def test_restore_round_trips_the_demo_database(demo_file, tmp_path):
    """Back up the demo, work on, restore: every table's rows and checksum as they were when the
    backup was taken (issue 15)."""
    import shutil

    live = tmp_path / "hotel.db"
    shutil.copyfile(demo_file["path"], live)
    before = copying.checksums(live)
    opening.open_database(live)
    try:
        taken = backups.back_up_to(tmp_path / "backups" / "hotel-by-hand.db")
        admin = Staff.get(Staff.name == "韩卫东")
        customers.create_customer({"kind": "individual", "name": "新客", "phones": "139 0000 0000"}, admin)
        assert copying.checksums(live) != before
        backups.restore(taken)
    finally:
        dbmod.close_database()
    after = copying.checksums(live)
    assert after == before and sum(rows for rows, _sum in after.values()) > 50_000
