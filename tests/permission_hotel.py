"""The hotel the permission tests walk through: one person per role, the people records are about,
and what each action is through the core (`do_action`); the permission table as it ships (EXPECTED)
is permission_table.py's."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from feedback_desk.base import access, clock, roles, settings, sign_in, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import files as feedback_files, guest_feedback as feedback
from feedback_desk.desks.safety import (files as safety_files, hazards as safety_hazards,
                                        incidents as safety_incidents)
from feedback_desk.desks.suggestions import files as suggestion_files
from feedback_desk.desks.work import files as work_files
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.housekeeping import handover, maintenance, rooms, service_log
from feedback_desk.desks.housekeeping.models import MaintenanceItem
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.suggestions import box as suggestions, confidential, points
from feedback_desk.loop import clocks as deadlines, duties, work_calendar
from feedback_desk.desks.work import (decision_reports as work_decision_reports, doing as work_doing, duplicates as work_duplicates, giving as work_giving,
                                      meetings as work_meetings, rounds as work_rounds)

PASSWORD = "Matrix-pass-8"


@pytest.fixture
def hotel(db, as_people, fixed_clock, tmp_path):
    """One person per role (a head of Sales, a foreman of floor 9), and the people records are about."""
    with access.acting_as_the_program():
        dept = {d.name: d.id for d in Department.select()}
        people = {}
        for role in roles.LABELS:
            grant = (roles.Grant(role, dept["Sales"]) if role == roles.HEAD else
                     roles.Grant(role, floor=9) if role == roles.FOREMAN else role)
            people[role] = staff.save_staff(f"{role}", dept["Sales"], roles=[grant])
        for name in ("registrar", "handler", "attendant", "writer", "complained"):
            people[name] = staff.save_staff(name, dept["Front office"])
        rooms.add_floor(3, 301, 305)
        rooms.ensure_consumables()
        suggestions.ensure_categories()
    return {"people": people, "dept": dept, "folder": tmp_path}


def prepared(make):
    with access.acting_as_the_program():
        return make()


def complaint_values(hotel, **values):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    base = {"channel": "phone", "kind": "complaint", "date": clock.today_local(), "text": "空调太吵",
            "department": front, "handler": p["handler"].id, "complained_about": p["complained"].id}
    base.update(values)
    return base


def replied(hotel):
    p = hotel["people"]
    values = complaint_values(hotel, state="replied", reply_method="phone", reply_on=clock.today_local(),
                        reply_by=p["handler"].id, reply_text="已致歉")
    return values, feedback.create_feedback(values, p["registrar"])


DAYS_BACK = itertools.count()  # one sheet an attendant, floor and day: each a day earlier


def sheet_with_a_room(hotel):
    attendant = hotel["people"]["attendant"]
    day = clock.today_local() - dt.timedelta(days=next(DAYS_BACK) % 300)
    sheet = service_log.create_sheet({"date": day, "floor": 3, "attendant": attendant.id}, attendant)
    service_log.add_line(sheet.id, {"room": "301", "start_time": "09:00", "end_time": "09:25",
                                    "room_state": "checkout"}, attendant)
    return type(sheet).get_by_id(sheet.id)


def anomaly(hotel):
    return quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍", "severity": "general"},
                               hotel["people"]["registrar"])


def verifying(hotel):
    q = hotel["people"]["quality"]
    with access.acting_as_the_program():
        sheet = anomaly(hotel)
        sheet = quality.advance(sheet.id, sheet.version, "investigating", q)
        sheet = quality.update_sheet(sheet.id, sheet.version, {"cause_category": "man",
                                                               "responsible_department": hotel["dept"]["Rooms division"]}, q)
        sheet = quality.advance(sheet.id, sheet.version, "acting", q)
        quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "重洗", "owner": hotel["people"]["handler"].id,
                                              "due_on": clock.today_local(), "done_on": clock.today_local(),
                                              "evidence": "抽检"}, q)
        return quality.advance(sheet.id, sheet.version, "verifying", q)


def named_suggestion(hotel):
    category = suggestions.categories()[0]
    writer = hotel["people"]["writer"]
    return suggestions.drop_suggestion({"category": category.id, "text": "早餐加粥", "writer": writer.id}, writer)


# action -> what the person does through the core (the record made first, by the program)
def do_action(action: str, hotel, person):
    p = hotel["people"]
    if action == "staff.manage":
        return staff.save_staff("新人", hotel["dept"]["Sales"], by=person)
    if action == "staff.first_password":
        return sign_in.set_first_password(p["writer"].id, PASSWORD, PASSWORD, person)
    if action == "settings.change":
        return settings.set_morning_meeting("08:30")
    if action == "settings.history":
        from feedback_desk.base import settings_history

        return settings_history.settings_history()
    if action == "database.copy":  # into a new file: the same copy as onto a server
        from feedback_desk import copying

        return copying.copy_to(hotel["folder"] / f"copy{person.id}.db")
    if action == "database.back_up":  # the whole database, confidential reports included
        from feedback_desk import backups

        return backups.back_up_to(hotel["folder"] / f"whole{person.id}.db")
    if action == "database.restore":  # a backup of the hotel taken just before: the same data back
        from feedback_desk import backups
        from feedback_desk.base.errors import FeedbackDeskError, PermissionDenied

        with access.acting_as_the_program():
            taken = backups.back_up_to(hotel["folder"] / f"backup{person.id}.db")
        try:
            return backups.restore(taken)
        except PermissionDenied:
            raise
        except FeedbackDeskError as exc:  # on the server a restore is a copy-to, said once the person may
            return exc
    if action == "rules.change":
        return work_calendar.save_holiday(dt.date(2026, 12, 20), "holiday", "试")
    if action == "feedback.read":
        fb = prepared(lambda: feedback.create_feedback(complaint_values(hotel), p["registrar"]))
        return feedback.read_feedback(fb.id)
    if action == "suggestion.read":
        def report():
            writer = p["writer"]
            return suggestions.drop_suggestion({"category": confidential.category_ids()[0], "text": "有人收回扣",
                                                "writer": writer.id}, writer)
        return suggestions.read_suggestion(prepared(report).id)
    if action == "feedback.record":
        return feedback.create_feedback({"channel": "phone", "kind": "praise", "date": clock.today_local(),
                                         "text": "很好"}, person)
    if action == "complaint.handle":
        values = complaint_values(hotel)
        fb = prepared(lambda: feedback.create_feedback(values, p["registrar"]))
        return feedback.update_feedback(fb.id, fb.version, {**values, "state": "investigating",
                                                            "investigation": "查看了空调"}, person)
    if action == "complaint.close":
        values, fb = prepared(lambda: replied(hotel))
        return feedback.update_feedback(fb.id, fb.version, {**values, "state": "closed"}, person)
    if action == "complaint.void":
        fb = prepared(lambda: feedback.create_feedback(complaint_values(hotel), p["registrar"]))
        return feedback.void_feedback(fb.id, fb.version, "重复登记", person)
    if action == "service_log.write":
        return service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": person.id}, person)
    if action == "service_log.verify":
        sheet = prepared(lambda: sheet_with_a_room(hotel))
        return service_log.verify_sheet(sheet.id, sheet.version, person)
    if action == "anomaly.raise":
        return quality.raise_sheet({"source": "internal", "product": "毛巾", "description": "破洞",
                                    "severity": "general"}, person)
    if action == "anomaly.work":
        sheet = prepared(lambda: anomaly(hotel))
        return quality.advance(sheet.id, sheet.version, "investigating", person)
    if action == "anomaly.close":
        sheet = verifying(hotel)
        return quality.advance(sheet.id, sheet.version, "closed", person, verified_by=person.id,
                               verified_on=clock.today_local(), verification_result="连续三批合格")
    if action == "suggestion.drop":
        category = suggestions.categories()[0]
        return suggestions.drop_suggestion({"category": category.id, "text": "加装热水器", "writer": person.id}, person)
    if action == "suggestion.review":
        s = prepared(lambda: named_suggestion(hotel))
        return suggestions.review(s.id, s.version, person.id, person)
    if action == "suggestion.void":
        s = prepared(lambda: named_suggestion(hotel))
        return suggestions.void_suggestion(s.id, s.version, "重复投递", person)
    if action == "points.grant":
        return points.grant_points(p["writer"].id, "temporary", 5, "好建议", person)
    if action in MORE:
        return MORE[action](hotel, person)
    raise AssertionError(action)


# --- the desks' records and the deadline engine ---------------------------------------------------

def customer(hotel):
    registrar = hotel["people"]["registrar"]
    customer = customers.create_customer({"name": "张", "title": "科长", "phones": "13805310001"}, registrar)
    return customer, customers.add_preference(customer.id, "taboo", "不吃辣", None, registrar)


def verified(hotel):
    sheet = sheet_with_a_room(hotel)
    return service_log.verify_sheet(sheet.id, sheet.version, hotel["people"]["handler"])


def follow_up(hotel, state="reported", owner=None):
    """A repair written on an attendant's sheet of floor 3, moved on to `state` by its owner."""
    p = hotel["people"]
    sheet = sheet_with_a_room(hotel)
    line = service_log.sheet_lines(sheet.id)[0]
    service_log.update_line(line.id, line.version, {"room": "301", "room_state": "checkout", "maintenance": "台灯不亮"},
                            p["attendant"])
    item = MaintenanceItem.get(MaintenanceItem.line == line.id)
    owner = owner or p["handler"]
    for step in ("assigned", "fixed")[:("reported", "assigned", "fixed").index(state)]:
        item = maintenance.advance(item.id, item.version, step, owner, owner.id)
    return item


