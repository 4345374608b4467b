"""Opening a database: its tables are the base's, the deadline engine's and every desk's of the
registry (with the files any record keeps), created in that order and brought up to date by the migrations (base/migrations.py)."""
from __future__ import annotations

from pathlib import Path

import peewee

from feedback_desk.base import attachments, db, models
from feedback_desk.desks import registry
from feedback_desk.loop import models as loop_models


def every_table() -> list:
    return models.BASE_MODELS + [attachments.Attachment] + loop_models.MODELS + registry.all_models()


def open_database(target: str | Path, reading: bool = False) -> peewee.Database:
    """Open the database at a file path or URL, its schema up to date: to work there (created if
    needed), or only to read it (`reading`: nothing created, converted or upgraded). A damaged
    file's message names the newest verified backup to restore."""
    from feedback_desk.base.database_file import DamagedFile

    try:
        return db.open_tables(target, every_table(), reading=reading)
    except DamagedFile as exc:
        from feedback_desk import backups

        hint = backups.restore_hint(target)
        if hint:
            raise DamagedFile(f"{exc} {hint}") from exc
        raise
