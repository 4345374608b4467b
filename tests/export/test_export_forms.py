"""Paper forms, one per record: built with the core, exported, read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from feedback_desk import demo_pictures
from feedback_desk.base import clock, i18n, staff
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import handover, rooms, service_log
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.suggestions import points as suggestion_points, box as suggestions
from feedback_desk.export import safe
from feedback_desk.desks.feedback.forms import export_guest_feedback
from feedback_desk.desks.customers.forms import export_customer_profile
from feedback_desk.desks.quality.forms import export_anomaly_sheet
from feedback_desk.desks.housekeeping.forms import export_handover, export_service_log
from feedback_desk.desks.suggestions.forms import export_suggestion
from feedback_desk.export.layout import FORMS, TICK
from feedback_desk.export.safe import ExportError
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Customer, Preference
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.housekeeping.models import Handover, HandoverLine, ServiceLine
from feedback_desk.desks.suggestions.models import Suggestion

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\t=1", "\r=1"]


def _dept(name):
    return Department.get(Department.name == name)


# --- records, built with the core -------------------------------------------------------------

def make_customer(by, taboo="不吃辣椒", notes="常住 1208 房"):
    c = customers.create_customer({"name": "张", "title": "科长", "organisation": "国税局", "phones": "138 0000 1111",
                                   "vip": True, "notes": notes}, by)
    customers.add_preference(c.id, "like", "韭菜炒鸡蛋皮", _dept("Dining").id, by)
    customers.add_preference(c.id, "taboo", taboo, _dept("Dining").id, by)
    customers.add_preference(c.id, "taboo", "对海鲜过敏", None, by)
    customers.add_visit(c.id, {"date": clock.today_local(), "place": "牡丹厅", "party_size": 8}, by)
    return c


def make_complaint(by, handler, text="房间空调太吵，换房等了一个小时", **extra):
    values = {"channel": "card_checkout", "kind": "complaint", "date": clock.today_local(), "text": text,
              "rating_attitude": 4, "rating_skill": 3, "rating_timeliness": 1, "serious": True,
              "state": "replied", "handler": handler.id, "investigation": "值班工程师确认风机轴承异响",
              "reply_method": "phone", "reply_on": clock.today_local(), "reply_by": handler.id,
              "reply_text": "已致歉并赠送果盘", "outcome_rating": 3, **extra}
    return feedback.create_feedback(values, by)


def make_service_sheet(attendant, foreman, special="客人要求加床"):
    rooms.add_floor(12, 1201, 1205, "Standard")
    rooms.ensure_consumables()
    soap = rooms.consumables()[1]  # Soap (named in the language of the day the list was made)
    sheet = service_log.create_sheet({"date": clock.today_local(), "floor": 12, "attendant": attendant}, attendant)
    service_log.add_line(sheet.id, {"room": "1201", "start_time": "09:00", "end_time": "09:25",
                                    "room_state": "checkout", "linen_changed": True,
                                    "consumables": {soap.id: 2}, "special": special}, attendant)
    wrong = service_log.add_line(sheet.id, {"room": "1202", "start_time": "09:30", "end_time": "09:50",
                                            "room_state": "stayover", "consumables": {soap.id: 5}}, attendant)
    service_log.add_line(sheet.id, {"room": "1203", "start_time": "10:00", "end_time": "10:20",
                                    "room_state": "stayover", "maintenance": "淋浴龙头滴水",
                                    "consumables": {soap.id: 1}}, attendant)
    sheet = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    service_log.void_line(wrong.id, wrong.version, "房号记错", foreman)
    return sheet


def make_handover(by, taker, post="三楼工作间"):
    h = handover.create_handover({"date": clock.today_local(), "post": post, "shift": "morning"},
                                 [("对讲机", 2), ("万能钥匙", 1), ("布草车", 3)], by)
    lines = {ln.item: ln.id for ln in h.lines}
    return handover.take_over(h.id, h.version, {lines["对讲机"]: 2, lines["万能钥匙"]: 1, lines["布草车"]: 2}, taker)


def make_anomaly(by, other, description="密封面有砂眼，气密试验漏气"):
    s = quality.raise_sheet({"source": "internal", "product": "阀体 DN50", "batch": "B2611-07", "quantity": 12,
                             "description": description, "severity": "major", "containment": "同批隔离待检"}, by)
    s = quality.advance(s.id, s.version, "investigating", by)
    s = quality.update_sheet(s.id, s.version, {"cause_category": "material", "root_cause": "砂芯供应商换料",
                                               "responsible_department": _dept("Engineering").id}, by)
    s = quality.name_investigation_team(s.id, s.version, [by.id, other.id], by)  # the general manager's team
    s = quality.advance(s.id, s.version, "acting", by)
    quality_actions.add_action(s.id, {"kind": "corrective", "what": "更换砂芯供应商并首件检验", "owner": other.id,
                              "due_on": clock.today_local(), "done_on": clock.today_local(),
                              "evidence": "首件检验报告"}, by)
    quality_actions.FILES.add_file(s.id, demo_pictures.photo(1, "crack"), "砂眼照片.jpg", by)
    s = quality.advance(s.id, s.version, "verifying", by)
    return quality.advance(s.id, s.version, "closed", by, verified_by=other.id, verified_on=clock.today_local(),
                           verification_result="连续三批抽检合格")


def make_suggestion(writer, reviewer, anonymous=False, text="宿舍热水时有时无，建议物业楼加装热水器"):
    suggestions.ensure_categories()
    cat = suggestions.categories()[0]
    s = suggestions.drop_suggestion({"category": cat.id, "text": text, "benefit": "改善住宿条件",
                                     "anonymous": anonymous, "writer": writer.id}, writer)
    s = suggestions.review(s.id, s.version, reviewer.id, reviewer)
    s = suggestions.answer(s.id, s.version, "同意，下月安装", "adopted", reviewer)
    if not anonymous:
        suggestion_points.grant_for_suggestion(s.id, "temporary", 5, "建议被采纳", reviewer)
    return s


# --- reading back ---------------------------------------------------------------------------

def cells(path):
    ws = load_workbook(path).active
    return ws, [c for row in ws.iter_rows() for c in row if c.value is not None]


def find(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(f"{text!r} not on the form")


def find_all(ws, text):
    return [c for row in ws.iter_rows() for c in row if c.value == text]


def value_of(ws, label):
    """The value cell beside a label (the first written cell to its right, past the label's merge)."""
    cell = find(ws, label)
    for column in range(cell.column + 1, ws.max_column + 1):
        right = ws.cell(row=cell.row, column=column)
        if right.value is not None:
            return right
    raise AssertionError(f"no value beside {label!r}")


def all_forms(clerk, other, tmp_path):
    """Every form of every desk, exported once: {form key: path}."""
    foreman = staff.save_staff("张伟", _dept("Rooms division").id)
    c = make_customer(clerk)
    out = {
        "customer_profile": export_customer_profile(c.id, tmp_path / "profile.xlsx"),
        "complaint": export_guest_feedback(make_complaint(clerk, other).id, tmp_path / "complaint.xlsx"),
        "comment_card": export_guest_feedback(feedback.create_feedback(
            {"channel": "card_meal", "kind": "praise", "date": clock.today_local(), "text": "菜品很好",
             "rating_food": 4, "rating_service": 4, "rating_environment": 3, "customer": c.id}, clerk).id,
            tmp_path / "card.xlsx"),
        "service_log": export_service_log(make_service_sheet(clerk, foreman).id, tmp_path / "service.xlsx"),
        "handover": export_handover(make_handover(clerk, other).id, tmp_path / "handover.xlsx"),
        "anomaly_internal": export_anomaly_sheet(make_anomaly(clerk, other).id, tmp_path / "qa.xlsx"),
        "suggestion": export_suggestion(make_suggestion(clerk, other).id, tmp_path / "suggestion.xlsx"),
    }
    return out


# --- every form -----------------------------------------------------------------------------

def test_every_form_has_title_number_date_and_print_settings(db, clerk, other, fixed_clock, tmp_path):
    for key, path in all_forms(clerk, other, tmp_path).items():
        code, version, title, _paper = FORMS[key]
        ws, _cells = cells(path)
        assert ws["A1"].value == title, key
        assert ws["A2"].value == f"Form {code} · Version {version}", key
        last = get_column_letter(ws.max_column)
        assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}, key  # the title across the form
        assert int(ws.page_setup.paperSize) == 9, key  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, key
        assert ws.print_area == f"'{code}'!$A$1:${last}${ws.max_row}", key
        assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text, key
        assert find(ws, "No.").fill.fgColor.rgb.endswith("E8EEF4"), key  # shaded label
        assert find(ws, "No.").border.left.style == "thin", key