def handed_over(hotel):
    return handover.create_handover({"date": clock.today_local(), "post": "总台", "shift": "morning"},
                                    [("对讲机", 2)], hotel["people"]["registrar"])


def take_over(record, person):
    return handover.take_over(record.id, record.version, {record.lines[0].id: 2}, person)


def major(hotel):
    q = hotel["people"]["quality"]
    sheet = quality.raise_sheet({"source": "internal", "product": "冷冻虾仁", "description": "冷链中断",
                                 "severity": "major"}, hotel["people"]["registrar"])
    return quality.advance(sheet.id, sheet.version, "investigating", q)


def acting_with_an_action(hotel):
    q, handler = hotel["people"]["quality"], hotel["people"]["handler"]
    sheet = anomaly(hotel)
    sheet = quality.advance(sheet.id, sheet.version, "investigating", q)
    sheet = quality.update_sheet(sheet.id, sheet.version, {"cause_category": "man", "responsible_department":
                                                           hotel["dept"]["Rooms division"]}, q)
    sheet = quality.advance(sheet.id, sheet.version, "acting", q)
    return quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "重洗", "owner": handler.id,
                                                 "due_on": clock.today_local()}, q)


def attached(hotel, files=None, record=None):
    """A report added by the registrar to `record` (kept by `files`: an anomaly sheet by default)."""
    files = files or quality_actions.FILES
    record = record or anomaly(hotel)
    return files.add_file(record.id, b"%PDF-1.4 report", "报告.pdf", hotel["people"]["registrar"])


