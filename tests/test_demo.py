"""The demo database: realistic, complete, consistent and the same for the same seed."""
from __future__ import annotations

import datetime as dt
import re
import time

import peewee as pw
import pytest

from feedback_desk.base import clock, db as dbmod, i18n, staff
from feedback_desk import opening
from feedback_desk.desks.customers import profiles as customers
from feedback_desk import demo, demo_writer
from feedback_desk.desks.housekeeping import handover, rooms, sheet_rules as rules
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Customer, Preference, Visit
from feedback_desk.desks.housekeeping.models import (Handover, LineConsumable, MaintenanceItem, Room,
                                                     ServiceLine, ServiceSheet)
from feedback_desk.base.vocab import (CHANNEL_ASPECTS, COMPLAINT_STATES, FEEDBACK_CHANNELS,
                                      MAINTENANCE_STATES, RATING_ASPECTS, ROOM_STATES, SHEET_STATES)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """One demo database for the module (a fill takes seconds): its path, counts and fill time."""
    i18n.set_language("en")
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    opening.open_database(path)
    steps: list[tuple[str, int, int]] = []
    try:
        assert not demo.is_demo_filled()
        started = time.perf_counter()
        counts = demo.fill_demo(progress=lambda stage, done, total: steps.append((stage, done, total)))
        elapsed = time.perf_counter() - started
        assert demo.is_demo_filled()
        names = [c.name for c in Customer.select(Customer.name).order_by(Customer.id)]
    finally:
        dbmod.close_database()
    print(f"\ndemo fill: {elapsed:.1f} s, {counts}")
    return {"path": path, "counts": counts, "elapsed": elapsed, "steps": steps, "names": names}


@pytest.fixture
def filled(demo_file):
    opening.open_database(demo_file["path"])
    try:
        yield demo_file
    finally:
        dbmod.close_database()
        clock.set_now(None)


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


# --- the housekeeping desk (demo_service) ----------------------------------------------------

def test_three_floors_of_rooms_and_the_consumables(filled):
    assert rooms.floors() == [8, 9, 10]
    for floor in (8, 9, 10):
        numbers = [r.number for r in rooms.rooms(floor)]
        assert numbers == [str(floor * 100 + n) for n in range(1, 21)]
    assert {r.room_type for r in Room.select()} == {"标准间", "大床房", "套房"}
    assert len(rooms.consumables()) == len(rooms.DEFAULT_CONSUMABLES)


def test_two_months_of_daily_sheets(filled):
    counts = filled["counts"]
    today = clock.today_local()
    days = {d for (d,) in ServiceSheet.select(ServiceSheet.date).distinct().tuples()}
    assert 58 <= len(days) <= 61 and max(days) <= today and (today - min(days)).days <= 61
    assert counts["service_sheets"] == ServiceSheet.select().count() >= 170
    per_day = {}
    for day, floor, attendant in ServiceSheet.select(ServiceSheet.date, ServiceSheet.floor,
                                                     ServiceSheet.attendant).tuples():
        per_day.setdefault(day, []).append((floor, attendant))
    for day, sheets in per_day.items():
        floors = [f for f, _a in sheets]
        assert sorted(floors) == sorted(set(floors)) and set(floors) <= {8, 9, 10}
        assert len({a for _f, a in sheets}) == len(sheets), "one attendant per floor and day"
        if day < today:
            assert len(sheets) == 3
    assert {s for (s,) in ServiceSheet.select(ServiceSheet.state).distinct().tuples()} == set(SHEET_STATES)


