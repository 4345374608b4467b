"""The schema's step 14 (issue 17), frozen when written as every step is (see migrations.py): the
safety desk's hazard register."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, frozen_record, stand_ins


def migration_14(db) -> None:
    """Schema 14: the safety hazard register (安全隐患), each hazard with its rectification and check."""
    Frozen = frozen_base(db)
    Staff, Department = stand_ins(Frozen, "Staff", "Department")  # tables of earlier steps
    Record = frozen_record(Frozen, Staff)

    class SafetyHazard(Record):
        number = pw.CharField(max_length=32, unique=True)
        area = pw.CharField(max_length=16, index=True)
        place = pw.CharField(max_length=100, default="")
        description = pw.TextField()
        severity = pw.CharField(max_length=12, index=True)
        found_at = pw.DateTimeField(index=True)
        found_by = pw.ForeignKeyField(Staff, backref="+")
        reported_late = pw.BooleanField(default=False)
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        state = pw.CharField(max_length=16, default="reported", index=True)
        owner = pw.ForeignKeyField(Staff, null=True, backref="+")
        due_on = pw.DateField(null=True, index=True)
        assigned_at = pw.DateTimeField(null=True)
        rectification = pw.TextField(default="")
        rectified_at = pw.DateTimeField(null=True)
        checked_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        checked_at = pw.DateTimeField(null=True)
        check_result = pw.TextField(default="")
        failed_checks = pw.IntegerField(default=0)
        closed_at = pw.DateTimeField(null=True)

    db.create_tables([SafetyHazard])
