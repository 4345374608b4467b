"""Dates, times and numbers in the chosen language (babel), for tables, forms and exports."""
from __future__ import annotations

import datetime as dt

from . import clock
from .i18n import babel_locale


def fmt_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    from babel.dates import format_date

    return format_date(value, format="medium", locale=babel_locale())


def fmt_datetime(value_utc: dt.datetime | None) -> str:
    """A stored UTC time shown in local time."""
    if value_utc is None:
        return ""
    from babel.dates import format_datetime

    return format_datetime(clock.to_local(value_utc), format="short", locale=babel_locale())


def fmt_number(value: int | float | None) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale())
