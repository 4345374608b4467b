"""The customer profiles' table: counting, filtering, sorting and paging all done in SQL."""
from __future__ import annotations

import datetime as dt

import pytest
from listing_pages import ids as _ids, read_on as _read_on, sql_order as _sql_order
from own_queries import count_queries

from feedback_desk.base import clock
from feedback_desk.base.listing import Filters
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.customers.listings import CustomerListing
from feedback_desk.desks.customers.models import Customer, Preference

SURNAMES = ["张", "李", "王", "赵", "刘", "陈", "杨", "黄", "周", "吴", "Smith", "张"]
ORGS = ["国税局", "建设银行", "", "市委办公室", "Acme Ltd"]
KINDS = ["individual", "individual", "organisation", "group"]


@pytest.fixture
def guest_book(db, clerk, fixed_clock):
    """60 customers: mixed kinds, organisations, VIPs, visits; every 5th with a taboo; two void."""
    today = clock.today_local()
    made = []
    for i in range(60):
        c = customers.create_customer({
            "name": SURNAMES[i % len(SURNAMES)], "title": f"{i:02d}", "kind": KINDS[i % len(KINDS)],
            "organisation": ORGS[i % len(ORGS)], "phones": f"139{(i * 7919) % 100000000:08d}",
            "vip": i % 3 == 0}, clerk)
        if i % 4:
            customers.add_visit(c.id, {"date": today - dt.timedelta(days=(i * 37) % 90)}, clerk)
        if i % 5 == 0:
            customers.add_preference(c.id, "taboo", f"忌口{i}", None, clerk)
            customers.add_preference(c.id, "taboo", "不吃辣", None, clerk)
        if i % 7 == 1:
            customers.add_preference(c.id, "like", f"喜欢{i}", None, clerk)
        made.append(c.id)
    for cid in made[58:]:
        customers.void_customer(cid, 1, "duplicate", clerk)
    return made


def _live_customers(include_void=False):
    q = Customer.select()
    if not include_void:
        q = q.where(Customer.voided == False)  # noqa: E712
    return list(q)


def test_customer_count_and_first_page(guest_book):
    listing = CustomerListing()
    assert listing.count(Filters()) == 58
    assert listing.count(Filters(include_void=True)) == 60
    rows = listing.page(Filters(), None, False, 0, 20)
    assert len(rows) == 20
    assert len(rows[0].values) == len(listing.columns) == len(listing.column_labels())
    assert not any(r.void for r in rows)


@pytest.mark.parametrize("key", [c.key for c in CustomerListing.columns if c.sort is not None])
@pytest.mark.parametrize("include_void", [False, True])
def test_customer_sort_by_every_column_both_ways(guest_book, key, include_void):
    listing = CustomerListing()
    filters = Filters(include_void=include_void)
    field = "sort_name" if key == "name" else key  # names sort by their pinyin spelling
    items = [(c.id, getattr(c, field)) for c in _live_customers(include_void)]
    expected = _sql_order(items, key)
    assert _ids(listing.page(filters, key, False, 0, 100)) == expected
    assert _ids(listing.page(filters, key, True, 0, 100)) == expected[::-1]


def test_unsortable_column_falls_back_to_default_sort(guest_book):
    listing = CustomerListing()
    assert not listing.sortable("taboos") and listing.sortable("name")
    by_name = _ids(listing.page(Filters(), "name", False, 0, 100))
    assert _ids(listing.page(Filters(), "taboos", False, 0, 100)) == by_name
    assert _ids(listing.page(Filters(), None, False, 0, 100)) == by_name


@pytest.mark.parametrize("key, descending", [("name", False), ("last_visit", True), ("vip", False)])
def test_customer_pages_have_no_overlap_or_gaps(guest_book, key, descending):
    listing = CustomerListing()
    whole = _ids(listing.page(Filters(), key, descending, 0, 1000))
    pieces = []
    for offset in range(0, 70, 7):
        page = listing.page(Filters(), key, descending, offset, 7)
        assert len(page) == max(0, min(7, 58 - offset))
        pieces += _ids(page)
    assert pieces == whole
    assert len(set(pieces)) == 58


def _expected_customers(choice: str) -> set[int]:
    live = _live_customers()
    taboo_ids = {p.customer_id for p in Preference.select().where(
        (Preference.kind == "taboo") & (Preference.voided == False))}  # noqa: E712
    if choice == "":
        return {c.id for c in live}
    if choice == "vip":
        return {c.id for c in live if c.vip}
    if choice == "taboo":
        return {c.id for c in live if c.id in taboo_ids}
    assert choice.startswith("kind:")
    return {c.id for c in live if c.kind == choice[5:]}


