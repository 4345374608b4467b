"""What the quality desk shows: the sheet and action tables (sorted, filtered and paged in SQL),
batch traceability and the analysis archive (Pareto, open vs closed, days to close)."""
from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from own_queries import count_queries

from feedback_desk.base import clock, db as dbmod
from feedback_desk.loop import rules as dr, clocks as deadlines
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.base.formatting import fmt_due
from feedback_desk.base.listing import Filters
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.quality.listings import (ActionListing, AnomalyListing, ParetoRow,
                                                  archive_summary, batch_sheets, others_of_batch, pareto)
from feedback_desk.base.vocab import ACTION_KINDS, ANOMALY_STATE_ORDER, CAUSE_CATEGORIES, SEVERITIES
from test_quality import _verification, china_time, dept  # noqa: F401 (china_time: autouse fixture)

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 15, 4, 0)  # noon of 15 November in China
NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def at(day: int, hh: int = 8, month: int = 11) -> dt.datetime:
    """A local time in China as a naive UTC time."""
    return (dt.datetime(2026, month, day, hh, tzinfo=ZONE).astimezone(dt.timezone.utc).replace(tzinfo=None))


def _sheet(by, found: dt.datetime, product: str, cause: str | None, department: str | None, state: str,
           close_days: float | None = None, actions=(), **form) -> AnomalySheet:
    """A sheet found at `found` (UTC), taken through the gates to `state`."""
    order = ANOMALY_STATE_ORDER
    clock.set_now(found)
    values = {"source": "internal", "product": product, "batch": "", "quantity": 5, "description": f"{product} 尺寸超差",
              "severity": "general", **form}
    if values["source"] == "external":
        values.setdefault("reporter", "用户")
    sheet = quality.raise_sheet(values, by)
    clock.set_now(found + dt.timedelta(hours=1))
    if order.index(state) >= 1:
        sheet = quality.advance(sheet.id, sheet.version, "investigating", by)
        if cause:
            sheet = quality.update_sheet(sheet.id, sheet.version, {
                "cause_category": cause, "responsible_department": dept(department).id}, by)
            if sheet.severity == "major":  # the general manager's team (here: whoever works the sheet)
                sheet = quality.name_investigation_team(sheet.id, sheet.version, [by.id], by)
    dones = [at(done.day, 20, done.month) for _kind, _due, done in actions if done]
    clock.set_now(max([found + dt.timedelta(hours=1)] + dones))  # an action is entered once done
    for kind, due, done in actions:
        quality_actions.add_action(sheet.id, {"kind": kind, "what": f"{kind} action", "owner": by.id, "due_on": due,
                                      "done_on": done}, by)
    if order.index(state) >= 2:
        sheet = quality.advance(sheet.id, sheet.version, "acting", by)
    if order.index(state) >= 3:
        sheet = quality.advance(sheet.id, sheet.version, "verifying", by)
    if state == "closed":
        clock.set_now(found + dt.timedelta(days=close_days))
        sheet = quality.advance(sheet.id, sheet.version, "closed", by, **_verification(by))
    clock.set_now(NOW)
    return sheet


@pytest.fixture
def book(db, clerk, other):
    """Ten sheets of a small valve factory: November's eight live ones, one of October, one void."""
    d = dt.date
    done = [("corrective", d(2026, 11, 2), d(2026, 11, 2))]
    s = {}
    s[1] = _sheet(clerk, at(1), "阀体 DN50", "material", "Engineering", "closed", 2, done, severity="serious",
                  batch="B1")
    s[2] = _sheet(clerk, at(2), "阀体dn50", "material", "Engineering", "closed", 4, done, source="external",
                  batch="B1")
    s[3] = _sheet(other, at(2, 10), "阀体 DN50", "material", "Quality", "acting", None,
                  [("containment", d(2026, 11, 3), d(2026, 11, 3)), ("corrective", d(2026, 11, 10), None),
                   ("preventive", d(2026, 11, 12), None)], severity="major", batch="B2")
    s[4] = _sheet(clerk, at(5), "阀盖", "method", "Engineering", "verifying", None,
                  [("corrective", d(2026, 11, 6), d(2026, 11, 7))], batch="B2")
    s[5] = _sheet(other, at(7), "阀盖", "method", "Quality", "investigating", severity="serious",
                  source="external", reporter="宏达机械", batch="b1")
    s[6] = _sheet(clerk, at(8), "手轮", "machine", "Sales", "acting", None,
                  [("corrective", d(2026, 11, 20), None)], batch="")
    s[7] = _sheet(clerk, at(14), "手轮", None, None, "raised", batch="B3")
    s[8] = _sheet(clerk, at(20, month=10), "阀体 DN50", "method", "Engineering", "investigating", batch="A9")
    s[9] = _sheet(other, at(9), "阀盖", "material", "Engineering", "investigating", batch="B1")
    quality.void_sheet(s[9].id, s[9].version, "entered twice", other)
    s[10] = _sheet(other, at(12), "阀体DN50", "material", "Engineering", "investigating", batch="B4")
    return {k: AnomalySheet.get_by_id(v.id) for k, v in s.items()}


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


