"""Every find box takes any text (issue 15, item 5): whatever is typed — digits of another script
('⁰⁴⁵', '₀₁₂'), a number no column holds, control characters, NUL (the server's text cannot hold
it), a lone surrogate, SQL's wildcards — the table shows what matches, maybe nothing, and never
fails. Every listing of every desk is taken from the registry, so a new desk's tables are held
to it without a line here; the find boxes that are not a table's (the customer picker, a batch's
sheets, a record named on the command line) are named below.
"""
from __future__ import annotations

import datetime as dt
import importlib

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from feedback_desk.base import clock
from feedback_desk.base.listing import Filters, Listing, Row
from feedback_desk.desks import registry
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import handover, rooms, service_log
from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
from feedback_desk.desks.quality.listings import batch_sheets
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.export.commands import find_record
from feedback_desk.export.safe import ExportError

# what crashed a find box before (issue 15, item 5), tried on every box whatever hypothesis draws
ODD_TERMS = ("⁰⁴⁵", "₀₁₂", "1" * 39, "9" * 5000, "%", "_", "\\", "\x00", "a\x00b", "\ud800", "\udfff1",
             "\x01\x1f\x7f", "١٢", "１２", "-1", "'; DROP TABLE feedback; --", "\u200b", "ǅİß")

ANY_TEXT = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _with_odd_terms(test):
    for term in ODD_TERMS:
        test = example(term=term)(test)
    return test


def _listings() -> dict[str, type[Listing]]:
    """Every listing the desks declare, once each (the feedback desk shows one under two names)."""
    found: dict[type, str] = {}
    for spec in registry.specs():
        for name, listing in spec.listings.items():
            found.setdefault(listing, name)
    return {name: listing for listing, name in found.items()}


@pytest.fixture
def hotel(db, clerk, fixed_clock):
    """A record or two on every desk, the texts holding a wildcard or a digit here and there."""
    today = clock.today_local()
    rooms.add_floor(3, 301, 302)
    rooms.ensure_consumables()
    suggestions.ensure_categories()
    guest = customers.create_customer({"name": "张", "title": "科长", "phones": "13805310001"}, clerk)
    feedback.create_feedback({"channel": "phone", "kind": "praise", "date": today, "text": "房间100%干净",
                              "customer": guest.id}, clerk)
    feedback.create_feedback({"channel": "phone", "kind": "praise", "date": today, "text": "早餐很好", "place": "3_01"},
                             clerk)
    sheet = service_log.create_sheet({"date": today, "floor": 3, "attendant": clerk.id}, clerk)
    service_log.add_line(sheet.id, {"room": "301", "start_time": "09:00", "end_time": "09:25", "room_state": "checkout",
                                    "maintenance": "台灯不亮"}, clerk)
    handover.create_handover({"date": today, "post": "总台_早", "shift": "morning"}, [("对讲机", 2)], clerk)
    anomaly = quality.raise_sheet({"source": "internal", "product": "床单", "batch": "B-7%", "description": "污渍",
                                   "severity": "general"}, clerk)
    anomaly = quality.advance(anomaly.id, anomaly.version, "investigating", clerk)
    anomaly = quality.update_sheet(anomaly.id, anomaly.version, {"cause_category": "man", "responsible_department": clerk.department_id}, clerk)
    anomaly = quality.advance(anomaly.id, anomaly.version, "acting", clerk)
    quality_actions.add_action(anomaly.id, {"kind": "corrective", "what": "重洗 100%", "owner": clerk.id,
                                            "due_on": today + dt.timedelta(days=3)}, clerk)
    category = suggestions.categories()[0]
    suggestions.drop_suggestion({"category": category.id, "text": "早餐加粥_小米", "writer": clerk.id}, clerk)
    suggestions.drop_suggestion({"category": category.id, "text": "热水50%的时候不够", "anonymous": True}, None)
    return db


def _ids(rows: list[Row]) -> list[int]:
    return [r.id for r in rows]


def test_every_listing_of_the_desks_is_in_its_desks_spec():
    """The tests below walk the registry: a listing left out of its desk's spec would escape them."""
    declared = set(_listings().values())
    defined = set()
    for name in registry.DESKS:
        module = importlib.import_module(f"feedback_desk.desks.{name}.listings")
        defined |= {value for value in vars(module).values() if isinstance(value, type)
                    and issubclass(value, Listing) and value is not Listing and value.__module__ == module.__name__}
    assert defined and defined <= declared, sorted(c.__name__ for c in defined - declared)


