"""The demo database: realistic, complete, consistent and the same for the same seed; it opens with its
deadline clocks running and everyone signs in to it."""
from __future__ import annotations

import re

from feedback_desk.base import clock, i18n, staff
from feedback_desk.desks.customers import profiles as customers
from feedback_desk import demo, demo_writer
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Customer, Preference, Visit
from feedback_desk.base.vocab import CHANNEL_ASPECTS, COMPLAINT_STATES, FEEDBACK_CHANNELS, RATING_ASPECTS


def test_counts_are_in_the_requested_ranges(filled):
    counts = filled["counts"]
    assert 12 <= counts["staff"] <= 28
    assert 250 <= counts["customers"] <= 350
    assert 0.05 <= counts["vip"] / counts["customers"] <= 0.2
    assert counts["taboos"] >= 100 and counts["likes"] >= 100
    assert 500 <= counts["visits"] <= 3000
    assert 2500 <= counts["feedback"] <= 3500
    assert 0.15 <= counts["complaints"] / counts["feedback"] <= 0.25
    assert counts["customers"] == Customer.select().count()
    assert counts["feedback"] == Feedback.select().count()
    # customer kinds, linked feedback, channels and kinds all represented
    kinds = {k for (k,) in Customer.select(Customer.kind).distinct().tuples()}
    assert kinds == {"individual", "organisation", "group"}
    linked = Feedback.select().where(Feedback.customer.is_null(False)).count()
    assert 0.35 <= linked / counts["feedback"] <= 0.65
    assert {c for (c,) in Feedback.select(Feedback.channel).distinct().tuples()} == set(FEEDBACK_CHANNELS)
    prefs = Feedback.select().where(Feedback.kind == "preference").count()
    assert 0.02 <= prefs / counts["feedback"] <= 0.08
    # a good share of customers have a taboo, so warnings show up everywhere
    with_taboo = (Preference.select(Preference.customer).where(Preference.kind == "taboo")
                  .distinct().count())
    assert with_taboo >= counts["customers"] * 0.3


def test_progress_moves_through_every_desk_up_to_its_total(filled):
    """What the progress box shows: each stage in turn, from 0 up to its total, never back."""
    steps = filled["steps"]
    stages = list(dict.fromkeys(stage for stage, _d, _t in steps))
    assert stages == [i18n._(s) for s in demo.STAGES]
    assert stages[:5] == ["Customer profiles and guest feedback", "Service log", "Quality anomalies",
                          "Suggestion box", "Work and meetings"]
    assert [s for s, _d, _t in steps] == sorted((s for s, _d, _t in steps), key=stages.index), "one desk after another"
    for stage in stages:
        done = [d for s, d, _t in steps if s == stage]
        totals = {t for s, _d, t in steps if s == stage}
        assert len(totals) == 1 and totals.pop() == done[-1] > 0
        assert done[0] == 0 and done == sorted(set(done)), "increasing, from 0"
        if done[-1] > 2 * demo_writer.REPORT_EVERY:
            assert len(done) > 2, "moves in between, not only at the start and the end"
    print(f"\ndemo fill time: {filled['elapsed']:.1f} s")


def test_complaints_in_every_state_with_proper_handling(filled):
    complaints = list(Feedback.select().where(Feedback.kind == "complaint"))
    assert {c.state for c in complaints} == set(COMPLAINT_STATES)
    assert any(c.serious for c in complaints)
    for c in complaints:
        assert c.handler_id is None or c.handler_id != c.complained_about_id
        if c.state != "registered":
            assert c.handler_id and c.investigation
        if c.state in ("replied", "closed"):
            assert c.reply_method and c.reply_on and c.reply_by_id and c.reply_text
            assert c.date <= c.reply_on
        if c.state == "closed":
            assert c.outcome_rating in (1, 2, 3, 4)
    today = clock.today_local()
    old = [c for c in complaints if (today - c.date).days > 60]
    assert sum(c.state == "closed" for c in old) / len(old) > 0.8
    # serious complaints are handled high up: mostly by the deputy general manager
    deputy = Staff.get(Staff.name == "李志强")
    serious = [c for c in complaints if c.serious and c.handler_id]
    assert sum(c.handler_id == deputy.id for c in serious) > len(serious) / 3


def test_register_numbers_unique_and_by_month(filled):
    rows = list(Feedback.select(Feedback.register_no, Feedback.date).where(Feedback.kind == "complaint").tuples())
    numbers = [n for n, _d in rows]
    assert all(numbers) and len(set(numbers)) == len(numbers)
    for number, date in rows:
        assert re.fullmatch(rf"客诉-{date:%Y-%m}-\d{{4}}", number), number
    assert Feedback.select().where(Feedback.kind != "complaint", Feedback.register_no.is_null(False)).count() == 0