def _sql_order(items):
    """(id, value) pairs in the order of ORDER BY value ASC, id ASC (NULLs first)."""
    return [i for i, _v in sorted(items, key=lambda iv: (iv[1] is not None, iv[1] if iv[1] is not None else 0, iv[0]))]


def test_the_book_is_as_described(book):
    assert [book[k].state for k in range(1, 11)] == ["closed", "closed", "acting", "verifying", "investigating",
                                                     "acting", "raised", "investigating", "investigating",
                                                     "investigating"]
    assert book[10].recurrence_of_id == book[2].id  # the latest closed sheet of 阀体 DN50 / material
    assert book[3].recurrence_of_id is None          # found before either was closed
    assert (book[1].days_to_close, book[2].days_to_close) == (2.0, 4.0)


# --- the analysis archive ---------------------------------------------------------------------

def test_pareto_by_cause(book):
    rows = pareto(*NOV, by="cause")
    assert rows == [ParetoRow("material", "Material", 4, 50.0, 50.0), ParetoRow("method", "Method", 2, 25.0, 75.0),
                    ParetoRow("machine", "Machine", 1, 12.5, 87.5), ParetoRow(None, "Not yet known", 1, 12.5, 100.0)]


def test_pareto_by_product_folds_spelling(book):
    rows = pareto(*NOV, by="product")
    assert [(r.key, r.label, r.count, r.percent, r.cumulative) for r in rows] == [
        ("阀体dn50", "阀体 DN50", 4, 50.0, 50.0), ("手轮", "手轮", 2, 25.0, 75.0), ("阀盖", "阀盖", 2, 25.0, 100.0)]


def test_pareto_by_department(book):
    engineering, quality_dept, sales = (dept(n).id for n in ("Engineering", "Quality", "Sales"))
    rows = pareto(*NOV, by="department")
    assert [(r.key, r.label, r.count, r.percent, r.cumulative) for r in rows] == [
        (engineering, "Engineering", 4, 50.0, 50.0), (quality_dept, "Quality", 2, 25.0, 75.0),
        (sales, "Sales", 1, 12.5, 87.5), (None, "Not yet known", 1, 12.5, 100.0)]


def test_pareto_over_another_period(book):
    whole = pareto(None, None, by="cause")
    assert [(r.key, r.count) for r in whole] == [("material", 4), ("method", 3), ("machine", 1), (None, 1)]
    assert [r.percent for r in whole] == pytest.approx([400 / 9, 300 / 9, 100 / 9, 100 / 9])
    assert [r.cumulative for r in whole] == pytest.approx([400 / 9, 700 / 9, 800 / 9, 100])
    assert pareto(dt.date(2026, 11, 7), dt.date(2026, 11, 8), by="cause") == [
        ParetoRow("machine", "Machine", 1, 50.0, 50.0), ParetoRow("method", "Method", 1, 50.0, 100.0)]
    assert pareto(dt.date(2027, 1, 1), dt.date(2027, 1, 31)) == []
    with pytest.raises(ValueError):
        pareto(*NOV, by="weather")


