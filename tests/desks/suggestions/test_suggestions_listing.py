"""The suggestion box's table: sorted, filtered and paged in SQL, a constant number of queries a page."""
from __future__ import annotations

import datetime as dt

import pytest
from own_queries import count_queries

from feedback_desk.base import clock, db as dbmod, staff
from feedback_desk.loop import rules as dr, clocks as deadlines
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Department
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.desks.suggestions.listings import SuggestionListing

ADOPTIONS = [None, "adopted", "partly", "not_adopted"]


def _ids(rows):
    return [r.id for r in rows]


def _sql_order(items):
    """The order SQLite gives ORDER BY key ASC, id ASC (NULLs first)."""
    return [i for i, _v in sorted(items, key=lambda iv: (iv[1] is not None, iv[1] if iv[1] is not None else 0,
                                                          iv[0]))]


@pytest.fixture
def book(db, clerk, other, fixed_clock):
    """40 entries: named and anonymous, every state, several categories and departments; two void."""
    suggestions.ensure_categories()
    cats = suggestions.categories()
    deps = staff.departments()
    today = clock.today_local()
    made = []
    for i in range(40):
        named = i % 3 != 0
        s = suggestions.drop_suggestion({
            "anonymous": not named, "writer": (clerk if i % 2 else other).id if named else None,
            "received_on": today - dt.timedelta(days=(i * 7) % 30), "category": cats[i % len(cats)].id,
            "department": deps[i % 4].id if i % 5 else None, "text": f"建议{i:02d} 改进排班"}, clerk)
        if i % 4:
            s = suggestions.review(s.id, s.version, other.id, other)
        if i % 4 >= 2:
            s = suggestions.answer(s.id, s.version, "答复", ADOPTIONS[1 + i % 3], other)
        if i % 8 == 3:
            s = suggestions.close(s.id, s.version, other)
        made.append(s.id)
    for sid in made[38:]:
        s = Suggestion.get_by_id(sid)
        suggestions.void_suggestion(sid, s.version, "重复", other)
    return made


def _live(include_void=False):
    q = Suggestion.select()
    if not include_void:
        q = q.where(Suggestion.voided == False)  # noqa: E712
    return list(q)


def _running_due(s: Suggestion):
    """The due time of the entry's running clock (what the Due column sorts by); None without one."""
    row = ItemClock.get_or_none((ItemClock.desk == "suggestion") & (ItemClock.item_id == s.id)
                                & ItemClock.done_at.is_null())
    return row.due_at if row else dt.datetime.max  # none running: after every due time


FIELD = {"number": "number", "received": "received_on", "writer": "writer_id", "category": "category_id",
         "department": "department_id", "state": "state", "adoption": "adoption", "due": _running_due}


def _sort_value(s: Suggestion, key: str):
    field = FIELD[key]
    return field(s) if callable(field) else getattr(s, field)


@pytest.mark.parametrize("key", [c.key for c in SuggestionListing.columns if c.sort is not None])
@pytest.mark.parametrize("include_void", [False, True])
def test_sort_by_every_column_both_ways(book, fixed_clock, key, include_void):
    deadlines.run_checks(fixed_clock)  # the open entries' clocks: 24 hours from the end of the day received
    listing = SuggestionListing()
    filters = Filters(include_void=include_void)
    values = [(s.id, _sort_value(s, key)) for s in _live(include_void)]
    expected = _sql_order(values)
    if key == "due":
        assert len({v for _i, v in values}) >= 5
    assert _ids(listing.page(filters, key, False, 0, 100)) == expected
    assert _ids(listing.page(filters, key, True, 0, 100)) == expected[::-1]


def test_every_sortable_column_is_tested():
    assert {c.key for c in SuggestionListing.columns if c.sort is not None} == set(FIELD)


def test_pages_have_no_overlap_or_gaps(book):
    listing = SuggestionListing()
    seen = []
    for offset in range(0, 40, 7):
        seen += _ids(listing.page(Filters(), "state", False, offset, 7))
    assert sorted(seen) == sorted(s.id for s in _live()) and len(seen) == 38