@pytest.fixture
def listing(hotel, name):
    """The listing named, and the ids of every row it has (void ones too): what a search narrows."""
    shown = _listings()[name]()
    return shown, set(_ids(shown.page(Filters(include_void=True), None, True, 0, 1000)))


@pytest.mark.parametrize("name", sorted(_listings()))
@ANY_TEXT
@given(term=st.text())
@_with_odd_terms
def test_every_listing_shows_what_matches_whatever_is_typed(listing, name, term):
    shown, everything = listing
    filters = Filters(text=term)
    count = shown.count(filters)
    rows = shown.page(filters, None, True, 0, 1000)
    assert isinstance(rows, list) and all(isinstance(r, Row) for r in rows)
    assert count == len(rows) >= 0
    assert set(_ids(rows)) <= everything


@ANY_TEXT
@given(term=st.text())
@_with_odd_terms
def test_the_find_boxes_that_are_no_table_take_any_text_too(hotel, term):
    assert isinstance(customers.find_customers(term), list)
    assert isinstance(batch_sheets(term), list)
    for named in (term, f"feedback:{term}", f"sheet:{term}"):
        try:
            kind, record_id = find_record(named)
        except ExportError as refusal:  # what the command line says: no such record
            assert str(refusal)
        else:
            assert kind in registry.paper_forms() and record_id > 0


def test_wildcards_match_only_themselves(hotel):
    """'%' and '_' are characters a guest writes (100%, a room 3_01), not SQL's 'anything'."""
    texts = {name: lambda term, listing=listing: [r.values for r in listing().page(Filters(text=term), None, True, 0, 100)]
             for name, listing in _listings().items()}
    assert [v[7] for v in texts["feedback"]("%")] == ["房间100%干净"]
    assert texts["feedback"]("_") == [] and texts["feedback"]("3%") == []
    assert [v[6] for v in texts["feedback"]("3_")] == ["3_01"]  # a place is found by its beginning
    assert [v[5] for v in texts["suggestions"]("%")] == ["热水50%的时候不够"]
    assert [v[5] for v in texts["suggestions"]("_")] == ["早餐加粥_小米"]
    assert [v[1] for v in texts["handovers"]("_")] == ["总台_早"] and texts["handovers"]("%") == []
    assert [v[3] for v in texts["capa_actions"]("%")] == ["重洗 100%"] and texts["capa_actions"]("_") == []
    assert [v[4] for v in texts["anomalies"]("B-7%")] == ["B-7%"] and texts["anomalies"]("B-_") == []
    assert [s.batch for s in batch_sheets("b-7%")] == ["B-7%"] and batch_sheets("B-7_") == []


def test_the_floor_box_finds_a_floors_sheets_or_none(hotel):
    listing = registry.listing("service_sheets")()

    def floors(term):
        return [r.values[1] for r in listing.page(Filters(text=term), None, True, 0, 100)]

    assert floors(" 3 ") == floors("３") == floors("\x003") == ["3"]  # a Chinese input method types ３
    for term in ("⁰⁴⁵", "₀₁₂", "³", "1" * 39, "9223372036854775808", "三", "3楼", "-1"):
        assert floors(term) == [] and listing.count(Filters(text=term)) == 0, term
    assert floors("") == ["3"]


def test_a_record_named_on_the_command_line_in_odd_digits_is_no_record(hotel):
    sheet_id = registry.listing("service_sheets")().page(Filters(), None, True, 0, 1)[0].id
    assert find_record(f"sheet:{sheet_id}") == ("sheet", sheet_id)
    for odd in ("sheet:⁰⁴⁵", "sheet:₀₁₂", "sheet:" + "1" * 39, "sheet:\x00", "\udcff"):
        with pytest.raises(ExportError, match="No record"):
            find_record(odd)


def test_a_pasted_nul_or_lone_surrogate_is_saved_without_it_on_either_engine(db, clerk):
    from feedback_desk.desks.customers import profiles as customers

    made = customers.create_customer({"kind": "individual", "name": "张\x00三\ud800", "phones": "138 0531 0001",
                                      "organisation": "国税\x00局"}, clerk)
    assert (made.name, made.organisation) == ("张三", "国税局")


@pytest.mark.parametrize("typed, read", [("12", 12), ("１２", 12), (" 7 ", 7), ("-1", -1), ("1_000", None), ("²", None)])
def test_a_typed_whole_number_is_read_as_people_write_it(typed, read):
    from feedback_desk.base import cleaning

    assert cleaning.whole_number(typed) == read