def test_ratings_only_on_the_channels_aspects(filled):
    for fb in Feedback.select():
        for aspect in RATING_ASPECTS:
            value = getattr(fb, aspect)
            assert value is None or (aspect in CHANNEL_ASPECTS[fb.channel] and value in (1, 2, 3, 4))


def test_section_chief_zhang_of_the_tax_bureau(filled):
    hits = [h for h in customers.find_customers("zkz", limit=50)
            if (h.name, h.title, h.organisation) == ("张", "科长", "国税局")]
    assert len(hits) == 1
    zhang = hits[0]
    assert zhang.vip and zhang.kind == "individual"
    assert {"韭菜炒鸡蛋皮", "炒豆腐皮"} <= set(zhang.likes)
    profile = customers.customer_profile(zhang.id)
    assert sum(v.place == "红韵包厢" for v in profile.visits) >= 3
    assert customers.display_name(zhang) == "国税局 · 张科长"


def test_chilli_free_guests_in_xiangqing(filled):
    taboo = (Preference.select().where((Preference.kind == "taboo") & (Preference.text == "不吃辣椒")))
    assert taboo.count() >= 1
    sheet = (Feedback.select().where((Feedback.channel == "collection_sheet") & (Feedback.place == "乡情")
                                     & Feedback.text.contains("不吃辣椒")))
    assert sheet.count() >= 1
    owner = sheet.first().customer
    assert "不吃辣椒" in [p.text for p in customers.customer_profile(owner.id).taboos]
    assert any("不吃辣椒" in h.taboos for h in customers.find_customers(owner.name, limit=50))


def test_duck_tongue_dish_suggestion_and_praise(filled):
    mentions = list(Feedback.select().where(Feedback.text.contains("菜根鸭舌")).order_by(Feedback.date))
    suggestion = [f for f in mentions if f.kind in ("suggestion", "complaint") and "颜色太深" in f.text]
    praise = [f for f in mentions if f.kind == "praise" and "温拌" in f.text]
    assert suggestion and praise and suggestion[0].date < praise[0].date


def test_nothing_is_in_the_future(filled):
    today = clock.today_local()
    now = clock.now_utc()
    for model, field in ((Feedback, Feedback.date), (Feedback, Feedback.reply_on), (Visit, Visit.date),
                         (Customer, Customer.last_visit)):
        latest = model.select(field).order_by(field.desc(nulls="last")).scalar()
        assert latest is None or latest <= today
    for model in (Customer, Visit, Preference, Feedback):
        latest = model.select(model.updated_at).order_by(model.updated_at.desc()).scalar()
        assert latest <= now
    oldest = Feedback.select(Feedback.date).order_by(Feedback.date).scalar()
    assert 150 <= (today - oldest).days <= 200


def test_phones_look_chinese(filled):
    for (phones,) in Customer.select(Customer.phones).tuples():
        for phone in phones.split(", "):
            assert re.fullmatch(r"1[358]\d{9}|0531-8\d{7}", phone), phone


def test_same_seed_same_demo(demo_file, db):
    """A second fill with the same seed, into another file, makes the same customers in the same order."""
    staff.ensure_departments()
    demo.fill_demo(seed=2026)
    names = [c.name for c in Customer.select(Customer.name).order_by(Customer.id)]
    assert names == demo_file["names"]


def test_the_demo_opens_with_deadline_clocks_and_todays_progress_reports(filled):
    from feedback_desk.loop import clocks as deadlines
    from feedback_desk.loop.models import ItemClock
    from feedback_desk.base.models import Change
    from feedback_desk.desks.housekeeping.models import MaintenanceItem

    assert ItemClock.select().count() > 0  # as after a first start's check
    reported = list(Change.select().where((Change.table == "maintenance_item") & (Change.field == "progress")))
    assert len(reported) == filled["counts"]["progress_reports"] >= 1
    for change in reported:  # reported today: due by the end of the next working day, not late
        item = MaintenanceItem.get_by_id(change.record_id)
        assert change.by_id == item.owner_id and not deadlines.is_late(item)


def test_everyone_signs_in_to_the_demo_with_its_one_password_and_every_role_is_held(filled):
    from feedback_desk.base import roles, sign_in
    from feedback_desk.base.models import Staff

    people = list(Staff.select())
    assert all(sign_in.sign_in(p.id, sign_in.DEMO_PASSWORD).person.id == p.id for p in people[:3])
    held = set().union(*(roles.roles_of(p.id) for p in people))
    assert {"head", "foreman", "quality", "inspector", "deputy_gm", "gm", "admin"} <= held