def test_printed_record_numbers_and_real_dates(db, clerk, other, fixed_clock, tmp_path):
    forms = all_forms(clerk, other, tmp_path)
    today = clock.today_local()
    expected = {"complaint": "客诉-2026-11-0001", "anomaly_internal": "QA-2026-11-0001",
                "suggestion": "建议-2026-11-0001"}
    for key, path in forms.items():
        ws, _cells = cells(path)
        number = value_of(ws, "No.")
        if key in expected:
            assert number.value == expected[key], key
        else:
            assert isinstance(number.value, int), key
        dates = [c for c in _cells if c.is_date]
        assert dates, key
        assert all(isinstance(c.value, (dt.datetime, dt.date, dt.time)) for c in dates), key
        assert any(c.value in (today, dt.datetime.combine(today, dt.time())) or
                   (isinstance(c.value, dt.datetime) and c.value.date() == today) for c in dates), key


def test_profile_card_puts_taboos_first_and_highlighted(db, clerk, fixed_clock, tmp_path):
    c = make_customer(clerk)
    ws, _cells = cells(export_customer_profile(c.id, tmp_path / "p.xlsx"))
    taboo, like, phones = find(ws, "不吃辣椒"), find(ws, "韭菜炒鸡蛋皮"), find(ws, "Phones")
    assert taboo.row < like.row and taboo.row < phones.row
    assert find(ws, "对海鲜过敏").row < like.row
    assert taboo.font.color.rgb.endswith("B00020") and taboo.fill.fgColor.rgb.endswith("FDECEA")
    assert find(ws, "Taboos (must not)").row < find(ws, "Likes").row
    assert any(str(r).startswith(f"B{taboo.row}:") for r in ws.merged_cells.ranges)