def complaint(hotel):
    return feedback.create_feedback(complaint_values(hotel), hotel["people"]["registrar"])


def hazard(hotel, state="reported"):
    """A hazard the registrar found in the front office, moved on to `state` (the handler rectifies it)."""
    p = hotel["people"]
    with access.acting_as_the_program():
        h = safety_hazards.report_hazard({"area": "electricity", "place": "大堂", "description": "插座松动冒火花",
                                          "severity": "serious", "department": hotel["dept"]["Front office"]},
                                         p["registrar"])
        if state in ("rectifying", "rectified"):
            h = safety_hazards.assign_rectification(h.id, h.version, p["handler"].id, clock.today_local(), None)
        if state == "rectified":
            h = safety_hazards.report_rectified(h.id, h.version, "更换插座", None)
    return h


def incident(hotel, state="reported"):
    """A theft the registrar reported in the front office, moved on to `state`."""
    p = hotel["people"]
    local = clock.to_local(clock.now_utc())
    with access.acting_as_the_program():
        i = safety_incidents.report_incident({
            "kind": "theft", "place": "大堂", "immediate_action": "报警并调取监控", "department": hotel["dept"]["Front office"],
            "happened_at": local - dt.timedelta(hours=1), "handled_at": local - dt.timedelta(minutes=30)}, p["registrar"])
        if state in ("received", "investigating"):
            i = safety_incidents.receive(i.id, i.version, True, "总经办处理", None)
        if state == "investigating":
            safety_incidents.send_to_department(i.id, i.version, hotel["dept"]["Front office"], "查明经过", None)
            i = safety_incidents.read_incident(i.id)
    return i