def test_choices_filter(book, fixed_clock):
    deadlines.run_checks(fixed_clock)
    listing = SuggestionListing()
    live = _live()
    keys = [k for k, _label in listing.choices()]
    assert keys[:6] == ["", "open", "overdue", LATE_CHOICE, "named", "anonymous"]

    def ids(choice):
        return set(_ids(listing.page(Filters(choice=choice), None, True, 0, 100)))

    assert ids("") == {s.id for s in live} and listing.count(Filters()) == 38
    assert ids("open") == {s.id for s in live if s.state in ("received", "under_review")}
    assert ids("anonymous") == {s.id for s in live if s.anonymous}
    assert ids("named") == {s.id for s in live if not s.anonymous}
    for key in keys:
        if key.startswith("state:"):
            assert ids(key) == {s.id for s in live if s.state == key[6:]}
        elif key.startswith("adoption:"):
            assert ids(key) == {s.id for s in live if s.adoption == key[9:]}
        elif key.startswith("category:"):
            assert ids(key) == {s.id for s in live if s.category_id == int(key[9:])}
        elif key.startswith("department:"):
            assert ids(key) == {s.id for s in live if s.department_id == int(key[11:])}
    assert ids("state:closed") and ids("adoption:partly")
    overdue = ids("overdue")
    assert overdue and overdue <= ids("open")
    late = {s.id for s in live if s.state in ("received", "under_review") and _running_due(s) <= fixed_clock}
    assert ids(LATE_CHOICE) == late == overdue  # the rule is the desk's 24 hours


def test_text_and_date_filters(book):
    listing = SuggestionListing()
    assert listing.count(Filters(text="建议07")) == 1
    number = Suggestion.get_by_id(book[5]).number
    assert _ids(listing.page(Filters(text=number), None, True, 0, 10)) == [book[5]]
    today = clock.today_local()
    week = Filters(date_from=today - dt.timedelta(days=6), date_to=today)
    assert {r.id for r in listing.page(week, None, True, 0, 100)} == {
        s.id for s in _live() if s.received_on >= today - dt.timedelta(days=6)}


def test_rows_show_anonymous_never_a_name(book, clerk, other):
    listing = SuggestionListing()
    rows = listing.page(Filters(), "number", False, 0, 100)
    for row in rows:
        s = Suggestion.get_by_id(row.id)
        writer = row.values[2]
        if s.anonymous:
            assert writer == "Anonymous" and row.raw["anonymous"]
        else:
            assert writer == s.writer.name
        assert row.values[0] == s.number
    assert {r.values[2] for r in rows} == {"Anonymous", clerk.name, other.name}


def test_page_costs_a_constant_number_of_queries(book, fixed_clock):
    deadlines.run_checks(fixed_clock)  # as the minute check has done in use: every open entry has its clock
    listing = SuggestionListing()
    with count_queries() as small:
        rows = listing.page(Filters(), "received", True, 0, 5)
    assert len(rows) == 5
    with count_queries() as big:
        rows = listing.page(Filters(), "received", True, 0, 38)
    assert len(rows) == 38 and any(r.warn for r in rows)
    assert 1 <= big.count == small.count <= 2
    choice = f"department:{Department.get().id}"
    with count_queries() as counted:
        listing.count(Filters(text="改进", choice=choice))
    assert counted.count == (1 if dbmod.on_the_server() else 2)  # on a file, the search index is read first


def test_page_without_clocks_yet_costs_a_constant_number_of_queries(book, fixed_clock):
    """Entries dropped since the last minute check have no clock yet: the page reads the rules
    once and shows the due time their rule will give, whatever the page's length."""
    dr.ensure_rules()  # the default rules are in place (the app's first check has put them there)
    listing = SuggestionListing()
    due = [c.key for c in listing.columns].index("due")
    with count_queries() as small:
        few = listing.page(Filters(choice="open"), "received", True, 0, 3)
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), "received", True, 0, 40)
    assert len(few) == 3 and len(rows) == 40
    assert big.count == small.count
    assert not ItemClock.select().exists()
    shown = {r.id: r.values[due] for r in rows if r.values[due]}
    assert set(shown) == {s.id for s in _live() if s.state in ("received", "under_review")}
    assert all(r.values[due] for r in few)
    deadlines.run_checks(fixed_clock)  # the clocks give the very same due times
    assert {r.id: r.values[due] for r in listing.page(Filters(include_void=True), "received", True, 0, 40)
            if r.values[due]} == shown
