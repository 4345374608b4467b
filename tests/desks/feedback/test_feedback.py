"""Guest feedback and complaints: kinds, ratings, preferences noted, register numbers, the complaint's rules."""
from __future__ import annotations

import datetime as dt
import threading

import peewee
import pytest

from feedback_desk.base import access, clock, records
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change, Counter
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Preference
from feedback_desk.base.vocab import CHANNEL_ASPECTS, FEEDBACK_KINDS, RATING_ASPECTS

from refusing import refuse_inserts

NOV = dt.datetime(2026, 11, 15, 4, 0, 0)   # the 14th or 15th of November in any time zone
DEC = dt.datetime(2026, 12, 15, 4, 0, 0)


def _today() -> dt.date:
    return clock.today_local()


def _form(**values):
    base = {"channel": "phone", "kind": "praise", "date": _today(), "text": "服务很周到"}
    base.update(values)
    return base


def _complaint(**values):
    return _form(**{"kind": "complaint", "text": "房间空调太吵，换房等了一个小时", **values})


def _reply(by, **values):
    base = {"reply_method": "phone", "reply_on": _today(), "reply_by": by.id,
            "reply_text": "已致歉并赠送果盘"}
    base.update(values)
    return base


def _counts():
    return (Feedback.select().count(), Preference.select().count(),
            Change.select().where(Change.table != "staff").count(),  # the staff list keeps its own
            Counter.select(peewee.fn.COALESCE(peewee.fn.SUM(Counter.value), 0)).scalar())


@pytest.fixture
def zhang(db, clerk):
    return customers.create_customer({"name": "张", "title": "科长", "organisation": "国税局"}, clerk)


# --- kinds and ratings ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [k for k in FEEDBACK_KINDS if k not in ("complaint", "preference")])
def test_create_praise_and_suggestion(db, clerk, zhang, dining, fixed_clock, kind):
    fb = feedback.create_feedback(_form(kind=kind, customer=zhang.id, department=dining.id,
                                        place=" 牡丹厅 ", text="  菜品很好  "), clerk)
    saved = Feedback.get_by_id(fb.id)
    assert (saved.kind, saved.text, saved.place, saved.customer_id, saved.department_id) == (
        kind, "菜品很好", "牡丹厅", zhang.id, dining.id)
    assert saved.register_no is None and saved.state is None
    assert (saved.version, saved.created_by_id) == (1, clerk.id)
    assert {c.field for c in records.history(Feedback, fb.id)} >= {"kind", "text", "channel", "date"}


def test_create_complaint_is_registered_and_numbered(db, clerk, fixed_clock):
    fb = feedback.create_feedback(_complaint(), clerk)
    saved = Feedback.get_by_id(fb.id)
    assert (saved.kind, saved.state, saved.register_no) == ("complaint", "registered", "客诉-2026-11-0001")


def test_create_preference_noted_puts_it_on_the_profile(db, clerk, zhang, dining, fixed_clock):
    fb = feedback.create_feedback(_form(kind="preference", channel="collection_sheet", customer=zhang.id,
                                        department=dining.id, text="张科长说他不吃辣",
                                        pref_kind="taboo", pref_text="不吃辣"), clerk)
    pref = feedback.noted_preference(fb.id)
    assert (pref.kind, pref.text, pref.customer_id, pref.department_id, pref.created_by_id) == (
        "taboo", "不吃辣", zhang.id, dining.id, clerk.id)
    assert customers.find_customers("zkz")[0].taboos == ["不吃辣"]
    assert [p.text for p in customers.customer_profile(zhang.id).taboos] == ["不吃辣"]


def test_preference_without_customer_is_refused(db, clerk, fixed_clock):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_form(kind="preference", pref_kind="taboo", pref_text="不吃辣"), clerk)
    assert list(err.value.errors) == ["customer"]
    assert _counts() == before