def test_bilingual_labels(db, clerk, fixed_clock, tmp_path):
    c = make_customer(clerk)
    ws, _cells = cells(export_customer_profile(c.id, tmp_path / "p.xlsx", bilingual=True))
    assert ws["A1"].value == "顾客档案卡 / Customer profile card"
    assert find(ws, "电话 / Phones") and find(ws, "来访记录 / Visits") and find(ws, "喜好 / Likes")
    assert find(ws, "不吃辣椒")  # what users typed stays as typed
    i18n.set_language("zh_CN")  # the interface language alone: the catalog's Chinese
    ws, _cells = cells(export_customer_profile(c.id, tmp_path / "zh.xlsx"))
    assert find(ws, "电话") and find(ws, "来访记录")


def test_complaint_form_ticks_ratings_and_has_handler_boxes(db, clerk, other, fixed_clock, tmp_path):
    fb = make_complaint(clerk, other)
    ws, _cells = cells(export_guest_feedback(fb.id, tmp_path / "c.xlsx"))
    assert ws["A1"].value == "Guest complaint registration form"
    levels = [find(ws, level) for level in ("Very satisfied", "Satisfied", "Average", "Poor")]
    assert len({c.row for c in levels}) == 1 and [c.column for c in levels] == sorted(c.column for c in levels)
    ticks = {ws.cell(row=r, column=1).value: [ws.cell(row=r, column=c.column).value for c in levels]
             for r in range(levels[0].row + 1, levels[0].row + 4)}
    assert ticks["Attitude"] == [TICK, None, None, None]
    assert ticks["Skill"] == [None, TICK, None, None]
    assert ticks["Timeliness"] == [None, None, None, TICK]
    outcome = find(ws, "With the outcome")
    assert [ws.cell(row=outcome.row, column=c.column).value for c in find_all(ws, "Satisfied")[-1:]] == [TICK]
    handler, reviewer = find(ws, "Handler"), find(ws, "Reviewer")
    assert find(ws, "李娜") and find(ws, "已致歉并赠送果盘")
    assert any(str(r).startswith(handler.coordinate) for r in ws.merged_cells.ranges)
    assert reviewer.row > find(ws, "With the outcome").row
    reply_on = value_of(ws, "Reply on")
    assert reply_on.is_date and reply_on.value.date() == clock.today_local()


