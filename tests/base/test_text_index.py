"""The search index of a file's free texts (issue 18, base/text_index.py): it finds the same rows
as reading every text would, folded as a user expects (`Ａ` finds `a`, `WiFi` finds `wifi`), for
every searched text of every desk, whatever is typed; and it stays in step with every write.

The real reviews are read in place from ../shared/data (never copied in); without them the test
that needs them is skipped.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
import threading
from pathlib import Path

import peewee as pw
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from feedback_desk.base import cleaning, search, text_index
from feedback_desk.base import db as dbmod
from feedback_desk.desks import registry
from feedback_desk.desks.feedback.models import Feedback

REVIEWS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "chnsenticorp_htl_all.csv"
TERMS = ["早餐", "服务", "前台", "空调", "隔音", "臭虫", "投诉经理", "性价比", "停车场", "游泳池",
         "热水", "蟑螂", "地毯", "携程", "宽带", "不干净", "噪音", "交通方便", "装修", "wifi", "WiFi", "房", "！"]
# what a find box was typed into: FTS5's own syntax, unbalanced quotes, a long paste, odd digits
ODD_TERMS = ('"', '""', 'a"b', "*", "早*", "NEAR(早 餐)", "早 NEAR 餐", "-早餐", "text:早餐", "{text}:早",
             "AND", "OR", "NOT 早", "^早", "(", ")", "'", "%", "_", "\\", "¹²", "²", "😀", "😀早",
             "\x01\x1f\x7f", "\u200b", "ǅİßΣς", "Ａ", "ＷｉＦｉ", "　", "房" * 10000)


def _ids(query) -> set[int]:
    return {i for (i,) in query.tuples()}


def _found(field, term: str) -> set[int]:
    """The rows whose `field` holds `term`, as a listing asks it."""
    model = field.model
    return _ids(model.select(model.id).where(search.contains(field, term)))


def _read(field, term: str) -> set[int]:
    """The same, read row by row in Python: the folded term is a part of the folded text."""
    model = field.model
    folded = text_index.fold(term)
    return {i for i, text in model.select(model.id, field).tuples() if folded in text_index.fold(text or "")}


def _liked(field, term: str) -> set[int]:
    """The same with today's LIKE before the index (ASCII letters in either case, nothing folded)."""
    model = field.model
    return _ids(model.select(model.id).where(pw.ColumnBase.contains(field, term)))


def test_folding_is_as_a_user_expects():
    assert text_index.fold("ＷｉＦｉ　信号 ΣΑΣ") == "wifi 信号 σασ"
    assert text_index.pairs("早餐 ok") == "早餐 餐\U000f0020 \U000f0020o ok k"  # a space moved out of ASCII
    assert text_index.pairs("") == "" and text_index.query("text", "") is None
    assert text_index.query("text", '"*') == 'text : "\U000f0022\U000f002a"'  # never FTS5's own syntax


def _reviews(n: int) -> list[str]:
    if not REVIEWS.exists():
        pytest.skip(f"the real reviews are not at {REVIEWS}")
    with REVIEWS.open(encoding="utf-8", newline="") as fh:
        texts = [row["review"] for row in csv.DictReader(fh) if row.get("review")]
    return random.Random(18).sample(texts, n)


def _feedback_rows(clerk, texts: list[str]) -> None:
    now = dt.datetime(2026, 11, 1, 2, 0)
    rows = [{"created_at": now, "created_by": clerk.id, "updated_at": now, "updated_by": clerk.id,
             "channel": "phone", "kind": "praise", "date": dt.date(2026, 10, 1), "text": cleaning.storable(t)[:2000],
             "investigation": "", "reply_text": ""} for t in texts]
    for start in range(0, len(rows), 500):
        Feedback.insert_many(rows[start:start + 500]).execute()


def test_on_real_reviews_the_index_finds_what_like_finds(db, clerk):
    """On either engine (a file's index, the server's trigram indexes of the folded texts): 3,000 real reviews; the benchmark's terms and 300 pieces of 1 to 6 characters cut from the
    reviews: the index finds exactly the rows a row-by-row reading finds, every row LIKE found, and
    for a term of characters that have no other form (no ASCII, which has full-width twins, and no
    letters in two cases) exactly LIKE's rows."""
    texts = _reviews(3000)
    _feedback_rows(clerk, texts)
    rnd = random.Random(7)
    pieces = []
    while len(pieces) < 300:
        text = rnd.choice(texts)
        size = rnd.randint(1, 6)
        if len(text) > size:
            start = rnd.randrange(len(text) - size)
            pieces.append(text[start:start + size].strip())
    folded_alike = 0
    for term in [*TERMS, *filter(None, pieces)]:
        found, liked = _found(Feedback.text, term), _liked(Feedback.text, term)
        assert found == _read(Feedback.text, term), term
        assert liked <= found, term
        if text_index.fold(term) == term and all(ord(ch) > 127 and ch.upper() == ch.lower() for ch in term):
            assert found == liked, term
            folded_alike += 1
    assert folded_alike > 150  # most terms were compared with LIKE row for row
    assert len(_found(Feedback.text, "早餐")) > 100 and _found(Feedback.text, "投诉经理") == set()


# --- every searched text of every desk, whatever is typed ---------------------------------------

