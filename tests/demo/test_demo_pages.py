"""Every desk's table read page after page on the demo's year (its thousands of rows, their equal and
empty values, joined tables' columns): each page starting after the last row of the one before gives
the rows one long read gives, in every sortable order, both ways."""
from __future__ import annotations

import pytest

from feedback_desk.base.listing import Filters
from feedback_desk.desks import registry

READ, SIZE = 300, 97  # the first rows compared, read in pages of this size

ORDERS = [(name, column.key, descending) for spec in registry.specs() for name, listing in spec.listings.items()
          for column in listing.columns if column.sort is not None for descending in (False, True)]


@pytest.mark.parametrize("name, key, descending", ORDERS)
def test_a_table_read_on_from_its_last_row_gives_what_one_long_read_gives(filled, name, key, descending):
    listing = registry.listing(name)()
    whole = [r.id for r in listing.page(Filters(include_void=True), key, descending, 0, READ)]
    pages = [listing.page(Filters(include_void=True), key, descending, 0, SIZE)]
    while len(pages[-1]) == SIZE and sum(map(len, pages)) < READ:
        pages.append(listing.page(Filters(include_void=True), key, descending, 0, SIZE, after=pages[-1][-1].after))
    assert [r.id for page in pages for r in page][:READ] == whole
