"""Exports from the window: the selected record's paper form, the monthly workbook, a ledger,
each written in the background; cancel leaves no file."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from feedback_desk.base import access
from feedback_desk.desks.feedback import guest_feedback as feedback
from ui.export.dialogs import LedgerExportDialog, MonthlyExportDialog
from ui.export.run import ExportWorker

from qt_fixtures import settings, window, zhang  # noqa: F401


def _all_text(path) -> str:
    wb = load_workbook(path)
    return " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


def test_paper_form_of_the_selected_customer(qtbot, window, zhang, tmp_path, monkeypatch):
    target = tmp_path / "card.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]),
                                                                   QMessageBox.StandardButton.Close)[1])
    window.desks["customers"].load()
    assert window.desks["customers"].current_id() == zhang.id
    worker = window.act_export_form.trigger() or window.findChildren(ExportWorker)[-1]
    qtbot.waitUntil(lambda: worker.isFinished() and bool(asked), timeout=15000)
    assert target.exists() and "韭菜炒鸡蛋皮" in _all_text(target) and "国税局" in _all_text(target)
    assert str(target) in asked[0]  # "Saved …. Open the folder?"


def _the_gms_office_signed_in():
    """Exports run in a worker thread, where the program does not act: as the person signed in
    here, one who reads every ledger (the test's own thread still acts as the program)."""
    from feedback_desk.base import staff

    office = staff.save_staff("唐总办", None, roles=["gm_office"])
    access.sign_in_as(office)


def test_monthly_workbook_from_the_month_picker(qtbot, db, clerk, tmp_path, monkeypatch):
    feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 10, 5),
                              "text": "=HYPERLINK(\"x\") 空调太吵"}, clerk)
    _the_gms_office_signed_in()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    dialog = MonthlyExportDialog(None)
    qtbot.addWidget(dialog)
    dialog.month.setDate(dialog.month.date().fromString("2026-10", "yyyy-MM"))
    target = tmp_path / "monthly.xlsx"
    dialog.target.edit.setText(str(target))
    assert dialog.try_save()
    qtbot.waitUntil(lambda: dialog.worker.isFinished(), timeout=30000)
    wb = load_workbook(target)
    assert len(wb.worksheets) > 1
    assert "=HYPERLINK(\"x\") 空调太吵" in _all_text(target)  # user text stays text


def test_ledger_refuses_a_reversed_range_beside_the_field(qtbot, db, tmp_path):
    dialog = LedgerExportDialog(None, "feedback")
    qtbot.addWidget(dialog)
    dialog.date_from.set_value(dt.date(2026, 11, 1))
    dialog.date_to.set_value(dt.date(2026, 10, 1))
    dialog.target.edit.setText(str(tmp_path / "l.xlsx"))
    assert not dialog.try_save()
    assert dialog.error_text("date_to")
    assert not (tmp_path / "l.xlsx").exists()


def test_cancelled_ledger_leaves_no_file(qtbot, db, clerk, tmp_path):
    from feedback_desk.export import ledgers

    for i in range(30):
        feedback.create_feedback({"channel": "letter", "kind": "praise", "date": dt.date(2026, 10, 1),
                                  "text": f"好 {i}"}, clerk)
    _the_gms_office_signed_in()
    out = tmp_path / "out"
    out.mkdir()
    target = out / "cancelled.xlsx"
    owner = QWidget()  # as in the window: a worker thread always has a parent (one without crashed at exit)
    qtbot.addWidget(owner)
    worker = ExportWorker(lambda progress, cancelled: ledgers.export_ledger(
        "feedback", dt.date(2026, 1, 1), dt.date(2026, 12, 31), target, progress=progress, cancelled=cancelled),
        owner)
    failures = []
    worker.failed.connect(failures.append)
    worker.cancel()
    worker.start()
    qtbot.waitUntil(lambda: worker.isFinished() and failures == [""], timeout=15000)
    assert not target.exists()
    assert list(out.iterdir()) == []  # no half-written or temporary file either
