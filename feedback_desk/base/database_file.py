"""A database file looked at before anything is done to it.

`examine(path)` reads an existing file without writing a byte (SQLite's read-only mode, no
pragma that converts): whether it is a database at all, whether it is this program's, its
schema, and SQLite's quick check of its pages. Each thing wrong is a `FeedbackDeskError` in the
user's words, so nobody works on a damaged database, and another program's file is never
switched to WAL or given our tables. A damaged file is a `DamagedFile`, whose message the
opening completes with the newest verified backup (feedback_desk/backups.py).
"""
from __future__ import annotations

import dataclasses
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from feedback_desk.base.errors import FeedbackDeskError
from feedback_desk.base.i18n import _
from feedback_desk.base.migrations import SCHEMA_VERSION


_checked: set[tuple[str, int, int]] = set()  # files found sound in this run: (path, size, mtime) — once each


class DamagedFile(FeedbackDeskError):
    """The file is not a database, or its pages are damaged: restoring a backup is the way back."""


@dataclasses.dataclass(frozen=True)
class FileState:
    path: Path
    schema: int
    writable: bool  # the file and its folder can be written (else it is opened read-only)


def read_only_uri(path: Path) -> str:
    """SQLite's URI for reading `path` without writing: in a folder nobody may write, without the
    WAL's shared-memory file it cannot make, as an unchanging file."""
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    folder_writable = os.access(path.parent, os.W_OK)
    if not folder_writable and not Path(f"{path}-shm").exists():
        uri += "&immutable=1"
    return uri


def examine(path: str | Path, quick_check: bool = True) -> FileState:
    """What the file at `path` is, or why the program will not work on it (see the module doc)."""
    path = Path(path)
    if not path.is_file():
        raise FeedbackDeskError(_("There is no database file at {path}.").format(path=path))
    if path.stat().st_size == 0:
        raise FeedbackDeskError(_("{path} is an empty file, not a Feedback Desk database: nothing was done "
                                  "with it.").format(path=path))
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise FeedbackDeskError(_("{path} cannot be opened: {error}.").format(path=path, error=exc)) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_version" not in tables:
            raise FeedbackDeskError(_("{path} is another program's database, not Feedback Desk's: nothing was "
                                      "changed in it.").format(path=path))
        row = con.execute("SELECT version FROM schema_version").fetchone()
        schema = int(row[0]) if row else 0
        if schema > SCHEMA_VERSION:
            raise FeedbackDeskError(_("{path} was written by a newer version of Feedback Desk (schema {version}; "
                                      "this program knows {ours}): install that version to open it.").format(
                                          path=path, version=schema, ours=SCHEMA_VERSION))
        stat = path.stat()
        seen = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        if quick_check and seen not in _checked:  # 0.1 s for a hotel's year, 3 s for 500,000 complaints
            found = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
            if found != ["ok"]:
                raise damaged(path, "; ".join(found))
            _checked.add(seen)  # a command's sign-in and its work open the same file: checked once
    except sqlite3.DatabaseError as exc:  # not a database, or pages too damaged to read
        text = str(exc).lower()
        if "locked" in text:
            raise FeedbackDeskError(_("{path} is held by another program (it keeps the database locked): close "
                                      "that program, then try again.").format(path=path)) from exc
        if "not a database" in text:
            raise DamagedFile(_("{path} is not a database, or is damaged beyond reading.").format(path=path)) from exc
        raise damaged(path, str(exc)) from exc
    finally:
        con.close()
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return FileState(path, schema, writable)


def damaged(path: Path, detail: str) -> DamagedFile:
    return DamagedFile(_("{path} is damaged ({detail}): do not work on it.").format(path=path, detail=detail))
