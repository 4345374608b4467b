"""Two workstations on one database: what the other saves shows here by itself (its new complaint
in the table), and a form open on a record the other changed says so before a save is refused.
Run on a SQLite file (another process on the same file) and on the PostgreSQL server."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from feedback_desk.base import access
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import rooms
from ui.desks.feedback.form import FeedbackForm

from qt_fixtures import settings, window_of  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.server_too

OTHER_WORKSTATION = """
    import os
    from feedback_desk import opening
    from feedback_desk.base import access, db, records, staff
    from feedback_desk.base.models import Department
    from feedback_desk.desks.feedback import guest_feedback as feedback
    from feedback_desk.desks.feedback.models import Feedback
    import datetime as dt
    opening.open_database(os.environ["TARGET"])
    with access.acting_as_the_program():
        front = Department.get(Department.name == "Front office").id
        wang = staff.save_staff("王芳", front)
        complaint = Feedback.get_by_id(int(os.environ["COMPLAINT"]))
        records.update_record(Feedback, complaint.id, complaint.version, {"investigation": "空调已修好"}, wang)
        feedback.create_feedback({"channel": "visit", "kind": "complaint", "date": dt.date(2026, 11, 15),
                                  "text": "楼道太吵", "department": front}, wang)
    db.close_database()
"""


def test_a_save_at_another_workstation_shows_here_and_the_open_form_says_so(
        qtbot, db, db_target, fixed_clock, settings, tmp_path, as_people, monkeypatch):
    with access.acting_as_the_program():
        front = Department.get(Department.name == "Front office").id
        from feedback_desk.base import staff

        clerk = staff.save_staff("李娜", front, roles=["gm"])
        complaint = feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 11, 15),
                                              "text": "空调太吵", "department": front}, clerk)
        rooms.ensure_consumables()
    as_people(clerk)
    win = window_of(qtbot, clerk, settings, tmp_path, "feedback")
    table = win.desks["feedback"].table
    qtbot.waitUntil(lambda: table.model.total() == 1)
    form = FeedbackForm(clerk, feedback.read_feedback(complaint.id), win)
    qtbot.addWidget(form)
    form.show()
    form.investigation.setPlainText("正在查看")  # typed here, not saved yet

    env = {**os.environ, "TARGET": str(db_target), "COMPLAINT": str(complaint.id), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(OTHER_WORKSTATION)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: table.model.total() == 2, timeout=5000)  # polled once a second
    qtbot.waitUntil(form.elsewhere.isVisible, timeout=5000)
    assert "王芳 changed this record at another workstation" in form.elsewhere.text()
    assert form.investigation.toPlainText() == "正在查看"  # nothing typed is lost
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(title))
    assert not form.try_save()  # and the save is refused, as the banner said
    assert said == ["Changed by someone else"] and form.investigation.toPlainText() == "正在查看"
    form.dirty = False
    form.close()
    win.close()
    QThreadPool.globalInstance().waitForDone(10000)
