"""The daily handover of a post's materials (岗位物资日交接表)."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import clock, staff
from feedback_desk.desks.housekeeping import handover
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change
from feedback_desk.base.records import history, update_record
from feedback_desk.desks.housekeeping.models import Handover, HandoverLine

ITEMS = [("对讲机", 2), ("万能钥匙", 1), ("布草车", 3), ("客房钥匙卡", 40)]


def _counts() -> tuple[int, int, int]:
    return Handover.select().count(), HandoverLine.select().count(), Change.select().count()


@pytest.fixture
def handed(clerk, fixed_clock):
    sheet = handover.create_handover({"date": clock.today_local(), "post": " 三楼工作间 ", "shift": "morning"},
                                     ITEMS + [("  ", 5)], clerk)
    return sheet


def _received(sheet_id: int, counts: dict[str, int]) -> dict[int, int]:
    return {line.id: counts[line.item] for line in HandoverLine.select().where(HandoverLine.handover == sheet_id)}


def test_the_outgoing_shift_lists_and_signs(handed, clerk, fixed_clock):
    assert (handed.post, handed.shift, handed.handed_by_id, handed.taken_by_id) == ("三楼工作间", "morning", clerk.id, None)
    lines = list(HandoverLine.select().where(HandoverLine.handover == handed.id).order_by(HandoverLine.id))
    assert [(ln.item, ln.handed, ln.received) for ln in lines] == [(i, n, None) for i, n in ITEMS]
    assert handed.created_at == fixed_clock
    assert {c.field for c in history(Handover, handed.id)} >= {"post", "shift", "handed_by"}
    assert handover.differences(handed.id) == []  # nothing received yet, nothing differs


@pytest.mark.parametrize("values, items, key", [
    ({"post": "总台", "shift": "night"}, ITEMS, "date"),
    ({"date": dt.date(2999, 1, 1), "post": "总台", "shift": "night"}, ITEMS, "date"),
    ({"post": "  ", "shift": "night"}, ITEMS, "post"),
    ({"post": "总台", "shift": "afternoon"}, ITEMS, "shift"),
    ({"post": "总台", "shift": "night"}, [], "items"),
    ({"post": "总台", "shift": "night"}, [("", 3)], "items"),
    ({"post": "总台", "shift": "night"}, [("对讲机", None)], "items"),
    ({"post": "总台", "shift": "night"}, [("对讲机", -1)], "items"),
    ({"post": "总台", "shift": "night"}, [("对讲机", 2), ("钥匙", "two")], "items"),
    ({"post": "总台", "shift": "night"}, [("对讲机", 1.5)], "items"),
    ({"post": "总台", "shift": "night"}, [("对讲机", True)], "items"),
])
def test_a_bad_handover_is_refused_and_nothing_saved(clerk, fixed_clock, values, items, key):
    values = dict(values)
    if "date" not in values and key != "date":
        values["date"] = clock.today_local()
    before = _counts()
    with pytest.raises(ValidationError) as err:
        handover.create_handover(values, items, clerk)
    assert set(err.value.errors) == {key}
    assert _counts() == before


@pytest.mark.parametrize("typed, kept", [("12", 12), (" 7 ", 7), ("１２", 12)])
def test_a_count_typed_as_text_is_read(clerk, fixed_clock, typed, kept):
    """The form hands the counts to the core as typed; decimal digits of any script are read
    (１２, as a Chinese input method types it, is 12)."""
    sheet = handover.create_handover({"date": clock.today_local(), "post": "总台", "shift": "night"},
                                     [("对讲机", typed)], clerk)
    assert [ln.handed for ln in HandoverLine.select().where(HandoverLine.handover == sheet.id)] == [kept]


@pytest.mark.parametrize("typed", ["²", "⁰⁴⁵", "₀₁₂", "1" * 39, "-1"])
def test_a_typed_count_that_is_no_whole_number_is_refused_beside_the_items(clerk, fixed_clock, typed):
    """Digits that are not decimal ones and a number no column holds: the counts' message."""
    before = _counts()
    with pytest.raises(ValidationError) as err:
        handover.create_handover({"date": clock.today_local(), "post": "总台", "shift": "night"},
                                 [("对讲机", 2), ("钥匙卡", typed)], clerk)
    assert err.value.errors == {"items": "Counts are whole numbers from 0."}
    assert _counts() == before


