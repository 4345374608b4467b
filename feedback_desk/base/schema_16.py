"""The schema's step 16 (issue 17), frozen when written as every step is (see migrations.py): the
kinds of incident as a setting, and the staff involved in an incident, picked from the staff list."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, frozen_record, stand_ins


def migration_16(db) -> None:
    """Schema 16: incident kinds (renamed, retired, added) and the staff involved in an incident."""
    Frozen = frozen_base(db)
    Staff, IncidentReport = stand_ins(Frozen, "Staff", "IncidentReport")  # tables of earlier steps
    Record = frozen_record(Frozen, Staff)

    class IncidentKind(Frozen):
        code = pw.CharField(max_length=24, unique=True)
        name = pw.CharField(max_length=100, default="")
        position = pw.IntegerField(default=0)
        active = pw.BooleanField(default=True)

    class IncidentPerson(Record):
        incident = pw.ForeignKeyField(IncidentReport, backref="+")
        staff = pw.ForeignKeyField(Staff, backref="+")

    db.create_tables([IncidentKind, IncidentPerson])
