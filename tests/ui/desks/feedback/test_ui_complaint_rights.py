"""A complaint as each person signed in sees it on the feedback desk: the person complained about
sees a row saying only that it exists, and opening it shows why nothing more is shown (沟通保密,
被投诉人应当回避); a colleague reads it but may not handle it; its handler works on it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from feedback_desk.base import access, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import rooms

from qt_fixtures import settings, window_of  # noqa: F401


def test_the_person_complained_about_sees_the_row_but_not_the_words(qtbot, db, settings, tmp_path, as_people,
                                                                     monkeypatch):
    with access.acting_as_the_program():
        front = Department.get(Department.name == "Front office").id
        waiter = staff.save_staff("钱服务员", front)
        handler = staff.save_staff("孙领班", front)
        fb = feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 11, 10),
                                       "text": "服务员态度恶劣", "department": front, "handler": handler.id,
                                       "complained_about": waiter.id}, handler)
        rooms.ensure_consumables()
    as_people(waiter)
    win = window_of(qtbot, waiter, settings, tmp_path, "feedback")
    tab = win.desks["feedback"]
    model = tab.table.model
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert fb.register_no in shown and "A complaint about you exists; what it says is not shown to you." in shown
    assert not any("态度恶劣" in str(v) for v in shown)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    assert tab.open_record(fb.id) is None
    assert said and "A complaint about you exists" in said[0] and "态度恶劣" not in said[0]
    QThreadPool.globalInstance().waitForDone(10000)


def test_the_form_allows_only_what_the_core_allows_and_says_why(qtbot, db, settings, tmp_path, as_people):
    with access.acting_as_the_program():
        front = Department.get(Department.name == "Front office").id
        colleague = staff.save_staff("周同事", front)
        registrar = staff.save_staff("刘前台", front)
        handler = staff.save_staff("孙领班", front)
        fb = feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 11, 10),
                                       "text": "空调太吵", "department": front, "handler": handler.id}, registrar)
        rooms.ensure_consumables()
    from ui.desks.feedback.form import FeedbackForm

    def form_for(person) -> FeedbackForm:
        as_people(person)
        form = FeedbackForm(person, feedback.read_feedback(fb.id))
        qtbot.addWidget(form)
        return form

    save = QDialogButtonBox.StandardButton.Save
    seen = form_for(colleague)
    assert not seen.investigation.isEnabled() and "Only the handler" in seen.investigation.toolTip()
    assert not seen.buttons.button(save).isEnabled()
    typo = form_for(registrar)  # who registered it corrects its words while it is only registered
    assert typo.text.isEnabled() and typo.buttons.button(save).isEnabled() and not typo.state.isEnabled()
    work = form_for(handler)
    assert work.investigation.isEnabled() and work.buttons.button(save).isEnabled()
    assert work.state.model().item(work.state.findData("closed")).isEnabled()
