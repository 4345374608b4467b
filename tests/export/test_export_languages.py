"""Every export in the user's language: each paper form, each ledger and the monthly workbook,
rendered from a database a Chinese user filled, read back cell by cell.

A Chinese export must not show English: no cell equal to an English source string of the
catalog, and no Latin word at all except the codes a Chinese form really carries (QA-…,
FD-FO-01, VIP, CAPA, file names). The test's own records are typed in Chinese, so any Latin
word found comes from the program, not from the user.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from feedback_desk import demo_pictures
from feedback_desk.base import access, clock, db as dbmod, i18n, staff
from feedback_desk import opening
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import handover, maintenance, rooms, service_log
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.suggestions import points as suggestion_points, box as suggestions
from feedback_desk.desks.safety import hazards, incidents
from feedback_desk.desks.work import doing, giving, meetings
from feedback_desk.export import commands, layout, monthly
from feedback_desk.desks import registry
from feedback_desk.export.ledgers import export_ledger
from feedback_desk.export.monthly import export_month
from feedback_desk.base.models import Department
from feedback_desk.desks.housekeeping.models import MaintenanceItem

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 15, 4, 0, 0)  # noon in China
# Latin words a Chinese form carries as they are: record and form codes, units of the trade
CODES = {"QA", "FD", "FO", "HK", "GM", "SA", "VIP", "CAPA", "ID", "KB", "png", "jpg"}  # file endings are not words
# a word of letters only: batch and part codes such as B2611-07 or DN50 are not words
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?:['’][A-Za-z]+)?(?![A-Za-z0-9])")


def _english_msgids() -> set[str]:
    """The catalog's English source strings that Chinese users see in Chinese."""
    from babel.messages.pofile import read_po

    with (ROOT / "resources" / "translations" / "zh_CN.po").open("rb") as fh:
        return {m.id for m in read_po(fh, locale="zh_CN") if m.id and m.string and m.string != m.id}


# --- a database a Chinese user filled ----------------------------------------------------------

def _dept(n: int) -> int:
    return Department.select(Department.id).order_by(Department.id).offset(n).scalar()


