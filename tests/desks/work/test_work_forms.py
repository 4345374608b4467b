"""The work desk's paper forms, exported and read back with openpyxl: 工作联络单 with every step and the
giver's and doer's boxes, 会议纪要 with its decisions table and the departments' responses."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from feedback_desk.base import clock
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.desks.work import doing, meetings
from feedback_desk.desks.work.forms import export_meeting_minutes, export_work_item
from feedback_desk.export import commands
from feedback_desk.export.layout import FORMS

from work_hotel import MONDAY, START, hotel, repair, utc  # noqa: F401  (hotel: the fixture)


def _sheet(path):
    return load_workbook(path).active


def _find(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(f"{text!r} not on the form")


def _beside(ws, label):
    """The value cell right of a label (past the label's merge)."""
    cell = _find(ws, label)
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return ws.cell(row=cell.row, column=merged.max_col + 1).value
    return ws.cell(row=cell.row, column=cell.column + 1).value


def _last_in_a(ws, text):
    return [c.row for c in ws["A"] if c.value == text][-1]


def _row(ws, row):
    return [c.value for c in ws[row] if c.value is not None]


def _worked(hotel):
    """The repair given Monday 09:00, acknowledged 09:20, a delay asked and accepted, done, confirmed."""
    p = hotel["people"]
    item = repair(hotel, copied=[p["周经理"].id])
    clock.set_now(START + dt.timedelta(minutes=20))
    item = doing.acknowledge(item.id, item.version, p["李师傅"], "收到")
    item = doing.ask_help(item.id, item.version, "请赵强带压力表一起去", p["李师傅"], colleague=p["赵强"].id)
    item = doing.ask_delay(item.id, item.version, "启动电容缺货，厂家周四送到", p["李师傅"],
                           new_due_on=MONDAY + dt.timedelta(days=3))
    item = doing.answer_delay(item.id, item.version, True, p["王芳"], "同意")
    clock.set_now(utc(2026, 11, 19, 15))
    item = doing.report_done(item.id, item.version, "更换启动电容，试机两小时制冷正常", p["李师傅"])
    clock.set_now(utc(2026, 11, 19, 17, 30))
    return doing.confirm(item.id, item.version, p["王芳"], "客人反映正常")


def test_the_work_liaison_form_shows_who_what_by_when_every_step_and_both_boxes(hotel, tmp_path):
    item = _worked(hotel)
    ws = _sheet(export_work_item(item.id, tmp_path / "work.xlsx"))
    code, version, title, _paper = FORMS["work_item"]
    assert (ws["A1"].value, ws["A2"].value) == (title, f"Form {code} · Version {version}") == (
        "Work liaison form", "Form FD-GM-02 · Version 1")
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
    assert ws.print_area == f"'{code}'!$A$1:${get_column_letter(ws.max_column)}${ws.max_row}"
    assert _beside(ws, "No.") == "工作-2026-11-0001"
    assert _beside(ws, "Given on") == dt.datetime(2026, 11, 16)           # a real Excel date
    assert (_beside(ws, "Kind"), _beside(ws, "Urgency"), _beside(ws, "State")) == (
        "Cross-department request", "Important", "Confirmed")
    assert (_beside(ws, "Given by"), _beside(ws, "Giver's department"), _beside(ws, "Doer"),
            _beside(ws, "Answering department")) == ("王芳", "Front office", "李师傅", "Engineering")
    assert _beside(ws, "Copied to") == "周经理"
    assert _beside(ws, "Task") == "1205房空调不制冷，客人下午入住前请修好"
    assert _beside(ws, "Given at") == dt.datetime(2026, 11, 16, 9, 0)    # local time, as printed
    assert _beside(ws, "Acknowledged at") == dt.datetime(2026, 11, 16, 9, 20)
    assert _beside(ws, "Due date") == dt.datetime(2026, 11, 19)           # the new date accepted
    assert _beside(ws, "Due date as given") == dt.datetime(2026, 11, 18)
    header = _find(ws, "What was said").row
    steps = [_row(ws, r) for r in range(header + 1, header + 7)]
    assert [s[2] for s in steps] == ["Given", "Acknowledged", "Help asked of a colleague", "Cannot finish in time",
                                     "Answer to the delay", "Completion report"]
    assert steps[0][1] == dt.datetime(2026, 11, 16, 9, 0) and steps[0][3:] == ["王芳", "To: 李师傅"]
    assert steps[2][4] == "请赵强带压力表一起去\nColleague: 赵强"
    assert steps[3][4] == "启动电容缺货，厂家周四送到\nNew date: 2026-11-19"
    assert steps[4][4] == "同意\nNew date: 2026-11-19\nAccepted"
    assert _row(ws, header + 7)[2:] == ["Confirmed", "王芳", "客人反映正常"]
    report = _last_in_a(ws, "Completion report")
    assert _row(ws, report) == ["Completion report", "更换启动电容，试机两小时制冷正常"]
    assert (_beside(ws, "Reported done at"), _beside(ws, "Confirmed at")) == (
        dt.datetime(2026, 11, 19, 15, 0), dt.datetime(2026, 11, 19, 17, 30))
    boxes = _last_in_a(ws, "Given by")
    assert _row(ws, boxes) == ["Given by", "Doer"]
    assert _row(ws, boxes + 1) == ["王芳", "李师傅"]
    assert _row(ws, boxes + 2) == [dt.datetime(2026, 11, 19, 17, 30), dt.datetime(2026, 11, 19, 15, 0)]
    assert boxes + 2 == ws.max_row


def test_a_long_exchange_repeats_the_steps_header_on_every_page(hotel, tmp_path):
    """Undated work reported daily for two months runs to several pages; each starts with the steps' header."""
    p = hotel["people"]
    item = repair(hotel, due_on=None)
    item = doing.acknowledge(item.id, item.version, p["李师傅"], "收到")
    for day in range(40):
        clock.set_now(START + dt.timedelta(days=day, hours=6))
        item = doing.report_progress(item.id, item.version, f"第{day + 1}天：配件未到，已催厂家", p["李师傅"])
    ws = _sheet(export_work_item(item.id, tmp_path / "long.xlsx"))
    header = _find(ws, "What was said").row
    assert ws.print_title_rows == f"${header}:${header}"
    assert _row(ws, header + 42)[2:] == ["Progress report", "李师傅", "第40天：配件未到，已催厂家"]


def test_an_item_not_yet_acknowledged_leaves_its_boxes_to_fill_and_its_urgency_stands_out(hotel, tmp_path):
    item = repair(hotel, urgency="urgent", due_on=None)
    ws = _sheet(export_work_item(item.id, tmp_path / "w.xlsx"))
    assert _find(ws, "Urgent").font.color.rgb.endswith("B00020")
    assert _beside(ws, "Due date") == "None: reported daily"
    assert _beside(ws, "Acknowledged at") is None
    assert _row(ws, _last_in_a(ws, "Given by") + 2) == ["Date:", "Date:"]


def test_the_bilingual_form_has_both_languages(hotel, tmp_path):
    ws = _sheet(export_work_item(repair(hotel).id, tmp_path / "w.xlsx", bilingual=True))
    assert ws["A1"].value == "工作联络单 / Work liaison form"
    for label in ("承办人 / Doer", "交办人 / Given by", "工作内容 / Task"):
        _find(ws, label)


def test_a_work_item_form_is_refused_to_who_may_not_read_the_item(hotel, tmp_path, as_people):
    item = repair(hotel)
    as_people(hotel["people"]["黄丽"])  # rooms division: neither gave, does, is copied nor heads it
    with pytest.raises(PermissionDenied):
        export_work_item(item.id, tmp_path / "w.xlsx")
    assert not (tmp_path / "w.xlsx").exists()
    as_people(hotel["people"]["李师傅"])
    assert export_work_item(item.id, tmp_path / "w.xlsx").exists()


def _meeting(hotel):
    p = hotel["people"]
    m = meetings.record_meeting({
        "kind": "gm_meeting", "held_at": dt.datetime(2026, 11, 16, 8, 30), "subject": "总经理办公会（周一）",
        "chair": p["陈总"].id, "minutes_keeper": p["孙主任"].id,
        "attendees": [p["刘副总"].id, p["周经理"].id, p["吴经理"].id],
        "minutes": "一、上周客诉回顾；二、VIP 接待安排；三、12 楼空调检修。"}, p["孙主任"])
    meetings.add_decision(m.id, {"doer": p["周经理"].id, "task": "本周五前整理上月客诉，提出三条改进措施",
                                 "due_on": MONDAY + dt.timedelta(days=4)}, p["孙主任"])
    meetings.add_decision(m.id, {"doer": p["李师傅"].id, "task": "12 楼空调周三前全部检修完",
                                 "due_on": MONDAY + dt.timedelta(days=2)}, p["孙主任"])
    clock.set_now(utc(2026, 11, 16, 11))
    m = meetings.circulate(m.id, meetings.read_meeting(m.id).version, p["孙主任"])
    clock.set_now(utc(2026, 11, 16, 15))
    engineering = next(r for r in meetings.responses_of(m.id) if r.department.name == "Engineering")
    meetings.respond(engineering.id, engineering.version, "已安排两个班组分层检修", p["吴经理"])
    return m


def test_the_meeting_minutes_show_decisions_circulation_and_responses(hotel, tmp_path):
    m = _meeting(hotel)
    ws = _sheet(export_meeting_minutes(m.id, tmp_path / "m.xlsx"))
    assert ws["A1"].value == "Meeting minutes" and ws["A2"].value == "Form FD-GM-03 · Version 1"
    assert (_beside(ws, "No."), _beside(ws, "Held at"), _beside(ws, "Kind")) == (
        "会议-2026-11-0001", dt.datetime(2026, 11, 16, 8, 30), "General manager's office meeting")
    assert (_beside(ws, "Chair"), _beside(ws, "Minutes keeper"), _beside(ws, "Circulated at")) == (
        "陈总", "孙主任", dt.datetime(2026, 11, 16, 11, 0))
    assert _beside(ws, "Attendees") == "刘副总、周经理、吴经理"
    assert _beside(ws, "Minutes of the meeting") == "一、上周客诉回顾；二、VIP 接待安排；三、12 楼空调检修。"
    header = _find(ws, "Due date").row
    assert _row(ws, header) == ["No.", "Task", "Doer", "Department", "Due date", "State"]
    assert _row(ws, header + 1) == ["工作-2026-11-0001", "本周五前整理上月客诉，提出三条改进措施", "周经理", "Front office",
                                    dt.datetime(2026, 11, 20), "Given, not yet acknowledged"]
    assert _row(ws, header + 2)[:4] == ["工作-2026-11-0002", "12 楼空调周三前全部检修完", "李师傅", "Engineering"]
    answers = _find(ws, "Response").row
    assert _row(ws, answers + 1) == ["Front office", "周经理", "Not yet"]
    assert _row(ws, answers + 2) == ["Engineering", "吴经理", dt.datetime(2026, 11, 16, 15, 0), "已安排两个班组分层检修"]
    boxes = _last_in_a(ws, "Chair")
    assert _row(ws, boxes + 1) == ["陈总", "孙主任"]


def test_a_meeting_not_yet_circulated_says_so(hotel, tmp_path):
    p = hotel["people"]
    m = meetings.record_meeting({"kind": "weekly", "held_at": dt.datetime(2026, 11, 16, 8, 30), "subject": "周例会",
                                 "chair": p["周经理"].id, "minutes_keeper": p["王芳"].id}, p["周经理"])
    ws = _sheet(export_meeting_minutes(m.id, tmp_path / "m.xlsx", bilingual=True))
    assert ws["A1"].value == "会议纪要 / Meeting minutes"
    assert _beside(ws, "通报时间 / Circulated at") == "Not yet"
    assert _find(ws, "无记录 / None recorded")


def test_the_command_line_finds_both_forms_by_their_numbers(hotel, tmp_path):
    m = _meeting(hotel)
    item = meetings.decisions_of(m.id)[0]
    assert commands.find_record("工作-2026-11-0001") == ("work_item", item.id)
    assert commands.find_record("会议-2026-11-0001") == ("meeting", m.id)
    assert commands.find_record(f"meeting:{m.id}") == ("meeting", m.id)
    path = commands.export_form("会议-2026-11-0001", tmp_path / "m.xlsx")
    assert _sheet(path)["A1"].value == "Meeting minutes"
