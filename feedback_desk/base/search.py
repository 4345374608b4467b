"""Finding records by what is typed in a desk's find box.

- Customers: name, pinyin initials, full pinyin, phone, organisation. Each customer has a few
  lower-case search keys (张科长 → 张科长, zhangkezhang, zkz, …); a lookup is one range scan over
  the key index, so it stays fast on any size.
- Texts found by any part of them (a guest's words, a suggestion): their columns are
  `SearchedText`, and a listing asks `contains(field, term)` (or `field.contains(term)`, the same).
  A file reads its search index (FTS5 tables of character pairs, base/text_index.py), which answers
  any term of any length; on the server each has a trigram index (pg_trgm, made by
  server.index_searched_text) of the text folded, which serves the same search for a term of three
  characters or more, Chinese included. Both find `term` folded as `text_index.fold` folds (`Ａ`
  finds `a`, `WiFi` finds `wifi`).

Whatever is typed is searched for, never refused: `typed_term` makes any text fit for a query on
either database, and `number_term` reads a box that takes a number (a floor) without ever raising.
"""
from __future__ import annotations

import logging
import re

import peewee as pw

from feedback_desk.base import cleaning
from feedback_desk.base.i18n import _

log = logging.getLogger(__name__)

class SearchedText(pw.TextField):
    """A text column found by any part of it: on a file it is in its table's search index, on the
    server it gets a trigram index."""

    def contains(self, term):
        return contains(self, term)


def contains(field: SearchedText, term: str, *more: SearchedText):
    """A peewee condition: the text of `field` (or of one of `more`, of the same table) holds `term`
    (as `search.typed_term` leaves it), answered by the search index of whichever database is open.
    Several texts of one table are best asked together: on a file that is one look in its index."""
    from feedback_desk.base import db, server, text_index

    fields = [field, *more]
    if db.on_the_server():
        found = server.contains(field, term)
        for other in more:
            found = found | server.contains(other, term)
        return found
    return text_index.contains(fields, term)


# the whole numbers a column holds, on a file and on the server (64 bits): a larger one matches nothing
INTEGER_MIN, INTEGER_MAX = -2 ** 63, 2 ** 63 - 1

_DIGITS = re.compile(r"\D+")
_PHONE_TERM = re.compile(r"^[\d\s\-+()]+$")
TOP = "\U0010ffff"  # sorts after every other character


def _pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Chinese in `text`; other characters kept as they are."""
    from pypinyin import Style, lazy_pinyin  # imported on first write, not at start-up

    full = "".join(lazy_pinyin(text, errors="default")).lower()
    initials = "".join(p[:1] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")).lower()
    return re.sub(r"\s+", "", full), re.sub(r"\s+", "", initials)


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def keys_for(name: str, title: str = "", organisation: str = "", phones: str = "") -> set[str]:
    keys: set[str] = set()
    name = (name or "").strip().lower()
    title = (title or "").strip().lower()
    organisation = (organisation or "").strip().lower()
    for text in filter(None, (name, name + title if title else "", organisation, title)):
        keys.add(text)
        keys.update(w for w in text.split() if w)
        if _has_cjk(text):
            full, initials = _pinyin(text)
            keys.add(full)
            keys.add(initials)
    for phone in split_phones(phones):
        digits = _DIGITS.sub("", phone)
        if digits:
            keys.add(digits)
    return {k[:200] for k in keys if k}


def sort_key(text: str) -> str:
    """Pinyin spelling for sorting Chinese names (张 → zhang); other text lower-cased."""
    text = (text or "").strip().lower()
    if not _has_cjk(text):
        return text[:300]
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text, errors="default")).lower()[:300]


def split_phones(phones: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,，;；/、\n]+", phones or "") if p.strip()]


def typed_term(text: str) -> str:
    """What was typed in a find box, fit for a query on either database: stripped, and without the
    characters no text column holds (cleaning.storable)."""
    return cleaning.storable(text).strip()


def number_term(term: str) -> int | None:
    """The whole number a find box's term stands for, or None: for text that is not one (digits
    such as '⁰⁴⁵' or '₀₁₂' are not decimal ones), and for one no column can hold. Decimal digits of
    any script are read (１２, as a Chinese input method types it, is 12), and a minus sign (floor -1)."""
    number = cleaning.whole_number(typed_term(term))
    return number if number is not None and INTEGER_MIN <= number <= INTEGER_MAX else None


def normalise_term(term: str) -> str:
    term = typed_term(term).lower()
    if term and _PHONE_TERM.match(term) and any(ch.isdigit() for ch in term):
        return _DIGITS.sub("", term)
    return term


def key_range(field, term: str):
    """A peewee condition: `field` starts with `term` (index-friendly on any database)."""
    return (field >= term) & (field < term + TOP)


def in_order():
    """Around the conditions of a page of a listing: a text found in many rows is then checked on
    the rows as the listing's order reads them, rather than each row found looked up and sorted."""
    from feedback_desk.base import text_index

    return text_index.in_order()


def index_rows(db, tables: dict[str, list[str]], progress=None) -> None:
    """A file's search index made anew from the rows of `tables` (table -> its searched texts):
    after a migration step or a copy into a file, whose rows were written without it.
    `progress(table, done, total)` after each batch; by default it is said in the log."""
    from feedback_desk.base import text_index

    text_index.fill(db, tables, progress or _said)


def _said(table: str, done: int, total: int) -> None:
    log.info(_("Building the search index of {table}: {done:,} of {total:,} rows").format(
        table=table, done=done, total=total))
