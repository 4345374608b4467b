"""Backups: taken by hand, taken every day by themselves, and the way back (restore).

- A backup is a database file of the program's own, written beside its destination first,
  checked (SQLite's integrity check; on the server, compared table by table with it) and only
  then given its name: a file with a backup's name was verified.
- Every day, the first time the program runs (and again every hour it stays open), a copy goes
  into the backups folder (a setting; by default `backups` beside the database file, or in the
  data folder for the server) as `<name>-YYYY-MM-DD.db`. The last `keep_daily` days and, for the
  last `keep_monthly` months, each month's first copy are kept; older ones go.
- Restore (an administrator's): the backup is looked at first (`describe`: when it was taken,
  its schema, rows per desk, its newest record) and refused if it is not ours, newer than the
  program or damaged; the present database is backed up itself (`…-before-restore.db`), then
  replaced whole by a checked copy of the backup, and opened again (an older backup, a
  `.schemaN.bak` kept before an upgrade among them, is brought up to date as it opens).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import sqlite3
from pathlib import Path

import peewee

from feedback_desk import copying, opening
from feedback_desk.base import access, clock, db as dbmod, paths, permissions, server, settings
from feedback_desk.base.database_file import examine, read_only_uri
from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _
from feedback_desk.desks import registry

DAILY = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.db$")
last_failure: str = ""  # what went wrong with this program's last automatic backup ("" when it went well)


@dataclasses.dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # UTC, the file's time
    size: int
    daily: bool


@dataclasses.dataclass(frozen=True)
class Summary:
    """What a backup holds, shown before it is restored."""
    path: Path
    taken_at: dt.datetime
    schema: int
    rows: dict[str, int]  # desk title (translated) -> its records (rows of its first table)
    newest: dt.datetime | None  # the newest history row: the last thing anyone saved


# --- where ----------------------------------------------------------------------------------

def folder(database_path: str | Path | None = None) -> Path:
    """The backups folder: the setting, else `backups` beside the database file (the data
    folder's for the server)."""
    chosen = settings.get("backups.folder").strip()
    if chosen:
        return Path(chosen)
    target = str(database_path if database_path is not None else _open_path())
    if "://" in target:
        return paths.data_dir() / "backups"
    return Path(target).resolve().parent / "backups"


def _open_path() -> str:
    db = dbmod.database.obj
    return db.database if isinstance(db, peewee.SqliteDatabase) else "postgresql://"


def set_up(folder_text: str, keep_daily, keep_monthly, versions: dict[str, int] | None = None) -> None:
    """The administrator's choice of the backups folder ("": beside the database) and how many
    daily and monthly copies are kept; `versions` as `settings.read` gave them to the page."""
    from feedback_desk.base.db import write_transaction
    from feedback_desk.base.errors import ValidationError

    access.require(permissions.SETTINGS)
    folder_text = folder_text.strip()
    if folder_text and not Path(folder_text).is_absolute():
        raise ValidationError({"folder": _("Give the whole path of the folder, or leave it empty for a backups "
                                           "folder beside the database.")})
    versions = versions or {}
    with write_transaction():  # the three together, or none
        settings.put("backups.folder", folder_text, expected_version=versions.get("backups.folder"))
        settings.set_int("backups.keep_daily", keep_daily, "keep_daily", 1, 366,
                         expected_version=versions.get("backups.keep_daily"))
        settings.set_int("backups.keep_monthly", keep_monthly, "keep_monthly", 0, 120,
                         expected_version=versions.get("backups.keep_monthly"))


def listing(database_path: str | Path | None = None) -> list[BackupFile]:
    """Every backup of this database, newest first: the folder's, and the copies kept beside the
    file before an upgrade."""
    target = str(database_path if database_path is not None else _open_path())
    where = folder(target)
    found = list(where.glob("*.db")) if where.is_dir() else []
    if "://" not in target:
        found += list(Path(target).parent.glob(Path(target).name + ".schema*.bak"))
    files = [BackupFile(p, dt.datetime.fromtimestamp(p.stat().st_mtime, dt.timezone.utc).replace(tzinfo=None),
                        p.stat().st_size, bool(DAILY.match(p.name))) for p in found if p.is_file()]
    return sorted(files, key=lambda f: f.taken_at, reverse=True)


def newest_sound(target) -> BackupFile | None:
    """The newest backup of the database file `target` that passes the check (None: none does)."""
    for backup in listing(target) if "://" not in str(target) else []:
        try:
            examine(backup.path)
        except FeedbackDeskError:
            continue
        return backup
    return None


def restore_hint(target) -> str:
    """For a damaged database: the newest sound backup, and how to restore it."""
    backup = newest_sound(target)
    if backup is None:
        return ""
    return _("The newest sound backup is {path} ({when}): restore it with File → Backups and restore… or "
             "feedback-desk restore \"{path}\".").format(path=backup.path, when=fmt_datetime(backup.taken_at))


# --- taking ---------------------------------------------------------------------------------

def back_up_to(dest: str | Path, force: bool = False, progress=None) -> Path:
    """The open database into the file `dest`, checked before it gets that name. An existing
    file is replaced only with `force`, and never the database itself. The administrator's (the
    daily backup is the program's own)."""
    access.require(permissions.BACK_UP)
    dest = Path(dest)
    db = dbmod.database.obj
    if isinstance(db, peewee.SqliteDatabase) and dest.resolve() == Path(db.database).resolve():
        raise FeedbackDeskError(_("{path} is the database itself: back it up to another file.").format(path=dest))
    if dest.exists() and not force:
        raise FeedbackDeskError(_("{path} exists already: choose another name, or replace it with --force.").format(
            path=dest))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(db, peewee.PostgresqlDatabase):
            return copying.back_up_server(db, dest, progress)[0]
        part = dest.with_name(dest.name + ".part")
        try:
            dbmod.backup_to(db, part)
            with sqlite3.connect(read_only_uri(part), uri=True) as copy:
                if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise FeedbackDeskError(_("The backup failed its integrity check; it was not kept."))
            os.replace(part, dest)
        finally:
            part.unlink(missing_ok=True)
        return dest
    except OSError as exc:
        raise FeedbackDeskError(_("The backup cannot be written to {path}: {reason}. Choose a folder you may "
                                  "write to.").format(path=dest, reason=exc.strerror or exc)) from exc


def take_daily(now: dt.datetime | None = None) -> Path | None:
    """Today's automatic backup when there is none yet (None when there is), then the rotation.
    What went wrong is kept in `last_failure` and raised."""
    db = dbmod.database.obj
    with access.acting_as_the_program():  # whoever is signed in at the workstation
        if isinstance(db, peewee.PostgresqlDatabase):  # one workstation for all, into the folder they share
            if not settings.get("backups.folder").strip():
                return None
            with server.held_by_nobody_else(db, server.BACKUP_LOCK) as mine:
                return _take_daily(now) if mine else None
        return _take_daily(now)


def _take_daily(now: dt.datetime | None) -> Path | None:
    global last_failure
    now = now or clock.now_utc()
    today = clock.to_local(now).date()
    name = _stem() + f"-{today.isoformat()}.db"
    dest = folder() / name
    try:
        made = None
        if not dest.exists():
            made = back_up_to(dest)
            stamp = now.replace(tzinfo=dt.timezone.utc).timestamp()
            os.utime(made, (stamp, stamp))
        rotate(today)
    except FeedbackDeskError as exc:
        last_failure = str(exc)
        raise
    last_failure = ""
    return made


def _stem() -> str:
    db = dbmod.database.obj
    return Path(db.database).stem if isinstance(db, peewee.SqliteDatabase) else db.database


def rotate(today: dt.date) -> list[Path]:
    """Keep the last `backups.keep_daily` daily copies and each of the last `backups.keep_monthly`
    months' first one; the others go. Only daily copies of this database are ever removed."""
    keep_daily, keep_monthly = settings.get_int("backups.keep_daily"), settings.get_int("backups.keep_monthly")
    stem = _stem()
    days = {}
    for path in folder().glob(f"{stem}-*.db"):
        match = DAILY.match(path.name)
        if match and match["stem"] == stem:
            days[dt.date.fromisoformat(match["day"])] = path
    ordered = sorted((d for d in days if d <= today), reverse=True)
    keep = set(ordered[:keep_daily])
    firsts: dict[tuple[int, int], dt.date] = {}
    for day in ordered:
        firsts[(day.year, day.month)] = day  # going back: the month's earliest wins
    keep |= {firsts[m] for m in sorted(firsts, reverse=True)[:keep_monthly]}
    gone = [days[d] for d in ordered if d not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def status(now: dt.datetime | None = None) -> str:
    """"" when the backups are in order; else what the status bar and the dashboard say."""
    if last_failure:
        return _("The automatic backup failed: {reason}").format(reason=last_failure)
    if isinstance(dbmod.database.obj, peewee.PostgresqlDatabase) and not settings.get("backups.folder").strip():
        return _("No automatic backups of the server yet: choose a folder every workstation reaches under "
                 "File → Backups and restore….")
    files = [f for f in listing() if f.daily]
    now = now or clock.now_utc()
    if not files:
        return _("There is no automatic backup yet.")
    if now - files[0].taken_at > dt.timedelta(hours=36):
        return _("The newest automatic backup is from {when}.").format(when=fmt_datetime(files[0].taken_at))
    return ""


# --- restoring ------------------------------------------------------------------------------

def describe(backup: str | Path) -> Summary:
    """What `backup` holds, read without changing it; refused if it is not a sound backup."""
    state = examine(backup)
    models = {m._meta.table_name for m in opening.every_table()}
    with sqlite3.connect(read_only_uri(state.path), uri=True) as con:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = {}
        for spec in registry.specs():  # the desk's own records: its first table (customers, feedback, sheets …)
            table = spec.models[0]._meta.table_name if spec.models else ""
            if table in present & models:
                rows[_(spec.title)] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        newest = con.execute("SELECT max(at) FROM change").fetchone()[0] if "change" in present else None
    taken = dt.datetime.fromtimestamp(state.path.stat().st_mtime, dt.timezone.utc).replace(tzinfo=None)
    return Summary(state.path, taken, state.schema, rows,
                   dt.datetime.fromisoformat(str(newest)) if newest else None)


def restore(backup: str | Path, live: str | Path | None = None) -> Path:
    """The database file `live` (by default the open one) replaced whole by `backup` (see the
    module doc); the copy of the database as it was is returned. Asked of the person signed in
    to the open database: the live one, or, when that is too damaged to open, the backup itself.
    `live` is open afterwards, on the restored data."""
    access.require(permissions.RESTORE)
    db = dbmod.database.obj
    if live is None and not isinstance(db, peewee.SqliteDatabase):
        raise FeedbackDeskError(_("A restore replaces a database file; on the server, copy-to the backup onto an "
                                  "empty database and connect to that."))
    backup, live = Path(backup), Path(live if live is not None else db.database)
    if backup.resolve() == live.resolve():
        raise FeedbackDeskError(_("{path} is the database itself, not a backup of it.").format(path=backup))
    describe(backup)  # refused here, before anything is touched
    before = folder(live) / (f"{live.stem}-{clock.to_local(clock.now_utc()).strftime('%Y-%m-%d-%H%M%S')}"
                             "-before-restore.db")
    kept = before
    try:
        if not (isinstance(db, peewee.SqliteDatabase) and Path(db.database).resolve() == live.resolve()):
            raise FeedbackDeskError("the database is not open: its bytes are kept as they are")
        back_up_to(before)
    except FeedbackDeskError:  # a damaged database cannot be copied whole: its bytes, then, as they are
        kept = before.with_name(before.stem + "-unchecked.db")
        if live.exists():
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(live, kept)
    incoming = live.with_name(live.name + ".restoring")
    try:
        shutil.copyfile(backup, incoming)
        examine(incoming)  # the copy about to become the database is sound too
        dbmod.close_database()
        try:
            for leftover in (Path(f"{live}-wal"), Path(f"{live}-shm"), Path(f"{live}-journal")):
                leftover.unlink(missing_ok=True)  # the old database's, closed: never replayed onto the new one
            os.replace(incoming, live)
        finally:
            opening.open_database(live)  # the restored data, or (the replacing failed) the data as it was
    except OSError as exc:
        raise FeedbackDeskError(_("The backup could not be put in place of {path}: {reason}. The database is as "
                                  "it was.").format(path=live, reason=exc.strerror or exc)) from exc
    finally:
        incoming.unlink(missing_ok=True)
    return kept
