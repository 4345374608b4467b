"""The demo's quality desk (demo_quality): anomaly sheets, recurrences, CAPA actions, photos."""
from __future__ import annotations

import datetime as dt
import re

from feedback_desk.base import clock


def test_anomaly_sheets_in_every_state_and_severity(filled):
    from feedback_desk.desks.quality.models import AnomalySheet
    from feedback_desk.base.vocab import ANOMALY_STATE_ORDER, SEVERITIES
    sheets = list(AnomalySheet.select().where(AnomalySheet.voided == False))  # noqa: E712
    assert 60 <= len(sheets) <= 100
    assert {s.state for s in sheets} == set(ANOMALY_STATE_ORDER)
    assert {s.severity for s in sheets} == set(SEVERITIES)
    assert {s.source for s in sheets} == {"internal", "external"}
    assert any(s.customer_id for s in sheets), "some external sheets name a hotel customer"
    assert len({s.product for s in sheets}) >= 5
    today = clock.today_local()
    for s in sheets:
        assert re.fullmatch(rf"QA-{clock.to_local(s.found_at):%Y-%m}-\d{{4}}", s.number)
        assert (today - clock.to_local(s.found_at).date()).days <= 185
        if s.severity == "major":
            assert s.for_general_manager
            if s.state not in ("raised", "investigating"):
                assert s.investigation_team
        if s.state in ("acting", "verifying", "closed"):
            assert s.cause_category and s.responsible_department_id and s.same_batch_check and s.retained_sample
            if s.source == "external":
                assert s.site_visit
        if s.state == "closed":
            assert s.verified_by_id and s.verified_on and s.verification_result and s.days_to_close > 0
    assert AnomalySheet.select().where(AnomalySheet.voided == True).count() >= 1  # noqa: E712


def test_recurrences_link_a_closed_sheet_of_the_same_product_and_cause(filled):
    from feedback_desk.desks.quality.models import AnomalySheet
    later = list(AnomalySheet.select().where(AnomalySheet.recurrence_of.is_null(False)))
    assert 3 <= len(later) <= 20
    for s in later:
        first = AnomalySheet.get_by_id(s.recurrence_of_id)
        assert first.state == "closed" and first.id != s.id
        assert (first.product_key, first.cause_category) == (s.product_key, s.cause_category)
        assert dt.timedelta(0) <= s.found_at - first.closed_at <= dt.timedelta(days=90)


def test_capa_actions_with_owners_some_overdue(filled):
    from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
    from feedback_desk.desks.quality.listings import pareto
    today = clock.today_local()
    actions = list(CapaAction.select().where(CapaAction.voided == False))  # noqa: E712
    assert {a.kind for a in actions} == {"containment", "corrective", "preventive"}
    assert all(a.owner_id and a.due_on for a in actions)
    overdue = [a for a in actions if a.done_on is None and a.due_on < today]
    assert len(overdue) >= 3
    assert all(AnomalySheet.get_by_id(a.sheet_id).state in ("raised", "investigating", "acting") for a in overdue)
    for a in actions:
        sheet = AnomalySheet.get_by_id(a.sheet_id)
        assert a.done_on is None or clock.to_local(sheet.found_at).date() <= a.done_on <= today
        if sheet.state in ("verifying", "closed"):
            assert a.done_on
    causes = [row for row in pareto(None, None, "cause") if row.key is not None]
    assert len(causes) >= 4
    assert causes[0].count + causes[1].count >= 0.4 * sum(r.count for r in causes)


def test_quality_sheets_are_about_what_a_hotel_group_checks(filled):
    """Food, linen, amenities, room and kitchen equipment, purchased disposables; no bridge beams.
    External sheets start from a guest's (or a banquet client's) complaint."""
    from feedback_desk.base.models import Department
    from feedback_desk.desks.customers.models import Customer
    from feedback_desk.desks.quality.models import AnomalySheet
    sheets = list(AnomalySheet.select().where(AnomalySheet.voided == False))  # noqa: E712
    products = {s.product for s in sheets}
    kinds = {"food": {"冷冻虾仁", "早餐鲜牛奶", "食用油"}, "linen": {"床单", "浴巾"},
             "amenities": {"洗发水", "一次性牙具"}, "equipment": {"电热水壶", "吹风机", "厨房冷藏柜"},
             "purchased goods": {"一次性拖鞋"}}
    assert products <= set().union(*kinds.values())
    for kind, names in kinds.items():
        assert products & names, kind
    text = " ".join(s.product + s.description + s.root_cause + s.containment for s in sheets)
    for yard in ("梁", "钢筋", "支座", "混凝土", "张拉", "台座"):
        assert yard not in text, yard
    external = [s for s in sheets if s.source == "external"]
    assert 0 < len(external) < len(sheets) / 4
    for s in external:
        assert s.description.startswith("客人") and s.reporter
        if s.customer_id:
            assert Customer.get_by_id(s.customer_id).kind in ("individual", "group")
    assert "采购部" in {Department.get_by_id(s.responsible_department_id).name
                      for s in sheets if s.responsible_department_id}


def test_the_sheets_photos_are_small_jpegs_with_thumbnails(filled):
    from feedback_desk.base.attachments import Attachment, file_bytes

    files = list(Attachment.select(Attachment.id, Attachment.mime, Attachment.size, Attachment.thumbnail)
                 .where(Attachment.record_table == "anomaly_sheet"))
    assert files
    for f in files:
        data = file_bytes(f.id)
        assert data.startswith(b"\xff\xd8\xff") and len(data) == f.size and f.mime == "image/jpeg"
        assert len(data) < 40_000 and bytes(f.thumbnail).startswith(b"\x89PNG")