def _searched() -> list[pw.Field]:
    return [f for spec in registry.specs() for model in spec.models for f in model._meta.sorted_fields
            if isinstance(f, search.SearchedText)]


def _filler(field: pw.Field, i: int):
    """A value for a column a row cannot be without (the rows only carry texts to search)."""
    if isinstance(field, (pw.ForeignKeyField, pw.IntegerField, pw.FloatField)):
        return 1
    if isinstance(field, pw.BooleanField):
        return False
    if isinstance(field, pw.DateTimeField):
        return dt.datetime(2026, 11, 1, 2, 0)
    if isinstance(field, pw.DateField):
        return dt.date(2026, 11, 1)
    if isinstance(field, pw.TimeField):
        return dt.time(9, 0)
    return f"x{i}"


ROWS = 3


@pytest.fixture
def desks(db):
    """ROWS rows in every table with searched texts (foreign keys unchecked: only texts matter)."""
    db.pragma("foreign_keys", 0)
    models = {f.model for f in _searched()}
    for model in models:
        for i in range(ROWS):
            values = {f.name: _filler(f, i) for f in model._meta.sorted_fields
                      if not f.primary_key and not f.null and f.default is None}
            model.insert(values).execute()
    db.pragma("foreign_keys", 1)
    return db


SEARCHES = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.sqlite_only  # the server's folding is PostgreSQL's lower(), which differs from Python's on a few letters
@SEARCHES
@given(texts=st.lists(st.text(max_size=30) | st.sampled_from(["房间很干净", "ＷｉＦｉ很快", 'NEAR "早餐" *', "热水50%"]),
                      min_size=ROWS, max_size=ROWS),
       data=st.data())
@example(texts=["早餐很好", "ＷｉＦｉ信号差", "投诉" + "房" * 9998], data=None)
def test_every_desks_search_finds_what_it_literally_says(desks, texts, data):
    """On every searched text of every desk: the rows found are those whose folded text holds the
    folded term, for a term cut from a text or any text at all; nothing raises."""
    texts = [cleaning.storable(t) for t in texts]
    terms = list(ODD_TERMS)
    if data is not None:
        text = data.draw(st.sampled_from(texts))
        start = data.draw(st.integers(0, len(text)))
        terms = [data.draw(st.text()), text[start:start + data.draw(st.integers(1, 6))]]
    for field in _searched():
        model = field.model
        ids = [i for (i,) in model.select(model.id).order_by(model.id).tuples()]
        for row_id, text in zip(ids, texts):
            model.update({field: text}).where(model.id == row_id).execute()
        for term in terms:
            term = search.typed_term(term)
            if term:
                assert _found(field, term) == _read(field, term), (field, term)
                assert _liked(field, term) <= _found(field, term), (field, term)


# --- kept in step ---------------------------------------------------------------------------------

@pytest.mark.sqlite_only
def test_the_index_follows_every_write_on_every_connection(db, clerk, tmp_path):
    _feedback_rows(clerk, ["空调噪音太大"])
    entry = Feedback.get()
    assert _found(Feedback.text, "噪音") == {entry.id}
    Feedback.update(text="早餐品种太少").where(Feedback.id == entry.id).execute()
    assert _found(Feedback.text, "噪音") == set() and _found(Feedback.text, "品种") == {entry.id}
    Feedback.update(investigation="厨房缺货").where(Feedback.id == entry.id).execute()
    assert _found(Feedback.investigation, "缺货") == {entry.id} and _found(Feedback.text, "缺货") == set()

    def elsewhere():  # a worker's own connection
        with dbmod.worker_binding()():
            _feedback_rows(clerk, ["热水不稳定"])

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert len(_found(Feedback.text, "热水")) == 1

    # another program on the same file is not broken by the index (its triggers are the program's
    # own); what it writes is not indexed until the index is made anew
    other = sqlite3.connect(tmp_path / "t.db")
    other.execute("UPDATE feedback SET text = '停车位不够' WHERE id = ?", (entry.id,))
    other.commit()
    other.close()
    assert _found(Feedback.text, "停车") == set()
    with db.atomic():
        search.index_rows(db, text_index.searched_columns([Feedback]))
    assert _found(Feedback.text, "停车") == {entry.id} and _found(Feedback.text, "品种") == set()

    Feedback.delete().where(Feedback.id == entry.id).execute()
    assert _found(Feedback.text, "停车") == set()
    assert db.execute_sql("INSERT INTO feedback_fts (feedback_fts) VALUES ('integrity-check')") is not None


def test_a_complaint_is_found_by_the_words_of_its_investigation_and_reply(db, clerk):
    """The feedback desk's find box reads the guest's words, the investigation and the reply, on
    either engine; a term of one character too."""
    from feedback_desk.base.listing import Filters

    _feedback_rows(clerk, ["空调噪音太大", "早餐很好"])
    entry = Feedback.get(Feedback.text == "空调噪音太大")
    Feedback.update(investigation="风机轴承磨损", reply_text="已更换风机并致歉").where(Feedback.id == entry.id).execute()
    listing = registry.listing("feedback")()
    for term in ("噪音", "轴承磨损", "致歉", "磨"):
        assert [r.id for r in listing.page(Filters(text=term), None, True, 0, 10)] == [entry.id], term
        assert listing.count(Filters(text=term)) == 1, term
