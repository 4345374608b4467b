"""The feedback table: counting, filtering, sorting and paging all done in SQL (the customer
table's are tests/desks/customers/test_customer_listing.py)."""
from __future__ import annotations

import datetime as dt

import pytest
from listing_pages import ids as _ids, read_on as _read_on, sql_order as _sql_order
from own_queries import count_queries

from feedback_desk.base import clock
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.loop import rules as dr, clocks as deadlines
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.base.formatting import fmt_due
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Customer
from feedback_desk.desks.feedback.listings import FeedbackListing

# --- feedback ---------------------------------------------------------------------------------

@pytest.fixture
def feedback_book(db, clerk, other, fixed_clock):
    """40 entries over 60 days: all kinds and channels, some with customers, departments, handlers."""
    today = clock.today_local()
    depts = list(Department.select().order_by(Department.id))[:3]
    guests = [customers.create_customer({"name": n, "title": "先生"}, clerk) for n in ("张", "李", "Brown")]
    channels = ["card_checkout", "card_meal", "collection_sheet", "phone", "letter", "fax", "visit", "revisit"]
    kinds = ["praise", "suggestion", "complaint", "complaint", "praise"]
    made = []
    for i in range(40):
        kind = kinds[i % len(kinds)]
        values = {"channel": channels[i % len(channels)], "kind": kind,
                  "date": today - dt.timedelta(days=(i * 13) % 60),
                  "text": f"第{i}条意见" + ("：空调太吵" if i % 6 == 0 else ""),
                  "place": ["大堂", "牡丹厅", "", "1208房"][i % 4],
                  "department": depts[i % 4].id if i % 4 < 3 else None,
                  "customer": guests[i % 4].id if i % 4 < 3 else None}
        if kind == "complaint":
            state = ["registered", "investigating", "closed"][i % 3]
            values.update(state=state, serious=i % 2 == 0)
            if state != "registered":
                values["handler"] = [clerk, other][i % 2].id
            if state == "closed":
                values.update(reply_method="phone", reply_on=values["date"], reply_by=other.id,
                              reply_text="已回复")
        made.append(feedback.create_feedback(values, clerk).id)
    feedback.void_feedback(made[-1], 1, "entered twice", clerk)
    return made


def _live_feedback(include_void=False):
    q = Feedback.select()
    if not include_void:
        q = q.where(Feedback.voided == False)  # noqa: E712
    return list(q)


def _running_due(desk: str, item_id: int):
    """The due time of the item's running clock (the Due column's sort); None without one."""
    row = ItemClock.get_or_none((ItemClock.desk == desk) & (ItemClock.item_id == item_id)
                                & ItemClock.done_at.is_null())
    return row.due_at if row else None


def _vary_complaint_clocks(clerk, now):
    """Give the open complaints clocks with different due times: the minute check, then some
    marked emergencies handled at different times, and one replied to (its clock stopped)."""
    deadlines.run_checks(now)
    open_ones = list(Feedback.select().where((Feedback.kind == "complaint") & (Feedback.voided == False)  # noqa: E712
                                             & (Feedback.state != "closed")).order_by(Feedback.id))
    assert len(open_ones) >= 6
    for minutes, fb in zip((300, 30, 1800, 180), open_ones[1:5]):  # due 1 h after handling
        deadlines.mark(fb, "emergency", clerk, handled_at=now - dt.timedelta(minutes=minutes))
    answered = open_ones[0]
    feedback.update_feedback(answered.id, answered.version, {
        **answered.__data__, "state": "replied", "handler": answered.handler_id or clerk.id,
        "reply_method": "phone", "reply_on": answered.date, "reply_by": clerk.id, "reply_text": "已回复"}, clerk)
    deadlines.run_checks(now)
    assert ItemClock.get((ItemClock.desk == "complaint") & (ItemClock.item_id == answered.id)).done_at == now


def _feedback_sort_value(fb: Feedback, key: str):
    if key == "due":  # the running clock's due time; none or stopped: after every due time
        return _running_due("complaint", fb.id) or dt.datetime.max
    if key == "customer":  # name + title of the customer; "" when none
        return (Customer.get_by_id(fb.customer_id).name + Customer.get_by_id(fb.customer_id).title
                if fb.customer_id else "")
    if key == "department":  # in the order of the department list
        return fb.department_id
    if key == "handler":  # in the order of the staff list
        return fb.handler_id
    return getattr(fb, key)


@pytest.mark.parametrize("key", [c.key for c in FeedbackListing.columns if c.sort is not None])
def test_feedback_sort_by_every_column_both_ways(feedback_book, clerk, fixed_clock, key):
    _vary_complaint_clocks(clerk, fixed_clock)
    listing = FeedbackListing()
    items = [(fb.id, _feedback_sort_value(fb, key)) for fb in _live_feedback()]
    expected = _sql_order(items, key)
    assert len(expected) == 39
    assert _ids(listing.page(Filters(), key, False, 0, 100)) == expected
    assert _ids(listing.page(Filters(), key, True, 0, 100)) == expected[::-1]