def test_invalid_preference_part_saves_neither(db, clerk, zhang, fixed_clock):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_form(kind="preference", customer=zhang.id,
                                       pref_kind="maybe", pref_text=" "), clerk)
    assert set(err.value.errors) == {"pref_kind", "pref_text"}
    assert _counts() == before


def test_preference_that_fails_to_save_takes_the_feedback_with_it(db, clerk, zhang, fixed_clock):
    """The feedback and its preference are one transaction: a failed preference insert leaves nothing."""
    refuse_inserts(db, "preference")
    before = _counts()
    with pytest.raises(peewee.IntegrityError):
        feedback.create_feedback(_form(kind="preference", customer=zhang.id,
                                       pref_kind="taboo", pref_text="不吃辣"), clerk)
    assert _counts() == before


def test_feedback_for_a_void_customer_is_refused(db, clerk, zhang, fixed_clock):
    customers.void_customer(zhang.id, 1, "duplicate", clerk)
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_form(customer=zhang.id), clerk)
    assert list(err.value.errors) == ["customer"]


@pytest.mark.parametrize("channel", sorted(CHANNEL_ASPECTS))
def test_only_the_channels_aspects_are_kept(db, clerk, fixed_clock, channel):
    all_ratings = {aspect: 3 for aspect in RATING_ASPECTS}
    fb = feedback.create_feedback(_form(channel=channel, **all_ratings), clerk)
    saved = Feedback.get_by_id(fb.id)
    kept = {aspect for aspect in RATING_ASPECTS if getattr(saved, aspect) is not None}
    assert kept == set(CHANNEL_ASPECTS[channel])
    assert all(getattr(saved, a) == 3 for a in kept)


def test_meal_card_keeps_food_drops_attitude(db, clerk, fixed_clock):
    fb = feedback.create_feedback(_form(channel="card_meal", rating_food=4, rating_service=1,
                                        rating_attitude=2), clerk)
    saved = Feedback.get_by_id(fb.id)
    assert (saved.rating_food, saved.rating_service, saved.rating_environment, saved.rating_attitude) == (
        4, 1, None, None)


@pytest.mark.parametrize("level", [5, -1, "4", 3.5, "very good"])
def test_invalid_rating_level_is_refused(db, clerk, fixed_clock, level):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_form(channel="card_checkout", rating_attitude=4, rating_skill=level), clerk)
    assert list(err.value.errors) == ["rating_skill"]
    assert _counts() == before


@pytest.mark.parametrize("values, field", [
    ({"channel": "pigeon"}, "channel"),
    ({"kind": "rant"}, "kind"),
    ({"date": None}, "date"),
    ({"date": "2026-11-01"}, "date"),
    ({"text": "   "}, "text"),
    ({"text": "字" * 10001}, "text"),
    ({"place": "厅" * 101}, "place"),
    ({"department": 9999}, "department"),
    ({"customer": 9999}, "customer"),
])
def test_feedback_validation_names_the_field(db, clerk, fixed_clock, values, field):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_form(**values), clerk)
    assert list(err.value.errors) == [field]
    assert _counts() == before


def test_future_date_is_refused(db, clerk, fixed_clock):
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_form(date=_today() + dt.timedelta(days=1)), clerk)
    assert list(err.value.errors) == ["date"]
    assert "future" in err.value.errors["date"]
    feedback.create_feedback(_form(date=_today()), clerk)  # today itself is fine
    assert Feedback.select().count() == 1


# --- register numbers -------------------------------------------------------------------------

def test_register_numbers_count_up_and_restart_each_month(db, clerk):
    clock.set_now(NOV)
    nov = [feedback.create_feedback(_complaint(), clerk).register_no for _ in range(3)]
    feedback.create_feedback(_form(kind="praise"), clerk)  # praise takes no number
    assert nov == ["客诉-2026-11-0001", "客诉-2026-11-0002", "客诉-2026-11-0003"]
    clock.set_now(DEC)
    dec = [feedback.create_feedback(_complaint(), clerk).register_no for _ in range(2)]
    assert dec == ["客诉-2026-12-0001", "客诉-2026-12-0002"]
    assert sorted(Feedback.select(Feedback.register_no).where(Feedback.register_no.is_null(False))
                  .tuples()) == sorted((n,) for n in nov + dec)


