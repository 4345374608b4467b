"""The safety hazard register (内部信息反馈及重大事件处理制度 第五条) end to end: reported (late past
2 hours), assigned for rectification, rectified, checked by someone else and closed — or sent back
by a failed check; its clocks and their escalation; every refusal beside its field, nothing saved."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import access, clock, staff
from feedback_desk.base.attachments import Attachment, pick
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.base.models import Change, Department
from feedback_desk.desks.safety import hazards
from feedback_desk.desks.safety.files import FILES
from feedback_desk.desks.safety.listings import HazardListing, past_due
from feedback_desk.base.listing import Filters
from feedback_desk.desks.safety.models import SafetyHazard
from feedback_desk.loop import clocks
from feedback_desk.loop.models import Escalation, ItemClock
from feedback_desk import demo_pictures

NOW = dt.datetime(2026, 11, 16, 2, 0)  # Monday 10:00 in Shanghai


@pytest.fixture
def hotel(db, shanghai, as_people):
    clock.set_now(NOW)
    kitchen = Department.get(Department.name == "Dining").id
    with access.acting_as_the_program():
        people = {"inspector": staff.save_staff("高明", Department.get(Department.name == "Front office").id),
                  "chef": staff.save_staff("陈厨师长", kitchen),
                  "head": staff.save_staff("餐饮部经理", kitchen, roles=["head"]),
                  "office": staff.save_staff("唐雅琴", Department.get(Department.name == "General manager's office").id,
                                             roles=["gm_office"])}
    yield people, kitchen
    clock.set_now(None)


def _values(kitchen, **more):
    return {"area": "food_hygiene", "place": "中餐厨房冷库", "description": "冷库温度计读数8℃，生熟食品混放",
            "severity": "serious", "department": kitchen, **more}


def _counts():
    return SafetyHazard.select().count(), Attachment.select().count(), Change.select().count()


def test_a_hazard_goes_from_its_report_to_its_check_and_is_closed(hotel, as_people):
    people, kitchen = hotel
    as_people(people["inspector"])
    photo = pick(demo_pictures.photo(7, "water"), "冷库.jpg")
    h = hazards.report_hazard(_values(kitchen, found_at=clock.to_local(NOW) - dt.timedelta(minutes=30)),
                              people["inspector"], [photo])
    assert (h.number, h.state, h.found_by_id, h.reported_late) == ("隐患-2026-11-0001", "reported",
                                                                    people["inspector"].id, False)
    assert [a.filename for a in FILES.files_of(h.id)] == ["冷库.jpg"]

    as_people(people["head"])
    h = hazards.assign_rectification(h.id, h.version, people["chef"].id, dt.date(2026, 11, 18), people["head"])
    assert (h.state, h.owner_id, h.due_on) == ("rectifying", people["chef"].id, dt.date(2026, 11, 18))
    as_people(people["chef"])
    h = hazards.report_rectified(h.id, h.version, "更换温控器，生熟分区存放", people["chef"])
    assert h.state == "rectified" and h.rectified_at == NOW
    with pytest.raises(PermissionDenied, match="Nobody checks their own rectification"):
        hazards.check(h.id, h.version, True, "合格", people["chef"])
    as_people(people["office"])
    h = hazards.check(h.id, h.version, False, "温度仍为6℃", people["office"])
    assert (h.state, h.failed_checks, h.check_result) == ("rectifying", 1, "温度仍为6℃")
    as_people(people["chef"])
    h = hazards.report_rectified(h.id, h.version, "温控器重新校准，连续两天0-4℃", people["chef"])
    as_people(people["office"])
    h = hazards.check(h.id, h.version, True, "复查合格", people["office"])
    assert (h.state, h.checked_by_id, h.closed_at) == ("closed", people["office"].id, NOW)
    with pytest.raises(ValidationError) as err:
        FILES.add_file(h.id, b"%PDF-1.4 x", "x.pdf", people["office"])
    assert "closed" in err.value.errors["attachment"]


def test_a_report_more_than_2_hours_after_finding_is_kept_and_marked_late(hotel, as_people):
    people, kitchen = hotel
    as_people(people["inspector"])
    h = hazards.report_hazard(_values(kitchen, found_at=clock.to_local(NOW) - dt.timedelta(hours=3)),
                              people["inspector"])
    assert h.reported_late
    rows = HazardListing().page(Filters(choice="reported_late"), "found", True, 0, 10)
    assert [r.id for r in rows] == [h.id] and rows[0].warn


@pytest.mark.parametrize("values, field", [
    ({"area": "noise"}, "area"),
    ({"place": " "}, "place"),
    ({"description": ""}, "description"),
    ({"severity": "huge"}, "severity"),
    ({"found_at": "yesterday"}, "found_at"),
    ({"found_at": "in two hours"}, "found_at"),
])
def test_a_bad_report_is_refused_beside_its_field(hotel, as_people, values, field):
    people, kitchen = hotel
    as_people(people["inspector"])
    if values.get("found_at") == "in two hours":
        values = {"found_at": clock.to_local(NOW) + dt.timedelta(hours=2)}
    before = _counts()
    with pytest.raises(ValidationError) as err:
        hazards.report_hazard(_values(kitchen, **values), people["inspector"], [pick(demo_pictures.photo(1), "a.jpg")])
    assert field in err.value.errors
    assert _counts() == before


def test_the_rectification_needs_an_owner_still_here_a_date_and_the_right_person(hotel, as_people):
    people, kitchen = hotel
    as_people(people["inspector"])
    h = hazards.report_hazard(_values(kitchen), people["inspector"])
    with pytest.raises(PermissionDenied):  # the inspector names nobody to rectify
        hazards.assign_rectification(h.id, h.version, people["chef"].id, dt.date(2026, 11, 18), people["inspector"])
    as_people(people["head"])
    for owner, due, field in ((None, dt.date(2026, 11, 18), "owner"), (people["chef"].id, None, "due_on"),
                              (people["chef"].id, dt.date(2026, 11, 1), "due_on")):
        with pytest.raises(ValidationError) as err:
            hazards.assign_rectification(h.id, h.version, owner, due, people["head"])
        assert field in err.value.errors
    with access.acting_as_the_program():
        gone = staff.save_staff("离职员工", kitchen)
        gone.__class__.update(active=False).where(gone.__class__.id == gone.id).execute()  # left the hotel
    with pytest.raises(ValidationError) as err:
        hazards.assign_rectification(h.id, h.version, gone.id, dt.date(2026, 11, 18), people["head"])
    assert "no longer works here" in err.value.errors["owner"]
    assert SafetyHazard.get_by_id(h.id).state == "reported"
    with pytest.raises(ValidationError):  # closing without a check: there is no such step
        hazards.check(h.id, h.version, True, "合格", people["head"])


def test_an_unrectified_hazard_past_its_date_is_late_and_escalates(hotel, as_people):
    people, kitchen = hotel
    as_people(people["inspector"])
    h = hazards.report_hazard(_values(kitchen), people["inspector"])
    clocks.run_checks()  # waiting for its rectification to be assigned: the department answers
    waiting = ItemClock.get((ItemClock.desk == "hazard_assign") & (ItemClock.item_id == h.id))
    assert (waiting.department_id, waiting.done_at) == (kitchen, None)
    as_people(people["head"])
    h = hazards.assign_rectification(h.id, h.version, people["chef"].id, dt.date(2026, 11, 17), people["head"])
    clocks.run_checks()
    running = ItemClock.get((ItemClock.desk == "hazard") & (ItemClock.item_id == h.id))
    assert running.owner_id == people["chef"].id and running.done_at is None
    assert ItemClock.get_by_id(waiting.id).done_at is not None  # assigned: that clock stopped
    clock.set_now(dt.datetime(2026, 11, 19, 2, 0))  # Thursday: past the 17th and its working day of grace
    result = clocks.run_checks()
    assert h.id in [r.item_id for r in result.late]
    clock.set_now(dt.datetime(2026, 11, 20, 2, 0))  # a working day later still: up the chain
    clocks.run_checks()
    up = Escalation.get((Escalation.desk == "hazard") & (Escalation.item_id == h.id))
    assert (up.to_role, up.to_staff_id) == ("head", people["head"].id)
    assert SafetyHazard.select().where(past_due()).count() == 1
    late = HazardListing().page(Filters(choice="due:late"), "found", True, 0, 10)
    assert [r.id for r in late] == [h.id] and late[0].warn


def test_the_ledger_lists_the_months_hazards_with_their_rectification(hotel, as_people, tmp_path):
    from openpyxl import load_workbook

    from feedback_desk.export import ledgers, monthly

    people, kitchen = hotel
    with access.acting_as_the_program():
        closed = hazards.report_hazard(_values(kitchen), people["inspector"])
        closed = hazards.assign_rectification(closed.id, closed.version, people["chef"].id, dt.date(2026, 11, 17), None)
        closed = hazards.report_rectified(closed.id, closed.version, "更换温控器", None)
        hazards.check(closed.id, closed.version, True, "复查合格", people["office"])
        late = hazards.report_hazard(_values(kitchen, area="electricity", place="洗衣房", description="烘干机电源线破损",
                                             found_at=clock.to_local(NOW) - dt.timedelta(hours=5)),
                                     people["inspector"])
    as_people(people["office"])  # the general manager's office reads the ledger whole
    path = ledgers.export_ledger("hazards", dt.date(2026, 11, 1), dt.date(2026, 11, 30), tmp_path / "h.xlsx")
    ws = load_workbook(path).active
    headers = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(headers, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {closed.number, late.number}
    assert rows[closed.number]["State"] == "Checked and closed" and rows[closed.number]["Rectified by"] == "陈厨师长"
    assert rows[closed.number]["Result of the check"] == "复查合格" and rows[closed.number]["Area"] == "Public food hygiene (公共食品卫生)"
    assert rows[late.number]["Reported more than 2 hours after finding"] == "Yes"
    book = load_workbook(monthly.export_month(2026, 11, tmp_path / "m.xlsx"))
    assert "Safety hazards" in book.sheetnames


def test_a_hazard_sent_back_by_its_check_runs_its_rectification_clock_again(hotel, as_people):
    """A failed check after the minute check has seen the rectification reported: the owner's clock
    runs again (and escalates when late), and the second rectification gets its check clock again."""
    people, kitchen = hotel
    as_people(people["inspector"])
    h = hazards.report_hazard(_values(kitchen), people["inspector"])
    as_people(people["head"])
    h = hazards.assign_rectification(h.id, h.version, people["chef"].id, dt.date(2026, 11, 17), people["head"])
    clocks.run_checks()
    as_people(people["chef"])
    h = hazards.report_rectified(h.id, h.version, "温度计已校准", people["chef"])
    clocks.run_checks()  # the owner's clock stops; the check's runs
    rectify = ItemClock.get((ItemClock.desk == "hazard") & (ItemClock.item_id == h.id))
    assert rectify.done_at is not None
    as_people(people["office"])
    h = hazards.check(h.id, h.version, False, "温度仍为6℃", people["office"])
    clocks.run_checks()
    assert ItemClock.get_by_id(rectify.id).done_at is None  # back with its owner: the clock runs again
    assert ItemClock.get((ItemClock.desk == "hazard_check") & (ItemClock.item_id == h.id)).done_at is not None
    clock.set_now(dt.datetime(2026, 11, 19, 2, 0))  # past the 17th and its working day of grace
    assert h.id in [r.item_id for r in clocks.run_checks().late]
    as_people(people["chef"])
    h = hazards.report_rectified(h.id, h.version, "更换冷库温控器", people["chef"])
    clocks.run_checks()
    check = ItemClock.get((ItemClock.desk == "hazard_check") & (ItemClock.item_id == h.id))
    assert check.done_at is None and check.start_at >= clock.now_utc() - dt.timedelta(days=1)
