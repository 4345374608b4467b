"""The schema's step 14 (issue 17), frozen when written as every step is (see migrations.py): the
safety desk's hazard register."""
from __future__ import annotations

import peewee as pw


def migration_14(db) -> None:
    """Schema 14: the safety hazard register (安全隐患), each hazard with its rectification and check."""

    class Frozen(pw.Model):  # a base bound to `db`, named like the program's (snake_case table names)
        class Meta:
            database = db
            legacy_table_names = False

    class Staff(Frozen):  # stand-ins: schema 1's tables
        pass

    class Department(Frozen):
        pass

    class Record(Frozen):
        created_at = pw.DateTimeField()
        created_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        updated_at = pw.DateTimeField()
        updated_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        version = pw.IntegerField(default=1)
        voided = pw.BooleanField(default=False, index=True)
        void_reason = pw.TextField(null=True)

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
