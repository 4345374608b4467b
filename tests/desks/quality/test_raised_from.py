"""A complaint passed to the quality department raises an anomaly sheet in one step (顾客反馈信息管理
制度 4.3.1): the sheet starts from the complaint, both show the link, the guest's photo goes with it;
a void complaint raises none, nobody raises one from a complaint they may not read, a sheet refused
leaves nothing behind."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import access, clock, staff
from feedback_desk.base.attachments import Attachment, pick
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.quality import actions as quality_actions, raised_from, sheets
from feedback_desk.desks.quality.models import AnomalySheet
from feedback_desk import demo_pictures


def _complaint(clerk, **more):
    guest = customers.create_customer({"name": "张", "title": "科长", "organisation": "国税局"}, clerk)
    return feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": clock.today_local(),
                                     "text": "早餐的豆浆有酸味，怀疑变质", "customer": guest.id,
                                     "department": clerk.department_id, "handler": clerk.id, "serious": True,
                                     **more}, clerk)


def test_a_complaint_raises_a_sheet_that_starts_from_it_and_both_show_the_link(db, clerk, fixed_clock):
    complaint = _complaint(clerk)
    start = raised_from.starting_values("feedback", complaint.id, clerk)
    assert start == {"source": "external", "customer": complaint.customer_id, "reporter": "国税局 · 张科长",
                     "description": "早餐的豆浆有酸味，怀疑变质", "severity": "serious"}
    photo = pick(demo_pictures.photo(4), "豆浆.jpg")
    sheet = raised_from.raise_from("feedback", complaint.id, {**start, "product": "豆浆", "batch": "早餐-1120"},
                                   clerk, [photo])
    assert (sheet.source, sheet.product, sheet.customer_id, sheet.raised_from_table, sheet.raised_from_id) == (
        "external", "豆浆", complaint.customer_id, "feedback", complaint.id)
    assert [a.filename for a in quality_actions.FILES.files_of(sheet.id)] == ["豆浆.jpg"]
    link = raised_from.origin_of(sheet)
    assert (link.kind, link.number, link.record_id) == ("Complaint", complaint.register_no, complaint.id)
    assert [(s.number, s.state, s.record_id) for s in raised_from.sheets_raised_from(Feedback, complaint.id)] == [
        (sheet.number, "Raised", sheet.id)]
    assert raised_from.origin_of(sheets.raise_sheet({"source": "internal", "product": "床单", "description": "污渍",
                                                      "severity": "general"}, clerk)) is None


def _nothing_saved(before):
    assert (AnomalySheet.select().count(), Attachment.select().count()) == before


def test_a_void_complaint_or_a_refused_sheet_raises_nothing(db, clerk, fixed_clock):
    complaint = _complaint(clerk)
    photo = pick(demo_pictures.photo(5), "照片.jpg")
    before = (AnomalySheet.select().count(), Attachment.select().count())
    with pytest.raises(ValidationError) as err:  # no product: the sheet refused, its photo not kept
        raised_from.raise_from("feedback", complaint.id, {"source": "external", "description": "x",
                                                          "severity": "general"}, clerk, [photo])
    assert "product" in err.value.errors
    _nothing_saved(before)
    feedback.void_feedback(complaint.id, Feedback.get_by_id(complaint.id).version, "重复登记", clerk)
    with pytest.raises(ValidationError) as err:
        raised_from.raise_from("feedback", complaint.id, {"source": "external", "product": "豆浆", "description": "x",
                                                          "severity": "general"}, clerk)
    assert "void" in err.value.errors[""]
    _nothing_saved(before)
    with pytest.raises(ValidationError):
        raised_from.starting_values("suggestion", 1, clerk)


def test_the_person_complained_about_raises_no_sheet_from_it(db, clerk, fixed_clock, as_people):
    with access.acting_as_the_program():
        about = staff.save_staff("赵磊", clerk.department_id)
        complaint = _complaint(clerk, complained_about=about.id)
    as_people(about)
    before = (AnomalySheet.select().count(), Attachment.select().count())
    with pytest.raises(PermissionDenied):
        raised_from.starting_values("feedback", complaint.id, about)
    with pytest.raises(PermissionDenied):
        raised_from.raise_from("feedback", complaint.id, {"source": "external", "product": "豆浆", "description": "x",
                                                          "severity": "general"}, about)
    _nothing_saved(before)


def test_a_letter_without_a_name_starts_its_sheet_from_the_guest_by_channel(db, clerk, fixed_clock):
    letter = feedback.create_feedback({"channel": "letter", "kind": "complaint", "date": clock.today_local(),
                                       "text": "房间的毛巾有异味", "department": clerk.department_id,
                                       "handler": clerk.id}, clerk)
    start = raised_from.starting_values("feedback", letter.id, clerk)
    assert start["reporter"] == "Guest (Letter)" and start["customer"] is None
    sheet = raised_from.raise_from("feedback", letter.id, {**start, "product": "毛巾"}, clerk)
    assert sheet.reporter == "Guest (Letter)"


def test_both_paper_forms_name_the_other(db, clerk, fixed_clock, tmp_path):
    from openpyxl import load_workbook

    from feedback_desk.desks.feedback.forms import export_guest_feedback
    from feedback_desk.desks.quality.forms import export_anomaly_sheet

    complaint = _complaint(clerk)
    sheet = raised_from.raise_from("feedback", complaint.id, {**raised_from.starting_values(
        "feedback", complaint.id, clerk), "product": "豆浆"}, clerk)

    def texts(path):
        return [c.value for row in load_workbook(path).active.iter_rows() for c in row if isinstance(c.value, str)]
    assert f"{sheet.number} (Raised)" in texts(export_guest_feedback(complaint.id, tmp_path / "c.xlsx"))
    on_sheet = texts(export_anomaly_sheet(sheet.id, tmp_path / "s.xlsx"))
    assert "Raised from" in on_sheet and f"Complaint {complaint.register_no}" in on_sheet


def test_a_food_safety_incident_raises_an_internal_sheet_found_by_its_reporter(db, clerk, fixed_clock):
    from feedback_desk.desks.safety import incidents
    from feedback_desk.desks.safety.models import IncidentReport

    now = clock.to_local(clock.now_utc())
    report = incidents.report_incident({
        "kind": "food_safety", "place": "员工食堂", "happened_at": now - dt.timedelta(hours=3),
        "handled_at": now - dt.timedelta(hours=2, minutes=30), "immediate_action": "停用当餐凉拌菜，送检留样"}, clerk)
    start = raised_from.starting_values("incident_report", report.id, clerk)
    assert (start["source"], start["found_by"], start["severity"]) == ("internal", clerk.id, "serious")
    assert "员工食堂" in start["description"] and "送检留样" in start["description"]
    sheet = raised_from.raise_from("incident_report", report.id, {**start, "product": "凉拌黄瓜"}, clerk)
    assert (sheet.raised_from_table, sheet.raised_from_id, sheet.found_by_id) == ("incident_report", report.id,
                                                                                   clerk.id)
    link = raised_from.origin_of(sheet)
    assert (link.kind, link.number) == ("Incident report", report.number)
    assert [s.number for s in raised_from.sheets_raised_from(IncidentReport, report.id)] == [sheet.number]
