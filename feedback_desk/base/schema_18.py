"""The schema's step 18 (issue 19), frozen when written as every step is (see migrations.py): the
partial index through which the minute check finds the clocks it may still have to act on."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base


def migration_18(db) -> None:
    """Schema 18: `item_clock_waiting`, an index of the running clocks not yet reported late or with
    escalation steps left (loop/models.py `ItemClock.waiting_sql`), by due time. A check that finds
    nothing due reads none of the clocks that climbed their chains."""
    Frozen = frozen_base(db)

    class ItemClock(Frozen):  # the columns the index names, as they stand since schema 6
        desk = pw.CharField(max_length=24)
        chain = pw.CharField(max_length=100)
        due_at = pw.DateTimeField()
        step = pw.IntegerField(default=0)
        late_seen = pw.BooleanField(default=False)
        done_at = pw.DateTimeField(null=True)

    steps_left = pw.fn.LENGTH(ItemClock.chain) - pw.fn.LENGTH(
        pw.fn.REPLACE(ItemClock.chain, pw.SQL("','"), pw.SQL("''")))
    waiting = ~(ItemClock.done_at.is_null(False) | (ItemClock.late_seen & (ItemClock.step >= steps_left)))
    ItemClock.add_index(ItemClock.index(ItemClock.due_at, where=waiting, name="item_clock_waiting"))
    ItemClock._schema.create_indexes(safe=True)
