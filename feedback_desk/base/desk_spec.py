"""What a desk tells the rest of the program about itself: one `DeskSpec` per desk folder.

The database, the deadline engine, the dashboard, the exports and the command line loop over
the specs (feedback_desk/desks/registry.py) and never name a desk themselves.
"""
from __future__ import annotations

import dataclasses
import importlib
from typing import Any, Callable


def later(module: str, name: str) -> Callable[..., Any]:
    """`module.name`, imported when first called: a paper form's writer loads openpyxl (80 ms of a
    start-up) only when a form is exported."""
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)
    call.__qualname__ = call.__name__ = name
    return call


@dataclasses.dataclass(frozen=True)
class PaperForm:
    """One record's paper form: found as `kind:ID`, or by its number field (客诉-…, QA-…)."""
    kind: str                         # 'feedback', 'anomaly', … (also the `kind:ID` of the command line)
    model: type                       # the record it prints
    export: Callable[..., Any]        # export(record_id, target, bilingual=False) -> Path
    number_field: str | None = None   # the field holding the record's number, if it has one


@dataclasses.dataclass(frozen=True)
class PeriodReport:
    """A report of a week or a month (the GM's meeting decisions, the month's key work): offered by
    the command line (`feedback-desk export KEY PERIOD`) and the window's File → Export."""
    key: str                          # the command line's word
    title: str                        # N_()
    period: str                       # "week": any day of it (YYYY-MM-DD); "month": YYYY-MM
    permission: Any                   # base.access.Permission: who may export it
    file_name: str                    # the file offered, {period} filled in
    write: Callable[..., Any]         # write(period text, target, bilingual=False) -> Path


@dataclasses.dataclass(frozen=True)
class DeskLoad:
    """A bar pair of the dashboard's 'open and overdue per desk': the listing behind it and its
    filter for 'open' (late items are the listing's 'late by the rules')."""
    key: str                          # the listing's name (what a bar click opens)
    title: str                        # N_() title
    open_choice: str


@dataclasses.dataclass(frozen=True)
class StillOpen:
    """A line of the monthly summary's 'open or overdue now', whenever the items were raised:
    the desk's own definition of open (or overdue), counted in SQL."""
    key: str                          # the listing that shows them
    title: str                        # N_() what is counted
    count: Callable[[], int]


@dataclasses.dataclass(frozen=True)
class Searched:
    """A listing the one search box (Ctrl+K) looks in, with the title its matches are grouped under."""
    listing: str                      # a name in `listings`
    title: str                        # N_() title


@dataclasses.dataclass(frozen=True)
class DeskSpec:
    key: str                                         # one name, used everywhere
    title: str                                       # N_() title
    models: tuple = ()                               # its tables, in the order they are created
    deadline_items: tuple = ()                       # loop.items.DeadlineItem, one per kind of item
    listings: dict = dataclasses.field(default_factory=dict)  # name -> Listing class: every one the desk has
    loads: tuple = ()                                # DeskLoad bars on the dashboard
    ledgers: tuple = ()                              # export.ledger_columns.Ledger
    forms: tuple = ()                                # PaperForm
    reports: tuple = ()                              # PeriodReport
    still_open: tuple = ()                           # StillOpen lines of the monthly summary
    permissions: tuple = ()                          # base.access.Permission: who may do what here
    searched: tuple = ()                             # Searched: where the one search box looks