def test_lines_in_cleaning_order_on_the_sheets_floor(filled):
    lines = list(ServiceLine.select(ServiceLine, ServiceSheet, Room)
                 .join(ServiceSheet, on=(ServiceLine.sheet == ServiceSheet.id))
                 .switch(ServiceLine).join(Room, on=(ServiceLine.room == Room.id))
                 .order_by(ServiceLine.sheet, ServiceLine.position))
    assert filled["counts"]["service_lines"] == len(lines) >= 1500
    by_sheet = {}
    for line in lines:
        assert line.room.floor == line.floor == line.sheet.floor and line.date == line.sheet.date
        assert dt.time(8, 30) <= line.start_time <= line.end_time <= dt.time(15, 0)
        assert line.room_state in ROOM_STATES
        if line.room_state == "checkout" and not line.voided:
            assert line.linen_changed
        by_sheet.setdefault(line.sheet_id, []).append(line)
    today = clock.today_local()
    for sheet_lines in by_sheet.values():
        live = [line for line in sheet_lines if not line.voided]
        assert len(live) <= 16 and (len(live) >= 8 or live[0].date == today)
        assert len({line.room_id for line in live}) == len(live)
        starts = [line.start_time for line in sheet_lines if not line.voided]
        if not any(line.voided for line in sheet_lines):
            assert starts == sorted(starts)
    states = {s for (s,) in ServiceLine.select(ServiceLine.room_state).distinct().tuples()}
    assert states == set(ROOM_STATES)
    used = LineConsumable.select(pw.fn.SUM(LineConsumable.quantity)).scalar()
    assert used > 5 * len(lines)
    assert ServiceLine.select().where(ServiceLine.special.contains("已交前台")).exists()


def test_foremen_check_late_unverified_and_not_received_sheets(filled):
    kinds = set()
    for sheet in ServiceSheet.select():
        if sheet.state != "open":
            assert sheet.verified_by_id and sheet.verified_by_id != sheet.attendant_id
            assert clock.to_local(sheet.verified_at).date() >= sheet.date
        if sheet.state == "received":
            assert sheet.received_at >= sheet.verified_at
        kinds |= rules.sheet_lateness(sheet.date, sheet.state, sheet.verified_at, sheet.received_at)
    assert kinds >= {"unverified", "verified_late", "not_received", "received_late"}
    assert filled["counts"]["sheets_late"] >= 5


def test_corrected_sheets_void_a_line_after_the_check(filled):
    voided = list(ServiceLine.select().where(ServiceLine.voided == True))  # noqa: E712
    assert voided
    for line in voided:
        sheet = ServiceSheet.get_by_id(line.sheet_id)
        assert line.void_reason and sheet.state in ("verified", "received")
        assert line.updated_at >= sheet.verified_at
        # the right line was added to the sheet before the foreman's check
        later = ServiceLine.select().where((ServiceLine.sheet == sheet.id) & (ServiceLine.voided == False)  # noqa: E712
                                           & (ServiceLine.position > line.position))
        assert later.where(ServiceLine.created_at <= sheet.verified_at).exists()


def test_maintenance_follow_ups_in_every_state_some_open(filled):
    items = list(MaintenanceItem.select())
    assert {m.state for m in items} == set(MAINTENANCE_STATES)
    assert sum(m.state != "checked" for m in items) >= 3
    for m in items:
        if m.state != "reported":
            assert m.owner_id
        if m.state == "checked":
            assert m.checked_by_id and m.fixed_at <= m.checked_at
    texts = {m.description for m in items}
    assert texts & {"淋浴喷头漏水", "空调不制冷", "马桶堵塞", "台灯不亮"}


def test_handovers_signed_by_two_with_a_few_differences(filled):
    handovers = list(Handover.select())
    assert {h.post for h in handovers} == {"总台", "客房部工作间"}
    assert len(handovers) >= 200
    differing = 0
    for h in handovers:
        assert h.taken_by_id != h.handed_by_id
        differing += bool(handover.differences(h.id))
    assert 1 <= differing <= len(handovers) * 0.15
    assert filled["counts"]["handover_differences"] == differing


def test_service_desk_has_nothing_in_the_future(filled):
    now = clock.now_utc()
    for model in (ServiceSheet, ServiceLine, MaintenanceItem, Handover):
        assert model.select(pw.fn.MAX(model.updated_at)).scalar() <= now


# --- the quality desk (demo_quality) ------------------------------------------------------------