def test_a_missing_count_names_the_item(clerk, fixed_clock):
    with pytest.raises(ValidationError) as err:
        handover.create_handover({"date": clock.today_local(), "post": "总台", "shift": "night"},
                                 [("对讲机", 2), ("万能钥匙", "")], clerk)
    assert "万能钥匙" in err.value.errors["items"]


def test_the_incoming_shift_counts_and_signs(handed, other, fixed_clock):
    clock.set_now(fixed_clock + dt.timedelta(hours=8))
    counts = {"对讲机": 2, "万能钥匙": 1, "布草车": 2, "客房钥匙卡": 41}
    taken = handover.take_over(handed.id, handed.version, _received(handed.id, counts), other)
    assert taken.taken_by_id == other.id and taken.taken_at == fixed_clock + dt.timedelta(hours=8)
    assert taken.version == handed.version + 1
    got = {ln.item: ln.received for ln in HandoverLine.select().where(HandoverLine.handover == handed.id)}
    assert got == counts
    diffs = handover.differences(handed.id)
    assert [(d.item, d.handed, d.received, d.delta) for d in diffs] == [("布草车", 3, 2, -1), ("客房钥匙卡", 40, 41, 1)]


def test_everything_there_means_no_differences(handed, other):
    handover.take_over(handed.id, handed.version, _received(handed.id, dict(ITEMS)), other)
    assert handover.differences(handed.id) == []


def test_the_one_handing_over_cannot_take_over(handed, clerk):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        handover.take_over(handed.id, handed.version, _received(handed.id, dict(ITEMS)), clerk)
    assert "must not be the one" in err.value.errors[""]
    assert _counts() == before
    assert HandoverLine.select().where(HandoverLine.received.is_null(False)).count() == 0


@pytest.mark.parametrize("bad", [None, "", -1, "2", 2.0, False])
def test_every_item_must_be_counted(handed, other, bad):
    received = _received(handed.id, dict(ITEMS))
    last = max(received)
    if bad is None:
        del received[last]
    else:
        received[last] = bad
    before = _counts()
    with pytest.raises(ValidationError) as err:
        handover.take_over(handed.id, handed.version, received, other)
    assert err.value.errors["received"]
    assert _counts() == before
    assert HandoverLine.select().where(HandoverLine.received.is_null(False)).count() == 0
    assert Handover.get_by_id(handed.id).taken_by_id is None


def test_a_handover_is_taken_over_once(handed, other, dining):
    third = staff.save_staff("赵敏", dining.id)
    taken = handover.take_over(handed.id, handed.version, _received(handed.id, dict(ITEMS)), other)
    with pytest.raises(ValidationError) as err:
        handover.take_over(handed.id, taken.version, _received(handed.id, {i: 0 for i, _n in ITEMS}), third)
    assert "already signed" in err.value.errors[""]
    assert Handover.get_by_id(handed.id).taken_by_id == other.id
    assert handover.differences(handed.id) == []


def test_a_stale_take_over_saves_no_counts(handed, clerk, other):
    update_record(Handover, handed.id, handed.version, {"notes": "对讲机电池换新"}, clerk)
    with pytest.raises(ConflictError):
        handover.take_over(handed.id, handed.version, _received(handed.id, {i: 0 for i, _n in ITEMS}), other)
    assert HandoverLine.select().where(HandoverLine.received.is_null(False)).count() == 0
    assert Handover.get_by_id(handed.id).taken_by_id is None
