"""Tables of the quality desk: anomaly sheets (质量异常警报表 / 反馈单), CAPA actions (their photos and files are the base's attachments).

A sheet is raised internal (an inspector) or external (a customer), investigated by the
quality department, acted on (containment, corrective, preventive — 举一反三), verified
(跟踪检查实施效果) and closed; quality records are kept, so nothing is deleted.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import Department, Record, Staff
from feedback_desk.base.search import SearchedText
from feedback_desk.desks.customers import Customer


class AnomalySheet(Record):
    number = pw.CharField(max_length=32, unique=True)          # QA-2026-11-0003
    source = pw.CharField(max_length=12, index=True)           # internal / external
    found_at = pw.DateTimeField(index=True)                    # UTC
    found_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    reporter = pw.CharField(max_length=100, default="")        # who reported it outside (external)
    customer = pw.ForeignKeyField(Customer, null=True, backref="+")
    product = pw.CharField(max_length=100, index=True)
    # the product folded for matching (case, width and spaces ignored): recurrences, find, Pareto
    product_key = pw.CharField(max_length=100, index=True)
    batch = pw.CharField(max_length=64, default="", index=True)
    quantity = pw.IntegerField(null=True)
    description = SearchedText()
    severity = pw.CharField(max_length=12, index=True)         # general / serious / major
    containment = pw.TextField(default="")
    state = pw.CharField(max_length=16, default="raised", index=True)
    # investigation (质管部)
    same_batch_check = pw.TextField(default="")                # 同一批号
    retained_sample = pw.TextField(default="")                 # 留样复查 and its result
    site_visit = pw.TextField(default="")                      # external: visit to the user
    review_members = pw.TextField(default="")                  # 评审
    review_conclusion = pw.TextField(default="")
    cause_category = pw.CharField(max_length=16, null=True, index=True)  # 人机料法环测
    root_cause = SearchedText(default="")
    responsible_department = pw.ForeignKeyField(Department, null=True, backref="+")
    # 重大: marked for the general manager, who forms an investigation team (4.5): the (deputy)
    # general manager names its members; `investigation_team` is their names as named (the paper
    # form's), `team_members` their staff ids ("3,8,12"), with who named them and when (UTC)
    for_general_manager = pw.BooleanField(default=False)
    investigation_team = pw.TextField(default="")
    team_members = pw.TextField(default="")
    team_named_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    team_named_at = pw.DateTimeField(null=True)
    # verification of the effect (跟踪检查实施效果) and closure
    verified_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    verified_on = pw.DateField(null=True)
    verification_result = pw.TextField(default="")
    closed_at = pw.DateTimeField(null=True)
    # found → closed in days, set on closing, so the archive averages it in portable SQL
    days_to_close = pw.FloatField(null=True)
    # why the verification failed and the sheet went back to acting (cleared when it is verified again)
    returned_reason = pw.TextField(default="")
    recurrence_of = pw.ForeignKeyField("self", null=True, backref="+")
    # the record of another desk it was raised from (a complaint: quality/raised_from.py), none: ''
    raised_from_table = pw.CharField(max_length=40, default="")
    raised_from_id = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("product_key", "cause_category", "closed_at"), False),
                   (("raised_from_table", "raised_from_id"), False))


class CapaAction(Record):
    sheet = pw.ForeignKeyField(AnomalySheet, backref="actions")
    kind = pw.CharField(max_length=12)                         # containment / corrective / preventive
    what = SearchedText()
    owner = pw.ForeignKeyField(Staff, null=True, backref="+")
    due_on = pw.DateField(null=True, index=True)
    done_on = pw.DateField(null=True)
    evidence = pw.TextField(default="")


MODELS = [AnomalySheet, CapaAction]
