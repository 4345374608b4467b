"""Who may do what, walked through the core's use cases as the signed-in person: for every action
of the permission table and every role, allowed where EXPECTED says and PermissionDenied elsewhere;
then the conditions of complaints, service sheets, anomaly sheets and suggestions (the handler, the
head concerned, the foreman of the floor) and what forbids even them (the person complained about,
one's own). The desks' other records and the deadline engine: test_permission_conditions.py."""
from __future__ import annotations

import pytest

from feedback_desk.base import access, roles, staff
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.desks import registry
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import service_log

from permission_hotel import (  # noqa: F401 - hotel: the fixture the tests take
    complaint_values, do_action, hotel, prepared, sheet_with_a_room)
from permission_table import EXPECTED


def test_the_table_names_every_permission_the_program_has():
    # the two kept out of the role matrix are one's own by definition: tested below and in test_sign_in
    assert {p.key for p in registry.permissions()} - {"password.own", "complaint.correct"} == set(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_each_role_may_do_what_the_table_says_and_is_refused_the_rest(action, hotel, as_people):
    allowed, refused = set(), {}
    for role in roles.LABELS:
        person = as_people(hotel["people"][role])
        try:
            do_action(action, hotel, person)
        except PermissionDenied as exc:
            refused[role] = str(exc)
        else:
            allowed.add(role)
    assert allowed == set(EXPECTED[action]), refused
    assert all(message and "{" not in message for message in refused.values())  # a sentence, filled in


def test_nobody_signed_in_and_a_colleagues_name_are_both_refused(hotel, as_people):
    gm, hr = hotel["people"]["gm"], hotel["people"]["hr"]
    with pytest.raises(PermissionDenied, match="Nobody is signed in"):
        do_action("rules.change", hotel, gm)
    as_people(hr)
    with pytest.raises(PermissionDenied, match="only as yourself"):
        do_action("complaint.void", hotel, gm)  # an HR clerk passing the GM as `by`


def test_the_handler_and_the_head_concerned_work_on_a_complaint_the_person_complained_about_never(
        hotel, as_people):
    p, front = hotel["people"], hotel["dept"]["Front office"]
    assert do_action("complaint.handle", hotel, as_people(p["handler"])).state == "investigating"
    assert do_action("complaint.close", hotel, as_people(p["handler"])).state == "closed"
    with access.acting_as_the_program():
        front_head = staff.save_staff("钱经理", front, roles=["head"])
    assert do_action("complaint.void", hotel, as_people(front_head)).voided
    # the person complained about steps aside, even if they were the general manager
    with access.acting_as_the_program():
        complained = staff.save_staff("complained", front, p["complained"].id, roles=["gm"])
    for action in ("complaint.handle", "complaint.close", "complaint.void"):
        with pytest.raises(PermissionDenied, match="steps aside"):
            do_action(action, hotel, as_people(complained))


def test_who_registered_a_complaint_corrects_it_only_while_it_is_registered(hotel, as_people):
    registrar = hotel["people"]["registrar"]
    values = complaint_values(hotel)
    fb = prepared(lambda: feedback.create_feedback(values, registrar))
    as_people(registrar)
    fb = feedback.update_feedback(fb.id, fb.version, {**values, "text": "空调太吵，换房等了一小时"}, registrar)
    with pytest.raises(PermissionDenied, match="Only the handler"):
        feedback.update_feedback(fb.id, fb.version, {**values, "state": "investigating"}, registrar)


def test_a_foreman_of_that_floor_or_the_head_verifies_never_the_attendant(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        floor3 = staff.save_staff("赵领班", hotel["dept"]["Rooms division"], roles=[roles.Grant("foreman", floor=3)])
        front_head = staff.save_staff("钱经理", hotel["dept"]["Front office"], roles=["head"])
    assert do_action("service_log.verify", hotel, as_people(floor3)).state == "verified"
    assert do_action("service_log.verify", hotel, as_people(front_head)).state == "verified"  # heads the attendant
    with access.acting_as_the_program():
        attendant = staff.save_staff("attendant", hotel["dept"]["Front office"], p["attendant"].id,
                                     roles=[roles.Grant("foreman", floor=3)])
    sheet = prepared(lambda: sheet_with_a_room(hotel))
    as_people(attendant)
    with pytest.raises(Exception, match="cannot verify their own sheet"):
        service_log.verify_sheet(sheet.id, sheet.version, attendant)


def test_nobody_verifies_the_effect_of_their_own_action(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        handler = staff.save_staff("handler", hotel["dept"]["Front office"], p["handler"].id, roles=["quality"])
    with pytest.raises(PermissionDenied, match="action they carried out"):
        do_action("anomaly.close", hotel, as_people(handler))


def test_hr_never_reviews_nor_rewards_its_own_suggestion(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        writer = staff.save_staff("writer", hotel["dept"]["Front office"], p["writer"].id, roles=["hr"])
    with pytest.raises(PermissionDenied, match="their own suggestion"):
        do_action("suggestion.review", hotel, as_people(writer))
    with pytest.raises(PermissionDenied, match="to themself"):
        do_action("points.grant", hotel, as_people(writer))


def test_a_person_no_longer_working_here_may_do_nothing(hotel, as_people):
    admin = hotel["people"]["admin"]
    with access.acting_as_the_program():
        staff.save_staff("admin", admin.department_id, admin.id, active=False)
    with pytest.raises(PermissionDenied, match="no longer works here"):
        do_action("settings.change", hotel, as_people(admin))


