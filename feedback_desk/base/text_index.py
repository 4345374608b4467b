"""The search index of the free texts on a file (SQLite): one FTS5 table per table that has
`SearchedText` columns, `<table>_fts`, a column for each, so that "which rows hold this word"
reads an index instead of every text. Its twin on the server is pg_trgm (server.py).

What the index holds: each text *folded* (full-width ASCII Ａ１！ as their half-width twins, the
ideographic space as a space, letters in lower case: `Ａ` finds `a`, `WiFi` finds `wifi`), then
cut into overlapping pairs of characters (bigrams: 房间很好 → 房间 间很 很好, and the last
character alone). A term of two characters or more is the phrase of its own pairs, which holds
exactly where the folded term is a part of the folded text; a term of one character is a prefix
query (every pair starting with it, or the last character). So every term, of any length, is
answered by the index, with the same rows as `fold(term) in fold(text)` checked row by row.
Bigrams rather than FTS5's trigram tokenizer: most Chinese words searched are of two characters
(早餐, 臭虫, 空调), which a trigram index cannot find; and the index is smaller (about 177 MB for
500,000 reviews, against 282 MB).

The pairs are made in Python and handed to FTS5's `ascii` tokenizer, which keeps every
non-ASCII character in a token; ASCII other than letters and digits (spaces, quotes, `*`, `-`,
`:` …) is first moved to the private-use plane (U+F0000 + its code), so no character of a term is
ever FTS5 syntax and none splits a pair. The tables are contentless (the texts stay in their own
tables only); a change removes the pairs of the old text and adds those of the new.

Kept in step by TEMP triggers created on each connection the program opens (`keep_in_step`):
they call `fd_pairs`, a function registered on that connection, and run inside the writing
transaction. Temporary, so that another program opening the file (the sqlite3 shell, a viewer)
finds no trigger calling a function it lacks; what such a program writes is not indexed (and a
later change of that row by the program removes pairs that were never added, which FTS5 cannot
check: `fill`, run by the migration and after a copy into a file, indexes everything anew).
"""
from __future__ import annotations

import contextlib
import contextvars
import logging
import sqlite3

import peewee as pw

log = logging.getLogger(__name__)
SUFFIX = "_fts"
FUNCTION = "fd_pairs"
BATCH = 2000
FEW = 5000  # rows of a word named by their ids (contains)

WIDE = "".join(chr(0xFF01 + i) for i in range(94)) + "\u3000"   # Ａ１！… and the ideographic space
NARROW = "".join(chr(0x21 + i) for i in range(94)) + " "          # what each stands for: A1!… and a space
_FOLD = str.maketrans(WIDE, NARROW)
_FOLD[0x03A3] = "σ"                                    # Σ: lower() alone would make it ς at a word's end
_PLAIN = {c: chr(0xF0000 + c) for c in range(128) if not ("a" <= chr(c) <= "z" or "0" <= chr(c) <= "9")}


def fold(text: str) -> str:
    """`text` as it is compared: full-width ASCII as half-width, letters lower-cased. Character by
    character (no character's folding depends on its neighbours), so a part of a text folds into a
    part of the folded text."""
    return text.translate(_FOLD).lower()


def _tokens(text: str) -> str:
    return fold(text).translate(_PLAIN)


def pairs(text: str | None) -> str:
    """What the index holds of `text`: its pairs of characters, then its last character."""
    chars = _tokens(text or "")
    if not chars:
        return ""
    return " ".join([chars[i:i + 2] for i in range(len(chars) - 1)] + [chars[-1]])


def query(columns: str | list[str], term: str) -> str | None:
    """The FTS5 query finding `term` within any of `columns`; None for a term empty once folded."""
    chars = _tokens(term)
    if not chars:
        return None
    where = columns if isinstance(columns, str) else "{" + " ".join(columns) + "}"
    if len(chars) == 1:
        return f'{where} : "{chars}" *'
    return f'{where} : "' + " ".join(chars[i:i + 2] for i in range(len(chars) - 1)) + '"'


def table_sql(table: str, columns: list[str]) -> str:
    """The index of `table`'s searched `columns` (columnsize=0: nothing is ranked)."""
    return (f'CREATE VIRTUAL TABLE IF NOT EXISTS "{table}{SUFFIX}" USING fts5('
            + ", ".join(columns) + ", content='', columnsize=0, tokenize='ascii')")


def searched_columns(models: list) -> dict[str, list[str]]:
    """table -> its SearchedText columns, for the models that have any."""
    from feedback_desk.base.search import SearchedText

    found = {}
    for model in models:
        columns = [f.column_name for f in model._meta.sorted_fields if isinstance(f, SearchedText)]
        if columns:
            found[model._meta.table_name] = columns
    return found


