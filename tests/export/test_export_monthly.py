"""The monthly workbook on a known month: the summary's figures, its charts, one ledger sheet per desk."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart

from feedback_desk.base import i18n
from feedback_desk.export import monthly, styles
from feedback_desk.reports import monthly_figures as F
from feedback_desk.desks import registry
from feedback_desk.export.safe import ExportError
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.housekeeping.models import MaintenanceItem, Room, ServiceSheet
from feedback_desk.desks.suggestions.models import RewardPoints, Suggestion


def _rec(clerk, day: dt.date) -> dict:
    at = dt.datetime.combine(day, dt.time(3, 0))
    return dict(created_at=at, updated_at=at, created_by=clerk.id, updated_by=clerk.id)


@pytest.fixture
def november(db, clerk, fixed_clock):
    """A small month (November 2026) whose figures are worked out by hand, and one day of October."""
    dining = Department.get(Department.name == "Dining").id
    front = Department.get(Department.name == "Front office").id
    d = dt.date
    Feedback.create(**_rec(clerk, d(2026, 11, 3)), channel="card_checkout", kind="praise", date=d(2026, 11, 3),
                    text="好", department=dining, rating_attitude=4, rating_skill=3)
    Feedback.create(**_rec(clerk, d(2026, 11, 5)), channel="visit", kind="complaint", date=d(2026, 11, 5),
                    text="=cmd|' /C calc'!A0", department=dining, rating_attitude=1, rating_skill=2,
                    register_no="客诉-2026-11-0001", state="registered", serious=True)
    Feedback.create(**_rec(clerk, d(2026, 11, 6)), channel="phone", kind="complaint", date=d(2026, 11, 6),
                    text="慢", department=front, rating_attitude=3, register_no="客诉-2026-11-0002", state="closed")
    Feedback.create(**_rec(clerk, d(2026, 11, 7)), channel="phone", kind="complaint", date=d(2026, 11, 7),
                    text="作废", department=front, register_no="客诉-2026-11-0003", state="registered",
                    voided=True, void_reason="重复")
    Feedback.create(**_rec(clerk, d(2026, 10, 10)), channel="card_checkout", kind="praise", date=d(2026, 10, 10),
                    text="好", rating_attitude=4)
    for n, cause in enumerate(("man", "man", "machine", None)):
        sheet = AnomalySheet.create(**_rec(clerk, d(2026, 11, 2 + n)), number=f"QA-2026-11-000{n + 1}",
                                    source="internal", found_at=dt.datetime(2026, 11, 2 + n, 3), product="床单",
                                    product_key="床单", description="污渍", severity="general",
                                    cause_category=cause)
    CapaAction.create(**_rec(clerk, d(2026, 11, 5)), sheet=sheet.id, kind="corrective", what="重洗",
                      due_on=d(2026, 11, 10))
    CapaAction.create(**_rec(clerk, d(2026, 11, 5)), sheet=sheet.id, kind="preventive", what="培训",
                      due_on=d(2026, 11, 20))
    for n, (adoption, state) in enumerate((("adopted", "closed"), ("partly", "answered"),
                                           ("not_adopted", "closed"), (None, "received"))):
        Suggestion.create(**_rec(clerk, d(2026, 11, 1 + n)), number=f"建议-2026-000{n + 1}",
                          received_on=d(2026, 11, 1 + n), text="建议", adoption=adoption, state=state)
    for kind, points, voided in (("temporary", 5, False), ("permanent", 10, False), ("temporary", 100, True)):
        RewardPoints.create(**_rec(clerk, d(2026, 11, 8)), staff=clerk.id, kind=kind, points=points, reason="好",
                            granted_on=d(2026, 11, 8), voided=voided)
    room = Room.create(number="801", floor=8)
    MaintenanceItem.create(**_rec(clerk, d(2026, 11, 9)), room=room.id, description="灯坏")
    ServiceSheet.create(**_rec(clerk, d(2026, 11, 10)), date=d(2026, 11, 10), floor=8, attendant=clerk.id)


def test_summary_figures(november):
    counts = {c.desk: c for c in F.desk_counts(dt.date(2026, 11, 1), dt.date(2026, 11, 30))}
    assert counts["feedback"].total == 3 and dict(counts["feedback"].by_state)["Complaint"] == 2
    assert dict(counts["complaints"].by_state) == {"Registered": 1, "Investigating": 0, "Replied": 0, "Closed": 1}
    assert counts["anomalies"].total == 4 and counts["suggestions"].total == 4
    by_dept = F.complaints_by_department(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [(r.label, r.count, r.serious) for r in by_dept] == [("Dining", 1, 1), ("Front office", 1, 0)]
    attitude = F.satisfaction(2026, 11)[0]
    assert attitude.average == pytest.approx(8 / 3) and attitude.satisfied == pytest.approx(2 / 3)
    assert attitude.ratings == 3 and attitude.last_average == 4 and attitude.last_satisfied == 1
    trend = F.satisfaction_trend(2026, 11)
    assert len(trend) == 12 and trend[-1][0] == "2026-11" and trend[-2][1][0] == 4 and trend[0][1][0] is None
    adoption = F.suggestion_adoption(2026, 11)
    assert (adoption.entries, adoption.decided, adoption.rate) == (4, 3, pytest.approx(2 / 3))
    assert F.reward_points(2026, 11) == [("Temporary points (临时加新点奖)", 5), ("Permanent points (永久性加新点奖)", 10)]
    assert {key: n for key, _title, n in F.overdue_now()} == {
        "complaints": 1, "maintenance": 1, "capa_actions": 1, "suggestions": 1, "work_items": 0, "hazards": 0, "incidents": 0}
    late = F.service_lateness(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (late.sheets, late.late, late.by_kind["unverified"], late.by_kind["not_received"]) == (1, 1, 1, 1)


def test_workbook_summary_charts_and_ledger_sheets(november, tmp_path):
    path = monthly.export_month(2026, 11, tmp_path / "m.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Summary" and len(wb.sheetnames) == 1 + len(registry.ledgers())
    summary = wb["Summary"]
    kinds = sorted(type(c).__name__ for c in summary._charts)
    assert kinds == ["BarChart", "BarChart", "LineChart"]
    pareto = next(c for c in summary._charts if isinstance(c, BarChart) and c._charts[1:])
    assert isinstance(pareto._charts[1], LineChart)  # cumulative share on a second axis
    rows = {r[0]: r[1:] for r in summary.iter_rows(values_only=True) if r and isinstance(r[0], str)}
    assert rows["Adoption rate (adopted or partly, of those decided)"][0] == pytest.approx(2 / 3)
    assert rows["Overdue corrective and preventive actions"][0] == 1
    assert rows["Attitude"][:2] == (pytest.approx(8 / 3), pytest.approx(2 / 3))
    assert rows["Man (people)"][:3] == (2, 0.5, 0.5) and rows["Not yet known"][2] == 1
    complaints = wb["Complaints"]
    # the ledger keeps the voided complaint, marked void (the summary does not count it)
    assert complaints.max_row == 4 and complaints.tables["Ledger_complaints"].ref.endswith("4")
    headers = [c.value for c in complaints[1]]
    assert complaints.cell(4, headers.index("Void") + 1).value == "Yes"
    hostile = complaints["G2"]
    assert hostile.value == "=cmd|' /C calc'!A0" and hostile.data_type == "s"
    assert wb["Guest feedback"]["B2"].is_date


def test_bad_month_and_unwritable_target(db, tmp_path):
    with pytest.raises(ExportError, match="not a month"):
        monthly.parse_month("2026-13")
    with pytest.raises(ExportError, match="not a month"):
        monthly.export_month(2026, 0, tmp_path / "x.xlsx")
    with pytest.raises(ExportError, match="does not exist"):
        monthly.export_month(2026, 11, tmp_path / "missing" / "x.xlsx")
    assert not (tmp_path / "missing").exists()


SUMMARY_HEADERS = {
    "en": [
        ("Desk", "State or kind", "Records"),
        ("Department", "Complaints", "Of which serious"),
        ("Aspect", "Average rating", "Satisfied or better", "Ratings", "Average last month", "Satisfied last month",
         "Ratings last month"),
        ("Month", "Attitude", "Skill", "Timeliness", "Keeping promises", "Food", "Service", "Environment"),
        ("Figure", "Service sheets"),
        ("Item", "Quantity"),
        ("Cause", "Anomaly sheets", "Share", "Cumulative share"),
        ("Figure", "Entries"),
        ("Kind", "Points"),
        ("Figure", "Count"),
    ],
    "zh_CN": [
        ("台帐类别", "状态或类别", "记录"),
        ("部门", "投诉", "其中严重"),
        ("项目", "平均评分", "满意及以上", "评价数", "上月平均", "上月满意及以上", "上月评价数"),
        ("月份", "态度", "技术", "及时性", "答应事项的办理", "菜品", "服务", "环境"),
        ("指标", "服务日志表"),
        ("物品", "数量"),
        ("原因", "异常单", "占比", "累计占比"),
        ("指标", "建议"),
        ("类别", "分值"),
        ("指标", "数量"),
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_summary_header_row_reads_as_written(november, tmp_path, lang):
    """The shaded header rows of the Summary sheet, read back: real words, no stray N_( or )."""
    i18n.set_language(lang)
    try:
        wb = load_workbook(monthly.export_month(2026, 11, tmp_path / f"m-{lang}.xlsx"))
    finally:
        i18n.set_language("en")
    summary = wb.worksheets[0]
    headers = [tuple(c.value for c in row if c.value is not None) for row in summary.iter_rows()
               if row and row[0].fill.fgColor.rgb.endswith(styles.HEADER_FILL.fgColor.rgb[-6:])]
    assert headers == SUMMARY_HEADERS[lang]
