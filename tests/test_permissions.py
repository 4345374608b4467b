"""Who may do what, walked through the core's use cases as the signed-in person: for every action
of the permission table and every role, allowed where EXPECTED says and PermissionDenied elsewhere;
then the conditions that go with a record (the handler, the head of the department concerned,
the foreman of the floor) and what forbids even them (the person complained about, one's own)."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from feedback_desk.base import access, clock, roles, settings, sign_in, staff
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.base.models import Department
from feedback_desk.desks import registry
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.housekeeping import handover, maintenance, rooms, service_log
from feedback_desk.desks.housekeeping.models import MaintenanceItem
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.suggestions import box as suggestions, confidential, points
from feedback_desk.loop import clocks as deadlines, duties, work_calendar

PASSWORD = "Matrix-pass-8"
EVERYONE = frozenset(roles.LABELS)
# the permission table as it ships: action -> the roles that may, with nothing else about the record
EXPECTED = {
    "staff.manage": {"admin"},
    "staff.first_password": {"admin"},
    "settings.change": {"admin"},
    "settings.history": {"admin", "gm"},
    "rules.change": {"admin", "gm"},
    "feedback.record": EVERYONE,
    "feedback.read": EVERYONE,            # a complaint about nobody here; one about oneself: test_reading_rights
    "complaint.handle": {"deputy_gm", "gm"},
    "complaint.close": {"deputy_gm", "gm"},
    "complaint.void": {"deputy_gm", "gm"},
    "service_log.write": EVERYONE,
    "service_log.verify": set(),          # only a foreman of that floor or the head: see below
    "anomaly.raise": EVERYONE,
    "anomaly.work": {"quality"},
    "anomaly.close": {"quality"},
    "suggestion.drop": EVERYONE,
    "suggestion.read": {"gm_office", "hr"},  # a 举报 written by someone else: only these read it
    "suggestion.review": {"gm_office", "hr"},
    "points.grant": {"gm_office", "hr"},
}
MANAGERS = {"gm_office", "deputy_gm", "gm"}
# the desks' records and the deadline engine: who may, with nothing else about the record
EXPECTED.update({
    "customer.record": EVERYONE,
    "customer.void": MANAGERS,            # and whoever entered it, the front office's head: below
    "preference.void": MANAGERS,
    "service_log.lines": set(),           # its attendant while open, a foreman of that floor, the head
    "service_log.receive": set(),         # the front office, the head of the attendant's department
    "maintenance.work": set(),            # its owner, a foreman of the floor, the head concerned
    "maintenance.check": set(),           # the same, never who repaired it
    "handover.write": EVERYONE,
    "handover.take": EVERYONE,            # never the one handing over
    "anomaly.correct": {"quality"},       # and who raised it, while only raised
    "anomaly.void": {"quality"},
    "anomaly.team": {"deputy_gm", "gm"},
    "capa.work": {"quality"},
    "capa.done": {"quality"},             # and its owner
    "attachment.add": EVERYONE,
    "attachment.void": {"quality"},       # and whoever added it
    "campaign.manage": {"gm_office", "hr"},
    "progress.report": {"deputy_gm", "gm"},  # and the item's owner, the head of its department
    "deadline.safety": EVERYONE,
    "deadline.emergency": {"foreman", "head", "quality", "gm_office", "deputy_gm", "gm"},  # and its owner
    "deadline.unmark": {"quality", "gm_office", "deputy_gm", "gm"},  # and the head of its department
    "duty.complete": {"deputy_gm", "gm"},
})


@pytest.fixture
def hotel(db, as_people, fixed_clock):
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
    return {"people": people, "dept": dept}


def _prepared(make):
    with access.acting_as_the_program():
        return make()


def _complaint(hotel, **values):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    base = {"channel": "phone", "kind": "complaint", "date": clock.today_local(), "text": "空调太吵",
            "department": front, "handler": p["handler"].id, "complained_about": p["complained"].id}
    base.update(values)
    return base


def _replied(hotel):
    p = hotel["people"]
    values = _complaint(hotel, state="replied", reply_method="phone", reply_on=clock.today_local(),
                        reply_by=p["handler"].id, reply_text="已致歉")
    return values, feedback.create_feedback(values, p["registrar"])


DAYS_BACK = itertools.count()  # one sheet an attendant, floor and day: each a day earlier


def _sheet_with_a_room(hotel):
    attendant = hotel["people"]["attendant"]
    day = clock.today_local() - dt.timedelta(days=next(DAYS_BACK) % 300)
    sheet = service_log.create_sheet({"date": day, "floor": 3, "attendant": attendant.id}, attendant)
    service_log.add_line(sheet.id, {"room": "301", "start_time": "09:00", "end_time": "09:25",
                                    "room_state": "checkout"}, attendant)
    return type(sheet).get_by_id(sheet.id)


def _anomaly(hotel):
    return quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍", "severity": "general"},
                               hotel["people"]["registrar"])


def _verifying(hotel):
    q = hotel["people"]["quality"]
    with access.acting_as_the_program():
        sheet = _anomaly(hotel)
        sheet = quality.advance(sheet.id, sheet.version, "investigating", q)
        sheet = quality.update_sheet(sheet.id, sheet.version, {"cause_category": "man",
                                                               "responsible_department": hotel["dept"]["Rooms division"]}, q)
        sheet = quality.advance(sheet.id, sheet.version, "acting", q)
        quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "重洗", "owner": hotel["people"]["handler"].id,
                                              "due_on": clock.today_local(), "done_on": clock.today_local(),
                                              "evidence": "抽检"}, q)
        return quality.advance(sheet.id, sheet.version, "verifying", q)


def _named_suggestion(hotel):
    category = suggestions.categories()[0]
    writer = hotel["people"]["writer"]
    return suggestions.drop_suggestion({"category": category.id, "text": "早餐加粥", "writer": writer.id}, writer)


# action -> what the person does through the core (the record made first, by the program)
def _do(action: str, hotel, person):
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
    if action == "rules.change":
        return work_calendar.save_holiday(dt.date(2026, 12, 20), "holiday", "试")
    if action == "feedback.read":
        fb = _prepared(lambda: feedback.create_feedback(_complaint(hotel), p["registrar"]))
        return feedback.read_feedback(fb.id)
    if action == "suggestion.read":
        def report():
            writer = p["writer"]
            return suggestions.drop_suggestion({"category": confidential.category_ids()[0], "text": "有人收回扣",
                                                "writer": writer.id}, writer)
        return suggestions.read_suggestion(_prepared(report).id)
    if action == "feedback.record":
        return feedback.create_feedback({"channel": "phone", "kind": "praise", "date": clock.today_local(),
                                         "text": "很好"}, person)
    if action == "complaint.handle":
        values = _complaint(hotel)
        fb = _prepared(lambda: feedback.create_feedback(values, p["registrar"]))
        return feedback.update_feedback(fb.id, fb.version, {**values, "state": "investigating",
                                                            "investigation": "查看了空调"}, person)
    if action == "complaint.close":
        values, fb = _prepared(lambda: _replied(hotel))
        return feedback.update_feedback(fb.id, fb.version, {**values, "state": "closed"}, person)
    if action == "complaint.void":
        fb = _prepared(lambda: feedback.create_feedback(_complaint(hotel), p["registrar"]))
        return feedback.void_feedback(fb.id, fb.version, "重复登记", person)
    if action == "service_log.write":
        return service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": person.id}, person)
    if action == "service_log.verify":
        sheet = _prepared(lambda: _sheet_with_a_room(hotel))
        return service_log.verify_sheet(sheet.id, sheet.version, person)
    if action == "anomaly.raise":
        return quality.raise_sheet({"source": "internal", "product": "毛巾", "description": "破洞",
                                    "severity": "general"}, person)
    if action == "anomaly.work":
        sheet = _prepared(lambda: _anomaly(hotel))
        return quality.advance(sheet.id, sheet.version, "investigating", person)
    if action == "anomaly.close":
        sheet = _verifying(hotel)
        return quality.advance(sheet.id, sheet.version, "closed", person, verified_by=person.id,
                               verified_on=clock.today_local(), verification_result="连续三批合格")
    if action == "suggestion.drop":
        category = suggestions.categories()[0]
        return suggestions.drop_suggestion({"category": category.id, "text": "加装热水器", "writer": person.id}, person)
    if action == "suggestion.review":
        s = _prepared(lambda: _named_suggestion(hotel))
        return suggestions.review(s.id, s.version, person.id, person)
    if action == "points.grant":
        return points.grant_points(p["writer"].id, "temporary", 5, "好建议", person)
    if action in MORE:
        return MORE[action](hotel, person)
    raise AssertionError(action)


# --- the desks' records and the deadline engine ---------------------------------------------------

def _customer(hotel):
    registrar = hotel["people"]["registrar"]
    customer = customers.create_customer({"name": "张", "title": "科长", "phones": "13805310001"}, registrar)
    return customer, customers.add_preference(customer.id, "taboo", "不吃辣", None, registrar)


def _verified(hotel):
    sheet = _sheet_with_a_room(hotel)
    return service_log.verify_sheet(sheet.id, sheet.version, hotel["people"]["handler"])


def _follow_up(hotel, state="reported", owner=None):
    """A repair written on an attendant's sheet of floor 3, moved on to `state` by its owner."""
    p = hotel["people"]
    sheet = _sheet_with_a_room(hotel)
    line = service_log.sheet_lines(sheet.id)[0]
    service_log.update_line(line.id, line.version, {"room": "301", "room_state": "checkout", "maintenance": "台灯不亮"},
                            p["attendant"])
    item = MaintenanceItem.get(MaintenanceItem.line == line.id)
    owner = owner or p["handler"]
    for step in ("assigned", "fixed")[:("reported", "assigned", "fixed").index(state)]:
        item = maintenance.advance(item.id, item.version, step, owner, owner.id)
    return item