def test_feedback_default_is_newest_first(feedback_book):
    listing = FeedbackListing()
    rows = listing.page(Filters(), None, listing.default_descending, 0, 100)
    dates = [Feedback.get_by_id(i).date for i in _ids(rows)]
    assert dates == sorted(dates, reverse=True)


def test_feedback_pages_have_no_overlap_or_gaps(feedback_book):
    listing = FeedbackListing()
    whole = _ids(listing.page(Filters(), "date", True, 0, 1000))
    pieces = []
    for offset in range(0, 45, 10):
        pieces += _ids(listing.page(Filters(), "date", True, offset, 10))
    assert pieces == whole and len(set(pieces)) == 39


def _expected_feedback(choice: str) -> set[int]:
    live = _live_feedback()
    if choice == "":
        return {f.id for f in live}
    if choice == "open":
        return {f.id for f in live if f.kind == "complaint" and f.state != "closed"}
    if choice == "serious":
        return {f.id for f in live if f.kind == "complaint" and f.serious}
    if choice.startswith("kind:"):
        return {f.id for f in live if f.kind == choice[5:]}
    if choice.startswith("dept:"):  # the dashboard's complaints of one department concerned
        dept = int(choice[5:]) if choice[5:] else None
        return {f.id for f in live if f.kind == "complaint" and f.department_id == dept}
    if choice == LATE_CHOICE:  # open complaints whose running clock is past its due time
        now = clock.now_utc()
        return {f.id for f in live if f.kind == "complaint" and f.state not in ("replied", "closed")
                and (_running_due("complaint", f.id) or now + dt.timedelta(days=1)) <= now}
    assert choice.startswith("state:")
    return {f.id for f in live if f.kind == "complaint" and f.state == choice[6:]}


def test_feedback_choices_filter(feedback_book, clerk, fixed_clock):
    _vary_complaint_clocks(clerk, fixed_clock)  # three late: emergencies handled 5 h, 30 h and 3 h ago
    listing = FeedbackListing()
    choices = listing.choices()
    keys = [k for k, _l in choices]
    assert keys[:4] == ["", "open", LATE_CHOICE, "serious"]
    assert {"kind:complaint", "state:closed"} <= set(keys)
    assert len(_expected_feedback(LATE_CHOICE)) == 3
    nonempty = 0
    for key, label in choices:
        assert label
        expected = _expected_feedback(key)
        nonempty += bool(expected)
        assert listing.count(Filters(choice=key)) == len(expected), key
        assert set(_ids(listing.page(Filters(choice=key), "date", True, 0, 100))) == expected, key
    dept_choices = sum(k.startswith("dept:") for k in keys)
    assert dept_choices >= 2  # one per department, and none given
    assert nonempty >= len(choices) - dept_choices - 2  # "preference" and "replied" have no entries here


def test_feedback_text_filter(feedback_book):
    listing = FeedbackListing()
    noisy = {f.id for f in _live_feedback() if "空调" in f.text}
    assert noisy and listing.count(Filters(text="空调")) == len(noisy)
    assert set(_ids(listing.page(Filters(text="空调"), "date", True, 0, 100))) == noisy
    first = Feedback.select().where(Feedback.register_no.is_null(False)).order_by(Feedback.id).first()
    assert _ids(listing.page(Filters(text=first.register_no), "date", True, 0, 100)) == [first.id]
    by_place = {f.id for f in _live_feedback() if f.place.startswith("牡丹")}
    assert set(_ids(listing.page(Filters(text="牡丹"), "date", True, 0, 100))) == by_place
    zhang = Customer.get(Customer.name == "张")
    of_zhang = {f.id for f in _live_feedback() if f.customer_id == zhang.id}
    assert set(_ids(listing.page(Filters(text="zhang"), "date", True, 0, 100))) == of_zhang
    assert listing.count(Filters(text="空调", choice="kind:complaint")) == len(
        [f for f in _live_feedback() if "空调" in f.text and f.kind == "complaint"])


def test_feedback_date_range(feedback_book):
    listing = FeedbackListing()
    today = clock.today_local()
    start, end = today - dt.timedelta(days=20), today - dt.timedelta(days=5)
    expected = {f.id for f in _live_feedback() if start <= f.date <= end}
    assert expected
    f = Filters(date_from=start, date_to=end)
    assert listing.count(f) == len(expected)
    assert set(_ids(listing.page(f, "date", True, 0, 100))) == expected
    assert listing.count(Filters(date_to=today - dt.timedelta(days=61))) == 0


def test_void_feedback_only_with_include_void(feedback_book):
    listing = FeedbackListing()
    assert listing.count(Filters()) == 39
    assert listing.count(Filters(include_void=True)) == 40
    rows = listing.page(Filters(include_void=True), "date", True, 0, 100)
    assert [r.id for r in rows if r.void] == [feedback_book[-1]]