def _fill() -> dict[str, list[str]]:
    """One record or more of every kind, through the core, in Chinese; returns the record names
    `feedback-desk export form` takes, by form kind."""
    today = clock.today_local()
    clerk = staff.save_staff("王芳", _dept(0))
    other = staff.save_staff("李娜", _dept(1))
    foreman = staff.save_staff("张伟", _dept(2))
    c = customers.create_customer({"name": "张", "title": "科长", "organisation": "国税局", "phones": "138 0000 1111",
                                   "vip": True, "notes": "常住 1208 房"}, clerk)
    customers.add_preference(c.id, "like", "韭菜炒鸡蛋皮", _dept(1), clerk)
    customers.add_preference(c.id, "taboo", "不吃辣椒", None, clerk)
    customers.add_visit(c.id, {"date": today, "place": "牡丹厅", "party_size": 8}, clerk)
    gone = customers.create_customer({"name": "刘", "title": "先生"}, clerk)
    customers.void_customer(gone.id, gone.version, "重复建档", clerk)

    complaint = feedback.create_feedback(
        {"channel": "card_checkout", "kind": "complaint", "date": today, "text": "房间空调太吵",
         "rating_attitude": 4, "rating_skill": 3, "rating_timeliness": 1, "serious": True, "state": "replied",
         "handler": other.id, "complained_about": foreman.id, "investigation": "风机轴承异响",
         "reply_method": "phone", "reply_on": today, "reply_by": other.id, "reply_text": "已致歉并赠送果盘",
         "outcome_rating": 3, "customer": c.id, "department": _dept(0), "place": "1208"}, clerk)
    card = feedback.create_feedback(
        {"channel": "card_meal", "kind": "praise", "date": today, "text": "菜品很好", "rating_food": 4,
         "rating_service": 4, "rating_environment": 3, "customer": c.id, "department": _dept(1)}, clerk)

    rooms.add_floor(12, 1201, 1205, "标准间")
    rooms.ensure_consumables()
    soap = rooms.consumables()[1]
    sheet = service_log.create_sheet({"date": today, "floor": 12, "attendant": clerk}, clerk)
    service_log.add_line(sheet.id, {"room": "1201", "start_time": "09:00", "end_time": "09:25",
                                    "room_state": "checkout", "linen_changed": True,
                                    "consumables": {soap.id: 2}, "special": "客人要求加床"}, clerk)
    wrong = service_log.add_line(sheet.id, {"room": "1202", "start_time": "09:30", "end_time": "09:50",
                                            "room_state": "stayover", "consumables": {soap.id: 5}}, clerk)
    service_log.add_line(sheet.id, {"room": "1203", "start_time": "10:00", "end_time": "10:20",
                                    "room_state": "stayover", "maintenance": "淋浴龙头滴水",
                                    "consumables": {soap.id: 1}}, clerk)
    sheet = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    service_log.void_line(wrong.id, wrong.version, "房号记错", foreman)
    service_log.receive_sheet(sheet.id, sheet.version, other)
    item = MaintenanceItem.get()
    maintenance.advance(item.id, item.version, "assigned", foreman, owner_id=other.id)

    h = handover.create_handover({"date": today, "post": "三楼工作间", "shift": "morning", "notes": "钥匙已点清"},
                                 [("对讲机", 2), ("万能钥匙", 1), ("布草车", 3)], clerk)
    lines = {ln.item: ln.id for ln in h.lines}
    h = handover.take_over(h.id, h.version, {lines["对讲机"]: 2, lines["万能钥匙"]: 1, lines["布草车"]: 2}, other)

    first = quality.raise_sheet({"source": "internal", "product": "床单", "batch": "B2611-07", "quantity": 12,
                                 "description": "床单有污渍", "severity": "major", "containment": "同批隔离待检",
                                 "found_at": dt.datetime(2026, 11, 10, 10, 0)},
                                clerk)
    s = quality.advance(first.id, first.version, "investigating", clerk)
    s = quality.update_sheet(s.id, s.version, {"cause_category": "material", "root_cause": "洗涤剂换了供应商",
                                               "responsible_department": _dept(2), "same_batch_check": "同批抽检"},
                           clerk)
    s = quality.name_investigation_team(s.id, s.version, [clerk.id, other.id], clerk)  # the general manager's team
    s = quality.advance(s.id, s.version, "acting", clerk)
    quality_actions.add_action(s.id, {"kind": "corrective", "what": "重新洗涤", "owner": other.id, "due_on": today,
                              "done_on": today, "evidence": "复检记录"}, clerk)
    quality_actions.add_action(s.id, {"kind": "preventive", "what": "更换洗涤剂", "owner": other.id,
                              "due_on": today - dt.timedelta(days=3)}, clerk)
    quality_actions.FILES.add_file(s.id, demo_pictures.photo(2), "污渍照片.jpg", clerk)
    again = quality.raise_sheet({"source": "internal", "product": "床单", "description": "床单又有污渍",
                                 "severity": "general"}, clerk)
    outside = quality.raise_sheet({"source": "external", "customer": c.id, "product": "浴巾",
                                   "description": "浴巾起球", "severity": "serious"}, clerk)

    suggestions.ensure_categories()
    category = suggestions.categories()[0]
    campaign = suggestion_points.create_campaign({"name": "年终合理化建议", "year": today.year}, clerk)
    named = suggestions.drop_suggestion({"category": category.id, "text": "宿舍加装热水器", "benefit": "改善住宿",
                                         "writer": clerk.id, "department": _dept(3), "campaign": campaign.id},
                                        clerk)
    named = suggestions.review(named.id, named.version, other.id, other)
    named = suggestions.answer(named.id, named.version, "同意，下月安装", "adopted", other)
    suggestion_points.grant_for_suggestion(named.id, "temporary", 5, "建议被采纳", other)
    suggestion_points.grant_points(other.id, "permanent", 10, "年度优秀", clerk)
    anonymous = suggestions.drop_suggestion({"category": category.id, "text": "食堂菜太咸", "anonymous": True},
                                            None)
    work_item = giving.give({"kind": "cross_department", "doer": other.id, "urgency": "important",
                             "task": "1205房空调不制冷，请修好", "due_on": today + dt.timedelta(days=2)}, clerk)
    work_item = doing.acknowledge(work_item.id, work_item.version, other, "正在办理")
    doing.report_progress(work_item.id, work_item.version, "已更换启动电容", other)
    meeting = meetings.record_meeting({"kind": "gm_meeting", "held_at": dt.datetime.combine(today - dt.timedelta(days=1), dt.time(9, 0)),
                                       "subject": "总经理办公会", "chair": other.id, "minutes_keeper": clerk.id,
                                       "attendees": [foreman.id], "minutes": "一、客诉回顾；二、空调检修。"}, clerk)
    meetings.add_decision(meeting.id, {"doer": foreman.id, "task": "本周五前整理上月客诉",
                                       "due_on": today + dt.timedelta(days=4)}, clerk)
    hazard = hazards.report_hazard({"area": "food_hygiene", "place": "中餐厨房冷库", "severity": "serious",
                                    "description": "冷库温度8℃，生熟混放", "department": _dept(3)}, clerk)
    hazard = hazards.assign_rectification(hazard.id, hazard.version, other.id, today + dt.timedelta(days=2), clerk)
    hazard = hazards.report_rectified(hazard.id, hazard.version, "更换温控器", other)
    hazards.check(hazard.id, hazard.version, False, "仍为6℃", clerk)
    now = clock.to_local(clock.now_utc())
    report = incidents.report_incident({"kind": "fire", "place": "洗衣房烘干机", "department": _dept(3),
                                        "happened_at": now - dt.timedelta(hours=2), "handled_at": now - dt.timedelta(hours=1, minutes=30),
                                        "immediate_action": "切断电源，干粉灭火", "estimated_loss": 12000}, clerk)
    report = incidents.receive(report.id, report.version, False, "转报主管领导和人力资源中心", other)
    incidents.send_to_department(report.id, report.version, _dept(3), "查明起火原因", other)
    return {"customer": [f"customer:{c.id}", f"customer:{gone.id}"], "hazard": [hazard.number],
            "incident": [report.number],
            "work_item": [work_item.number], "meeting": [meetings.read_meeting(meeting.id).number],
            "feedback": [complaint.register_no, f"feedback:{card.id}"],
            "anomaly": [s.number, again.number, outside.number],
            "sheet": [f"sheet:{sheet.id}"], "handover": [f"handover:{h.id}"],
            "suggestion": [named.number, anonymous.number]}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Every export, in zh_CN and in en, of one database filled in Chinese: {(lang, name): path}."""
    folder = tmp_path_factory.mktemp("exports")
    i18n.set_language("zh_CN")
    clock.set_now(NOW)
    opening.open_database(folder / "zh.db")
    try:
        staff.ensure_departments()
        with access.acting_as_the_program():  # a module's fixture: the autouse one is not there yet
            records = _fill()
        month = clock.today_local()
        out: dict[tuple[str, str], Path] = {}
        with access.acting_as_the_program():  # exported as the program: every row
            for lang in ("zh_CN", "en"):
                i18n.set_language(lang)
                for kind, names in records.items():
                    for name in names:
                        out[lang, name] = commands.export_form(name, folder / f"{lang}-{kind}-{len(out)}.xlsx")
                for key in registry.ledgers():
                    out[lang, f"ledger {key}"] = export_ledger(key, month.replace(day=1), month,
                                                               folder / f"{lang}-{key}.xlsx")
                out[lang, "month"] = export_month(month.year, month.month, folder / f"{lang}-month.xlsx")
        yield {"files": out, "records": records}
    finally:
        dbmod.close_database()
        clock.set_now(None)
        i18n.set_language("en")


def _texts(path: Path):
    """(where, text) of every cell, chart title and sheet name a user can read."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        yield f"{path.name}: sheet name", ws.title
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield f"{ws.title}!{cell.coordinate}", cell.value
        for n, chart in enumerate(ws._charts):
            for part, title in _chart_titles(chart):
                yield f"{ws.title} chart {n + 1} {part}", title