def _handover(hotel):
    return handover.create_handover({"date": clock.today_local(), "post": "总台", "shift": "morning"},
                                    [("对讲机", 2)], hotel["people"]["registrar"])


def _take_over(record, person):
    return handover.take_over(record.id, record.version, {record.lines[0].id: 2}, person)


def _major(hotel):
    q = hotel["people"]["quality"]
    sheet = quality.raise_sheet({"source": "internal", "product": "冷冻虾仁", "description": "冷链中断",
                                 "severity": "major"}, hotel["people"]["registrar"])
    return quality.advance(sheet.id, sheet.version, "investigating", q)


def _acting_with_an_action(hotel):
    q, handler = hotel["people"]["quality"], hotel["people"]["handler"]
    sheet = _anomaly(hotel)
    sheet = quality.advance(sheet.id, sheet.version, "investigating", q)
    sheet = quality.update_sheet(sheet.id, sheet.version, {"cause_category": "man", "responsible_department":
                                                           hotel["dept"]["Rooms division"]}, q)
    sheet = quality.advance(sheet.id, sheet.version, "acting", q)
    return quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "重洗", "owner": handler.id,
                                                 "due_on": clock.today_local()}, q)


def _attached(hotel):
    return quality_actions.add_attachment(_anomaly(hotel).id, b"%PDF-1.4 report", "报告.pdf", hotel["people"]["registrar"])


