"""The schema's step 12 (issues 16 and 17), frozen when written as every step is (see migrations.py):
attachments belong to a record of any desk, not only to an anomaly sheet."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import migrate, migrator_of


def migration_12(db) -> None:
    """Schema 12: `attachment.sheet_id` gives way to the record's table and id (`record_table`,
    `record_id`), so a complaint, a work item or a suggestion keeps files as an anomaly sheet does;
    every file there was stays with its sheet (same id, bytes and history). The size limit's
    setting, which was the quality desk's, becomes everyone's (`attachment_max_mb`)."""
    sqlite = isinstance(db, pw.SqliteDatabase)
    migrator = migrator_of(db)
    migrate(migrator.add_column("attachment", "record_table", pw.CharField(max_length=40, default="")),
            migrator.add_column("attachment", "record_id", pw.IntegerField(default=0)))
    db.execute_sql("UPDATE attachment SET record_table = 'anomaly_sheet', record_id = sheet_id")
    if sqlite:  # SQLite's own DROP COLUMN refuses a column with a foreign key: the table is rebuilt
        migrate(migrator.drop_index("attachment", "attachment_sheet_id"),
                migrator.drop_column("attachment", "sheet_id", legacy=True))
    else:
        migrate(migrator.drop_column("attachment", "sheet_id", cascade=True))
    migrate(migrator.add_index("attachment", ("record_table", "record_id"), False))
    mark = "?" if sqlite else "%s"
    db.execute_sql(f"UPDATE setting SET key = {mark} WHERE key = {mark}",
                   ("attachment_max_mb", "quality.attachment_max_mb"))
