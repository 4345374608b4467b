"""The schema's step 11 (issue 16), frozen when written as every step is (see migrations.py): the
work desk's tables, defined here as they were, never read from today's models."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, frozen_record, stand_ins


def migration_11(db) -> None:
    """Schema 11 (issue 16): the work desk: work items (工作联络单) with who is copied and each
    exchange on them, meetings (会议纪要) with their attendees and each department's written response."""
    Frozen = frozen_base(db)
    Staff, Department = stand_ins(Frozen, "Staff", "Department")  # tables of earlier steps
    Record = frozen_record(Frozen, Staff)

    class Meeting(Record):
        number = pw.CharField(max_length=32, unique=True)
        kind = pw.CharField(max_length=16, index=True)
        held_at = pw.DateTimeField(index=True)
        held_on = pw.DateField(index=True)
        subject = pw.CharField(max_length=200, default="")
        chair = pw.ForeignKeyField(Staff, backref="+")
        minutes_keeper = pw.ForeignKeyField(Staff, backref="+")
        minutes = pw.TextField(default="")
        circulated_at = pw.DateTimeField(null=True)
        circulated_by = pw.ForeignKeyField(Staff, null=True, backref="+")

    class MeetingAttendee(Frozen):
        meeting = pw.ForeignKeyField(Meeting, backref="+", on_delete="CASCADE")
        staff = pw.ForeignKeyField(Staff, backref="+")

        class Meta:
            indexes = ((("meeting", "staff"), True),)

    class WorkItem(Record):
        number = pw.CharField(max_length=32, unique=True)
        kind = pw.CharField(max_length=24, index=True)
        given_by = pw.ForeignKeyField(Staff, backref="+")
        from_department = pw.ForeignKeyField(Department, null=True, backref="+")
        given_on = pw.DateField(index=True)
        given_at = pw.DateTimeField(null=True)
        doer = pw.ForeignKeyField(Staff, backref="+")
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        urgency = pw.CharField(max_length=12, default="ordinary")
        task = pw.TextField()
        due_on = pw.DateField(null=True, index=True)
        first_due_on = pw.DateField(null=True)
        asked_due_on = pw.DateField(null=True)
        state = pw.CharField(max_length=16, default="given", index=True)
        acknowledged_at = pw.DateTimeField(null=True)
        done_at = pw.DateTimeField(null=True)
        result = pw.TextField(default="")
        confirmed_at = pw.DateTimeField(null=True)
        rounds = pw.IntegerField(default=0)
        ruler = pw.ForeignKeyField(Staff, null=True, backref="+")
        ruling_asked_at = pw.DateTimeField(null=True)
        meeting = pw.ForeignKeyField(Meeting, null=True, backref="+")

        class Meta:
            indexes = ((("department", "state"), False), (("doer", "state"), False),
                       (("given_by", "state"), False))

    class WorkCopy(Frozen):
        item = pw.ForeignKeyField(WorkItem, backref="+", on_delete="CASCADE")
        staff = pw.ForeignKeyField(Staff, backref="+")
        why = pw.CharField(max_length=12, default="named")
        added_at = pw.DateTimeField()
        added_by = pw.ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            indexes = ((("item", "staff"), True), (("staff",), False))

    class WorkStep(Frozen):
        item = pw.ForeignKeyField(WorkItem, backref="+", on_delete="CASCADE")
        kind = pw.CharField(max_length=16)
        at = pw.DateTimeField()
        by = pw.ForeignKeyField(Staff, null=True, backref="+")
        text = pw.TextField(default="")
        new_due_on = pw.DateField(null=True)
        round = pw.IntegerField(null=True)
        decision = pw.CharField(max_length=12, null=True)
        staff = pw.ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            indexes = ((("item", "at"), False),)

    class MeetingResponse(Record):
        meeting = pw.ForeignKeyField(Meeting, backref="+")
        department = pw.ForeignKeyField(Department, backref="+")
        owner = pw.ForeignKeyField(Staff, null=True, backref="+")
        text = pw.TextField(default="")
        responded_at = pw.DateTimeField(null=True)
        responded_by = pw.ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            indexes = ((("meeting", "department"), True),)

    db.create_tables([Meeting, MeetingAttendee, WorkItem, WorkCopy, WorkStep, MeetingResponse], safe=True)