def add_file(files, make, hotel, person):
    """`person` adds a file to the record `make` makes."""
    return files.add_file(prepared(lambda: make(hotel)).id, b"%PDF-1.4 x", "x.pdf", person)


def void_file(files, make, hotel, person):
    """`person` sets aside the report the registrar added to the record `make` makes."""
    added = prepared(lambda: attached(hotel, files, make(hotel)))
    return files.void_file(added.id, added.version, "错图", person)


def daily_work(hotel):
    """A repair with no deadline of its own, reported on daily (its clock: owner none, the reporter's department)."""
    item = follow_up(hotel)
    deadlines.run_checks()
    return item


PERIODS = itertools.count(1)


def work_given(hotel, state="given"):
    """The registrar asks the handler (both of the front office) to see to something, moved on to `state`."""
    p = hotel["people"]
    item = work_giving.give({"kind": "cross_department", "doer": p["handler"].id, "task": "大堂地毯有污渍"},
                            p["registrar"])
    if state in ("reported", "ruling"):
        item = work_doing.report_done(item.id, item.version, "已清洗", p["handler"])
    if state == "ruling":  # three rounds of disagreement, to a head of the front office of its own
        front = hotel["dept"]["Front office"]
        if not staff.Staff.select().where(staff.Staff.name == "前厅经理").exists():
            staff.save_staff("前厅经理", front, roles=["head"])
        item = work_doing.send_back(item.id, item.version, "还有印子", p["registrar"])
        item = work_doing.dispute(item.id, item.version, "是旧痕，洗不掉", p["handler"])
        item = work_doing.send_back(item.id, item.version, "请换一块", p["registrar"])
    return item


def meeting(hotel, circulated=False):
    """The registrar's weekly meeting, minutes kept by the writer, a decision for the handler (front office)."""
    p = hotel["people"]
    held = meeting_values(hotel, p["registrar"])
    m = work_meetings.record_meeting(held, p["writer"])
    work_meetings.add_decision(m.id, {"doer": p["handler"].id, "task": "周五前整理本月客诉"}, p["writer"])
    if circulated:
        m = work_meetings.circulate(m.id, work_meetings.read_meeting(m.id).version, p["writer"])
        return work_meetings.responses_of(m.id)[0]
    return work_meetings.read_meeting(m.id)


def meeting_values(hotel, chair):
    return {"kind": "weekly", "held_at": clock.to_local(clock.now_utc()), "subject": "前厅周例会", "chair": chair.id,
            "minutes_keeper": hotel["people"]["writer"].id, "minutes": "一、本周客诉回顾"}


def give_work(kind, person, hotel):
    return work_giving.give({"kind": kind, "doer": hotel["people"]["handler"].id, "task": "核对本周团队用房"},
                            person)