def test_archive_summary(book):
    summary = archive_summary(*NOV)
    assert (summary.total, summary.open, summary.closed, summary.major, summary.recurrences) == (8, 6, 2, 1, 1)
    assert summary.by_state == {"raised": 1, "investigating": 2, "acting": 2, "verifying": 1, "closed": 2}
    assert summary.average_days_to_close == pytest.approx(3.0)
    october = archive_summary(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert (october.total, october.open, october.closed, october.average_days_to_close) == (1, 1, 0, None)


def test_archive_queries_are_aggregates(book):
    with count_queries() as counted:
        pareto(*NOV, by="department")
        archive_summary(*NOV)
    assert counted.count == 3


# --- batch traceability -----------------------------------------------------------------------

def test_batch_lists_every_live_sheet_naming_it(book):
    assert _ids(batch_sheets(" b1 ")) == [book[1].id, book[2].id, book[5].id]
    assert _ids(others_of_batch(book[1].id)) == [book[2].id, book[5].id]
    assert _ids(others_of_batch(book[3].id)) == [book[4].id]
    assert others_of_batch(book[6].id) == [] and batch_sheets("") == [] and others_of_batch(book[10].id) == []


# --- the sheet table --------------------------------------------------------------------------

def _running_due(desk: str, item_id: int):
    """The due time of the item's running clock (what the Due column sorts by); None without one."""
    row = ItemClock.get_or_none((ItemClock.desk == desk) & (ItemClock.item_id == item_id)
                                & ItemClock.done_at.is_null())
    return row.due_at if row else None


def _more_raised_sheets(by) -> list[AnomalySheet]:
    """Three more sheets raised on the 13th and 14th and seen by the minute check: one marked a
    safety hazard (reported within 2 hours), one taken up since (its clock stopped)."""
    made = [_sheet(by, found, "法兰", None, None, "raised") for found in (at(13, 9), at(14, 10), at(14, 9))]
    deadlines.run_checks(NOW)
    deadlines.mark(made[1], "safety", by)
    taken = quality.advance(made[2].id, made[2].version, "investigating", by)
    deadlines.run_checks(NOW)
    assert _running_due("anomaly", taken.id) is None
    return [AnomalySheet.get_by_id(s.id) for s in made]


def _sheet_sort_value(s: AnomalySheet, key: str, overdue: dict[int, int]):
    if key == "due":  # none running: after every due time
        return _running_due("anomaly", s.id) or dt.datetime.max
    ranks = {"severity": list(SEVERITIES), "state": list(ANOMALY_STATE_ORDER), "cause": list(CAUSE_CATEGORIES)}
    if key in ranks:
        value = {"severity": s.severity, "state": s.state, "cause": s.cause_category}[key]
        return ranks[key].index(value) if value in ranks[key] else len(ranks[key])
    return {"number": s.number, "found": s.found_at, "source": s.source, "product": s.product_key,
            "batch": s.batch, "department": s.responsible_department_id, "overdue": overdue.get(s.id, 0),
            "recurrence": s.recurrence_of_id}[key]


@pytest.mark.parametrize("include_void", [False, True])
@pytest.mark.parametrize("key", [c.key for c in AnomalyListing.columns if c.sort is not None])
def test_sheets_sort_by_every_column_both_ways(book, clerk, key, include_void):
    overdue = {book[3].id: 2}
    sheets = [s for s in [*book.values(), *_more_raised_sheets(clerk)] if include_void or not s.voided]
    assert len({_running_due("anomaly", s.id) for s in sheets}) == 4  # three due times and None
    expected = _sql_order([(s.id, _sheet_sort_value(s, key, overdue)) for s in sheets])
    listing = AnomalyListing()
    filters = Filters(include_void=include_void)
    assert _ids(listing.page(filters, key, False, 0, 50)) == expected
    assert _ids(listing.page(filters, key, True, 0, 50)) == expected[::-1]
    assert _ids(listing.page(filters, key, False, 2, 3)) == expected[2:5]
    assert listing.count(filters) == len(expected)


@pytest.mark.parametrize("text, choice, numbers", [
    ("", "", [1, 2, 3, 4, 5, 6, 7, 8, 10]),
    ("QA-2026-11-000", "", [1, 2, 3, 4, 5, 6, 7, 9, 10]),  # the void one (9) is left out below
    ("qa-2026-10", "", [8]),
    ("阀体 dn", "", [1, 2, 3, 8, 10]),
    ("阀盖", "", [4, 5]),
    ("b1", "", [1, 2, 5]),
    ("B", "", [1, 2, 3, 4, 5, 7, 10]),
    ("", "open", [3, 4, 5, 6, 7, 8, 10]),
    ("", "gm", [3]),
    ("", "recurrences", [10]),
    ("", "overdue", [3]),
    ("", "state:closed", [1, 2]),
    ("", "severity:serious", [1, 5]),
    ("", "source:external", [2, 5]),
    ("阀", "state:investigating", [5, 8, 10]),
])
def test_sheet_filters(book, text, choice, numbers):
    listing = AnomalyListing()
    filters = Filters(text=text, choice=choice)
    expected = sorted(book[n].id for n in numbers if not book[n].voided)
    assert sorted(_ids(listing.page(filters, "number", False, 0, 50))) == expected
    assert listing.count(filters) == len(expected)


def test_sheet_date_range_is_on_the_local_day_found(book):
    listing = AnomalyListing()
    filters = Filters(date_from=dt.date(2026, 11, 7), date_to=dt.date(2026, 11, 12))
    assert sorted(_ids(listing.page(filters, "found", False, 0, 50))) == [book[5].id, book[6].id, book[10].id]
    assert listing.count(Filters(date_to=dt.date(2026, 10, 31))) == 1


def test_sheet_rows_show_and_warn(book):
    rows = {r.id: r for r in AnomalyListing().page(Filters(), "number", False, 0, 50)}
    labels = [c.key for c in AnomalyListing.columns]
    major = dict(zip(labels, rows[book[3].id].values))
    assert (major["number"], major["severity"], major["state"], major["cause"], major["department"],
            major["overdue"], major["recurrence"]) == (book[3].number, "Major", "Acting", "Material", "Quality",
                                                       "2", "")
    assert rows[book[3].id].warn and "general manager" in rows[book[3].id].tooltip
    again = dict(zip(labels, rows[book[10].id].values))
    assert again["recurrence"] == book[2].number and rows[book[10].id].warn
    assert book[2].number in rows[book[10].id].tooltip
    plain = rows[book[6].id]  # its one action is due on the 20th
    assert (plain.warn, plain.values[labels.index("overdue")]) == (False, "")
    assert dict(zip(labels, rows[book[2].id].values))["source"] == "External (from a customer)"


def test_sheet_page_costs_a_constant_number_of_queries(book):
    deadlines.run_checks(NOW)  # as the minute check has done in use: the raised sheet has its clock
    listing = AnomalyListing()
    with count_queries() as small:
        listing.page(Filters(), "found", True, 0, 2)
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), "overdue", True, 0, 50)
    assert len(rows) == 10 and any(r.warn for r in rows)
    assert big.count == small.count == 2
    with count_queries() as counted:
        listing.count(Filters(text="阀", choice="overdue", date_from=dt.date(2026, 11, 1)))
    assert counted.count == (1 if dbmod.on_the_server() else 2)  # on a file, the search index is read first


