"""Tables of the housekeeping desk: rooms, consumables, the service log, maintenance, handovers.

A service sheet (服务日志) is one day, one floor, one attendant; its lines are rooms in
cleaning order. Lines copy the sheet's date and floor so that ten years of lines
(a million rows) filter by date, room and floor on an index, without a join.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import BaseModel, Record, Staff
from feedback_desk.base.search import SearchedText


class Room(BaseModel):
    number = pw.CharField(max_length=16, unique=True)
    floor = pw.IntegerField(index=True)
    room_type = pw.CharField(max_length=50, default="")
    active = pw.BooleanField(default=True)


class Consumable(BaseModel):
    """A low-value consumable (低值易耗品): toothbrush set, soap, slippers, …"""
    name = pw.CharField(max_length=50, unique=True)
    unit = pw.CharField(max_length=10, default="")
    position = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)


class ServiceSheet(Record):
    date = pw.DateField(index=True)
    floor = pw.IntegerField()
    attendant = pw.ForeignKeyField(Staff, backref="+")
    state = pw.CharField(max_length=12, default="open", index=True)  # open / verified / received
    verified_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    verified_at = pw.DateTimeField(null=True)
    received_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    received_at = pw.DateTimeField(null=True)
    notes = pw.TextField(default="")

    class Meta:
        indexes = ((("date", "floor", "attendant"), False),)


class ServiceLine(Record):
    sheet = pw.ForeignKeyField(ServiceSheet, backref="lines")
    position = pw.IntegerField()  # cleaning order on the sheet
    date = pw.DateField()  # copies of the sheet's date and floor (see module doc)
    floor = pw.IntegerField()
    room = pw.ForeignKeyField(Room, backref="+")
    start_time = pw.TimeField(null=True)
    end_time = pw.TimeField(null=True)
    room_state = pw.CharField(max_length=12)
    linen_changed = pw.BooleanField(default=False)
    maintenance = SearchedText(default="")
    special = SearchedText(default="")

    class Meta:
        # Every sortable column of the room history has an index: an index on c is ordered by
        # (c, id), the listing's ORDER BY c, id, so a re-sort of a million lines reads 200 rows.
        indexes = (
            (("sheet", "position"), False),
            (("room", "date"), False),
            (("date", "floor"), False),
            (("floor",), False),
            (("start_time",), False),
            (("end_time",), False),
            (("room_state",), False),
        )


# The few lines with a repair or a special matter, newest first, without scanning the rest;
# service_views compares with the literal '' so that the planner matches the index's WHERE.
for _text in (ServiceLine.maintenance, ServiceLine.special):
    ServiceLine.add_index(ServiceLine.index(ServiceLine.voided, ServiceLine.date, where=_text != pw.SQL("''"),
                                            name=f"service_line_voided_date_with_{_text.name}"))


class LineConsumable(BaseModel):
    line = pw.ForeignKeyField(ServiceLine, backref="consumables", on_delete="CASCADE")
    consumable = pw.ForeignKeyField(Consumable, backref="+")
    quantity = pw.IntegerField()


class MaintenanceItem(Record):
    """A repair a room needs, followed up until checked: reported → assigned → fixed → checked."""
    room = pw.ForeignKeyField(Room, backref="+")
    line = pw.ForeignKeyField(ServiceLine, null=True, backref="+")
    description = SearchedText()
    state = pw.CharField(max_length=12, default="reported", index=True)
    owner = pw.ForeignKeyField(Staff, null=True, backref="+")
    fixed_at = pw.DateTimeField(null=True)
    checked_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    checked_at = pw.DateTimeField(null=True)


class Handover(Record):
    """岗位物资日交接表: the materials of a post handed from one shift to the next."""
    date = pw.DateField(index=True)
    post = pw.CharField(max_length=100)
    shift = pw.CharField(max_length=12)  # morning / middle / night
    handed_by = pw.ForeignKeyField(Staff, backref="+")
    taken_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    taken_at = pw.DateTimeField(null=True)
    notes = pw.TextField(default="")


class HandoverLine(BaseModel):
    handover = pw.ForeignKeyField(Handover, backref="lines", on_delete="CASCADE")
    item = pw.CharField(max_length=100)
    handed = pw.IntegerField()
    received = pw.IntegerField(null=True)


MODELS = [Room, Consumable, ServiceSheet, ServiceLine, LineConsumable, MaintenanceItem, Handover, HandoverLine]