def test_customer_choices_filter(guest_book):
    listing = CustomerListing()
    choices = listing.choices()
    assert choices[0][0] == ""
    assert {"vip", "taboo", "kind:individual", "kind:organisation", "kind:group"} <= {k for k, _l in choices}
    for key, label in choices:
        assert label
        expected = _expected_customers(key)
        filters = Filters(choice=key)
        assert listing.count(filters) == len(expected), key
        assert set(_ids(listing.page(filters, "name", False, 0, 100))) == expected, key
        assert expected, key  # every choice selects someone in this guest book


def test_customer_text_filter_uses_search_keys(guest_book):
    listing = CustomerListing()
    zhang = {c.id for c in _live_customers() if c.name == "张"}
    assert len(zhang) == 9  # ten 张, one of them void
    for term in ("张", "zhang", "ZHANG"):
        assert listing.count(Filters(text=term)) == len(zhang)
        assert set(_ids(listing.page(Filters(text=term), "name", False, 0, 100))) == zhang
    one = Customer.get(Customer.title == "07")
    assert _ids(listing.page(Filters(text=one.phones[:3] + " " + one.phones[3:9]), None, False, 0, 10)) == [one.id]
    bank = {c.id for c in _live_customers() if c.organisation == "建设银行"}
    assert set(_ids(listing.page(Filters(text="jsyh"), None, False, 0, 100))) == bank
    assert listing.count(Filters(text="nobody")) == 0
    assert listing.count(Filters(text="zhang", choice="vip")) == len(
        [c for c in _live_customers() if c.name == "张" and c.vip])


def test_customer_date_range_filters_last_visit(guest_book):
    listing = CustomerListing()
    today = clock.today_local()
    start, end = today - dt.timedelta(days=30), today - dt.timedelta(days=10)
    expected = {c.id for c in _live_customers() if c.last_visit and start <= c.last_visit <= end}
    assert expected
    f = Filters(date_from=start, date_to=end)
    assert listing.count(f) == len(expected)
    assert set(_ids(listing.page(f, "last_visit", False, 0, 100))) == expected
    since = {c.id for c in _live_customers() if c.last_visit and c.last_visit >= start}
    assert listing.count(Filters(date_from=start)) == len(since)


def test_void_customers_only_with_include_void(guest_book):
    listing = CustomerListing()
    void_ids = set(guest_book[58:])
    assert not void_ids & set(_ids(listing.page(Filters(), "name", False, 0, 100)))
    rows = listing.page(Filters(include_void=True), "name", False, 0, 100)
    assert {r.id for r in rows if r.void} == void_ids


def test_customers_with_taboos_are_drawn_in_warning_colour(guest_book):
    listing = CustomerListing()
    rows = listing.page(Filters(), "name", False, 0, 100)
    by_id = {r.id: r for r in rows}
    assert {r.id for r in rows if r.warn} == _expected_customers("taboo")
    first = Customer.get(Customer.title == "00")
    row = by_id[first.id]
    assert row.values[0] == "张00"
    assert row.values[1] == "忌口0、不吃辣"
    assert "不吃辣" in row.tooltip
    assert row.values[6] == "★"  # VIP
    plain = by_id[Customer.get(Customer.title == "02").id]
    assert (plain.warn, plain.values[1], plain.tooltip) == (False, "", "")


def test_customer_page_costs_a_constant_number_of_queries(guest_book):
    listing = CustomerListing()
    with count_queries() as small:
        rows = listing.page(Filters(), "name", False, 0, 5)
    assert len(rows) == 5
    with count_queries() as big:
        rows = listing.page(Filters(), "name", False, 0, 50)
    assert len(rows) == 50 and sum(r.warn for r in rows) >= 5
    assert 1 <= big.count == small.count <= 2
    with count_queries() as counted:
        listing.count(Filters(text="zhang", choice="taboo"))
    assert counted.count == 1


def test_chinese_names_sort_in_pinyin_order(db, clerk):
    for name in ("张", "陈", "安", "王", "Brown"):
        customers.create_customer({"kind": "individual", "name": name}, clerk)
    rows = CustomerListing().page(Filters(), "name", False, 0, 10)
    assert [r.values[0] for r in rows] == ["安", "Brown", "陈", "王", "张"]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", [c.key for c in CustomerListing.columns if c.sort is not None])
def test_customer_pages_read_on_from_the_last_row_as_the_whole_order_reads(guest_book, key, descending):
    listing = CustomerListing()
    for filters in (Filters(), Filters(text="z"), Filters(include_void=True)):
        whole = _ids(listing.page(filters, key, descending, 0, 1000))
        assert whole and _read_on(listing, key, descending, 7, filters) == whole
