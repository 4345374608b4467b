"""Gapless register numbers, given inside the writing transaction.

A number is taken by incrementing the month's counter in the same transaction
that saves the record: if the save fails, the increment rolls back with it, so
numbers stay unique and without gaps per series and month.
"""
from __future__ import annotations

import datetime as dt

from feedback_desk.base.models import Counter


def next_number(prefix: str, when: dt.date) -> str:
    series = f"{prefix}-{when:%Y-%m}"
    rows = Counter.update(value=Counter.value + 1).where(Counter.series == series).execute()
    if rows == 0:
        Counter.create(series=series, value=1)
        value = 1
    else:
        value = Counter.select(Counter.value).where(Counter.series == series).scalar()
    return f"{series}-{value:04d}"
