"""The weekly report on the general manager's meeting decisions (to HR by Saturday noon) and the
monthly key-work report (第二条): real .xlsx files read back, who may export them, the command line."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from feedback_desk.base import access, clock, sign_in, staff
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.desks.work import doing, giving, meetings
from feedback_desk.desks.work.models import WorkItem
from feedback_desk.desks.work.decision_reports import gm_meeting_decisions, key_work, week_of
from feedback_desk.desks.work.decision_sheets import HEADER_ROW, export_gm_decisions, export_key_work

from work_hotel import MONDAY, START, hotel, repair, utc  # noqa: F401  (hotel: the fixture)

HEADERS = ["Meeting", "Held on", "No.", "Kind", "Task", "Doer", "Department", "Due date", "New date asked for",
           "State", "Late", "Latest report at", "Latest report"]


def _meeting(hotel, kind="gm_meeting", held=dt.datetime(2026, 11, 16, 8, 30), subject="总经理办公会（周一）"):
    p = hotel["people"]
    m = meetings.record_meeting({"kind": kind, "held_at": held, "subject": subject, "chair": p["陈总"].id,
                                 "minutes_keeper": p["孙主任"].id, "minutes": "一、客诉回顾；二、空调检修。"}, p["孙主任"])
    a = meetings.add_decision(m.id, {"doer": p["周经理"].id, "task": "整理上月客诉，提出三条改进措施",
                                     "due_on": MONDAY + dt.timedelta(days=4)}, p["孙主任"])
    b = meetings.add_decision(m.id, {"doer": p["李师傅"].id, "task": "12 楼空调周三前全部检修完",
                                     "due_on": MONDAY + dt.timedelta(days=2)}, p["孙主任"])
    m = meetings.circulate(m.id, meetings.read_meeting(m.id).version, p["孙主任"])
    return m, WorkItem.get_by_id(a.id), WorkItem.get_by_id(b.id)


def _week(hotel):
    """Monday's GM meeting with two decisions, a weekly meeting's decision, a repair request; by Thursday
    the air-conditioning decision is reported a day late and the complaints one is in progress."""
    p = hotel["people"]
    m, complaints, aircon = _meeting(hotel)
    weekly, _c, _d = _meeting(hotel, "weekly", dt.datetime(2026, 11, 16, 8, 45), "前厅部周例会")
    request = repair(hotel)
    clock.set_now(START + dt.timedelta(minutes=30))
    complaints = doing.acknowledge(complaints.id, complaints.version, p["周经理"], "收到")
    aircon = doing.acknowledge(aircon.id, aircon.version, p["李师傅"], "我明白")
    clock.set_now(utc(2026, 11, 18, 17))
    complaints = doing.report_progress(complaints.id, complaints.version, "已汇总 23 件客诉", p["周经理"])
    clock.set_now(utc(2026, 11, 19, 10))
    aircon = doing.report_done(aircon.id, aircon.version, "全部检修完成，更换风机两台", p["李师傅"])
    return m, complaints, aircon, request


def _rows(path):
    ws = load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    return ws, rows


def test_the_weekly_report_lists_every_gm_meeting_decision_with_its_state_and_lateness(hotel, tmp_path):
    m, complaints, aircon, _request = _week(hotel)
    ws, rows = _rows(export_gm_decisions("2026-11-19", tmp_path / "week.xlsx"))
    assert ws["A1"].value == "Weekly report on the general manager's meeting decisions"
    assert ws["A2"].value == "Week 2026-11-16 to 2026-11-22 · to human resources by Saturday 2026-11-21 12:00"
    assert ws["A3"].value.startswith("2 lines, 1 late; exported 2026-11-19 10:00")
    assert [c.value for c in ws[HEADER_ROW]] == HEADERS
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}" and ws.auto_filter.ref == f"A{HEADER_ROW}:M{HEADER_ROW + 2}"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert rows == [
        ["会议-2026-11-0001", dt.datetime(2026, 11, 16), complaints.number, "Meeting decision",
         "整理上月客诉，提出三条改进措施", "周经理", "Front office", dt.datetime(2026, 11, 20), None, "In progress", "No",
         dt.datetime(2026, 11, 18, 17, 0), "Progress report: 已汇总 23 件客诉"],
        ["会议-2026-11-0001", dt.datetime(2026, 11, 16), aircon.number, "Meeting decision", "12 楼空调周三前全部检修完",
         "李师傅", "Engineering", dt.datetime(2026, 11, 18), None, "Reported done, awaiting confirmation", "Yes",
         dt.datetime(2026, 11, 19, 10, 0), "Completion report: 全部检修完成，更换风机两台"]]
    late = ws.cell(row=HEADER_ROW + 2, column=HEADERS.index("Late") + 1)
    assert late.font.color.rgb.endswith("B00020") and ws.cell(row=HEADER_ROW + 2, column=2).is_date


def test_the_next_week_keeps_what_is_still_open_and_drops_what_was_confirmed(hotel):
    p = hotel["people"]
    _m, complaints, aircon, _request = _week(hotel)
    clock.set_now(utc(2026, 11, 20, 9))
    doing.confirm(aircon.id, aircon.version, p["陈总"])
    assert [line.number for line in gm_meeting_decisions(MONDAY)] == [complaints.number, aircon.number]
    next_week = gm_meeting_decisions(MONDAY + dt.timedelta(days=7))
    assert [(line.number, line.late) for line in next_week] == [(complaints.number, False)]
    clock.set_now(utc(2026, 11, 23, 9))  # the Monday after: the complaints were due on Friday
    assert [(line.number, line.late) for line in gm_meeting_decisions(MONDAY + dt.timedelta(days=7))] == [
        (complaints.number, True)]
    assert gm_meeting_decisions(MONDAY - dt.timedelta(days=7)) == []  # the week before the meeting
    assert week_of(dt.date(2026, 11, 22)) == (MONDAY, dt.date(2026, 11, 22))


def test_the_monthly_key_work_report_takes_every_meetings_decisions_and_work_marked_important(hotel, tmp_path):
    p = hotel["people"]
    _week(hotel)
    ordinary = giving.give({"kind": "cross_department", "doer": p["黄丽"].id, "task": "补充 8 楼布草",
                            "due_on": MONDAY + dt.timedelta(days=4)}, p["王芳"])
    ws, rows = _rows(export_key_work("2026-11", tmp_path / "month.xlsx", bilingual=True))
    assert ws["A1"].value == "月度重点工作汇报 / Monthly key-work report"
    assert ws.cell(row=HEADER_ROW, column=1).value == "会议 / Meeting"
    numbers = [r[2] for r in rows]
    assert numbers == ["工作-2026-11-0005", "工作-2026-11-0001", "工作-2026-11-0002", "工作-2026-11-0003",
                       "工作-2026-11-0004"]  # the repair (important, of no meeting) first, then by meeting
    assert ordinary.number not in numbers
    assert rows[0][:2] == [None, None] and rows[0][3] == "Cross-department request"
    assert [r[0] for r in rows[1:]] == ["会议-2026-11-0001"] * 2 + ["会议-2026-11-0002"] * 2
    assert key_work(2026, 10) == [] and [line.number for line in key_work(2026, 12)] != []  # open ones carry over


def test_only_heads_hr_and_the_gms_office_and_above_export_them_a_head_gets_their_departments(
        hotel, tmp_path, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        _m, complaints, aircon, _request = _week(hotel)
        hr = staff.save_staff("何主管", hotel["dept"]["Human resources"], roles=["hr"])
    as_people(p["李师傅"])
    with pytest.raises(PermissionDenied, match="heads of department, human resources"):
        export_gm_decisions(MONDAY, tmp_path / "w.xlsx")
    assert not (tmp_path / "w.xlsx").exists()
    as_people(p["吴经理"])  # the head of engineering
    assert [line.number for line in gm_meeting_decisions(MONDAY)] == [aircon.number]
    as_people(hr)
    assert [line.number for line in gm_meeting_decisions(MONDAY)] == [complaints.number, aircon.number]


@pytest.mark.sqlite_only
def test_the_command_line_writes_both_reports(hotel, db_target, tmp_path):
    _week(hotel)
    with access.acting_as_the_program():
        sign_in.give_everyone_the_demo_password()
    env = {**os.environ, "FEEDBACK_DESK_USER": "孙主任", "TZ": "Asia/Shanghai"}
    for args, title in ((("gm-decisions", "2026-11-16"), "Weekly report on the general manager's meeting decisions"),
                        (("key-work", "2026-11"), "Monthly key-work report")):
        out = tmp_path / f"{args[0]}.xlsx"
        done = subprocess.run([sys.executable, "-m", "feedback_desk", "--db", str(db_target), "--lang", "en", "export",
                               *args, "-o", str(out)], capture_output=True, text=True, timeout=300,
                              input=sign_in.DEMO_PASSWORD + "\n", env=env)
        assert done.returncode == 0, done.stderr
        ws = load_workbook(out).active
        assert ws["A1"].value == title and ws.cell(row=HEADER_ROW + 1, column=3).value.startswith("工作-2026-11-")
    bad = subprocess.run([sys.executable, "-m", "feedback_desk", "--db", str(db_target), "--lang", "en", "export",
                          "key-work", "2026-13", "-o", str(tmp_path / "x.xlsx")], capture_output=True, text=True,
                         timeout=300, input=sign_in.DEMO_PASSWORD + "\n", env=env)
    assert bad.returncode == 2 and "not a month" in bad.stderr and not (tmp_path / "x.xlsx").exists()