def test_feedback_turned_into_complaint_gets_a_number(db, clerk, fixed_clock):
    feedback.create_feedback(_complaint(), clerk)
    fb = feedback.create_feedback(_form(kind="suggestion"), clerk)
    assert fb.register_no is None
    updated = feedback.update_feedback(fb.id, 1, _complaint(), clerk)
    assert (updated.register_no, updated.state) == ("客诉-2026-11-0002", "registered")
    again = feedback.update_feedback(fb.id, 2, _complaint(serious=True), clerk)
    assert again.register_no == "客诉-2026-11-0002"  # keeps its number


def test_invalid_complaint_takes_no_number(db, clerk, other, fixed_clock):
    with pytest.raises(ValidationError):
        feedback.create_feedback(_complaint(handler=other.id, complained_about=other.id), clerk)
    assert feedback.create_feedback(_complaint(), clerk).register_no == "客诉-2026-11-0001"


def test_failed_insert_does_not_use_up_a_number(db, clerk, fixed_clock):
    """Validation passes, then the database refuses the row: the number goes back (gapless)."""
    assert feedback.create_feedback(_complaint(), clerk).register_no == "客诉-2026-11-0001"
    refuse_inserts(db, "feedback", "NEW.text = 'BOOM'")
    before = _counts()
    with pytest.raises(peewee.IntegrityError):
        feedback.create_feedback(_form(kind="complaint", text="BOOM"), clerk)
    assert _counts() == before
    assert feedback.create_feedback(_complaint(), clerk).register_no == "客诉-2026-11-0002"


def test_failed_history_write_rolls_back_row_and_number(db, clerk, fixed_clock):
    """The record, its number and its history land together or not at all."""
    refuse_inserts(db, "change", "NEW.new = 'BOOM'")
    with pytest.raises(peewee.IntegrityError):
        feedback.create_feedback(_form(kind="complaint", text="BOOM"), clerk)
    assert _counts() == (0, 0, 0, 0)
    assert feedback.create_feedback(_complaint(), clerk).register_no == "客诉-2026-11-0001"


