"""Customer profiles: the form's validation, find-as-you-type, likes and taboos, visits, the profile."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import clock
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change
from feedback_desk.desks.customers.models import Customer, CustomerKey, Preference, Visit

ZHANG = {"name": "张", "title": "科长", "organisation": "国税局", "phones": "138 0531-0001", "vip": True}


def _rows() -> tuple[int, int, int, int, int]:
    return (Customer.select().count(), CustomerKey.select().count(), Change.select().count(),
            Preference.select().count(), Visit.select().count())


def _names(term: str) -> list[str]:
    return [h.name + h.title for h in customers.find_customers(term)]


@pytest.fixture
def zhang(db, clerk):
    return customers.create_customer(ZHANG, clerk)


@pytest.fixture
def crowd(db, clerk, zhang):
    """A few other guests so a search has something to leave out."""
    customers.create_customer({"name": "李", "title": "经理", "organisation": "建设银行",
                               "phones": "13905310002"}, clerk)
    customers.create_customer({"name": "王", "title": "主任", "organisation": "市委办公室",
                               "phones": "0531-8888 1234"}, clerk)
    customers.create_customer({"name": "夕阳红旅行团", "kind": "group", "phones": "13805319999"}, clerk)


# --- create / update / void -------------------------------------------------------------------

def test_create_customer_cleans_and_saves(db, clerk):
    c = customers.create_customer({"name": "  张 ", "title": "科长", "organisation": "国税局",
                                   "phones": "138 0531-0001；0531-8888 1234", "vip": 1}, clerk)
    saved = Customer.get_by_id(c.id)
    assert (saved.kind, saved.name, saved.title, saved.organisation) == ("individual", "张", "科长", "国税局")
    assert saved.phones == "138 0531-0001, 0531-8888 1234"
    assert saved.vip is True and saved.version == 1 and saved.created_by_id == clerk.id
    assert customers.display_name(saved) == "国税局 · 张科长"


def test_update_customer_refreshes_search_keys(db, clerk, zhang):
    updated = customers.update_customer(zhang.id, 1, {**ZHANG, "name": "章", "title": "处长"}, clerk)
    assert (updated.name, updated.title, updated.version) == ("章", "处长", 2)
    assert _names("zc") == ["章处长"]
    assert _names("张") == []
    assert _names("zkz") == []


def test_update_customer_with_stale_version_is_refused(db, clerk, other, zhang):
    customers.update_customer(zhang.id, 1, {**ZHANG, "title": "处长"}, other)
    with pytest.raises(ConflictError):
        customers.update_customer(zhang.id, 1, {**ZHANG, "notes": "my notes"}, clerk)
    saved = Customer.get_by_id(zhang.id)
    assert (saved.title, saved.notes) == ("处长", "")
    assert _names("zcz") == ["张处长"]  # keys follow the saved record, not the refused one


def test_void_customer_keeps_row_and_hides_from_search(db, clerk, zhang):
    customers.void_customer(zhang.id, 1, "duplicate profile", clerk)
    assert Customer.get_by_id(zhang.id).voided is True
    assert Customer.get_by_id(zhang.id).void_reason == "duplicate profile"
    assert customers.find_customers("张") == []
    assert customers.find_customers("13805310001") == []


def test_void_customer_needs_a_reason(db, clerk, zhang):
    with pytest.raises(ValidationError) as err:
        customers.void_customer(zhang.id, 1, " ", clerk)
    assert list(err.value.errors) == ["reason"]
    assert _names("zkz") == ["张科长"]


@pytest.mark.parametrize("values, field", [
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "张", "kind": "company"}, "kind"),
    ({"name": "张", "phones": "call me"}, "phones"),
    ({"name": "张", "phones": "1234"}, "phones"),
    ({"name": "张", "phones": "13805310001, 12-34"}, "phones"),
    ({"name": "张" * 101}, "name"),
    ({"name": "张", "organisation": "局" * 201}, "organisation"),
    ({"name": "张", "title": "长" * 101}, "title"),
    ({"name": "张", "notes": "x" * 4001}, "notes"),
])
def test_customer_validation_names_the_field_and_saves_nothing(db, clerk, values, field):
    before = _rows()
    with pytest.raises(ValidationError) as err:
        customers.create_customer(values, clerk)
    assert list(err.value.errors) == [field]
    assert err.value.errors[field].strip()
    assert _rows() == before


def test_all_bad_fields_are_reported_at_once(db, clerk):
    with pytest.raises(ValidationError) as err:
        customers.create_customer({"name": "", "kind": "x", "phones": "abc"}, clerk)
    assert set(err.value.errors) == {"name", "kind", "phones"}
    with pytest.raises(ValidationError) as err:
        customers.create_customer({"name": "张" * 101}, clerk)
    assert "100" in err.value.errors["name"]


def test_invalid_update_changes_nothing(db, clerk, zhang):
    before = _rows()
    with pytest.raises(ValidationError) as err:
        customers.update_customer(zhang.id, 1, {**ZHANG, "name": ""}, clerk)
    assert list(err.value.errors) == ["name"]
    assert _rows() == before
    assert Customer.get_by_id(zhang.id).version == 1


# --- find as you type -------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["zkz", "ZKZ", "zhang", "zhangke", "张", "张科", "国税局", "gsj", "guoshui",
                                  "1380531000", "138 0531 0", "138-0531-0001", " 13805310001 "])
def test_find_zhang_by_any_key(crowd, term):
    assert _names(term) == ["张科长"]


def test_find_by_phone_prefix_shared_by_two(crowd):
    assert sorted(_names("138 053")) == ["夕阳红旅行团", "张科长"]
    assert _names("0531 8888") == ["王主任"]
    assert _names("0531-8888-1234") == ["王主任"]


def test_find_nothing(crowd):
    assert customers.find_customers("") == []
    assert customers.find_customers("   ") == []
    assert customers.find_customers("xyz") == []
    assert customers.find_customers("139 0000") == []


def test_find_is_prefix_not_substring(crowd):
    assert _names("科长") == ["张科长"]  # title alone is a key
    assert _names("税局") == []


def test_vip_comes_first_among_equal_matches(db, clerk):
    customers.create_customer({"name": "章", "title": "老师"}, clerk)
    customers.create_customer({"name": "张", "title": "科长", "vip": True}, clerk)
    assert _names("zhang") == ["张科长", "章老师"]


def test_hit_carries_taboos_and_likes(db, clerk, zhang, dining):
    customers.add_preference(zhang.id, "like", "韭菜炒鸡蛋皮", dining.id, clerk)
    customers.add_preference(zhang.id, "taboo", "不吃辣", dining.id, clerk)
    customers.add_preference(zhang.id, "taboo", "对花生过敏", None, clerk)
    (hit,) = customers.find_customers("zkz")
    assert hit.taboos == ["不吃辣", "对花生过敏"]
    assert hit.likes == ["韭菜炒鸡蛋皮"]
    assert (hit.id, hit.vip, hit.organisation, hit.phones) == (zhang.id, True, "国税局", "138 0531-0001")


# --- likes and taboos -------------------------------------------------------------------------

def test_add_preference_records_who_and_department(db, clerk, zhang, dining):
    p = customers.add_preference(zhang.id, "taboo", "  不吃辣 ", dining.id, clerk)
    saved = Preference.get_by_id(p.id)
    assert (saved.kind, saved.text, saved.department_id, saved.created_by_id) == (
        "taboo", "不吃辣", dining.id, clerk.id)
    assert saved.customer_id == zhang.id


@pytest.mark.parametrize("kind, text, department, field", [
    ("dislike", "不吃辣", None, "kind"),
    ("taboo", "  ", None, "text"),
    ("taboo", "辣" * 201, None, "text"),
    ("taboo", "不吃辣", 9999, "department"),
])
def test_add_preference_validation(db, clerk, zhang, kind, text, department, field):
    before = _rows()
    with pytest.raises(ValidationError) as err:
        customers.add_preference(zhang.id, kind, text, department, clerk)
    assert list(err.value.errors) == [field]
    assert _rows() == before


def test_no_preference_on_a_void_profile(db, clerk, zhang):
    customers.void_customer(zhang.id, 1, "duplicate", clerk)
    with pytest.raises(ValidationError) as err:
        customers.add_preference(zhang.id, "taboo", "不吃辣", None, clerk)
    assert list(err.value.errors) == ["customer"]
    assert Preference.select().count() == 0


def test_void_preference_takes_the_taboo_off(db, clerk, zhang):
    p = customers.add_preference(zhang.id, "taboo", "不吃辣", None, clerk)
    customers.add_preference(zhang.id, "taboo", "不吃香菜", None, clerk)
    with pytest.raises(ValidationError):
        customers.void_preference(p.id, 1, "", clerk)
    assert customers.find_customers("zkz")[0].taboos == ["不吃辣", "不吃香菜"]
    customers.void_preference(p.id, 1, "he eats chilli now", clerk)
    assert customers.find_customers("zkz")[0].taboos == ["不吃香菜"]
    assert [t.text for t in customers.customer_profile(zhang.id).taboos] == ["不吃香菜"]
    assert Preference.get_by_id(p.id).void_reason == "he eats chilli now"


# --- visits -----------------------------------------------------------------------------------

def test_add_visit_updates_last_visit_without_bumping_the_profile(db, clerk, zhang, fixed_clock):
    today = clock.today_local()
    customers.add_visit(zhang.id, {"date": today - dt.timedelta(days=10), "place": "牡丹厅",
                                   "party_size": "8"}, clerk)
    assert Customer.get_by_id(zhang.id).last_visit == today - dt.timedelta(days=10)
    customers.add_visit(zhang.id, {"date": today, "party_size": 2}, clerk)
    customers.add_visit(zhang.id, {"date": today - dt.timedelta(days=30)}, clerk)  # entered late
    saved = Customer.get_by_id(zhang.id)
    assert saved.last_visit == today
    assert saved.version == 1  # an open profile form can still be saved
    visits = customers.customer_profile(zhang.id).visits
    assert [(v.date, v.place, v.party_size) for v in visits] == [
        (today, "", 2),
        (today - dt.timedelta(days=10), "牡丹厅", 8),
        (today - dt.timedelta(days=30), "", None)]


@pytest.mark.parametrize("values, field", [
    ({"date": "tomorrow"}, "date"),
    ({}, "date"),
    ({"date": "FUTURE"}, "date"),
    ({"date": "TODAY", "party_size": 0}, "party_size"),
    ({"date": "TODAY", "party_size": "0"}, "party_size"),
    ({"date": "TODAY", "party_size": "abc"}, "party_size"),
    ({"date": "TODAY", "party_size": -3}, "party_size"),
    ({"date": "TODAY", "party_size": 2001}, "party_size"),
    ({"date": "TODAY", "place": "厅" * 101}, "place"),
])
def test_add_visit_validation(db, clerk, zhang, fixed_clock, values, field):
    today = clock.today_local()
    values = dict(values)
    if values.get("date") == "TODAY":
        values["date"] = today
    elif values.get("date") == "FUTURE":
        values["date"] = today + dt.timedelta(days=1)
    before = _rows()
    with pytest.raises(ValidationError) as err:
        customers.add_visit(zhang.id, values, clerk)
    assert list(err.value.errors) == [field]
    assert _rows() == before
    assert Customer.get_by_id(zhang.id).last_visit is None


# --- the profile ------------------------------------------------------------------------------

def test_profile_shows_taboos_likes_visits_and_feedback(db, clerk, zhang, dining, fixed_clock):
    today = clock.today_local()
    customers.add_preference(zhang.id, "taboo", "不吃辣", dining.id, clerk)
    customers.add_preference(zhang.id, "like", "韭菜炒鸡蛋皮", dining.id, clerk)
    customers.add_visit(zhang.id, {"date": today, "place": "牡丹厅", "party_size": 6}, clerk)
    older = feedback.create_feedback({"channel": "card_meal", "kind": "praise", "customer": zhang.id,
                                      "date": today - dt.timedelta(days=3), "text": "菜很好",
                                      "rating_food": 4}, clerk)
    newer = feedback.create_feedback({"channel": "phone", "kind": "suggestion", "customer": zhang.id,
                                      "date": today, "text": "包间再安静些"}, clerk)
    gone = feedback.create_feedback({"channel": "phone", "kind": "praise", "customer": zhang.id,
                                     "date": today, "text": "entered by mistake"}, clerk)
    feedback.void_feedback(gone.id, 1, "wrong guest", clerk)
    # someone else's feedback does not show
    li = customers.create_customer({"name": "李"}, clerk)
    feedback.create_feedback({"channel": "phone", "kind": "praise", "customer": li.id,
                              "date": today, "text": "not Zhang's"}, clerk)

    profile = customers.customer_profile(zhang.id)
    assert profile.customer.name == "张"
    assert [(p.text, p.department.name) for p in profile.taboos] == [("不吃辣", "Dining")]
    assert [p.text for p in profile.likes] == ["韭菜炒鸡蛋皮"]
    assert [(v.place, v.party_size) for v in profile.visits] == [("牡丹厅", 6)]
    assert [f.id for f in profile.feedback] == [newer.id, older.id]