def _chart_titles(chart):
    def text(title):
        if title is None or title.tx is None or title.tx.rich is None:
            return None
        return "".join(run.t for p in title.tx.rich.p for run in (p.r or []))

    for part, title in (("title", chart.title), ("x axis", chart.x_axis.title), ("y axis", chart.y_axis.title)):
        if text(title):
            yield part, text(title)
    for child in getattr(chart, "_charts", [])[1:]:
        if text(child.y_axis.title):
            yield "second axis", text(child.y_axis.title)


def _english_in(text: str, msgids: set[str]) -> str | None:
    if text in msgids:
        return "an English source string"
    words = [w for w in LATIN_WORD.findall(text) if w not in CODES]
    return f"English words {words}" if words else None


def test_every_form_kind_and_paper_form_is_rendered(exports):
    """The check below covers every kind the command line exports and every paper form."""
    assert set(exports["records"]) == set(registry.paper_forms())
    titles = {load_workbook(path).active.title for (lang, name), path in exports["files"].items()
              if lang == "en" and not name.startswith("ledger") and name != "month"}
    assert titles == {code for code, _v, _t, _p in layout.FORMS.values()}


def test_chinese_exports_show_no_english(exports):
    msgids = _english_msgids()
    found = []
    for (lang, name), path in exports["files"].items():
        if lang != "zh_CN":
            continue
        for where, text in _texts(path):
            why = _english_in(text, msgids)
            if why:
                found.append(f"{name} {where}: {text!r} ({why})")
    assert found == [], "\n".join(found)