def test_service_log_rows_in_cleaning_order_void_struck_and_quantities_as_numbers(db, clerk, other, fixed_clock,
                                                                                  tmp_path):
    foreman = staff.save_staff("张伟", _dept("Rooms division").id)
    sheet = make_service_sheet(clerk, foreman)
    ws, _cells = cells(export_service_log(sheet.id, tmp_path / "s.xlsx"))
    r1, r2, r3 = find(ws, "1201"), find(ws, "1202"), find(ws, "1203")
    assert r1.row < r2.row < r3.row
    soap = find(ws, "Soap\n(pc)")
    assert ws.cell(row=r1.row, column=soap.column).value == 2
    assert ws.cell(row=r2.row, column=soap.column).font.strike
    assert r2.font.strike and not r1.font.strike
    assert any(isinstance(c.value, str) and "房号记错" in c.value for c in _cells)
    total = find(ws, "Total")
    assert ws.cell(row=total.row, column=soap.column).value == 3  # the void line does not count
    start = ws.cell(row=r1.row, column=r1.column + 1)
    assert start.is_date and start.value == dt.time(9, 0)
    assert ws.print_title_rows == f"${soap.row}:${soap.row}"
    assert ws.page_setup.orientation == "landscape"
    verified = find(ws, "Verified by the foreman")
    assert ws.cell(row=verified.row + 1, column=verified.column).value == "张伟"
    assert ws.cell(row=verified.row + 2, column=verified.column).is_date


def test_handover_differences_highlighted(db, clerk, other, fixed_clock, tmp_path):
    h = make_handover(clerk, other)
    ws, _cells = cells(export_handover(h.id, tmp_path / "h.xlsx"))
    cart, radio = find(ws, "布草车"), find(ws, "对讲机")
    diff_col = find(ws, "Difference").column
    assert ws.cell(row=cart.row, column=diff_col).value == -1
    assert ws.cell(row=radio.row, column=diff_col).value == 0
    assert cart.fill.fgColor.rgb.endswith("FDECEA") and not radio.fill.fgColor.rgb.endswith("FDECEA")
    assert find(ws, "Handed over by") and find(ws, "Taken over by") and find(ws, "李娜")


def test_anomaly_sheet_cause_ticks_capa_and_major_box(db, clerk, other, fixed_clock, tmp_path):
    s = make_anomaly(clerk, other)
    ws, _cells = cells(export_anomaly_sheet(s.id, tmp_path / "qa.xlsx"))
    assert ws["A1"].value == "Quality anomaly alert"
    material = find(ws, "Material")
    assert ws.cell(row=material.row + 1, column=material.column).value == TICK
    assert ws.cell(row=material.row + 1, column=find(ws, "Machine").column).value is None
    assert find(ws, "更换砂芯供应商并首件检验") and find(ws, "连续三批抽检合格")
    assert any(isinstance(c.value, str) and "砂眼照片.jpg" in c.value for c in _cells)
    gm = find(ws, "General manager (Major)")
    assert gm.fill.fgColor.rgb.endswith("FDECEA")
    assert value_of(ws, "Severity").fill.fgColor.rgb.endswith("FDECEA")  # a major sheet's severity stands out
    assert find(ws, "Quality inspector").row == gm.row
    qty = value_of(ws, "Quantity")
    assert qty.value == 12 and qty.data_type == "n"


def test_external_anomaly_is_a_feedback_form(db, clerk, fixed_clock, tmp_path):
    s = quality.raise_sheet({"source": "external", "reporter": "华东水务", "product": "阀体", "description": "漏水",
                             "severity": "general"}, clerk)
    ws, _cells = cells(export_anomaly_sheet(s.id, tmp_path / "x.xlsx"))
    assert ws["A1"].value == "Quality anomaly feedback form" and find(ws, "华东水务")


def test_anonymous_suggestion_names_no_writer_anywhere(db, clerk, other, fixed_clock, tmp_path):
    s = make_suggestion(clerk, other, anonymous=True)
    path = export_suggestion(s.id, tmp_path / "anon.xlsx")
    ws, _cells = cells(path)
    assert find(ws, "Anonymous").alignment.horizontal == "center"  # in the interface language; 匿名 on a Chinese form
    texts = [str(c.value) for c in _cells] + [ws.oddHeader.right.text or "", ws.oddFooter.center.text or ""]
    assert not any("王芳" in t or "Front office" in t for t in texts)
    assert "Writer's department" not in texts
    assert find(ws, "李娜")  # the reviewer is named, as on paper


def test_named_suggestion_shows_writer_and_points(db, clerk, other, fixed_clock, tmp_path):
    s = make_suggestion(clerk, other)
    ws, _cells = cells(export_suggestion(s.id, tmp_path / "named.xlsx"))
    assert find(ws, "王芳") and find(ws, "Front office")
    points = find(ws, "Points")
    assert ws.cell(row=points.row + 1, column=points.column).value == 5
    adopted = find(ws, "Adopted")
    assert ws.cell(row=adopted.row + 1, column=adopted.column).value == TICK


# --- safety ---------------------------------------------------------------------------------

