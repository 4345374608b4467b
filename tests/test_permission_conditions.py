"""The conditions of customer profiles, service sheet lines and receipt, maintenance, handovers,
anomaly sheets' team, header and actions, every desk's files, and the deadline engine's marks and reports:
who besides the table's roles may, and what forbids even them."""
from __future__ import annotations

import pytest

from feedback_desk.base import access, clock, roles, staff
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.desks.feedback import files as feedback_files, guest_feedback as feedback
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.housekeeping import maintenance, service_log
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.suggestions import files as suggestion_files
from feedback_desk.desks.work import files as work_files
from feedback_desk.loop import clocks as deadlines

from permission_hotel import (  # noqa: F401 - hotel: the fixture the tests take
    acting_with_an_action, anomaly, attached, complaint, customer, do_action, follow_up, handed_over, hotel,
    complaint_values, major, named_suggestion, prepared, take_over, verified, work_given)


def test_whoever_entered_a_profile_or_the_front_offices_head_voids_it(hotel, as_people):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    assert do_action("customer.void", hotel, as_people(p["registrar"])).voided  # the one who entered it
    with access.acting_as_the_program():
        front_head = staff.save_staff("钱经理", front, roles=["head"])
        dining_head = staff.save_staff("孙经理", hotel["dept"]["Dining"], roles=["head"])
    assert do_action("customer.void", hotel, as_people(front_head)).voided
    _customer_, taboo = prepared(lambda: customer(hotel))
    with access.acting_as_the_program():
        dining_taboo = customers.add_preference(_customer_.id, "taboo", "海鲜过敏", hotel["dept"]["Dining"], p["writer"])
    with pytest.raises(PermissionDenied, match="Only whoever noted it"):
        customers.void_preference(taboo.id, taboo.version, "记错了", as_people(dining_head))
    assert customers.void_preference(dining_taboo.id, dining_taboo.version, "已不过敏", dining_head).voided