def test_anomaly_sheets_in_every_state_and_severity(filled):
    from feedback_desk.desks.quality.models import AnomalySheet
    from feedback_desk.base.vocab import ANOMALY_STATE_ORDER, SEVERITIES
    sheets = list(AnomalySheet.select().where(AnomalySheet.voided == False))  # noqa: E712
    assert 60 <= len(sheets) <= 100
    assert {s.state for s in sheets} == set(ANOMALY_STATE_ORDER)
    assert {s.severity for s in sheets} == set(SEVERITIES)
    assert {s.source for s in sheets} == {"internal", "external"}
    assert any(s.customer_id for s in sheets), "some external sheets name a hotel customer"
    assert len({s.product for s in sheets}) >= 5
    today = clock.today_local()
    for s in sheets:
        assert re.fullmatch(rf"QA-{clock.to_local(s.found_at):%Y-%m}-\d{{4}}", s.number)
        assert (today - clock.to_local(s.found_at).date()).days <= 185
        if s.severity == "major":
            assert s.for_general_manager
            if s.state not in ("raised", "investigating"):
                assert s.investigation_team
        if s.state in ("acting", "verifying", "closed"):
            assert s.cause_category and s.responsible_department_id and s.same_batch_check and s.retained_sample
            if s.source == "external":
                assert s.site_visit
        if s.state == "closed":
            assert s.verified_by_id and s.verified_on and s.verification_result and s.days_to_close > 0
    assert AnomalySheet.select().where(AnomalySheet.voided == True).count() >= 1  # noqa: E712


def test_recurrences_link_a_closed_sheet_of_the_same_product_and_cause(filled):
    from feedback_desk.desks.quality.models import AnomalySheet
    later = list(AnomalySheet.select().where(AnomalySheet.recurrence_of.is_null(False)))
    assert 3 <= len(later) <= 20
    for s in later:
        first = AnomalySheet.get_by_id(s.recurrence_of_id)
        assert first.state == "closed" and first.id != s.id
        assert (first.product_key, first.cause_category) == (s.product_key, s.cause_category)
        assert dt.timedelta(0) <= s.found_at - first.closed_at <= dt.timedelta(days=90)


def test_capa_actions_with_owners_some_overdue(filled):
    from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
    from feedback_desk.desks.quality.listings import pareto
    today = clock.today_local()
    actions = list(CapaAction.select().where(CapaAction.voided == False))  # noqa: E712
    assert {a.kind for a in actions} == {"containment", "corrective", "preventive"}
    assert all(a.owner_id and a.due_on for a in actions)
    overdue = [a for a in actions if a.done_on is None and a.due_on < today]
    assert len(overdue) >= 3
    assert all(AnomalySheet.get_by_id(a.sheet_id).state in ("raised", "investigating", "acting") for a in overdue)
    for a in actions:
        sheet = AnomalySheet.get_by_id(a.sheet_id)
        assert a.done_on is None or clock.to_local(sheet.found_at).date() <= a.done_on <= today
        if sheet.state in ("verifying", "closed"):
            assert a.done_on
    causes = [row for row in pareto(None, None, "cause") if row.key is not None]
    assert len(causes) >= 4
    assert causes[0].count + causes[1].count >= 0.4 * sum(r.count for r in causes)


def test_quality_sheets_are_about_what_a_hotel_group_checks(filled):
    """Food, linen, amenities, room and kitchen equipment, purchased disposables; no bridge beams.
    External sheets start from a guest's (or a banquet client's) complaint."""
    from feedback_desk.base.models import Department
    from feedback_desk.desks.customers.models import Customer
    from feedback_desk.desks.quality.models import AnomalySheet
    sheets = list(AnomalySheet.select().where(AnomalySheet.voided == False))  # noqa: E712
    products = {s.product for s in sheets}
    kinds = {"food": {"冷冻虾仁", "早餐鲜牛奶", "食用油"}, "linen": {"床单", "浴巾"},
             "amenities": {"洗发水", "一次性牙具"}, "equipment": {"电热水壶", "吹风机", "厨房冷藏柜"},
             "purchased goods": {"一次性拖鞋"}}
    assert products <= set().union(*kinds.values())
    for kind, names in kinds.items():
        assert products & names, kind
    text = " ".join(s.product + s.description + s.root_cause + s.containment for s in sheets)
    for yard in ("梁", "钢筋", "支座", "混凝土", "张拉", "台座"):
        assert yard not in text, yard
    external = [s for s in sheets if s.source == "external"]
    assert 0 < len(external) < len(sheets) / 4
    for s in external:
        assert s.description.startswith("客人") and s.reporter
        if s.customer_id:
            assert Customer.get_by_id(s.customer_id).kind in ("individual", "group")
    assert "采购部" in {Department.get_by_id(s.responsible_department_id).name
                      for s in sheets if s.responsible_department_id}