# --- sheet names --------------------------------------------------------------------------------

EXCEL_SHEET_NAME = 31  # characters Excel keeps of a sheet's name


def _declared_sheet_names() -> list[str]:
    """The short titles the exports declare, in the language in force."""
    return ([i18n._(monthly.SUMMARY_SHEET)] + [i18n._(d.sheet) for d in registry.ledgers().values()]
            + [code for code, _v, _t, _p in layout.FORMS.values()])


def _catalog_strings() -> set[str]:
    from babel.messages.pofile import read_po

    with (ROOT / "resources" / "translations" / "zh_CN.po").open("rb") as fh:
        return {s for m in read_po(fh, locale="zh_CN") if m.id for s in (m.id, m.string) if s}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_sheet_has_a_short_title_of_its_own(exports, lang):
    """Each sheet of each export is named by a declared short title, never a long one cut at 31."""
    i18n.set_language(lang)
    try:
        declared = _declared_sheet_names()
        month = [i18n._(monthly.SUMMARY_SHEET)] + [i18n._(d.sheet) for d in registry.ledgers().values()]
    finally:
        i18n.set_language("en")
    assert all(len(name) <= EXCEL_SHEET_NAME for name in declared), declared
    assert len(set(month)) == len(month), month  # one workbook: the names must differ
    cut = {s[:EXCEL_SHEET_NAME] for s in _catalog_strings() if len(s) > EXCEL_SHEET_NAME}
    seen = []
    for (made_in, name), path in exports["files"].items():
        if made_in != lang:
            continue
        for ws in load_workbook(path, read_only=True).worksheets:
            seen.append(ws.title)
            assert ws.title in declared, (name, ws.title)
            assert ws.title not in cut, (name, ws.title)  # e.g. 'Corrective and preventive actio'
    assert load_workbook(exports["files"][lang, "month"], read_only=True).sheetnames == month
    assert set(month) <= set(seen)