def _daily_work(hotel):
    """A repair with no deadline of its own, reported on daily (its clock: owner none, the reporter's department)."""
    item = _follow_up(hotel)
    deadlines.run_checks()
    return item


PERIODS = itertools.count(1)

MORE = {
    "customer.record": lambda hotel, person: customers.create_customer({"name": "李", "title": "主任"}, person),
    "customer.void": lambda hotel, person: (lambda c: customers.void_customer(c.id, c.version, "重复", person))(
        _prepared(lambda: _customer(hotel))[0]),
    "preference.void": lambda hotel, person: (lambda pref: customers.void_preference(
        pref.id, pref.version, "记错了", person))(_prepared(lambda: _customer(hotel))[1]),
    "service_log.lines": lambda hotel, person: (lambda sheet: service_log.add_line(sheet.id, {
        "room": "302", "room_state": "stayover"}, person))(_prepared(lambda: _sheet_with_a_room(hotel))),
    "service_log.receive": lambda hotel, person: (lambda sheet: service_log.receive_sheet(
        sheet.id, sheet.version, person))(_prepared(lambda: _verified(hotel))),
    "maintenance.work": lambda hotel, person: (lambda item: maintenance.advance(
        item.id, item.version, "assigned", person, hotel["people"]["handler"].id))(_prepared(lambda: _follow_up(hotel))),
    "maintenance.check": lambda hotel, person: (lambda item: maintenance.advance(
        item.id, item.version, "checked", person))(_prepared(lambda: _follow_up(hotel, "fixed"))),
    "handover.write": lambda hotel, person: handover.create_handover(
        {"date": clock.today_local(), "post": "三楼工作间", "shift": "night"}, [("布草车", 3)], person),
    "handover.take": lambda hotel, person: _take_over(_prepared(lambda: _handover(hotel)), person),
    "anomaly.correct": lambda hotel, person: (lambda sheet: quality.update_sheet(
        sheet.id, sheet.version, {"description": "污渍，三条"}, person))(_prepared(lambda: _anomaly(hotel))),
    "anomaly.void": lambda hotel, person: (lambda sheet: quality.void_sheet(sheet.id, sheet.version, "重复", person))(
        _prepared(lambda: _anomaly(hotel))),
    "anomaly.team": lambda hotel, person: (lambda sheet: quality.name_investigation_team(
        sheet.id, sheet.version, [hotel["people"]["quality"].id, hotel["people"]["handler"].id], person))(
        _prepared(lambda: _major(hotel))),
    "capa.work": lambda hotel, person: (lambda sheet: quality_actions.add_action(sheet.id, {
        "kind": "containment", "what": "隔离", "owner": person.id, "done_on": clock.today_local()}, person))(
        _prepared(lambda: _anomaly(hotel))),
    "capa.done": lambda hotel, person: (lambda action: quality_actions.update_action(
        action.id, action.version, {"done_on": clock.today_local(), "evidence": "抽检"}, person))(
        _prepared(lambda: _acting_with_an_action(hotel))),
    "attachment.add": lambda hotel, person: quality_actions.add_attachment(
        _prepared(lambda: _anomaly(hotel)).id, b"%PDF-1.4 x", "x.pdf", person),
    "attachment.void": lambda hotel, person: (lambda a: quality_actions.void_attachment(a.id, a.version, "错图", person))(
        _prepared(lambda: _attached(hotel))),
    "campaign.manage": lambda hotel, person: points.create_campaign({"name": "年终合理化建议", "year": 2026}, person),
    "progress.report": lambda hotel, person: deadlines.report_progress(
        "maintenance", _prepared(lambda: _daily_work(hotel)).id, "已报厂家", person),
    "deadline.safety": lambda hotel, person: deadlines.mark(
        _prepared(lambda: feedback.create_feedback(_complaint(hotel), hotel["people"]["registrar"])), "safety", person),
    "deadline.emergency": lambda hotel, person: deadlines.mark(
        _prepared(lambda: feedback.create_feedback(_complaint(hotel), hotel["people"]["registrar"])), "emergency",
        person),
    "deadline.unmark": lambda hotel, person: deadlines.mark(
        _prepared(lambda: feedback.create_feedback(_complaint(hotel), hotel["people"]["registrar"])), "", person),
    "duty.complete": lambda hotel, person: duties.complete_duty("quarterly_summary", f"2026-Q{next(PERIODS)}", person),
}