def test_the_attendant_writes_the_rooms_while_the_sheet_is_open_the_foreman_after(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        floor3 = staff.save_staff("赵领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
    assert do_action("service_log.lines", hotel, as_people(p["attendant"])).floor == 3
    sheet = prepared(lambda: verified(hotel))
    line = service_log.sheet_lines(sheet.id)[0]
    with pytest.raises(PermissionDenied, match="while it is open"):
        service_log.void_line(line.id, line.version, "房号写错", as_people(p["attendant"]))
    assert service_log.void_line(line.id, line.version, "房号写错", as_people(floor3)).voided


def test_the_front_office_receives_a_sheet_never_its_attendant(hotel, as_people):
    p = hotel["people"]
    assert do_action("service_log.receive", hotel, as_people(p["registrar"])).state == "received"  # of the front office
    with access.acting_as_the_program():  # the attendant moved to the front office, and is a head there
        attendant = staff.save_staff("attendant", hotel["dept"]["Front office"], p["attendant"].id, roles=["head"])
    with pytest.raises(PermissionDenied, match="does not receive their own sheet"):
        do_action("service_log.receive", hotel, as_people(attendant))


def test_a_repair_moves_on_by_its_owner_and_is_checked_never_by_who_repaired_it(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        floor3 = staff.save_staff("赵领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
        other3 = staff.save_staff("钱领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
    item = prepared(lambda: follow_up(hotel))
    item = maintenance.advance(item.id, item.version, "assigned", as_people(floor3), floor3.id)
    item = maintenance.advance(item.id, item.version, "fixed", floor3)  # the foreman repaired it themself
    with pytest.raises(PermissionDenied, match="their own repair"):
        maintenance.advance(item.id, item.version, "checked", floor3)
    assert maintenance.advance(item.id, item.version, "checked", as_people(other3)).state == "checked"
    # whoever reported it fixed repaired it too, though another was its owner
    item = prepared(lambda: follow_up(hotel, "assigned"))
    item = maintenance.advance(item.id, item.version, "fixed", as_people(floor3))
    with pytest.raises(PermissionDenied, match="their own repair"):
        maintenance.advance(item.id, item.version, "checked", floor3)
    with pytest.raises(PermissionDenied, match="Only the follow-up's owner"):
        do_action("maintenance.work", hotel, as_people(p["writer"]))


def test_the_one_taking_over_is_never_the_one_handing_over(hotel, as_people):
    record = prepared(lambda: handed_over(hotel))
    with pytest.raises(PermissionDenied, match="must not be the one handing over"):
        take_over(record, as_people(hotel["people"]["registrar"]))
    assert take_over(record, as_people(hotel["people"]["writer"])).taken_by_id == hotel["people"]["writer"].id


def test_only_the_general_manager_names_the_team_and_a_major_sheet_waits_for_it(hotel, as_people):
    p = hotel["people"]
    sheet = prepared(lambda: major(hotel))
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
    sheet = prepared(lambda: anomaly(hotel))
    sheet = quality.update_sheet(sheet.id, sheet.version, {"description": "污渍，三条"}, registrar)
    with pytest.raises(PermissionDenied, match="Only the quality department investigates"):
        quality.update_sheet(sheet.id, sheet.version, {"root_cause": "洗涤剂"}, registrar)
    with access.acting_as_the_program():
        sheet = quality.advance(sheet.id, sheet.version, "investigating", p["quality"])
    with pytest.raises(PermissionDenied, match="Only who raised the sheet"):
        quality.update_sheet(sheet.id, sheet.version, {"description": "污渍，四条"}, registrar)


def test_an_actions_owner_records_it_done_and_changes_nothing_else(hotel, as_people):
    handler = as_people(hotel["people"]["handler"])
    action = prepared(lambda: acting_with_an_action(hotel))
    with pytest.raises(PermissionDenied, match="Only the quality department adds, changes"):
        quality_actions.update_action(action.id, action.version, {"what": "不洗了"}, handler)
    assert quality_actions.update_action(action.id, action.version, {"done_on": clock.today_local(),
                                                                     "evidence": "复检合格"}, handler).done_on


@pytest.mark.parametrize("desk", ["quality", "feedback", "work", "suggestions"])
def test_whoever_added_a_file_sets_it_aside(desk, hotel, as_people):
    files, make = {"quality": (quality_actions.FILES, anomaly), "feedback": (feedback_files.FILES, complaint),
                   "work": (work_files.FILES, work_given), "suggestions": (suggestion_files.FILES, named_suggestion)}[desk]
    attachment = prepared(lambda: attached(hotel, files, make(hotel)))
    with pytest.raises(PermissionDenied, match="Only whoever added the file"):
        files.void_file(attachment.id, attachment.version, "错图", as_people(hotel["people"]["writer"]))
    assert files.void_file(attachment.id, attachment.version, "错图", as_people(hotel["people"]["registrar"])).voided


def test_the_owner_reports_progress_and_marks_an_emergency_the_head_concerned_takes_a_mark_off(hotel, as_people):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    with access.acting_as_the_program():
        front_head = staff.save_staff("钱经理", front, roles=["head"])
        item = follow_up(hotel, "assigned")  # p["handler"] owns it
        deadlines.run_checks()
    assert deadlines.report_progress("maintenance", item.id, "配件已订", as_people(p["handler"])).reported_at
    assert do_action("progress.report", hotel, as_people(front_head))  # the reporter's department's head
    with pytest.raises(PermissionDenied, match="Only the item's owner"):
        deadlines.report_progress("maintenance", item.id, "我来说", as_people(p["writer"]))
    complaint = prepared(lambda: feedback.create_feedback(complaint_values(hotel), p["registrar"]))
    assert deadlines.mark(complaint, "emergency", as_people(p["handler"])).flag == "emergency"
    with pytest.raises(PermissionDenied, match="takes a mark off"):
        deadlines.mark(complaint, "", as_people(p["handler"]))
    assert deadlines.mark(complaint, "", as_people(front_head)).flag == ""
