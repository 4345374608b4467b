"""The schema's step 13 (issue 17), frozen when written as every step is (see migrations.py): an
anomaly sheet remembers the record of another desk it was raised from."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import migrate, migrator_of


def migration_13(db) -> None:
    """Schema 13: `anomaly_sheet.raised_from_table` and `raised_from_id` name the record a sheet was
    raised from (a complaint passed to the quality department, 顾客反馈信息管理制度 4.3.1); a sheet
    of before was raised from none ('' and NULL)."""
    migrator = migrator_of(db)
    migrate(migrator.add_column("anomaly_sheet", "raised_from_table", pw.CharField(max_length=40, default="")),
            migrator.add_column("anomaly_sheet", "raised_from_id", pw.IntegerField(null=True)),
            migrator.add_index("anomaly_sheet", ("raised_from_table", "raised_from_id"), False))