def test_sheet_page_without_clocks_yet_costs_a_constant_number_of_queries(book):
    """A sheet raised since the last minute check has no clock yet: the page reads the rules
    once and shows the due time its rule will give (taken up within 24 hours of being raised)."""
    dr.ensure_rules()  # the default rules are in place (the app's first check has put them there)
    listing = AnomalyListing()
    due_col = [c.key for c in listing.columns].index("due")
    with count_queries() as small:
        few = listing.page(Filters(), "state", False, 0, 3)   # the raised one first
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), "overdue", True, 0, 50)
    assert len(few) == 3 and len(rows) == 10
    assert big.count == small.count
    assert not ItemClock.select().exists()
    text = "⚠ late by 4 h 0 min"  # raised 08:00 on the 14th: to be taken up by 08:00 on the 15th
    assert few[0].id == book[7].id and few[0].values[due_col] == text and few[0].warn
    assert few[0].tooltip.endswith(f"Late: due {fmt_due(at(15))}")
    assert {r.id: r.values[due_col] for r in rows if r.values[due_col]} == {book[7].id: text}


def test_overdue_follows_the_clock(book):
    listing = AnomalyListing()
    assert listing.count(Filters(choice="overdue")) == 1
    clock.set_now(dt.datetime(2026, 11, 21, 4, 0))
    assert listing.count(Filters(choice="overdue")) == 2
    first = listing.page(Filters(), "overdue", True, 0, 2)
    assert _ids(first) == [book[3].id, book[6].id]


# --- the action table -------------------------------------------------------------------------

