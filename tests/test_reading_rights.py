"""What each person may read, through the core as the signed-in person: a complaint about oneself
shows only that it exists (沟通保密, 被投诉人应当回避); a 举报 suggestion is read only by the GM's
office and HR (and its named writer); ledgers and the monthly workbook reach as far as the
reader's departments and office; paper forms follow the same rights."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from feedback_desk.base import access, clock, roles, staff
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.feedback.forms import export_guest_feedback
from feedback_desk.desks.feedback.listings import FeedbackListing
from feedback_desk.desks.quality import sheets as quality
from feedback_desk.desks.suggestions import box as suggestions, confidential
from feedback_desk.desks.suggestions.forms import export_suggestion
from feedback_desk.desks.suggestions.listings import SuggestionListing
from feedback_desk.export.ledgers import export_ledger
from feedback_desk.export.monthly import export_month

DAY = dt.date(2026, 11, 10)


@pytest.fixture
def hotel(db, fixed_clock):
    with access.acting_as_the_program():
        dept = {d.name: d.id for d in Department.select()}
        people = {
            "complained": staff.save_staff("钱服务员", dept["Front office"]),
            "handler": staff.save_staff("孙领班", dept["Front office"]),
            "clerk": staff.save_staff("周员工", dept["Sales"]),
            "front_head": staff.save_staff("赵经理", dept["Front office"], roles=[roles.Grant("head", dept["Front office"])]),
            "sales_head": staff.save_staff("吴经理", dept["Sales"], roles=[roles.Grant("head", dept["Sales"])]),
            "quality": staff.save_staff("高质检", dept["Quality"], roles=["quality"]),
            "hr": staff.save_staff("林人事", dept["Human resources"], roles=["hr"]),
            "office": staff.save_staff("唐总办", dept["General manager's office"], roles=["gm_office"]),
            "gm": staff.save_staff("韩总", dept["General manager's office"], roles=["gm"]),
        }
        suggestions.ensure_categories()
        about = feedback.create_feedback(
            {"channel": "phone", "kind": "complaint", "date": DAY, "text": "前台服务员态度恶劣，还骂人",
             "department": dept["Front office"], "handler": people["handler"].id,
             "complained_about": people["complained"].id}, people["handler"])
        sales = feedback.create_feedback(
            {"channel": "letter", "kind": "complaint", "date": DAY, "text": "会议室报价前后不一",
             "department": dept["Sales"], "handler": people["sales_head"].id}, people["sales_head"])
        report = suggestions.drop_suggestion(
            {"category": confidential.category_ids()[0], "text": "销售部某人收受回扣", "department": dept["Sales"],
             "writer": people["clerk"].id}, people["clerk"])
        quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍", "severity": "general"},
                            people["quality"])
    return {"people": people, "dept": dept, "about": about, "sales": sales, "report": report}


def _feedback_rows(term: str = ""):
    listing = FeedbackListing()
    return {row.id: row for row in listing.page(Filters(text=term), None, True, 0, 100)}


def test_the_person_complained_about_sees_only_that_a_complaint_exists(hotel, as_people, tmp_path):
    p, about = hotel["people"], hotel["about"]
    as_people(p["complained"])
    row = _feedback_rows()[about.id]
    assert "态度恶劣" not in " ".join(row.values) + row.tooltip
    assert "A complaint about you exists" in " ".join(row.values)
    assert about.register_no in row.values                          # the fact: its number and day
    assert about.id not in _feedback_rows("态度恶劣")                  # its words are not searchable either
    assert about.id in _feedback_rows(about.register_no)             # its number is
    assert hotel["sales"].id in _feedback_rows("报价")
    with pytest.raises(PermissionDenied, match="A complaint about you exists"):
        feedback.read_feedback(about.id)
    with pytest.raises(PermissionDenied, match="A complaint about you exists"):
        export_guest_feedback(about.id, tmp_path / "form.xlsx")
    assert not (tmp_path / "form.xlsx").exists()
    # the handler reads it whole, on the table and in the form
    as_people(p["handler"])
    assert "态度恶劣" in " ".join(_feedback_rows()[about.id].values)
    assert feedback.read_feedback(about.id).text.startswith("前台服务员")


def test_a_report_about_a_person_is_read_only_by_the_gms_office_hr_and_its_writer(hotel, as_people, tmp_path):
    p, report = hotel["people"], hotel["report"]

    def listed() -> bool:
        return report.id in {row.id for row in SuggestionListing().page(Filters(), None, True, 0, 100)}

    for who in ("sales_head", "handler", "gm", "quality"):
        as_people(p[who])
        assert not listed(), who
        with pytest.raises(PermissionDenied, match="only the general manager's office and human resources"):
            suggestions.read_suggestion(report.id)
        with pytest.raises(PermissionDenied):
            export_suggestion(report.id, tmp_path / "s.xlsx")
    for who in ("office", "hr", "clerk"):
        as_people(p[who])
        assert listed(), who
        assert suggestions.read_suggestion(report.id).text == "销售部某人收受回扣"


def _ledger_rows(name: str, tmp_path, column: int) -> list:
    out = export_ledger(name, dt.date(2026, 1, 1), dt.date(2026, 12, 31), tmp_path / f"{name}.xlsx")
    return [row[column] for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)]


def test_ledgers_reach_the_readers_departments_and_office(hotel, as_people, tmp_path):
    p = hotel["people"]
    as_people(p["office"])
    assert sorted(_ledger_rows("complaints", tmp_path, 6)) == ["会议室报价前后不一", "前台服务员态度恶劣，还骂人"]
    assert _ledger_rows("suggestions", tmp_path, 5) == ["销售部某人收受回扣"]
    as_people(p["sales_head"])
    assert _ledger_rows("complaints", tmp_path, 6) == ["会议室报价前后不一"]
    assert _ledger_rows("suggestions", tmp_path, 5) == []           # their department's, but a 举报
    as_people(p["front_head"])
    assert _ledger_rows("complaints", tmp_path, 6) == ["前台服务员态度恶劣，还骂人"]
    as_people(p["complained"])
    with pytest.raises(PermissionDenied, match="heads of department"):
        export_ledger("complaints", DAY, DAY, tmp_path / "nothing.xlsx")
    as_people(p["quality"])                                           # the quality office reads its own desk whole
    assert len(_ledger_rows("anomalies", tmp_path, 0)) == 1
    with pytest.raises(PermissionDenied, match="not yours to read"):
        export_ledger("complaints", DAY, DAY, tmp_path / "c.xlsx")
    assert not (tmp_path / "c.xlsx").exists()


def test_a_heads_monthly_workbook_holds_their_departments_only(hotel, as_people, tmp_path):
    p = hotel["people"]
    as_people(p["sales_head"])
    wb = load_workbook(export_month(2026, 11, tmp_path / "sales.xlsx"))
    summary = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
    assert any("Only what you may read" in str(c) and "Sales" in str(c) for c in summary)
    assert "Satisfaction by aspect (4 = very satisfied … 1 = poor)" not in summary  # hotel-wide: not theirs
    complaints = [r[6] for r in wb["Complaints"].iter_rows(min_row=2, values_only=True)]
    assert complaints == ["会议室报价前后不一"]
    assert wb["Quality anomaly sheets"].max_row == 1                  # raised in the quality office: not theirs
    as_people(p["gm"])
    wb = load_workbook(export_month(2026, 11, tmp_path / "all.xlsx"))
    assert len(list(wb["Complaints"].iter_rows(min_row=2))) == 2 and wb["Quality anomaly sheets"].max_row == 2
    as_people(p["clerk"])
    with pytest.raises(PermissionDenied, match="heads of department"):
        export_month(2026, 11, tmp_path / "clerk.xlsx")
