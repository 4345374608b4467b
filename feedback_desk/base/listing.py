"""Paged, sorted, filtered listings for the desks' tables: all work done in SQL.

A table model asks for `count()` and for `page(offset, limit)`; it never holds a
whole table. Each listing names its columns, the SQL expression each sorts by and
how each value is shown.

The find box's text reaches a listing's `conditions` as `search.typed_term` leaves it: stripped,
and fit for a query on either database whatever was typed (a listing never refuses a search).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable

import peewee as pw

from feedback_desk.base import search
from feedback_desk.base.i18n import _

NOTHING = pw.SQL("1 = 0")  # a condition no row meets: a term that cannot match (no such floor)


@dataclasses.dataclass
class Column:
    key: str
    label: str                       # marked with N_(), translated when shown
    sort: Any = None                 # peewee expression to ORDER BY (or a function giving it, built
                                     # when first sorted by); None: not sortable
    show: Callable[[Any], str] = str  # raw value -> text shown
    align_right: bool = False
    width: int = 100                 # starting width in pixels
    scan: bool = False               # sorting reads the whole table (no index): find the page's ids
                                     # first, then join only those rows (`sort` must need no join)
    warns: bool = False              # on a row that warns (a taboo, a late item), this cell says so
    emphasis: bool = False           # … and in bold


@dataclasses.dataclass
class Filters:
    text: str = ""
    choice: str = ""                 # the desk's state/kind filter, "" for all
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_void: bool = False


@dataclasses.dataclass
class Row:
    id: int
    values: list[str]                # one shown text per column
    warn: bool = False               # draw in warning colour (taboos, overdue, serious)
    void: bool = False
    tooltip: str = ""
    raw: dict = dataclasses.field(default_factory=dict)
    after: tuple | None = None       # the last row of a page: (its sort value, its id), where the next starts


class Listing:
    """Base of every desk's listing; subclasses give columns, choices and the query."""

    columns: list[Column] = []
    default_sort: str = ""
    slow_text_search = False         # text filter scans the table: the UI runs it off its thread
    slow_sort_keys: frozenset = frozenset()  # sorts that scan a big table: also run off the UI thread
    default_descending: bool = True
    match_cap: int | None = None     # a text search lists at most this many matches (a find box over a
                                     # big table: typing more narrows them); None: all of them
    count_cap: int | None = 10_000   # a text search counts its matches up to this many, then says "more
                                     # than": every match counted is a row looked up (服务 in 237,641 of
                                     # 500,000 entries took 186 ms); the rows are all listed still

    def choices(self) -> list[tuple[str, str]]:
        """(key, translated label) pairs for the desk's filter box; ("", "All") first."""
        return [("", _("All"))]

    model: type[pw.Model]
    date_field: pw.Field | None = None   # what the filter's From … To dates bound, both days included

    def conditions(self, filters: Filters) -> list:
        """WHERE conditions of `filters` on `model` alone (no joins, so counting stays cheap)."""
        raise NotImplementedError

    def page_query(self) -> pw.Select:
        """SELECT with the joins a page of rows needs."""
        return self.model.select()

    def _where(self, query: pw.Select, filters: Filters) -> pw.Select:
        conds = self.conditions(dataclasses.replace(filters, text=search.typed_term(filters.text)))
        if self.date_field is not None and filters.date_from:
            conds.append(self.date_field >= filters.date_from)
        if self.date_field is not None and filters.date_to:
            conds.append(self.date_field <= filters.date_to)
        if not filters.include_void:
            conds.append(self.model.voided == False)  # noqa: E712
        return query.where(*conds) if conds else query

    def make_rows(self, records: list) -> list[Row]:
        raise NotImplementedError

    def column_labels(self) -> list[str]:
        return [_(c.label) for c in self.columns]

    def count(self, filters: Filters) -> int:
        """How many rows `filters` find; a text search's at most `count_cap` + 1 (more than the cap)."""
        query = self._where(self.model.select(self.model.id), filters)
        if self.count_cap is None or not filters.text.strip():
            return query.count()
        found = query.limit(self.count_cap + 1).alias("found")
        return pw.Select([found], [pw.fn.COUNT(pw.SQL("*"))]).bind(self.model._meta.database).scalar()

    def capped(self, filters: Filters, total: int) -> bool:
        """Whether a text search listed its first `match_cap` matches only: typing more narrows them."""
        return self.match_cap is not None and bool(filters.text.strip()) and total >= self.match_cap

    def more_than(self, filters: Filters, total: int) -> bool:
        """Whether a text search stopped counting at `count_cap`: its rows go on past the count."""
        return self.count_cap is not None and bool(filters.text.strip()) and total > self.count_cap

    def sortable(self, key: str) -> bool:
        return any(c.key == key and c.sort is not None for c in self.columns)

    def page(self, filters: Filters, sort_key: str | None, descending: bool,
             offset: int, limit: int, after: tuple | None = None) -> list[Row]:
        """`limit` rows from `offset` in this order; or, given the `after` of the last row of the page
        before, the rows after it (a later page read from where the last one ended, not by counting
        past `offset` rows)."""
        column = next((c for c in self.columns if c.key == (sort_key or self.default_sort)), None)
        if column is None or column.sort is None:
            column = next(c for c in self.columns if c.key == self.default_sort)
        sort = column.sort() if callable(column.sort) else column.sort
        # an empty value comes first going up and last going down, on SQLite and on the server alike
        order = sort.desc(nulls="LAST") if descending else sort.asc(nulls="FIRST")
        tie = self.model.id.desc() if descending else self.model.id.asc()
        keys: list[tuple] = []

        def bounded(query):
            if after is None:
                return query.order_by(order, tie).offset(offset).limit(limit)
            return query.where(self._past(sort, descending, *after)).order_by(order, tie).limit(limit)
        with search.in_order():  # a text search's rows checked as the order reads them (text_index)
            if column.scan:
                keys = list(bounded(self._where(self.model.select(self.model.id, sort.alias("page_key")), filters))
                            .tuples())
                ids = [i for i, _key in keys]
            else:
                # the key as the database holds it, on the row's own record even when the sort is a joined
                # table's column (a field aliased as itself would land on the joined record)
                key = pw.NodeList((sort,)).alias("page_key")
                records = list(bounded(self._where(self.page_query().select_extend(key), filters)))
                rows = self.make_rows(records)
                if records and len(rows) == len(records):
                    rows[-1].after = (records[-1].page_key, records[-1].id)
                return rows
        found = {r.id: r for r in self.page_query().where(self.model.id.in_(ids))} if ids else {}
        rows = self.make_rows([found[i] for i in ids if i in found])
        if rows and keys and rows[-1].id == keys[-1][0]:
            rows[-1].after = (keys[-1][1], keys[-1][0])
        return rows

    def _past(self, sort, descending: bool, value, last_id: int):
        """The rows after (value, last_id) in the order `page` reads (empty values first going up,
        last going down; the id breaks ties)."""
        ident = self.model.id
        if descending:
            if value is None:
                return sort.is_null() & (ident < last_id)
            return (sort < value) | ((sort == value) & (ident < last_id)) | sort.is_null()
        if value is None:
            return (sort.is_null() & (ident > last_id)) | sort.is_null(False)
        return (sort > value) | ((sort == value) & (ident > last_id))