def _action_sort_value(a: CapaAction, key: str):
    if key == "due":  # none running: after every due time
        return _running_due("capa", a.id) or dt.datetime.max
    sheet = AnomalySheet.get_by_id(a.sheet_id)
    return {"sheet": sheet.number, "product": sheet.product_key, "kind": list(ACTION_KINDS).index(a.kind),
            "owner": a.owner_id, "due_on": a.due_on, "done_on": a.done_on}[key]


@pytest.mark.parametrize("key", [c.key for c in ActionListing.columns if c.sort is not None])
def test_actions_sort_by_every_column_both_ways(book, key):
    deadlines.run_checks(NOW)  # the open actions' report clocks
    actions = list(CapaAction.select().where(CapaAction.voided == False))  # noqa: E712
    expected = _sql_order([(a.id, _action_sort_value(a, key)) for a in actions])
    listing = ActionListing()
    assert _ids(listing.page(Filters(), key, False, 0, 50)) == expected
    assert _ids(listing.page(Filters(), key, True, 0, 50)) == expected[::-1]


def test_actions_of_a_sheet_and_open_ones(book):
    of_three = ActionListing(book[3].id)
    rows = of_three.page(Filters(), "due_on", False, 0, 50)
    assert [r.values[2] for r in rows] == ["Containment", "Corrective", "Preventive"]
    assert [r.warn for r in rows] == [False, True, True]
    # due on the 10th, its completion to be reported by the end of the next working day
    assert rows[1].tooltip == "Overdue by 5 day(s)\nLate: due Nov 11, 2026, end of day"
    due_col = [c.key for c in ActionListing.columns].index("due")
    assert [r.values[due_col] for r in rows] == ["", "⚠ late by 3 d 12 h", "⚠ late by 1 d 12 h"]
    assert of_three.count(Filters(choice="open")) == 2
    everyone = ActionListing()
    assert [k for k, _l in everyone.choices()][:4] == ["open", "overdue", LATE_CHOICE, "done"]
    assert everyone.count(Filters(choice=LATE_CHOICE)) == 0  # no clock yet: the check has not seen them
    deadlines.run_checks(NOW)
    assert set(_ids(everyone.page(Filters(choice=LATE_CHOICE), "due", False, 0, 50))) == {
        r.id for r in rows[1:]}  # the one due on the 20th is not late
    assert everyone.count(Filters(choice="open")) == 3
    assert everyone.count(Filters(choice="overdue")) == 2
    assert everyone.count(Filters(choice="done")) == 4
    assert everyone.count(Filters(choice="kind:preventive")) == 1
    assert everyone.count(Filters(text=book[6].number)) == 1
    assert everyone.count(Filters(date_from=dt.date(2026, 11, 10), date_to=dt.date(2026, 11, 12))) == 2
    assert everyone.count(Filters(include_void=True)) == 7  # nothing void among them


def test_action_page_costs_one_query(book):
    deadlines.run_checks(NOW)  # as the minute check has done in use: every open action has its clock
    listing = ActionListing()
    with count_queries() as small:
        listing.page(Filters(), "sheet", False, 0, 2)
    with count_queries() as big:
        rows = listing.page(Filters(), "owner", True, 0, 50)
    assert len(rows) == 7 and small.count == big.count == 1
    assert sum(bool(r.values[[c.key for c in listing.columns].index("due")]) for r in rows) == 3


def test_action_page_without_clocks_yet_costs_a_constant_number_of_queries(book):
    """Actions entered since the last minute check show the due time their rule will give."""
    dr.ensure_rules()
    listing = ActionListing()
    due_col = [c.key for c in listing.columns].index("due")
    with count_queries() as small:
        few = listing.page(Filters(choice="open"), "due_on", True, 0, 1)
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), "owner", True, 0, 50)
    assert len(few) == 1 and len(rows) == 7
    assert big.count == small.count
    assert not ItemClock.select().exists()
    # due on Friday 20 November: reported by the end of Monday the 23rd
    text = few[0].values[due_col]
    assert "8 d 12 h left" in text and "Nov 23" in text and "end of day" in text
    assert few[0].tooltip == "Due Nov 23, 2026, end of day"
    assert sorted(r.values[due_col] for r in rows if r.values[due_col]) == [
        text, "⚠ late by 1 d 12 h", "⚠ late by 3 d 12 h"]
