"""Recurrences (复发): a new anomaly sheet with the product and cause of one closed within the
window (a setting) is linked to it; China time, as in test_quality.py."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import clock, records, settings
from feedback_desk.desks.quality import sheets as quality
from feedback_desk.desks.quality.models import AnomalySheet

from test_quality import UTC, _investigate, _raise, _verification, _verifying, china_time  # noqa: F401 (autouse)

CLOSED = dt.datetime(2026, 8, 1, 4, 0)    # when the earlier sheet was closed (UTC)


def _earlier(by, product="Valve DN50", cause="material", closed_at=CLOSED) -> AnomalySheet:
    clock.set_now(closed_at - dt.timedelta(days=3))
    sheet = _verifying(_raise(by, product=product), by, cause_category=cause)
    clock.set_now(closed_at)
    sheet = quality.advance(sheet.id, sheet.version, "closed", by, **_verification(by))
    clock.set_now(dt.datetime(2026, 11, 15, 4, 0))
    return sheet


def _later(by, found_at: dt.datetime, product="Valve DN50", cause="material") -> AnomalySheet:
    sheet = _raise(by, product=product, found_at=found_at.replace(tzinfo=UTC))
    assert sheet.recurrence_of_id is None  # no cause yet
    return _investigate(sheet, by, cause_category=cause)


def test_recurrence_on_the_edge_of_the_window(db, clerk):
    earlier = _earlier(clerk)
    on_edge = _later(clerk, CLOSED + dt.timedelta(days=90), product="ｖａｌｖｅ  dn50")
    past_edge = _later(clerk, CLOSED + dt.timedelta(days=90, seconds=1))
    assert on_edge.recurrence_of_id == earlier.id
    assert past_edge.recurrence_of_id is None
    history = [c for c in records.history(AnomalySheet, on_edge.id) if c.field == "recurrence_of"]
    assert [(c.old, c.new) for c in history] == [(None, str(earlier.id))]


def test_recurrence_needs_the_same_cause_and_product(db, clerk):
    earlier = _earlier(clerk)
    other_cause = _later(clerk, CLOSED + dt.timedelta(days=10), cause="machine")
    other_product = _later(clerk, CLOSED + dt.timedelta(days=10), product="Valve DN80")
    assert other_cause.recurrence_of_id is None and other_product.recurrence_of_id is None
    fixed = quality.update_sheet(other_cause.id, other_cause.version, {"cause_category": "material"}, clerk)
    assert fixed.recurrence_of_id == earlier.id
    cleared = quality.update_sheet(fixed.id, fixed.version, {"cause_category": None}, clerk)
    assert cleared.recurrence_of_id is None


def test_recurrence_links_the_latest_and_only_sheets_closed_before_finding(db, clerk):
    _earlier(clerk, closed_at=CLOSED)
    latest = _earlier(clerk, closed_at=CLOSED + dt.timedelta(days=30))
    assert _later(clerk, CLOSED + dt.timedelta(days=40)).recurrence_of_id == latest.id
    assert _later(clerk, CLOSED - dt.timedelta(days=1)).recurrence_of_id is None  # found before it was closed


def test_recurrence_window_is_a_setting(db, clerk):
    _earlier(clerk)
    settings.put("quality.recurrence_days", "30")
    assert _later(clerk, CLOSED + dt.timedelta(days=31)).recurrence_of_id is None
    assert _later(clerk, CLOSED + dt.timedelta(days=29)).recurrence_of_id is not None


def test_void_sheet_is_not_a_recurrence_source(db, clerk):
    earlier = _earlier(clerk)
    AnomalySheet.update(voided=True).where(AnomalySheet.id == earlier.id).execute()
    assert _later(clerk, CLOSED + dt.timedelta(days=5)).recurrence_of_id is None
