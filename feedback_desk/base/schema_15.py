"""The schema's step 15 (issue 17), frozen when written as every step is (see migrations.py): the
safety desk's incident reports, the steps of their route and the departments asked to investigate."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, frozen_record, stand_ins


def migration_15(db) -> None:
    """Schema 15: incident reports (事件报告单) with their route and inquiries."""
    Frozen = frozen_base(db)
    Staff, Department, Customer = stand_ins(Frozen, "Staff", "Department", "Customer")  # tables of earlier steps
    Record = frozen_record(Frozen, Staff)

    class IncidentReport(Record):
        number = pw.CharField(max_length=32, unique=True)
        kind = pw.CharField(max_length=24, index=True)
        happened_at = pw.DateTimeField(index=True)
        place = pw.CharField(max_length=100, default="")
        customer = pw.ForeignKeyField(Customer, null=True, backref="+")
        people = pw.TextField(default="")
        injuries = pw.TextField(default="")
        estimated_loss = pw.IntegerField(null=True)
        immediate_action = pw.TextField()
        handled_at = pw.DateTimeField()
        reported_late = pw.BooleanField(default=False)
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        state = pw.CharField(max_length=16, default="reported", index=True)
        received_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        received_at = pw.DateTimeField(null=True)
        handled_by_office = pw.BooleanField(null=True)
        customer_answer = pw.TextField(default="")
        cause = pw.TextField(default="")
        measures = pw.TextField(default="")
        measures_check = pw.TextField(default="")
        closed_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        closed_at = pw.DateTimeField(null=True)

    class IncidentStep(Record):
        incident = pw.ForeignKeyField(IncidentReport, backref="+")
        kind = pw.CharField(max_length=20)
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        text = pw.TextField(default="")

    class IncidentInquiry(Record):
        incident = pw.ForeignKeyField(IncidentReport, backref="+")
        department = pw.ForeignKeyField(Department, backref="+")
        asked = pw.TextField(default="")
        answer = pw.TextField(default="")
        answered_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        answered_at = pw.DateTimeField(null=True)

    db.create_tables([IncidentReport, IncidentStep, IncidentInquiry])
