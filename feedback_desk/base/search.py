"""Finding records by what is typed in a desk's find box.

- Customers: name, pinyin initials, full pinyin, phone, organisation. Each customer has a few
  lower-case search keys (张科长 → 张科长, zhangkezhang, zkz, …); a lookup is one range scan over
  the key index, so it stays fast on any size.
- Texts found by any part of them (a guest's words, a suggestion): their columns are
  `SearchedText`, and a listing asks `field.contains(term)`. A file scans them (LIKE); on the
  server each has a trigram index (pg_trgm, made by server.index_searched_text), which serves
  the same ILIKE for a term of three characters or more, Chinese included.
"""
from __future__ import annotations

import re

import peewee as pw

class SearchedText(pw.TextField):
    """A text column found by any part of it: on the server it gets a trigram index."""


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


def normalise_term(term: str) -> str:
    term = (term or "").strip().lower()
    if term and _PHONE_TERM.match(term) and any(ch.isdigit() for ch in term):
        return _DIGITS.sub("", term)
    return term


def key_range(field, term: str):
    """A peewee condition: `field` starts with `term` (index-friendly on any database)."""
    return (field >= term) & (field < term + TOP)
