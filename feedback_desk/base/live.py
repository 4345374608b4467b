"""Saves made at other workstations, seen within a second or two ("live refresh").

The window asks `SaveWatch.poll()` about once a second (it never asks the database itself). A
poll costs next to nothing until something was saved somewhere:

- on the PostgreSQL server every committed write transaction sends one notification
  (`LISTEN/NOTIFY` on `server.SAVED_CHANNEL`, sent by db.py's write transaction, delivered by the
  server only once it committed); the watch listens on a connection of its own;
- on a SQLite file the watch's own connection reads `PRAGMA data_version`, which changes when
  any other connection commits.

Then it reads what was saved from the history (every save writes its rows there): which record
of which table, by whom, when — for the tables to refresh and for an open form to say that its
record was "changed by 王芳 at 14:02".
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import sqlite3

import peewee as pw

from feedback_desk.base import server
from feedback_desk.base.db import database
from feedback_desk.base.models import Change, Staff

log = logging.getLogger(__name__)
READ_AT_MOST = 2000  # history rows read per poll; a bigger burst is read on the next polls


@dataclasses.dataclass(frozen=True)
class Saved:
    """A record saved (created, changed, voided) since the last poll."""
    table: str
    record_id: int
    by: str            # who saved it ('' : the program itself)
    at: dt.datetime    # when, UTC


class _FileSignal:
    def __init__(self, db: pw.SqliteDatabase):
        self.con = sqlite3.connect(f"file:{db.database}?mode=ro", uri=True, check_same_thread=False)
        self.version = self._read()

    def _read(self) -> int:
        return self.con.execute("PRAGMA data_version").fetchone()[0]

    def fired(self) -> bool:
        version = self._read()
        fired, self.version = version != self.version, version
        return fired

    def close(self) -> None:
        self.con.close()


class _ServerSignal:
    def __init__(self, db: pw.PostgresqlDatabase):
        self.params = {"dbname": db.database, **db.connect_params}
        self.con = None
        self._listen()

    def _listen(self) -> None:
        import psycopg

        self.con = psycopg.connect(**self.params, autocommit=True)
        self.con.execute(f"LISTEN {server.SAVED_CHANNEL}")

    def fired(self) -> bool:
        try:
            if self.con is None or self.con.closed:
                self._listen()
                return True  # saves may have been missed while the server was away
            return any(True for _n in self.con.notifies(timeout=0))
        except Exception as exc:  # a lost server: said where the user saves; here, try again next time
            log.info("save notifications interrupted: %s", exc)
            with contextlib.suppress(Exception):
                self.con.close()
            self.con = None
            return False

    def close(self) -> None:
        if self.con is not None:
            with contextlib.suppress(Exception):
                self.con.close()


class SaveWatch:
    """What was saved, anywhere, since the watch last looked (`poll`)."""

    def __init__(self):
        db = database.obj
        self.last_id = Change.select(pw.fn.MAX(Change.id)).scalar() or 0
        self.signal = _ServerSignal(db) if isinstance(db, pw.PostgresqlDatabase) else _FileSignal(db)
        self.more = False  # the last poll left history rows to read

    def poll(self) -> list[Saved] | None:
        """None when nothing was saved since the last poll; else the records saved, each once
        (the latest save of it), oldest first — possibly none when a save wrote no history (the
        minute check moving a clock), which is still a reason to refresh."""
        if not self.signal.fired() and not self.more:
            return None
        rows = list(Change.select(Change.id, Change.table, Change.record_id, Change.at, Staff.name)
                    .join(Staff, pw.JOIN.LEFT_OUTER, on=(Change.by == Staff.id))
                    .where(Change.id > self.last_id).order_by(Change.id).limit(READ_AT_MOST).tuples())
        self.more = len(rows) == READ_AT_MOST
        latest: dict[tuple[str, int], Saved] = {}
        for change_id, table, record_id, at, name in rows:
            self.last_id = max(self.last_id, change_id)
            latest.pop((table, record_id), None)
            latest[(table, record_id)] = Saved(table, record_id, name or "", at)
        return list(latest.values())

    def close(self) -> None:
        self.signal.close()
