"""The one search box (Ctrl+K): a word, a name, a phone number, a pinyin abbreviation or a record's
number (客诉-2026-11-0007, QA-…, 工作-…) looked for in every desk's listing at once, each giving its
first few matches — as its own table would show them, so what the person may not read does not
appear (a listing's conditions say who reads what).

Each desk names the listings it offers (`DeskSpec.searched`); this module never names a desk.
It runs off the window's thread on its own connection (ui/search_box.py).
"""
from __future__ import annotations

import dataclasses

from feedback_desk.base.errors import PermissionDenied
from feedback_desk.base.i18n import _
from feedback_desk.base.listing import Filters, Row
from feedback_desk.desks import registry

PER_LISTING = 5  # matches shown per listing; more are found in its own table


@dataclasses.dataclass(frozen=True)
class Found:
    listing: str      # the listing's name ('complaints', 'incidents', …)
    title: str        # translated
    rows: list[Row]   # the first matches, in the listing's own order
    more: bool        # there are more than these


def searched_listings() -> list[str]:
    return [s.listing for spec in registry.specs() for s in spec.searched]


def search_everywhere(term: str, listings: list[str] | None = None, per: int = PER_LISTING) -> list[Found]:
    """The first `per` matches of `term` in each listing searched (of `listings`, if given: the
    desks the window shows), listings with none left out, in the desks' order."""
    term = (term or "").strip()
    if not term:
        return []
    found = []
    for spec in registry.specs():
        for searched in spec.searched:
            if listings is not None and searched.listing not in listings:
                continue
            listing = registry.listing(searched.listing)()
            try:
                rows = listing.page(Filters(text=term), None, listing.default_descending, 0, per + 1)
            except PermissionDenied:  # a listing this person reads nothing of
                continue
            if rows:
                found.append(Found(searched.listing, _(searched.title), rows[:per], len(rows) > per))
    return found