def test_two_writers_at_once_get_distinct_gapless_numbers(db, clerk, fixed_clock):
    """Two workstations register 25 complaints each at the same moment: 50 numbers, no gaps, no repeats."""
    per_thread = 25
    start = threading.Barrier(2)
    results: dict[int, list[str]] = {0: [], 1: []}
    errors: list[BaseException] = []

    def workstation(n: int) -> None:
        try:
            start.wait(timeout=10)
            with access.acting_as_the_program():  # this thread's own: the program writes, as in the test's
                for i in range(per_thread):
                    fb = feedback.create_feedback(_complaint(text=f"desk {n} complaint {i}"), clerk)
                    results[n].append(fb.register_no)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            db.close()  # this thread's own connection

    threads = [threading.Thread(target=workstation, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    numbers = results[0] + results[1]
    assert len(results[0]) == len(results[1]) == per_thread
    assert sorted(numbers) == [f"客诉-2026-11-{i:04d}" for i in range(1, 2 * per_thread + 1)]
    # each desk saw its own numbers rise
    assert results[0] == sorted(results[0]) and results[1] == sorted(results[1])
    assert Feedback.select().count() == 2 * per_thread
    assert Counter.get(Counter.series == "客诉-2026-11").value == 2 * per_thread


# --- the complaint's rules --------------------------------------------------------------------

def test_handler_may_not_be_the_person_complained_about(db, clerk, other, fixed_clock):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_complaint(handler=other.id, complained_about=other), clerk)
    assert list(err.value.errors) == ["handler"]
    assert "被投诉人应当回避" in err.value.errors["handler"]
    assert _counts() == before
    fb = feedback.create_feedback(_complaint(handler=clerk.id, complained_about=other.id), clerk)
    assert (fb.handler_id, fb.complained_about_id) == (clerk.id, other.id)


def test_handler_may_not_become_the_person_complained_about_on_update(db, clerk, other, fixed_clock):
    fb = feedback.create_feedback(_complaint(handler=clerk.id), clerk)
    with pytest.raises(ValidationError) as err:
        feedback.update_feedback(fb.id, 1, _complaint(handler=clerk.id, complained_about=clerk.id), other)
    assert list(err.value.errors) == ["handler"]
    assert Feedback.get_by_id(fb.id).complained_about_id is None


def test_investigation_needs_a_handler(db, clerk, other, fixed_clock):
    fb = feedback.create_feedback(_complaint(), clerk)
    with pytest.raises(ValidationError) as err:
        feedback.update_feedback(fb.id, 1, _complaint(state="investigating"), clerk)
    assert list(err.value.errors) == ["handler"]
    assert Feedback.get_by_id(fb.id).state == "registered"
    ok = feedback.update_feedback(fb.id, 1, _complaint(state="investigating", handler=other.id), clerk)
    assert (ok.state, ok.handler_id, ok.version) == ("investigating", other.id, 2)


def test_unknown_state_and_staff_are_refused(db, clerk, fixed_clock):
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_complaint(state="forgotten", handler=9999, reply_method="pigeon"), clerk)
    assert set(err.value.errors) == {"state", "handler", "reply_method"}


@pytest.mark.parametrize("state", ["closed", "replied"])
def test_closing_without_a_reply_is_refused(db, clerk, other, fixed_clock, state):
    fb = feedback.create_feedback(_complaint(handler=other.id, state="investigating"), clerk)
    with pytest.raises(ValidationError) as err:
        feedback.update_feedback(fb.id, 1, _complaint(handler=other.id, state=state), clerk)
    assert set(err.value.errors) == {"reply_method", "reply_on", "reply_by", "reply_text"}
    assert all(msg.strip() for msg in err.value.errors.values())
    saved = Feedback.get_by_id(fb.id)
    assert (saved.state, saved.version) == ("investigating", 1)


def test_closing_with_part_of_the_reply_names_what_is_missing(db, clerk, other, fixed_clock):
    fb = feedback.create_feedback(_complaint(handler=other.id), clerk)
    with pytest.raises(ValidationError) as err:
        feedback.update_feedback(fb.id, 1, _complaint(handler=other.id, state="closed",
                                                      **_reply(other, reply_text="  ", reply_by=None)), clerk)
    assert set(err.value.errors) == {"reply_by", "reply_text"}


def test_complaint_goes_from_registered_to_closed(db, clerk, other, fixed_clock):
    # the complaint is about the clerk who takes it down, so he names someone else to handle it
    fb = feedback.create_feedback(_complaint(complained_about=clerk.id, handler=other.id), clerk)
    fb = feedback.update_feedback(fb.id, fb.version, _complaint(
        complained_about=clerk.id, handler=other.id, state="investigating",
        investigation="空调外机松动，已维修"), other)
    fb = feedback.update_feedback(fb.id, fb.version, _complaint(
        complained_about=clerk.id, handler=other.id, state="closed", investigation="空调外机松动，已维修",
        outcome_rating=3, **_reply(other)), other)
    saved = Feedback.get_by_id(fb.id)
    assert (saved.state, saved.reply_method, saved.reply_on, saved.reply_by_id, saved.reply_text) == (
        "closed", "phone", _today(), other.id, "已致歉并赠送果盘")
    assert (saved.outcome_rating, saved.version, saved.register_no) == (3, 3, "客诉-2026-11-0001")
    state_changes = [(c.old, c.new) for c in records.history(Feedback, fb.id)
                     if c.field == "state" and c.action == "update"]
    assert state_changes == [("registered", "investigating"), ("investigating", "closed")]


