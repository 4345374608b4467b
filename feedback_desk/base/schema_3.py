"""The schema's step 3, frozen when written as every step is (see migrations.py); its definitions
come from service_models.py at c11d162 (the parent of 44c7ecc, which brought schema 4)."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, frozen_record, stand_ins


def migration_3(db: pw.Database) -> None:
    """The housekeeping desk's tables (service log, maintenance, handovers), as at schema 3."""
    Frozen = frozen_base(db)
    (Staff,) = stand_ins(Frozen, "Staff")  # schema 1's table
    Record = frozen_record(Frozen, Staff)

    class Room(Frozen):
        number = pw.CharField(max_length=16, unique=True)
        floor = pw.IntegerField(index=True)
        room_type = pw.CharField(max_length=50, default="")
        active = pw.BooleanField(default=True)

    class Consumable(Frozen):
        name = pw.CharField(max_length=50, unique=True)
        unit = pw.CharField(max_length=10, default="")
        position = pw.IntegerField(default=0)
        active = pw.BooleanField(default=True)

    class ServiceSheet(Record):
        date = pw.DateField(index=True)
        floor = pw.IntegerField()
        attendant = pw.ForeignKeyField(Staff, backref="+")
        state = pw.CharField(max_length=12, default="open", index=True)
        verified_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        verified_at = pw.DateTimeField(null=True)
        received_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        received_at = pw.DateTimeField(null=True)
        notes = pw.TextField(default="")

        class Meta:
            indexes = ((("date", "floor", "attendant"), False),)

    class ServiceLine(Record):
        sheet = pw.ForeignKeyField(ServiceSheet, backref="+")
        position = pw.IntegerField()
        date = pw.DateField()
        floor = pw.IntegerField()
        room = pw.ForeignKeyField(Room, backref="+")
        start_time = pw.TimeField(null=True)
        end_time = pw.TimeField(null=True)
        room_state = pw.CharField(max_length=12)
        linen_changed = pw.BooleanField(default=False)
        maintenance = pw.TextField(default="")
        special = pw.TextField(default="")

        class Meta:
            indexes = (
                (("sheet", "position"), False),
                (("room", "date"), False),
                (("date", "floor"), False),
                (("floor",), False),
                (("start_time",), False),
                (("end_time",), False),
                (("room_state",), False),
            )

    for text in (ServiceLine.maintenance, ServiceLine.special):
        ServiceLine.add_index(ServiceLine.index(ServiceLine.voided, ServiceLine.date, where=text != pw.SQL("''"),
                                                name=f"service_line_voided_date_with_{text.name}"))

    class LineConsumable(Frozen):
        line = pw.ForeignKeyField(ServiceLine, backref="+", on_delete="CASCADE")
        consumable = pw.ForeignKeyField(Consumable, backref="+")
        quantity = pw.IntegerField()

    class MaintenanceItem(Record):
        room = pw.ForeignKeyField(Room, backref="+")
        line = pw.ForeignKeyField(ServiceLine, null=True, backref="+")
        description = pw.TextField()
        state = pw.CharField(max_length=12, default="reported", index=True)
        owner = pw.ForeignKeyField(Staff, null=True, backref="+")
        fixed_at = pw.DateTimeField(null=True)
        checked_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        checked_at = pw.DateTimeField(null=True)

    class Handover(Record):
        date = pw.DateField(index=True)
        post = pw.CharField(max_length=100)
        shift = pw.CharField(max_length=12)
        handed_by = pw.ForeignKeyField(Staff, backref="+")
        taken_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        taken_at = pw.DateTimeField(null=True)
        notes = pw.TextField(default="")

    class HandoverLine(Frozen):
        handover = pw.ForeignKeyField(Handover, backref="+", on_delete="CASCADE")
        item = pw.CharField(max_length=100)
        handed = pw.IntegerField()
        received = pw.IntegerField(null=True)

    db.create_tables([Room, Consumable, ServiceSheet, ServiceLine, LineConsumable, MaintenanceItem,
                      Handover, HandoverLine], safe=True)