def create_tables(db, models: list) -> None:
    """A new file's indexes, empty (its tables are too)."""
    for table, columns in searched_columns(models).items():
        db.execute_sql(table_sql(table, columns))


def indexes_of(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """table -> its indexed columns, as the file holds them."""
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? "
                                        "AND sql LIKE 'CREATE VIRTUAL TABLE%'", (f"%{SUFFIX}",))]
    return {n[:-len(SUFFIX)]: [row[1] for row in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}


def keep_in_step(conn: sqlite3.Connection) -> None:
    """On one connection: the function making the pairs and, for each index of the file, the
    triggers writing a row's pairs as the row is inserted, changed or deleted. A connection that
    may not write (a file opened to read) needs none."""
    conn.create_function(FUNCTION, 1, pairs, deterministic=True)
    try:
        for table, columns in indexes_of(conn).items():
            for sql in _triggers(table, columns):
                conn.execute(sql)
    except sqlite3.OperationalError as exc:  # query_only, or read-only: nothing will be written here
        log.debug("no index triggers on this connection: %s", exc)


def _triggers(table: str, columns: list[str]) -> list[str]:
    fts = f'"{table}{SUFFIX}"'
    names = ", ".join(columns)

    def values(row: str) -> str:
        return ", ".join(f"{FUNCTION}({row}.{c})" for c in columns)

    add = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {values('new')});"
    remove = f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {values('old')});"
    head = f'CREATE TEMP TRIGGER IF NOT EXISTS "{table}{SUFFIX}_'
    return [f'{head}insert" AFTER INSERT ON main."{table}" BEGIN {add} END',
            f'{head}delete" AFTER DELETE ON main."{table}" BEGIN {remove} END',
            f'{head}update" AFTER UPDATE OF {names} ON main."{table}" BEGIN {remove} {add} END']


def fill(db, tables: dict[str, list[str]], progress=None) -> None:
    """Index every row of `tables` (table -> columns) anew, in batches; `progress(table, done,
    total)` after each. Inside the caller's transaction, if any."""
    for table, columns in tables.items():
        fts = f'"{table}{SUFFIX}"'
        db.execute_sql(f"INSERT INTO {fts} ({fts}) VALUES ('delete-all')")  # a contentless table's way
        total = db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        names = ", ".join(columns)
        insert = f"INSERT INTO {fts} (rowid, {names}) VALUES (?{', ?' * len(columns)})"
        done, last = 0, None
        while True:
            cursor = db.execute_sql(f'SELECT id, {names} FROM "{table}" WHERE id > ? ORDER BY id LIMIT ?',
                                    (last if last is not None else -2 ** 63, BATCH))
            rows = cursor.fetchall()
            if not rows:
                break
            db.cursor().executemany(insert, [(row[0], *map(pairs, row[1:])) for row in rows])
            done, last = done + len(rows), rows[-1][0]
            if progress is not None:
                progress(table, done, total)


def contains(fields: list[pw.Field], term: str):
    """A peewee condition: one of `fields` (SearchedText of one model) holds `term`, read from
    their table's index in one query.

    The rows found are asked for first, up to FEW of them: a rare word's rows are then named by
    their ids, which SQLite reads one by one (and sorts, for a page: the index of the listing's
    order would be read to its end for a page of a word found 6 times in 500,000 entries). A
    common word's stay a subquery: counted by looking up each row found, and, for a page
    (`in_order`), checked on the rows read in the listing's order, a few hundred before the page
    is full."""
    model = fields[0].model
    found = query([f.column_name for f in fields], term)
    if found is None:
        return pw.SQL("1 = 1")
    fts = f'"{model._meta.table_name}{SUFFIX}"'
    rows = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?"
    ids = [i for (i,) in model._meta.database.execute_sql(rows + " LIMIT ?", (found, FEW + 1))]
    key = model._meta.primary_key
    if len(ids) <= FEW:
        return key.in_(ids or [None])  # none: IN (NULL) holds for no row, and is still a look by id
    if _ORDERED.get():  # `+id`: SQLite is kept from looking rows up by id, and reads them in order
        key = pw.NodeList((pw.SQL("+"), key), glue="")
    return key.in_(pw.SQL(f"({rows})", [found]))


_ORDERED = contextvars.ContextVar("ordered", default=False)


@contextlib.contextmanager
def in_order():
    """Conditions made inside are for a page of rows in a listing's order (see `contains`)."""
    token = _ORDERED.set(True)
    try:
        yield
    finally:
        _ORDERED.reset(token)
