"""The work calendar: weekends, public holidays and make-up working days (调休)."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.loop import work_calendar as wc
from feedback_desk.loop.models import Holiday
from feedback_desk.base.errors import ValidationError

D = dt.date


@pytest.fixture
def cal(db):
    wc.ensure_holidays()
    return db


def test_a_new_calendar_has_2026_and_2027_once(cal):
    count = Holiday.select().count()
    wc.ensure_holidays()
    assert Holiday.select().count() == count
    names = {h.date: (h.kind, h.name) for h in wc.holidays(2026)}
    assert names[D(2026, 2, 15)] == ("holiday", "春节") and names[D(2026, 2, 23)] == ("holiday", "春节")
    assert names[D(2026, 1, 4)][0] == names[D(2026, 2, 14)][0] == names[D(2026, 9, 20)][0] == "workday"
    assert len([h for h in wc.holidays(2026) if h.kind == "workday"]) == 6
    assert len([h for h in wc.holidays(2026) if h.kind == "holiday"]) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert {h.date for h in wc.holidays(2027)} >= {D(2027, 2, 6), D(2027, 10, 7), D(2027, 6, 9)}
    # not yet published: the page says so on every day, for whoever keeps the calendar to check
    assert all(h.name.endswith("（预计）") for h in wc.holidays(2027))


@pytest.mark.parametrize("day, working", [
    (D(2026, 11, 13), True),    # Friday
    (D(2026, 11, 14), False),   # Saturday
    (D(2026, 1, 4), True),      # Sunday worked (元旦调休)
    (D(2026, 2, 14), True),     # Saturday worked (春节调休)
    (D(2026, 2, 16), False),    # Monday of 春节
    (D(2026, 10, 10), True),    # Saturday worked (国庆调休)
    (D(2026, 10, 8), True),
    (D(2026, 5, 5), False),     # Tuesday of 劳动节
])
def test_working_days(cal, day, working):
    assert wc.is_working_day(day) is working


@pytest.mark.parametrize("start, n, expected", [
    (D(2026, 11, 13), 1, D(2026, 11, 16)),   # over a weekend
    (D(2026, 9, 30), 1, D(2026, 10, 8)),     # over 国庆
    (D(2026, 2, 13), 1, D(2026, 2, 14)),     # onto a 调休 Saturday
    (D(2026, 2, 14), 1, D(2026, 2, 24)),     # over 春节
    (D(2026, 2, 13), 3, D(2026, 2, 25)),
    (D(2026, 11, 14), 0, D(2026, 11, 16)),   # 0: the day itself or the next working day
    (D(2026, 11, 13), 0, D(2026, 11, 13)),
])
def test_add_working_days(cal, start, n, expected):
    assert wc.add_working_days(start, n) == expected


def test_working_days_between(cal):
    # Mon 28 – Wed 30, then Thu 8, Fri 9 and the 调休 Saturday 10; Sunday 11 is off
    assert wc.working_days_between(D(2026, 9, 28), D(2026, 10, 11)) == 6
    assert wc.working_days_between(D(2026, 10, 1), D(2026, 10, 7)) == 0


def test_the_calendar_is_editable(cal):
    wc.save_holiday("2026-11-16", "holiday", "公司假日")
    assert wc.add_working_days(D(2026, 11, 13), 1) == D(2026, 11, 17)
    wc.save_holiday(D(2026, 11, 14), "workday", "调休")
    assert wc.add_working_days(D(2026, 11, 13), 1) == D(2026, 11, 14)
    assert wc.remove_holiday(D(2026, 11, 14)) and wc.remove_holiday(D(2026, 11, 16))
    assert wc.add_working_days(D(2026, 11, 13), 1) == D(2026, 11, 16)


@pytest.mark.parametrize("day, kind, field", [("2026-13-01", "holiday", "date"), ("2026-11-16", "other", "kind")])
def test_bad_calendar_entries_are_refused(cal, day, kind, field):
    with pytest.raises(ValidationError) as err:
        wc.save_holiday(day, kind)
    assert err.value.errors[field]


def test_an_occasion_longer_than_its_column_is_refused_not_cut(cal):
    """A holiday's name of 51 characters was cut to 50 without a word; now it is refused as any field is."""
    day = D(2026, 11, 16)
    with pytest.raises(ValidationError) as err:
        wc.save_holiday(day, "holiday", "公司" * 25 + "日")
    assert err.value.errors == {"name": "At most 50 characters."}
    assert Holiday.get_or_none(Holiday.date == day) is None and wc.is_working_day(day)
    with pytest.raises(ValidationError) as err:
        wc.save_holiday("2026-13-01", "holiday", "公司" * 25 + "日")
    assert set(err.value.errors) == {"date", "name"}  # every field's message at once
    assert wc.save_holiday(day, "holiday", " " + "公司" * 25 + " ").name == "公司" * 25
