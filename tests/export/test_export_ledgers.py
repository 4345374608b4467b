"""Ledgers read back with openpyxl: header, real dates and numbers, frozen header, table, guard, cancel."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from openpyxl import load_workbook

from feedback_desk.export import ledgers
from feedback_desk.desks import registry
from feedback_desk.export.safe import ExportError
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\t=1", "\r=1"]


def _feedback(clerk, day, text="房间很干净", **values):
    at = dt.datetime.combine(day, dt.time(2, 30))
    base = dict(created_at=at, updated_at=at, created_by=clerk.id, updated_by=clerk.id, channel="card_checkout",
                kind="praise", date=day, text=text, rating_attitude=4, rating_skill=3)
    base.update(values)
    return Feedback.create(**base)


def test_feedback_ledger_has_real_dates_numbers_frozen_header_and_a_table(db, clerk, tmp_path):
    dining = Department.get(Department.name == "Dining")
    for n in range(5):
        _feedback(clerk, dt.date(2026, 11, 1 + n), department=dining.id)
    _feedback(clerk, dt.date(2026, 12, 1))  # outside the range
    path = ledgers.export_ledger("feedback", dt.date(2026, 11, 1), dt.date(2026, 11, 30), tmp_path / "l.xlsx")
    ws = load_workbook(path).active
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["ID", "Date", "Channel", "Kind"]
    assert ws.max_row == 6 and ws.freeze_panes == "A2"
    table = ws.tables["Ledger_feedback"]
    assert table.ref == f"A1:{ws.cell(1, len(headers)).column_letter}6"
    assert table.autoFilter.ref == table.ref
    row = {h: c for h, c in zip(headers, ws[2])}
    assert row["Date"].is_date and row["Date"].value.date() == dt.date(2026, 11, 1)
    assert row["Created at"].is_date and row["Created at"].number_format == "yyyy-mm-dd hh:mm"
    assert row["Attitude"].data_type == "n" and row["Attitude"].value == 4
    assert row["ID"].data_type == "n"
    assert row["Department"].value == "Dining" and row["Kind"].value == "Praise"
    assert ws.column_dimensions["H"].width >= 30  # the guest's words get room


def test_hostile_text_stays_text_and_control_characters_are_replaced(db, clerk, tmp_path):
    for n, text in enumerate(HOSTILE + ["bell\x07here"]):
        _feedback(clerk, dt.date(2026, 11, 2), text=text, place=text)
    path = ledgers.export_ledger("feedback", dt.date(2026, 11, 1), dt.date(2026, 11, 30), tmp_path / "h.xlsx")
    ws = load_workbook(path).active
    headers = [c.value for c in ws[1]]
    texts = [ws.cell(r, headers.index("What the guest said") + 1) for r in range(2, ws.max_row + 1)]
    places = [ws.cell(r, headers.index("Place") + 1) for r in range(2, ws.max_row + 1)]
    for cells in (texts, places):
        # XML reads a bare carriage return back as a line feed; it stays text either way
        assert [c.value for c in cells[:-1]] == [t.replace("\r", "\n") for t in HOSTILE]
        assert all(c.data_type == "s" for c in cells)
    assert texts[-1].value == "bell\ufffdhere"


def test_every_desk_exports_even_when_empty(db, tmp_path):
    for key in registry.ledgers():
        path = ledgers.export_ledger(key, dt.date(2026, 1, 1), dt.date(2026, 12, 31), tmp_path / f"{key}.xlsx")
        ws = load_workbook(path).active
        assert ws.max_row >= 1 and ws.freeze_panes == "A2" and len(ws.tables) == 1


def test_bilingual_headers(db, tmp_path):
    path = ledgers.export_ledger("feedback", dt.date(2026, 1, 1), dt.date(2026, 1, 2), tmp_path / "b.xlsx",
                                 bilingual=True)
    headers = [c.value for c in load_workbook(path).active[1]]
    assert "日期 / Date" in headers


def test_progress_is_reported_and_cancel_leaves_no_file(db, clerk, tmp_path, monkeypatch):
    monkeypatch.setattr(ledgers, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(ledgers, "PAGE", 3)
    for n in range(7):
        _feedback(clerk, dt.date(2026, 11, 1))
    seen = []
    ledgers.export_ledger("feedback", dt.date(2026, 11, 1), dt.date(2026, 11, 30), tmp_path / "p.xlsx",
                          progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 7) and seen[-1] == (7, 7) and (4, 7) in seen
    assert load_workbook(tmp_path / "p.xlsx").active.max_row == 8  # pages of 3 joined without a gap
    with pytest.raises(ledgers.Cancelled):
        ledgers.export_ledger("feedback", dt.date(2026, 11, 1), dt.date(2026, 11, 30), tmp_path / "c.xlsx",
                              cancelled=lambda: True)
    assert not (tmp_path / "c.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_unwritable_target_raises_and_leaves_no_file(db, tmp_path):
    before = sorted(p.name for p in tmp_path.iterdir())  # the database file, when it is one
    with pytest.raises(ExportError, match="does not exist"):
        ledgers.export_ledger("feedback", dt.date(2026, 1, 1), dt.date(2026, 1, 2), tmp_path / "no" / "x.xlsx")
    taken = tmp_path / "taken.xlsx"
    taken.mkdir()  # a folder where the file should go: the move fails
    with pytest.raises(ExportError, match="taken.xlsx"):
        ledgers.export_ledger("feedback", dt.date(2026, 1, 1), dt.date(2026, 1, 2), taken)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before + ["taken.xlsx"])
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(ExportError):
            ledgers.export_ledger("feedback", dt.date(2026, 1, 1), dt.date(2026, 1, 2), locked / "x.xlsx")
        assert list(locked.iterdir()) == []
    finally:
        os.chmod(locked, 0o700)


def test_unknown_desk_and_reversed_dates(db, tmp_path):
    with pytest.raises(ExportError, match="Unknown desk"):
        ledgers.export_ledger("nope", dt.date(2026, 1, 1), dt.date(2026, 1, 2), tmp_path / "x.xlsx")
    with pytest.raises(ExportError):
        ledgers.export_ledger("feedback", dt.date(2026, 1, 2), dt.date(2026, 1, 1), tmp_path / "x.xlsx")
