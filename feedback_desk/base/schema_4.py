"""The schema's step 4, frozen when written as every step is (see migrations.py); its definitions
come from quality_models.py and suggestion_models.py at 6bf797b (the parent of 5c13a7a)."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, frozen_record, stand_ins


def migration_4(db: pw.Database) -> None:
    """The quality desk (anomaly sheets, CAPA, attachments) and the suggestion box (suggestions,
    campaigns, reward points), as at schema 4."""
    Frozen = frozen_base(db)
    Staff, Department, Customer = stand_ins(Frozen, "Staff", "Department", "Customer")  # schema 1's tables
    Record = frozen_record(Frozen, Staff)

    class AnomalySheet(Record):
        number = pw.CharField(max_length=32, unique=True)
        source = pw.CharField(max_length=12, index=True)
        found_at = pw.DateTimeField(index=True)
        found_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        reporter = pw.CharField(max_length=100, default="")
        customer = pw.ForeignKeyField(Customer, null=True, backref="+")
        product = pw.CharField(max_length=100, index=True)
        product_key = pw.CharField(max_length=100, index=True)
        batch = pw.CharField(max_length=64, default="", index=True)
        quantity = pw.IntegerField(null=True)
        description = pw.TextField()
        severity = pw.CharField(max_length=12, index=True)
        containment = pw.TextField(default="")
        state = pw.CharField(max_length=16, default="raised", index=True)
        same_batch_check = pw.TextField(default="")
        retained_sample = pw.TextField(default="")
        site_visit = pw.TextField(default="")
        review_members = pw.TextField(default="")
        review_conclusion = pw.TextField(default="")
        cause_category = pw.CharField(max_length=16, null=True, index=True)
        root_cause = pw.TextField(default="")
        responsible_department = pw.ForeignKeyField(Department, null=True, backref="+")
        for_general_manager = pw.BooleanField(default=False)
        investigation_team = pw.TextField(default="")
        verified_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        verified_on = pw.DateField(null=True)
        verification_result = pw.TextField(default="")
        closed_at = pw.DateTimeField(null=True)
        days_to_close = pw.FloatField(null=True)
        returned_reason = pw.TextField(default="")
        recurrence_of = pw.ForeignKeyField("self", null=True, backref="+")

        class Meta:
            indexes = ((("product_key", "cause_category", "closed_at"), False),)

    class CapaAction(Record):
        sheet = pw.ForeignKeyField(AnomalySheet, backref="+")
        kind = pw.CharField(max_length=12)
        what = pw.TextField()
        owner = pw.ForeignKeyField(Staff, null=True, backref="+")
        due_on = pw.DateField(null=True, index=True)
        done_on = pw.DateField(null=True)
        evidence = pw.TextField(default="")

    class Attachment(Record):
        sheet = pw.ForeignKeyField(AnomalySheet, backref="+")
        filename = pw.CharField(max_length=255)
        mime = pw.CharField(max_length=100, default="")
        size = pw.IntegerField()
        data = pw.BlobField(null=True)
        thumbnail = pw.BlobField(null=True)

    class SuggestionCategory(Frozen):
        name = pw.CharField(max_length=100, unique=True)
        position = pw.IntegerField(default=0)
        active = pw.BooleanField(default=True)

    class Campaign(Record):
        name = pw.CharField(max_length=100)
        year = pw.IntegerField(index=True)
        starts_on = pw.DateField(null=True)
        ends_on = pw.DateField(null=True)

    class Suggestion(Record):
        number = pw.CharField(max_length=32, unique=True)
        anonymous = pw.BooleanField(default=False, index=True)
        writer = pw.ForeignKeyField(Staff, null=True, backref="+")
        received_on = pw.DateField(index=True)
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        category = pw.ForeignKeyField(SuggestionCategory, null=True, backref="+")
        text = pw.TextField()
        benefit = pw.TextField(default="")
        state = pw.CharField(max_length=16, default="received", index=True)
        reviewer = pw.ForeignKeyField(Staff, null=True, backref="+")
        answer = pw.TextField(default="")
        answered_on = pw.DateField(null=True)
        adoption = pw.CharField(max_length=12, null=True)
        implemented = pw.BooleanField(default=False)
        implemented_on = pw.DateField(null=True)
        campaign = pw.ForeignKeyField(Campaign, null=True, backref="+")

    class RewardPoints(Record):
        staff = pw.ForeignKeyField(Staff, backref="+")
        kind = pw.CharField(max_length=12)
        points = pw.IntegerField()
        reason = pw.TextField()
        granted_on = pw.DateField(index=True)
        source = pw.CharField(max_length=16, default="")
        source_id = pw.IntegerField(null=True)

        class Meta:
            indexes = ((("staff", "granted_on"), False),)

    db.create_tables([AnomalySheet, CapaAction, Attachment,
                      SuggestionCategory, Campaign, Suggestion, RewardPoints], safe=True)