def test_attachments_are_png_photos(filled):
    from feedback_desk.desks.quality import actions as quality_actions
    from feedback_desk.desks.quality.models import Attachment
    files = list(Attachment.select(Attachment.id, Attachment.mime, Attachment.size))
    assert files
    for f in files:
        data = quality_actions.attachment_bytes(f.id)
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) == f.size and f.mime == "image/png"
        assert len(data) < 2000


# --- the suggestion box (demo_suggestions) --------------------------------------------------------

def test_suggestions_in_every_state_named_and_anonymous(filled):
    from feedback_desk.base.models import Change
    from feedback_desk.desks.suggestions.models import Suggestion
    from feedback_desk.desks.suggestions.listings import overdue_condition
    from feedback_desk.base.vocab import ADOPTION, SUGGESTION_STATES
    entries = list(Suggestion.select())
    assert 120 <= len(entries) <= 200
    assert {s.state for s in entries} == set(SUGGESTION_STATES)
    assert {s.adoption for s in entries if s.adoption} == set(ADOPTION)
    assert any(s.implemented for s in entries)
    anonymous = [s for s in entries if s.anonymous]
    assert 0.2 <= len(anonymous) / len(entries) <= 0.4
    for s in anonymous:
        assert s.writer_id is None and s.created_by_id is None   # later changes are the reviewer's
    created = Change.select().where((Change.table == "suggestion") & (Change.action == "create")
                                    & Change.record_id.in_([s.id for s in anonymous]))
    assert all(c.by_id is None for c in created)
    assert all(s.writer_id for s in entries if not s.anonymous)
    assert len({s.category_id for s in entries}) == 8 and len({s.department_id for s in entries}) >= 7
    today = clock.today_local()
    assert (today - min(s.received_on for s in entries)).days >= 300
    assert Suggestion.select().where(overdue_condition()).count() >= 2


def test_points_only_to_named_writers_and_the_campaign(filled):
    from feedback_desk.desks.suggestions.models import Campaign, RewardPoints, Suggestion
    from feedback_desk.desks.suggestions.points import campaign_summary
    grants = list(RewardPoints.select().where(RewardPoints.source == "suggestion"))
    assert {g.kind for g in grants} == {"temporary", "permanent"}
    for g in grants:
        s = Suggestion.get_by_id(g.source_id)
        assert not s.anonymous and s.writer_id == g.staff_id and s.adoption in ("adopted", "partly")
    campaign = Campaign.get()
    assert campaign.year == clock.today_local().year - 1 and "年底合理化建议活动" in campaign.name
    total = campaign_summary(campaign.id)[-1]
    assert total.entries >= 10 and total.adopted >= 1
    for s in Suggestion.select().where(Suggestion.campaign == campaign.id):
        assert s.received_on.year == campaign.year and s.received_on.month == 12


def test_the_seeds_dormitory_suggestion(filled):
    from feedback_desk.base.listing import Filters
    from feedback_desk.desks.suggestions.listings import SuggestionListing
    from feedback_desk.desks.suggestions.models import Suggestion
    hits = list(Suggestion.select().where(Suggestion.text.contains("宿舍") & Suggestion.text.contains("物业楼")))
    assert len(hits) == 1
    s = hits[0]
    assert s.adoption == "adopted" and s.implemented and s.implemented_on and "物业楼" in s.answer
    assert not s.anonymous and s.state == "closed"
    rows = SuggestionListing().page(Filters(text="宿舍"), None, True, 0, 50)
    assert s.id in [r.id for r in rows]


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



# --- the work desk (demo_work) --------------------------------------------------------------------