def test_the_table_names_every_permission_the_program_has():
    # the two kept out of the role matrix are one's own by definition: tested below and in test_sign_in
    assert {p.key for p in registry.permissions()} - {"password.own", "complaint.correct"} == set(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_each_role_may_do_what_the_table_says_and_is_refused_the_rest(action, hotel, as_people):
    allowed, refused = set(), {}
    for role in roles.LABELS:
        person = as_people(hotel["people"][role])
        try:
            _do(action, hotel, person)
        except PermissionDenied as exc:
            refused[role] = str(exc)
        else:
            allowed.add(role)
    assert allowed == set(EXPECTED[action]), refused
    assert all(message and "{" not in message for message in refused.values())  # a sentence, filled in


def test_nobody_signed_in_and_a_colleagues_name_are_both_refused(hotel, as_people):
    gm, hr = hotel["people"]["gm"], hotel["people"]["hr"]
    with pytest.raises(PermissionDenied, match="Nobody is signed in"):
        _do("rules.change", hotel, gm)
    as_people(hr)
    with pytest.raises(PermissionDenied, match="only as yourself"):
        _do("complaint.void", hotel, gm)  # an HR clerk passing the GM as `by`


def test_the_handler_and_the_head_concerned_work_on_a_complaint_the_person_complained_about_never(
        hotel, as_people):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    assert _do("complaint.handle", hotel, as_people(p["handler"])).state == "investigating"
    assert _do("complaint.close", hotel, as_people(p["handler"])).state == "closed"
    with access.acting_as_the_program():
        front_head = staff.save_staff("钱经理", front, roles=["head"])
    assert _do("complaint.void", hotel, as_people(front_head)).voided
    # the person complained about steps aside, even if they were the general manager
    with access.acting_as_the_program():
        complained = staff.save_staff("complained", front, p["complained"].id, roles=["gm"])
    for action in ("complaint.handle", "complaint.close", "complaint.void"):
        with pytest.raises(PermissionDenied, match="steps aside"):
            _do(action, hotel, as_people(complained))


def test_who_registered_a_complaint_corrects_it_only_while_it_is_registered(hotel, as_people):
    registrar = hotel["people"]["registrar"]
    values = _complaint(hotel)
    fb = _prepared(lambda: feedback.create_feedback(values, registrar))
    as_people(registrar)
    fb = feedback.update_feedback(fb.id, fb.version, {**values, "text": "空调太吵，换房等了一小时"}, registrar)
    with pytest.raises(PermissionDenied, match="Only the handler"):
        feedback.update_feedback(fb.id, fb.version, {**values, "state": "investigating"}, registrar)


def test_a_foreman_of_that_floor_or_the_head_verifies_never_the_attendant(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        floor3 = staff.save_staff("赵领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
        front_head = staff.save_staff("钱经理", hotel["dept"]["Front office"], roles=["head"])
    assert _do("service_log.verify", hotel, as_people(floor3)).state == "verified"
    assert _do("service_log.verify", hotel, as_people(front_head)).state == "verified"  # heads the attendant
    with access.acting_as_the_program():
        attendant = staff.save_staff("attendant", hotel["dept"]["Front office"], p["attendant"].id,
                                     roles=[roles.Grant("foreman", floor=3)])
    sheet = _prepared(lambda: _sheet_with_a_room(hotel))
    as_people(attendant)
    with pytest.raises(Exception, match="cannot verify their own sheet"):
        service_log.verify_sheet(sheet.id, sheet.version, attendant)


def test_nobody_verifies_the_effect_of_their_own_action(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        handler = staff.save_staff("handler", hotel["dept"]["Front office"], p["handler"].id, roles=["quality"])
    with pytest.raises(PermissionDenied, match="action they carried out"):
        _do("anomaly.close", hotel, as_people(handler))


def test_hr_never_reviews_nor_rewards_its_own_suggestion(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        writer = staff.save_staff("writer", hotel["dept"]["Front office"], p["writer"].id, roles=["hr"])
    with pytest.raises(PermissionDenied, match="their own suggestion"):
        _do("suggestion.review", hotel, as_people(writer))
    with pytest.raises(PermissionDenied, match="to themself"):
        _do("points.grant", hotel, as_people(writer))


def test_a_person_no_longer_working_here_may_do_nothing(hotel, as_people):
    admin = hotel["people"]["admin"]
    with access.acting_as_the_program():
        staff.save_staff("admin", admin.department_id, admin.id, active=False)
    with pytest.raises(PermissionDenied, match="no longer works here"):
        _do("settings.change", hotel, as_people(admin))


# --- conditions of the desks' records and the deadline engine ---------------------------------------

def test_whoever_entered_a_profile_or_the_front_offices_head_voids_it(hotel, as_people):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    assert _do("customer.void", hotel, as_people(p["registrar"])).voided  # the one who entered it
    with access.acting_as_the_program():
        front_head = staff.save_staff("钱经理", front, roles=["head"])
        dining_head = staff.save_staff("孙经理", hotel["dept"]["Dining"], roles=["head"])
    assert _do("customer.void", hotel, as_people(front_head)).voided
    _customer_, taboo = _prepared(lambda: _customer(hotel))
    with access.acting_as_the_program():
        dining_taboo = customers.add_preference(_customer_.id, "taboo", "海鲜过敏", hotel["dept"]["Dining"], p["writer"])
    with pytest.raises(PermissionDenied, match="Only whoever noted it"):
        customers.void_preference(taboo.id, taboo.version, "记错了", as_people(dining_head))
    assert customers.void_preference(dining_taboo.id, dining_taboo.version, "已不过敏", dining_head).voided


def test_the_attendant_writes_the_rooms_while_the_sheet_is_open_the_foreman_after(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        floor3 = staff.save_staff("赵领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
    assert _do("service_log.lines", hotel, as_people(p["attendant"])).floor == 3
    sheet = _prepared(lambda: _verified(hotel))
    line = service_log.sheet_lines(sheet.id)[0]
    with pytest.raises(PermissionDenied, match="while it is open"):
        service_log.void_line(line.id, line.version, "房号写错", as_people(p["attendant"]))
    assert service_log.void_line(line.id, line.version, "房号写错", as_people(floor3)).voided


def test_the_front_office_receives_a_sheet_never_its_attendant(hotel, as_people):
    p = hotel["people"]
    assert _do("service_log.receive", hotel, as_people(p["registrar"])).state == "received"  # of the front office
    with access.acting_as_the_program():  # the attendant moved to the front office, and is a head there
        attendant = staff.save_staff("attendant", hotel["dept"]["Front office"], p["attendant"].id, roles=["head"])
    with pytest.raises(PermissionDenied, match="does not receive their own sheet"):
        _do("service_log.receive", hotel, as_people(attendant))


def test_a_repair_moves_on_by_its_owner_and_is_checked_never_by_who_repaired_it(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        floor3 = staff.save_staff("赵领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
        other3 = staff.save_staff("钱领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
    item = _prepared(lambda: _follow_up(hotel))
    item = maintenance.advance(item.id, item.version, "assigned", as_people(floor3), floor3.id)
    item = maintenance.advance(item.id, item.version, "fixed", floor3)  # the foreman repaired it themself
    with pytest.raises(PermissionDenied, match="their own repair"):
        maintenance.advance(item.id, item.version, "checked", floor3)
    assert maintenance.advance(item.id, item.version, "checked", as_people(other3)).state == "checked"
    # whoever reported it fixed repaired it too, though another was its owner
    item = _prepared(lambda: _follow_up(hotel, "assigned"))
    item = maintenance.advance(item.id, item.version, "fixed", as_people(floor3))
    with pytest.raises(PermissionDenied, match="their own repair"):
        maintenance.advance(item.id, item.version, "checked", floor3)
    with pytest.raises(PermissionDenied, match="Only the follow-up's owner"):
        _do("maintenance.work", hotel, as_people(p["writer"]))


def test_the_one_taking_over_is_never_the_one_handing_over(hotel, as_people):
    record = _prepared(lambda: _handover(hotel))
    with pytest.raises(PermissionDenied, match="must not be the one handing over"):
        _take_over(record, as_people(hotel["people"]["registrar"]))
    assert _take_over(record, as_people(hotel["people"]["writer"])).taken_by_id == hotel["people"]["writer"].id


def test_only_the_general_manager_names_the_team_and_a_major_sheet_waits_for_it(hotel, as_people):
    p = hotel["people"]
    sheet = _prepared(lambda: _major(hotel))
    sheet = quality.update_sheet(sheet.id, sheet.version, {"cause_category": "material", "responsible_department":
                                                           hotel["dept"]["Kitchen"]}, as_people(p["quality"]))
    with pytest.raises(ValidationError, match="general manager or the deputy names its members"):
        quality.advance(sheet.id, sheet.version, "acting", p["quality"])
    with pytest.raises(PermissionDenied, match="Only the general manager or the deputy"):
        quality.name_investigation_team(sheet.id, sheet.version, [p["quality"].id], p["quality"])
    sheet = quality.name_investigation_team(sheet.id, sheet.version, [p["gm"].id, p["quality"].id], as_people(p["gm"]))
    assert sheet.investigation_team == "gm、quality" and sheet.team_named_by_id == p["gm"].id
    assert quality.advance(sheet.id, sheet.version, "acting", as_people(p["quality"])).state == "acting"


def test_who_raised_a_sheet_corrects_its_header_only_while_it_is_raised(hotel, as_people):
    p = hotel["people"]
    registrar = as_people(p["registrar"])
    sheet = _prepared(lambda: _anomaly(hotel))
    sheet = quality.update_sheet(sheet.id, sheet.version, {"description": "污渍，三条"}, registrar)
    with pytest.raises(PermissionDenied, match="Only the quality department investigates"):
        quality.update_sheet(sheet.id, sheet.version, {"root_cause": "洗涤剂"}, registrar)
    with access.acting_as_the_program():
        sheet = quality.advance(sheet.id, sheet.version, "investigating", p["quality"])
    with pytest.raises(PermissionDenied, match="Only who raised the sheet"):
        quality.update_sheet(sheet.id, sheet.version, {"description": "污渍，四条"}, registrar)


def test_an_actions_owner_records_it_done_and_changes_nothing_else(hotel, as_people):
    handler = as_people(hotel["people"]["handler"])
    action = _prepared(lambda: _acting_with_an_action(hotel))
    with pytest.raises(PermissionDenied, match="Only the quality department adds, changes"):
        quality_actions.update_action(action.id, action.version, {"what": "不洗了"}, handler)
    assert quality_actions.update_action(action.id, action.version, {"done_on": clock.today_local(),
                                                                     "evidence": "复检合格"}, handler).done_on


def test_whoever_added_a_file_sets_it_aside(hotel, as_people):
    attachment = _prepared(lambda: _attached(hotel))
    with pytest.raises(PermissionDenied, match="Only whoever added the file"):
        quality_actions.void_attachment(attachment.id, attachment.version, "错图", as_people(hotel["people"]["writer"]))
    assert quality_actions.void_attachment(attachment.id, attachment.version, "错图",
                                           as_people(hotel["people"]["registrar"])).voided


def test_the_owner_reports_progress_and_marks_an_emergency_the_head_concerned_takes_a_mark_off(hotel, as_people):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    with access.acting_as_the_program():
        front_head = staff.save_staff("钱经理", front, roles=["head"])
        item = _follow_up(hotel, "assigned")  # p["handler"] owns it
        deadlines.run_checks()
    assert deadlines.report_progress("maintenance", item.id, "配件已订", as_people(p["handler"])).reported_at
    assert _do("progress.report", hotel, as_people(front_head))  # the reporter's department's head
    with pytest.raises(PermissionDenied, match="Only the item's owner"):
        deadlines.report_progress("maintenance", item.id, "我来说", as_people(p["writer"]))
    complaint = _prepared(lambda: feedback.create_feedback(_complaint(hotel), p["registrar"]))
    assert deadlines.mark(complaint, "emergency", as_people(p["handler"])).flag == "emergency"
    with pytest.raises(PermissionDenied, match="takes a mark off"):
        deadlines.mark(complaint, "", as_people(p["handler"]))
    assert deadlines.mark(complaint, "", as_people(front_head)).flag == ""