@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_is_never_a_formula(db, clerk, other, fixed_clock, tmp_path, hostile):
    """Each form with the hostile string in its user text, read back as that exact text.

    The forms strip what users type, so a leading tab or CR is written into the stored
    record directly, as an import or an older version might have left it."""
    foreman = staff.save_staff("张伟", _dept("Rooms division").id)
    c = make_customer(clerk)
    fb = make_complaint(clerk, other)
    sheet = make_service_sheet(clerk, foreman)
    h = make_handover(clerk, other)
    qa = make_anomaly(clerk, other)
    sug = make_suggestion(clerk, other)
    Customer.update(notes=hostile).where(Customer.id == c.id).execute()
    Preference.update(text=hostile).where((Preference.customer == c.id) & (Preference.kind == "taboo")).execute()
    Feedback.update(text=hostile, investigation=hostile).where(Feedback.id == fb.id).execute()
    ServiceLine.update(special=hostile).where(ServiceLine.sheet == sheet.id).execute()
    Handover.update(post=hostile, notes=hostile).where(Handover.id == h.id).execute()
    HandoverLine.update(item=hostile).where(HandoverLine.handover == h.id).execute()
    AnomalySheet.update(description=hostile, batch=hostile, root_cause=hostile).where(AnomalySheet.id == qa.id).execute()
    CapaAction.update(what=hostile).where(CapaAction.sheet == qa.id).execute()
    Suggestion.update(text=hostile, answer=hostile).where(Suggestion.id == sug.id).execute()
    paths = [export_customer_profile(c.id, tmp_path / "p.xlsx"), export_guest_feedback(fb.id, tmp_path / "c.xlsx"),
             export_service_log(sheet.id, tmp_path / "s.xlsx"), export_handover(h.id, tmp_path / "h.xlsx"),
             export_anomaly_sheet(qa.id, tmp_path / "q.xlsx"), export_suggestion(sug.id, tmp_path / "g.xlsx")]
    # XML turns a bare carriage return into a line feed for every reader, Excel included
    # (openpyxl writes no _x000D_ escape): "\r=1" comes back as the text "\n=1", never a formula
    expected = hostile.replace("\r", "\n")
    for path in paths:
        ws, _cells = cells(path)
        hits = [x for x in _cells if x.value == expected]
        assert len(hits) >= 2, path.name
        assert all(x.data_type == "s" for x in hits), path.name
        assert not any(x.data_type == "f" for x in _cells), path.name


def test_hostile_text_in_every_text_field_reads_back_exactly(db, clerk, other, fixed_clock, tmp_path):
    s = quality.raise_sheet({"source": "internal", "product": "=1+1", "batch": "@SUM(1)", "description": "-1",
                             "severity": "general", "containment": "\t=1"}, clerk)
    ws, _cells = cells(export_anomaly_sheet(s.id, tmp_path / "q.xlsx"))
    for text in ("=1+1", "@SUM(1)"):
        assert find(ws, text).data_type == "s"
    assert not any(c.data_type == "f" for c in _cells)


def test_control_characters_are_replaced_visibly(db, clerk, other, fixed_clock, tmp_path):
    fb = feedback.create_feedback({"channel": "phone", "kind": "praise", "date": clock.today_local(),
                                   "text": "铃声\x07太响"}, clerk)
    ws, _cells = cells(export_guest_feedback(fb.id, tmp_path / "bell.xlsx"))
    assert find(ws, "铃声" + safe.REPLACEMENT + "太响")


def test_missing_folder_gives_a_clear_message_and_no_file(db, clerk, fixed_clock, tmp_path):
    c = make_customer(clerk)
    target = tmp_path / "gone" / "p.xlsx"
    with pytest.raises(ExportError, match="does not exist"):
        export_customer_profile(c.id, target)
    assert not target.exists() and not (tmp_path / "gone").exists()


def test_read_only_folder_gives_a_clear_message_and_no_file(db, clerk, fixed_clock, tmp_path):
    c = make_customer(clerk)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere (root)")
        with pytest.raises(ExportError, match="Cannot write in"):
            export_customer_profile(c.id, folder / "p.xlsx")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_locked_target_keeps_the_old_file_and_leaves_no_temporary(db, clerk, fixed_clock, tmp_path, monkeypatch):
    c = make_customer(clerk)
    target = tmp_path / "p.xlsx"
    target.write_bytes(b"the old file")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe.os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program or read-only"):
        export_customer_profile(c.id, target)
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["p.xlsx"]
