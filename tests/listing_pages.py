"""What the listing tests of every desk share: a page's ids, the order SQLite gives, and reading a
table page after page as the window does."""
from __future__ import annotations

from feedback_desk.base.listing import Filters


def ids(rows) -> list[int]:
    return [r.id for r in rows]


def sql_order(items, key):
    """The order SQLite gives ORDER BY key ASC, id ASC (NULLs first, binary text)."""
    return [i for i, _v in sorted(items, key=lambda iv: (iv[1] is not None, iv[1] if iv[1] is not None else 0,
                                                          iv[0]))]


def read_on(listing, key, descending, size, filters=None):
    """Every page as a table reads them: the first by its offset, each next one after the last row."""
    filters = filters or Filters()
    pages = [listing.page(filters, key, descending, 0, size)]
    while len(pages[-1]) == size:
        assert pages[-1][-1].after is not None  # where the next page starts
        pages.append(listing.page(filters, key, descending, 0, size, after=pages[-1][-1].after))
    return [r.id for page in pages for r in page]