def test_feedback_rows_show_what_the_desk_needs(feedback_book, other):
    listing = FeedbackListing()
    rows = {r.id: r for r in listing.page(Filters(), "date", True, 0, 100)}
    serious = {f.id for f in _live_feedback() if f.kind == "complaint" and f.serious}
    assert {i for i, r in rows.items() if r.warn} == serious
    fb = Feedback.get((Feedback.kind == "complaint") & (Feedback.handler == other.id))
    row = rows[fb.id]
    labels = FeedbackListing.columns
    shown = {c.key: v for c, v in zip(labels, row.values)}
    assert shown["register_no"] == fb.register_no
    assert shown["kind"] == "Complaint"
    assert shown["handler"] == "李娜"
    assert shown["state"].startswith({"investigating": "Investigating", "closed": "Closed"}[fb.state])
    assert shown["customer"] == (Customer.get_by_id(fb.customer_id).name + "先生" if fb.customer_id else "")
    assert shown["department"] == (Department.get_by_id(fb.department_id).name if fb.department_id else "")
    with_guest = next(r for r in rows.values() if r.values[4])
    assert with_guest.values[4] in ("张先生", "李先生", "Brown先生")
    assert shown["text"] == fb.text


def test_feedback_page_costs_a_constant_number_of_queries(feedback_book, fixed_clock):
    deadlines.run_checks(fixed_clock)  # as the minute check has done in use: every open complaint has its clock
    listing = FeedbackListing()
    with count_queries() as small:
        listing.page(Filters(), "customer", False, 0, 3)
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), "handler", False, 0, 50)
    assert len(rows) == 40
    shown = [dict(zip([c.key for c in listing.columns], r.values)) for r in rows]
    assert all(any(v[key] for v in shown) for key in ("handler", "customer", "department", "due"))
    assert big.count == small.count == 1


def test_feedback_page_of_complaints_without_clocks_yet_costs_a_constant_number_of_queries(feedback_book,
                                                                                            fixed_clock):
    """Complaints entered since the last minute check have no clock yet: the page reads the
    rules once and shows the due time their rule will give, whatever the page's length."""
    dr.ensure_rules()  # the default rules are in place (the app's first check has put them there)
    listing = FeedbackListing()
    due_col = [c.key for c in listing.columns].index("due")
    with count_queries() as small:
        few = listing.page(Filters(choice="open"), "date", True, 0, 3)
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), "handler", False, 0, 50)
    assert len(few) == 3 and len(rows) == 40
    assert big.count == small.count
    due = fixed_clock + dt.timedelta(hours=24)  # answered within 24 hours of being entered
    open_ids = {f.id for f in _live_feedback() if f.kind == "complaint" and f.state not in ("replied", "closed")}
    assert open_ids and not ItemClock.select().exists()
    shown = {r.id: r.values[due_col] for r in rows if r.values[due_col]}
    assert set(shown) == open_ids
    text = shown[min(open_ids)]
    assert "1 d 0 h left" in text and set(shown.values()) == {text}
    assert all(f"Due {fmt_due(due)}" in r.tooltip for r in rows if r.id in open_ids)
    assert all(r.values[due_col] == text for r in few)
    deadlines.run_checks(fixed_clock)  # the clocks give the very same due time
    assert {r.id for r in listing.page(Filters(include_void=True), "handler", False, 0, 50)
            if r.values[due_col] == text} == open_ids


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", [c.key for c in FeedbackListing.columns if c.sort is not None])
def test_feedback_pages_read_on_from_the_last_row_as_the_whole_order_reads(feedback_book, clerk, fixed_clock, key,
                                                                           descending):
    """A later page starts after the last row of the page before (no OFFSET): equal values, empty
    ones and both directions give the same rows as one long page, none twice, none left out."""
    _vary_complaint_clocks(clerk, fixed_clock)
    listing = FeedbackListing()
    whole = _ids(listing.page(Filters(), key, descending, 0, 1000))
    assert len(whole) == 39
    assert _read_on(listing, key, descending, 4) == whole


def test_a_text_search_counts_up_to_its_cap_and_its_table_still_lists_every_match(feedback_book, qtmodeltester,
                                                                                 qtbot, monkeypatch):
    """Past `count_cap` matches a search's count stops ("more than"), and the table reads on, page
    after page, to the last match; a search under the cap, and a table with no text, count whole."""
    from ui.kit.paged_model import PagedTableModel

    monkeypatch.setattr(FeedbackListing, "count_cap", 5)
    listing = FeedbackListing()
    every = Filters(text="第")  # all 39 live entries
    assert listing.count(every) == 6 and listing.more_than(every, 6) and not listing.capped(every, 6)
    assert listing.count(Filters(text="空调")) == 6  # seven of them: more than five
    assert listing.count(Filters(text="第4条")) == 1 and not listing.more_than(Filters(text="第4条"), 1)
    assert listing.count(Filters()) == 39  # no text: counted whole

    monkeypatch.setattr(PagedTableModel, "PAGE", 4)
    model = PagedTableModel(listing)
    model.set_filters(every)  # a text search of feedback runs off the window's thread
    qtbot.waitUntil(lambda: model.total() == 6)
    assert model.rowCount() == 4
    while model.canFetchMore():
        model.fetchMore()
    assert [model.row_id(r) for r in range(model.rowCount())] == _ids(listing.page(every, None, True, 0, 100))
    assert model.rowCount() == 39 and model.total() == 6  # the count stays what it said: more than 5
    qtmodeltester.check(model)
