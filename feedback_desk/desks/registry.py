"""The one list of desks. A new desk is a folder under desks/ whose __init__.py has `spec()`,
and one line here; the database, the deadline engine, the dashboard, the exports and the
command line read everything else from the specs.

The specs are read when first asked for, not at import: a desk's modules use the loop and the
exports, which in turn ask the registry, so importing them all at start would go round in a circle.
"""
from __future__ import annotations

import functools
import importlib

from feedback_desk.base.desk_spec import DeskSpec

DESKS = (
    "customers",
    "feedback",
    "housekeeping",
    "quality",
    "suggestions",
    "work",
    "safety",
)


@functools.lru_cache(maxsize=1)
def specs() -> tuple[DeskSpec, ...]:
    return tuple(importlib.import_module(f"feedback_desk.desks.{name}").spec() for name in DESKS)


def spec(key: str) -> DeskSpec:
    return next(s for s in specs() if s.key == key)


def all_models() -> list:
    """Every desk's tables (the base's and the loop's come first: see base.db)."""
    return [model for s in specs() for model in s.models]


def listing(name: str):
    """The Listing class a listing name stands for ('complaints', 'anomalies', …)."""
    for s in specs():
        if name in s.listings:
            return s.listings[name]
    raise KeyError(name)


def ledgers() -> dict:
    return {ledger.key: ledger for s in specs() for ledger in s.ledgers}


def permissions() -> tuple:
    """The whole permission table: the base's, the deadline engine's, then each desk's."""
    from feedback_desk.base import permissions as base_permissions
    from feedback_desk.loop import permissions as loop_permissions

    return base_permissions.PERMISSIONS + loop_permissions.PERMISSIONS + tuple(
        p for s in specs() for p in s.permissions)


def paper_forms() -> dict:
    return {form.kind: form for s in specs() for form in s.forms}


def period_reports() -> tuple:
    """Every desk's reports of a week or a month (the command line's `export KEY`, File → Export)."""
    return tuple(report for s in specs() for report in s.reports)