MORE = {
    "customer.record": lambda hotel, person: customers.create_customer({"name": "李", "title": "主任"}, person),
    "customer.void": lambda hotel, person: (lambda c: customers.void_customer(c.id, c.version, "重复", person))(
        prepared(lambda: customer(hotel))[0]),
    "preference.void": lambda hotel, person: (lambda pref: customers.void_preference(
        pref.id, pref.version, "记错了", person))(prepared(lambda: customer(hotel))[1]),
    "service_log.lines": lambda hotel, person: (lambda sheet: service_log.add_line(sheet.id, {
        "room": "302", "room_state": "stayover"}, person))(prepared(lambda: sheet_with_a_room(hotel))),
    "service_log.receive": lambda hotel, person: (lambda sheet: service_log.receive_sheet(
        sheet.id, sheet.version, person))(prepared(lambda: verified(hotel))),
    "maintenance.work": lambda hotel, person: (lambda item: maintenance.advance(
        item.id, item.version, "assigned", person, hotel["people"]["handler"].id))(prepared(lambda: follow_up(hotel))),
    "maintenance.check": lambda hotel, person: (lambda item: maintenance.advance(
        item.id, item.version, "checked", person))(prepared(lambda: follow_up(hotel, "fixed"))),
    "handover.write": lambda hotel, person: handover.create_handover(
        {"date": clock.today_local(), "post": "三楼工作间", "shift": "night"}, [("布草车", 3)], person),
    "handover.take": lambda hotel, person: take_over(prepared(lambda: handed_over(hotel)), person),
    "anomaly.correct": lambda hotel, person: (lambda sheet: quality.update_sheet(
        sheet.id, sheet.version, {"description": "污渍，三条"}, person))(prepared(lambda: anomaly(hotel))),
    "anomaly.void": lambda hotel, person: (lambda sheet: quality.void_sheet(sheet.id, sheet.version, "重复", person))(
        prepared(lambda: anomaly(hotel))),
    "anomaly.team": lambda hotel, person: (lambda sheet: quality.name_investigation_team(
        sheet.id, sheet.version, [hotel["people"]["quality"].id, hotel["people"]["handler"].id], person))(
        prepared(lambda: major(hotel))),
    "capa.work": lambda hotel, person: (lambda sheet: quality_actions.add_action(sheet.id, {
        "kind": "containment", "what": "隔离", "owner": person.id, "done_on": clock.today_local()}, person))(
        prepared(lambda: anomaly(hotel))),
    "capa.done": lambda hotel, person: (lambda action: quality_actions.update_action(
        action.id, action.version, {"done_on": clock.today_local(), "evidence": "抽检"}, person))(
        prepared(lambda: acting_with_an_action(hotel))),
    "anomaly.add_file": lambda hotel, person: add_file(quality_actions.FILES, anomaly, hotel, person),
    "anomaly.void_file": lambda hotel, person: void_file(quality_actions.FILES, anomaly, hotel, person),
    "feedback.add_file": lambda hotel, person: add_file(feedback_files.FILES, complaint, hotel, person),
    "feedback.void_file": lambda hotel, person: void_file(feedback_files.FILES, complaint, hotel, person),
    "suggestion.add_file": lambda hotel, person: add_file(suggestion_files.FILES, named_suggestion, hotel, person),
    "suggestion.void_file": lambda hotel, person: void_file(suggestion_files.FILES, named_suggestion, hotel, person),
    "work.add_file": lambda hotel, person: add_file(work_files.FILES, work_given, hotel, person),
    "work.void_file": lambda hotel, person: void_file(work_files.FILES, work_given, hotel, person),
    "hazard.report": lambda hotel, person: safety_hazards.report_hazard(
        {"area": "gas", "place": "锅炉房", "description": "燃气管道有异味", "severity": "major"}, person),
    "hazard.assign": lambda hotel, person: (lambda h: safety_hazards.assign_rectification(
        h.id, h.version, hotel["people"]["handler"].id, clock.today_local(), person))(hazard(hotel)),
    "hazard.rectify": lambda hotel, person: (lambda h: safety_hazards.report_rectified(
        h.id, h.version, "已处理", person))(hazard(hotel, "rectifying")),
    "hazard.check": lambda hotel, person: (lambda h: safety_hazards.check(
        h.id, h.version, True, "合格", person))(hazard(hotel, "rectified")),
    "hazard.void": lambda hotel, person: (lambda h: safety_hazards.void_hazard(
        h.id, h.version, "重复上报", person))(hazard(hotel)),
    "hazard.add_file": lambda hotel, person: add_file(safety_files.FILES, hazard, hotel, person),
    "hazard.void_file": lambda hotel, person: void_file(safety_files.FILES, hazard, hotel, person),
    "incident.report": lambda hotel, person: safety_incidents.report_incident({
        "kind": "fight", "place": "停车场", "immediate_action": "保安制止并报警",
        "happened_at": clock.to_local(clock.now_utc()) - dt.timedelta(minutes=50),
        "handled_at": clock.to_local(clock.now_utc()) - dt.timedelta(minutes=20)}, person),
    "incident.read": lambda hotel, person: safety_incidents.read_incident(prepared(lambda: incident(hotel)).id, person),
    "incident.receive": lambda hotel, person: (lambda i: safety_incidents.receive(
        i.id, i.version, False, "转报", person))(incident(hotel)),
    "incident.instruct": lambda hotel, person: (lambda i: safety_incidents.instruct(
        i.id, i.version, "查明原因", person))(incident(hotel, "received")),
    "incident.investigate": lambda hotel, person: (lambda q: safety_incidents.answer_inquiry(
        q.id, q.version, "已查明", person))(safety_incidents.inquiries_of(incident(hotel, "investigating").id)[0]),
    "incident.close": lambda hotel, person: (lambda i: safety_incidents.close(
        i.id, i.version, {"cause": "疏忽", "measures": "加强巡查", "measures_check": "抽查合格"}, person))(
        incident(hotel, "received")),
    "incident.void": lambda hotel, person: (lambda i: safety_incidents.void_incident(
        i.id, i.version, "重复上报", person))(incident(hotel)),
    "incident.add_file": lambda hotel, person: add_file(safety_files.INCIDENT_FILES, incident, hotel, person),
    "incident.void_file": lambda hotel, person: void_file(safety_files.INCIDENT_FILES, incident, hotel, person),
    "campaign.manage": lambda hotel, person: points.create_campaign({"name": "年终合理化建议", "year": 2026}, person),
    "progress.report": lambda hotel, person: deadlines.report_progress(
        "maintenance", prepared(lambda: daily_work(hotel)).id, "已报厂家", person),
    "deadline.safety": lambda hotel, person: deadlines.mark(
        prepared(lambda: feedback.create_feedback(complaint_values(hotel), hotel["people"]["registrar"])), "safety", person),
    "deadline.emergency": lambda hotel, person: deadlines.mark(
        prepared(lambda: feedback.create_feedback(complaint_values(hotel), hotel["people"]["registrar"])), "emergency",
        person),
    "deadline.unmark": lambda hotel, person: deadlines.mark(
        prepared(lambda: feedback.create_feedback(complaint_values(hotel), hotel["people"]["registrar"])), "", person),
    "duty.complete": lambda hotel, person: duties.complete_duty("quarterly_summary", f"2026-Q{next(PERIODS)}", person),
    "work.read": lambda hotel, person: work_giving.read_item(prepared(lambda: work_given(hotel)).id),
    "work.give": lambda hotel, person: give_work("found_problem", person, hotel),
    "work.give_gm": lambda hotel, person: give_work("gm_assignment", person, hotel),
    "work.order": lambda hotel, person: give_work("direct_order", person, hotel),
    "work.assign": lambda hotel, person: give_work("manager_to_subordinate", person, hotel),
    "work.acknowledge": lambda hotel, person: (lambda w: work_doing.acknowledge(w.id, w.version, person))(
        prepared(lambda: work_given(hotel))),
    "work.report": lambda hotel, person: (lambda w: work_doing.report_done(w.id, w.version, "完成", person))(
        prepared(lambda: work_given(hotel))),
    "work.answer": lambda hotel, person: (lambda w: work_doing.confirm(w.id, w.version, person))(
        prepared(lambda: work_given(hotel, "reported"))),
    "work.reassign": lambda hotel, person: (lambda w: work_giving.change_doer(
        w.id, w.version, hotel["people"]["writer"].id, "人手调整", person))(prepared(lambda: work_given(hotel))),
    "work.rule": lambda hotel, person: (lambda w: work_rounds.rule(w.id, w.version, "giver", "继续清洗", person))(
        prepared(lambda: work_given(hotel, "ruling"))),
    "work.void": lambda hotel, person: (lambda w: work_giving.void_item(w.id, w.version, "重复", person))(
        prepared(lambda: work_given(hotel))),
    "meeting.record": lambda hotel, person: work_meetings.record_meeting(meeting_values(hotel, person), person),
    "meeting.minutes": lambda hotel, person: (lambda m: work_meetings.circulate(m.id, m.version, person))(
        prepared(lambda: meeting(hotel))),
    "meeting.respond": lambda hotel, person: (lambda r: work_meetings.respond(r.id, r.version, "已传达", person))(
        prepared(lambda: meeting(hotel, circulated=True))),
    "work.decision_reports": lambda hotel, person: work_decision_reports.gm_meeting_decisions(clock.today_local()),
    "work.add_to": lambda hotel, person: work_duplicates.add_to_open(
        prepared(lambda: work_given(hotel)).id, "大堂地毯又脏了", person),
}