def test_work_given_in_every_state_and_kind_through_its_steps(filled):
    from feedback_desk.desks.work.models import WorkCopy, WorkItem, WorkStep
    from feedback_desk.desks.work.vocab import WORK_KINDS, WORK_STATES
    items = list(WorkItem.select().where(WorkItem.voided == False))  # noqa: E712
    assert 30 <= len(items) <= 80 and filled["counts"]["work_items"] == len(items)
    assert {w.state for w in items} == set(WORK_STATES)
    assert {w.kind for w in items} == set(WORK_KINDS)
    now, today = clock.now_utc(), clock.today_local()
    for w in items:
        assert re.fullmatch(rf"工作-{w.given_on:%Y-%m}-\d{{4}}", w.number) and w.given_on <= today
        assert w.doer_id != w.given_by_id and w.updated_at <= now
        kinds = [k for (k,) in WorkStep.select(WorkStep.kind).where(WorkStep.item == w.id)
                 .order_by(WorkStep.at, WorkStep.id).tuples()]
        assert kinds[0] == "given"
        if w.state not in ("decided", "given"):
            assert w.acknowledged_at and "acknowledged" in kinds
        if w.state == "confirmed":
            assert kinds[-1] == "confirmed" and w.result
    delayed = [w for w in items if w.first_due_on != w.due_on]
    assert delayed and all(WorkStep.select().where((WorkStep.item == w.id) & (WorkStep.kind == "delay_answer")
                                                   & (WorkStep.decision == "accepted")).exists() for w in delayed)
    order = next(w for w in items if w.kind == "direct_order")
    assert order.urgency == "urgent" and WorkCopy.select().where((WorkCopy.item == order.id)
                                                                 & (WorkCopy.why == "head")).exists()
    assert WorkStep.select().where(WorkStep.kind == "sent_back").count() >= 3


def test_one_item_waits_for_the_front_office_heads_ruling_after_three_rounds(filled):
    from feedback_desk.desks.work.steps import steps_of
    from feedback_desk.desks.work.models import WorkItem
    waiting = list(WorkItem.select().where(WorkItem.state == "ruling"))
    assert len(waiting) == 1 == filled["counts"]["ruling"]
    item = waiting[0]
    assert item.rounds == 3 and Staff.get_by_id(item.ruler_id).name == "赵婷婷"
    steps = steps_of(item.id)
    assert [s.round for s in steps if s.round] == [1, 2, 3]
    assert steps[-1].kind == "ruling_asked" and steps[-1].staff.name == "赵婷婷"


def test_late_work_is_escalated_and_stands_out(filled):
    from feedback_desk.desks.work.deadlines import WORK_CLOCKS
    from feedback_desk.desks.work.listings import overdue_count
    from feedback_desk.loop.models import ItemClock
    assert 3 <= overdue_count() <= 20
    escalated = ItemClock.select().where(ItemClock.desk.in_(WORK_CLOCKS) & (ItemClock.step > 0)
                                         & ItemClock.done_at.is_null())
    assert escalated.count() >= 2


def test_monday_meetings_their_minutes_circulated_and_answered_some_outstanding(filled):
    from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkItem
    meetings = list(Meeting.select().order_by(Meeting.held_at))
    assert filled["counts"]["meetings"] == len(meetings) >= 5
    gm = [m for m in meetings if m.kind == "gm_meeting"]
    assert len(gm) >= 4 and all(clock.to_local(m.held_at).weekday() == 0 for m in gm)
    assert any(m.circulated_at - m.held_at > dt.timedelta(hours=24) for m in gm), "one circulated late"
    waiting = [m for m in meetings if m.circulated_at is None]
    assert len(waiting) == 1 and waiting[0].kind == "ad_hoc"
    assert {w.state for w in WorkItem.select().where(WorkItem.meeting == waiting[0].id)} == {"decided"}
    for m in gm:
        decisions = list(WorkItem.select().where(WorkItem.meeting == m.id))
        assert len(decisions) == 3 and all(d.given_by_id == m.chair_id for d in decisions)
        asked = {r.department_id for r in MeetingResponse.select().where(MeetingResponse.meeting == m.id)}
        assert asked == {d.department_id for d in decisions}
    outstanding = MeetingResponse.select().where(MeetingResponse.responded_at.is_null())
    assert outstanding.count() >= 1
    assert MeetingResponse.select().where(MeetingResponse.responded_at.is_null(False)).count() >= 8
