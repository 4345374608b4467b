"""File → Export offers the weekly report on the general manager's meeting decisions and the monthly
key-work report: the dialog picks the period and writes the file in the background."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.work import giving
from ui.export.dialogs import PeriodReportDialog

from qt_fixtures import settings, window  # noqa: F401


def test_the_monthly_key_work_report_from_the_file_menu(qtbot, window, clerk, tmp_path, monkeypatch):
    engineering = Department.get(Department.name == "Engineering").id
    doer = staff.save_staff("李师傅", engineering)
    item = giving.give({"kind": "cross_department", "doer": doer.id, "urgency": "important",
                        "task": "1205房空调不制冷", "due_on": clock.today_local() + dt.timedelta(days=2)}, clerk)
    entries = {a.objectName(): a for a in window.act_reports}
    assert set(entries) == {"export_gm-decisions", "export_key-work"}
    file_menu = window.menuBar().actions()[0].menu()
    assert entries["export_key-work"] in file_menu.actions()
    assert entries["export_key-work"].text() == "Export: Monthly key-work report…"
    # the export runs in a worker thread as the person signed in: the general manager's office here
    access.sign_in_as(staff.save_staff("孙主任", None, roles=["gm_office"]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    entries["export_key-work"].trigger()
    dialog = window.findChildren(PeriodReportDialog)[-1]
    today = clock.today_local()
    assert dialog.windowTitle() == "Monthly key-work report"
    assert dialog.target.edit.text().endswith(f"月度重点工作汇报-{today:%Y-%m}.xlsx")
    target = tmp_path / "key-work.xlsx"
    dialog.target.edit.setText(str(target))
    assert dialog.try_save()
    qtbot.waitUntil(lambda: dialog.worker.isFinished() and target.exists(), timeout=15000)
    ws = load_workbook(target).active
    assert ws["A1"].value == "Monthly key-work report"
    assert [c.value for c in ws[5]][2:6] == [item.number, "Cross-department request", "1205房空调不制冷", "李师傅"]
