"""Tables of closing the loop (issue 7): deadline rules, the work calendar, each item's clock,
escalation steps and the periodic duties done.

Items live on their own desks (complaints, suggestions, anomaly sheets, CAPA actions,
maintenance items, service sheets); `ItemClock` is the one row per item that carries the due
time computed when the item was first seen, so a later change of its rule leaves it alone.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import BaseModel, Department, Staff


class Rule(BaseModel):
    """Which items (desk, kind, severity), the clock, the grace before each escalation step,
    whom it is referred to at once and the chain it climbs when ignored."""
    code = pw.CharField(max_length=48, unique=True)
    name = pw.CharField(max_length=200)                 # English source, shown through _()
    desk = pw.CharField(max_length=24, default="")      # '' = every desk
    kind = pw.CharField(max_length=24, default="")      # '' = every kind
    severity = pw.CharField(max_length=16, default="")  # '' / general / serious / major / safety / emergency
    clock = pw.CharField(max_length=16)                 # hours / working_days / end_of_day / meeting
    amount = pw.IntegerField()
    start = pw.CharField(max_length=16, default="created")  # created / due_on / handled / day / progress
    grace = pw.IntegerField()                           # in the clock's unit, per escalation step
    refer_to = pw.CharField(max_length=16, default="")  # role told at once ('' none)
    chain = pw.CharField(max_length=100, default="handler,head,deputy_gm,gm")
    active = pw.BooleanField(default=True)
    position = pw.IntegerField(default=0)
    version = pw.IntegerField(default=1)
    updated_at = pw.DateTimeField(null=True)
    updated_by = pw.ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        table_name = "deadline_rule"


class Holiday(BaseModel):
    """A day off the usual week: a public holiday, or a make-up working day (调休) on a weekend."""
    version = pw.IntegerField(default=1)  # two administrators cannot overwrite each other (work_calendar.py)
    date = pw.DateField(unique=True)
    kind = pw.CharField(max_length=12)                  # holiday / workday
    name = pw.CharField(max_length=50, default="")


class ItemClock(BaseModel):
    """The clock of one item: its rule (and the rule's version then), due time, owner, steps."""
    desk = pw.CharField(max_length=24)
    item_id = pw.IntegerField()
    rule = pw.ForeignKeyField(Rule, backref="+")
    rule_version = pw.IntegerField()
    kind = pw.CharField(max_length=24, default="")      # the item's kind when its rule was picked
    flag = pw.CharField(max_length=16, default="")      # '' / safety / emergency
    handled_at = pw.DateTimeField(null=True)            # emergencies: when it was handled
    start_at = pw.DateTimeField()
    # the rule as it was when the item was first seen: a later change leaves the item alone
    clock = pw.CharField(max_length=16)
    amount = pw.IntegerField(default=0)
    start = pw.CharField(max_length=16, default="created")  # 'progress': re-armed by each report
    grace = pw.IntegerField()
    chain = pw.CharField(max_length=100)
    due_at = pw.DateTimeField(index=True)
    owner = pw.ForeignKeyField(Staff, null=True, backref="+")
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    step = pw.IntegerField(default=0)                   # last escalation step taken
    late_seen = pw.BooleanField(default=False)          # run_checks has reported it late
    done_at = pw.DateTimeField(null=True, index=True)   # the clock stopped (answered, void)
    reported_at = pw.DateTimeField(null=True)           # the last progress report (start 'progress')

    class Meta:
        indexes = ((("desk", "item_id"), True),)

    @classmethod
    def waiting_sql(cls):
        """SQL: a running clock the minute check may still have to act on — not yet reported late,
        or late with steps of its chain left. Written out with its literals, as the partial index
        `item_clock_waiting` says it (a query must say it so for the index to serve it): on a
        database whose items all climbed their chains the check reads no clock to find nothing.
        One NOT over the whole: SQLite cannot then take the index of `done_at` for a part of it
        (which holds every running clock), and the server's plan for the prepared query, made
        once for any due time, takes the partial index too."""
        steps_left = pw.fn.LENGTH(cls.chain) - pw.fn.LENGTH(pw.fn.REPLACE(cls.chain, pw.SQL("','"), pw.SQL("''")))
        return ~(cls.done_at.is_null(False) | (cls.late_seen & (cls.step >= steps_left)))


ItemClock.add_index(ItemClock.index(ItemClock.due_at, where=ItemClock.waiting_sql(), name="item_clock_waiting"))


class Escalation(BaseModel):
    """One step up the chain (step 0: referred at once by the rule)."""
    desk = pw.CharField(max_length=24)
    item_id = pw.IntegerField()
    step = pw.IntegerField()
    to_role = pw.CharField(max_length=16)
    to_staff = pw.ForeignKeyField(Staff, null=True, backref="+")  # None: nobody holds the role
    scheduled_at = pw.DateTimeField()                   # when the step fell due
    at = pw.DateTimeField()                             # when the check took it

    class Meta:
        indexes = ((("desk", "item_id", "step"), True), (("to_staff",), False))


class DutyDone(BaseModel):
    """A periodic duty (quarterly summary, Q4 survey, revisits) done by hand, with its note."""
    duty = pw.CharField(max_length=24)
    period = pw.CharField(max_length=12)                # 2026-Q1 / 2026 / 2026-01
    done_at = pw.DateTimeField()
    done_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("duty", "period"), True),)


MODELS = [Rule, Holiday, ItemClock, Escalation, DutyDone]
