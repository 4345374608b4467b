"""The safety desk's tables: the safety hazard register (安全隐患), each hazard with its
rectification (整改) and the check of it by someone else; the incident reports (重大事件) with each
step of their route and the departments asked to investigate."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import BaseModel, Department, Record, Staff
from feedback_desk.base.search import SearchedText
from feedback_desk.desks.customers import Customer


class SafetyHazard(Record):
    number = pw.CharField(max_length=32, unique=True)          # 隐患-2026-12-0003
    area = pw.CharField(max_length=16, index=True)             # vocab.HAZARD_AREAS
    place = pw.CharField(max_length=100, default="")
    description = SearchedText()
    severity = pw.CharField(max_length=12, index=True)         # general / serious / major
    found_at = pw.DateTimeField(index=True)                    # UTC
    found_by = pw.ForeignKeyField(Staff, backref="+")
    reported_late = pw.BooleanField(default=False)             # entered more than 2 hours after it was found
    department = pw.ForeignKeyField(Department, null=True, backref="+")  # where it was found, who answers
    state = pw.CharField(max_length=16, default="reported", index=True)
    # rectification (整改): its owner and due date, what was done
    owner = pw.ForeignKeyField(Staff, null=True, backref="+")
    due_on = pw.DateField(null=True, index=True)
    assigned_at = pw.DateTimeField(null=True)
    rectification = SearchedText(default="")
    rectified_at = pw.DateTimeField(null=True)
    # the check of the rectification, by someone other than its owner; a failed check sends it back
    checked_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    checked_at = pw.DateTimeField(null=True)
    check_result = pw.TextField(default="")
    failed_checks = pw.IntegerField(default=0)
    closed_at = pw.DateTimeField(null=True)


class IncidentReport(Record):
    number = pw.CharField(max_length=32, unique=True)          # 事件-2026-12-0002
    kind = pw.CharField(max_length=24, index=True)             # IncidentKind.code (kinds.py)
    happened_at = pw.DateTimeField(index=True)                 # UTC
    place = pw.CharField(max_length=100, default="")
    customer = pw.ForeignKeyField(Customer, null=True, backref="+")  # a guest involved: their profile shows it
    people = SearchedText(default="")                          # others involved, as named (staff: IncidentPerson)
    injuries = pw.TextField(default="")
    estimated_loss = pw.IntegerField(null=True)                # yuan
    immediate_action = SearchedText()                          # 现场处置
    handled_at = pw.DateTimeField()                            # when it was handled on the spot (UTC)
    reported_late = pw.BooleanField(default=False)             # more than 1 hour after it was handled
    department = pw.ForeignKeyField(Department, null=True, backref="+")  # where it happened
    state = pw.CharField(max_length=16, default="reported", index=True)
    received_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    received_at = pw.DateTimeField(null=True)
    handled_by_office = pw.BooleanField(null=True)             # dealt with by the office itself, or passed on
    customer_answer = pw.TextField(default="")                 # 第四条: the customer answered
    cause = SearchedText(default="")
    measures = SearchedText(default="")
    measures_check = pw.TextField(default="")                  # that the measures were done
    closed_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    closed_at = pw.DateTimeField(null=True)


class IncidentKind(BaseModel):
    """What the kinds of incident are called and which are offered (a setting): the seed's kinds
    (vocab.INCIDENT_KINDS) once one of them is renamed or taken off the list, and the kinds added."""
    code = pw.CharField(max_length=24, unique=True)            # a seed kind's code, or custom-N
    name = pw.CharField(max_length=100, default="")            # '' : the seed's name, in the reader's language
    position = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)


class IncidentPerson(Record):
    """A member of staff involved in an incident, picked from the staff list: they see that the report
    exists (its number, kind, day and state), not what it says."""
    incident = pw.ForeignKeyField(IncidentReport, backref="staff_involved")
    staff = pw.ForeignKeyField(Staff, backref="+")


class IncidentStep(Record):
    """One step of an incident's route: received, handled or passed on, an instruction (批示), sent
    to a department, its investigation, the customer answered, closed."""
    incident = pw.ForeignKeyField(IncidentReport, backref="steps")
    kind = pw.CharField(max_length=20)                         # vocab.INCIDENT_STEPS
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    text = pw.TextField(default="")


class IncidentInquiry(Record):
    """A department asked to investigate an incident and analyse its cause; answered by its head."""
    incident = pw.ForeignKeyField(IncidentReport, backref="inquiries")
    department = pw.ForeignKeyField(Department, backref="+")
    asked = pw.TextField(default="")
    answer = pw.TextField(default="")
    answered_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    answered_at = pw.DateTimeField(null=True)


MODELS = [SafetyHazard, IncidentReport, IncidentStep, IncidentInquiry, IncidentKind, IncidentPerson]
