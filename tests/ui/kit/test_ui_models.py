"""Every table model passes pytest-qt's model tester, also while fetching more pages."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.base.listing import Filters
from feedback_desk.desks.feedback.listings import FeedbackListing
from feedback_desk.desks.customers.listings import CustomerListing
from ui.kit.paged_model import WARN_COLOUR, PagedTableModel


def _fill(clerk, dining, n=12):
    for i in range(n):
        c = customers.create_customer({"kind": "individual", "name": f"客人{i:02d}", "phones": f"1380000{i:04d}"}, clerk)
        if i % 3 == 0:
            customers.add_preference(c.id, "taboo", "不吃辣椒", dining.id, clerk)
        feedback.create_feedback({"channel": "phone", "kind": "complaint" if i % 2 else "praise",
                                  "date": dt.date(2026, 10, 1) + dt.timedelta(days=i), "text": f"意见 {i}",
                                  "customer": c.id}, clerk)


def test_customer_model_passes_model_tester_across_pages(qtmodeltester, db, clerk, dining):
    _fill(clerk, dining)
    model = PagedTableModel(CustomerListing())
    model.PAGE = 5
    model.reload()
    assert model.rowCount() == 5 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 12  # the tester stays connected and checked every insertion
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names)


def test_customer_with_taboo_shows_in_warning_colour(db, clerk, dining):
    _fill(clerk, dining, n=3)
    model = PagedTableModel(CustomerListing())
    model.reload()
    taboo_col = next(i for i, c in enumerate(model.listing.columns) if c.key == "taboos")
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "客人00")
    assert model.index(row, taboo_col).data() == "不吃辣椒"
    assert model.index(row, taboo_col).data(Qt.ItemDataRole.ForegroundRole).color() == WARN_COLOUR
    plain = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "客人01")
    assert model.index(plain, taboo_col).data(Qt.ItemDataRole.ForegroundRole) is None


def test_feedback_model_sorts_in_sql_and_passes_model_tester(qtmodeltester, db, clerk, dining):
    """One check() per model: the tester stays connected and checks every later reset and insertion."""
    _fill(clerk, dining)
    model = PagedTableModel(FeedbackListing())
    model.PAGE = 4
    model.reload()
    qtmodeltester.check(model, force_py=True)
    dates = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert dates[0].startswith("Oct 12")  # newest first by default
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data().startswith("Oct 1,")
    model.set_filters(Filters(choice="kind:complaint"))
    assert model.total() == 6
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 6


def test_text_search_in_feedback_runs_off_the_ui_thread_and_keeps_the_last(qtbot, db, clerk, dining):
    _fill(clerk, dining)
    model = PagedTableModel(FeedbackListing())
    model.reload()
    assert model.total() == 12
    states = []
    model.searching.connect(states.append)
    model.set_filters(Filters(text="意见 1"))   # "意见 1", "意见 10", "意见 11"
    assert states == [True] and model.total() == 12  # returned at once; the old rows stay until the answer
    model.set_filters(Filters(text="意见 11"))  # typed on: the first answer is dropped
    qtbot.waitUntil(lambda: states[-1] is False, timeout=5000)
    assert model.total() == 1
    assert model.index(0, 7).data() == "意见 11"


def test_sorting_feedback_by_due_runs_off_the_ui_thread(qtbot, db, clerk, dining):
    from feedback_desk.loop import clocks as deadlines

    _fill(clerk, dining)
    deadlines.run_checks()
    model = PagedTableModel(FeedbackListing())
    model.reload()
    states = []
    model.searching.connect(states.append)
    due = [c.key for c in model.listing.columns].index("due")
    model.sort(due, Qt.SortOrder.AscendingOrder)
    assert states == [True]  # the page comes from a worker; the old rows stay until then
    qtbot.waitUntil(lambda: states[-1] is False, timeout=5000)
    shown = [model.index(r, due).data() for r in range(model.rowCount())]
    running = [text for text in shown if text]
    assert running and shown[:len(running)] == running  # items with a due time first, soonest first
    model.sort([c.key for c in model.listing.columns].index("date"), Qt.SortOrder.DescendingOrder)
    assert states[-1] is False and len(states) == 2  # an indexed sort stays on the UI thread