def test_complaint_cannot_change_kind(db, clerk, fixed_clock):
    fb = feedback.create_feedback(_complaint(), clerk)
    with pytest.raises(ValidationError) as err:
        feedback.update_feedback(fb.id, 1, _form(kind="praise"), clerk)
    assert list(err.value.errors) == ["kind"]
    saved = Feedback.get_by_id(fb.id)
    assert (saved.kind, saved.register_no, saved.version) == ("complaint", "客诉-2026-11-0001", 1)


def test_reply_before_the_complaint_is_refused(db, clerk, other, fixed_clock):
    day = _today() - dt.timedelta(days=5)
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_complaint(date=day, handler=other.id, state="replied",
                                            **_reply(other, reply_on=day - dt.timedelta(days=1))), clerk)
    assert list(err.value.errors) == ["reply_on"]
    assert "before" in err.value.errors["reply_on"]
    fb = feedback.create_feedback(_complaint(date=day, handler=other.id, state="replied",
                                             **_reply(other, reply_on=day)), clerk)
    assert fb.reply_on == day


def test_reply_in_the_future_is_refused(db, clerk, other, fixed_clock):
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_complaint(handler=other.id, state="replied",
                                            **_reply(other, reply_on=_today() + dt.timedelta(days=1))), clerk)
    assert list(err.value.errors) == ["reply_on"]
    assert "future" in err.value.errors["reply_on"]
    assert Feedback.select().count() == 0


def test_invalid_outcome_rating_is_refused(db, clerk, fixed_clock):
    with pytest.raises(ValidationError) as err:
        feedback.create_feedback(_complaint(outcome_rating=7), clerk)
    assert list(err.value.errors) == ["outcome_rating"]


def test_stale_update_is_refused(db, clerk, other, fixed_clock):
    fb = feedback.create_feedback(_complaint(), clerk)
    feedback.update_feedback(fb.id, 1, _complaint(handler=other.id, state="investigating"), other)
    before = _counts()
    with pytest.raises(ConflictError):
        feedback.update_feedback(fb.id, 1, _complaint(serious=True), clerk)
    saved = Feedback.get_by_id(fb.id)
    assert (saved.state, saved.handler_id, saved.serious, saved.version) == ("investigating", other.id, False, 2)
    assert _counts() == before


def test_stale_update_of_a_new_complaint_does_not_use_up_a_number(db, clerk, other, fixed_clock):
    fb = feedback.create_feedback(_form(kind="suggestion"), clerk)
    feedback.update_feedback(fb.id, 1, _form(kind="suggestion", place="大堂"), other)
    with pytest.raises(ConflictError):
        feedback.update_feedback(fb.id, 1, _complaint(), clerk)
    assert Feedback.get_by_id(fb.id).register_no is None
    assert feedback.create_feedback(_complaint(), clerk).register_no == "客诉-2026-11-0001"


def test_void_feedback_needs_a_reason_and_keeps_the_number(db, clerk, fixed_clock):
    fb = feedback.create_feedback(_complaint(), clerk)
    with pytest.raises(ValidationError) as err:
        feedback.void_feedback(fb.id, 1, "", clerk)
    assert list(err.value.errors) == ["reason"]
    feedback.void_feedback(fb.id, 1, "entered twice", clerk)
    saved = Feedback.get_by_id(fb.id)
    assert (saved.voided, saved.register_no) == (True, "客诉-2026-11-0001")
    with pytest.raises(ValidationError):
        feedback.update_feedback(fb.id, 2, _complaint(serious=True), clerk)
    assert feedback.create_feedback(_complaint(), clerk).register_no == "客诉-2026-11-0002"
