"""Search everywhere (Ctrl+K): a word finds its matches on every desk, grouped by desk, as the person
may read them; a record's number finds that record; Enter opens it on its desk."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.safety import hazards, incidents

from ui.desks.feedback.form import FeedbackForm
from ui.search_box import SearchEverywhere

from qt_fixtures import press, settings, type_text, window_of  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _hotel():
    with access.acting_as_the_program():
        front = Department.get(Department.name == "Front office").id
        rooms = Department.get(Department.name == "Rooms division").id
        clerk = staff.save_staff("钱前台", front)
        office = staff.save_staff("唐雅琴", Department.get(Department.name == "General manager's office").id,
                                  roles=["gm_office"])
        complaint = feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": clock.today_local(),
                                              "text": "1208房空调噪音太大，一夜没睡好", "department": rooms}, clerk)
        hazards.report_hazard({"area": "electricity", "place": "12楼", "description": "空调外机支架松动",
                               "severity": "serious", "department": rooms}, office)
        now = clock.to_local(clock.now_utc())
        incidents.report_incident({"kind": "equipment", "happened_at": now - dt.timedelta(hours=1),
                                   "handled_at": now - dt.timedelta(minutes=30), "place": "机房",
                                   "immediate_action": "空调主机跳闸，已重启", "department": rooms}, office)
    return clerk, office, complaint


def _search(qtbot, win, text: str) -> SearchEverywhere:
    press(qtbot, win.tabs, Qt.Key.Key_K, CTRL)
    dialog = win.findChild(SearchEverywhere)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.term.hasFocus())
    type_text(qtbot, dialog.term, text)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.searched_for == text, timeout=5000)
    return dialog


def _groups(dialog) -> dict[str, list[str]]:
    tree = dialog.results
    return {tree.topLevelItem(i).text(0).strip(): [tree.topLevelItem(i).child(j).text(0).strip()
                                                    for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def test_a_word_finds_every_desks_matches_that_the_person_reads(qtbot, db, settings, tmp_path, as_people):
    clerk, office, complaint = _hotel()
    as_people(office)
    win = window_of(qtbot, office, settings, tmp_path, "feedback")
    win.show()
    dialog = _search(qtbot, win, "空调")
    groups = _groups(dialog)
    assert list(groups) == ["Feedback and complaints", "Safety hazards", "Incident reports"]
    assert "空调外机支架松动" in groups["Safety hazards"][0] and complaint.register_no in groups[
        "Feedback and complaints"][0]
    dialog.close()
    win.close()

    as_people(clerk)  # the front desk reads no incident report it has nothing to do with
    win = window_of(qtbot, clerk, settings, tmp_path, "feedback")
    win.show()
    dialog = _search(qtbot, win, "空调")
    assert "Incident reports" not in _groups(dialog) and "Safety hazards" in _groups(dialog)


def test_a_record_number_finds_it_and_enter_opens_it_on_its_desk(qtbot, db, settings, tmp_path, as_people):
    clerk, office, complaint = _hotel()
    as_people(clerk)
    win = window_of(qtbot, clerk, settings, tmp_path, "customers")
    win.show()
    dialog = _search(qtbot, win, complaint.register_no)
    assert _groups(dialog) == {"Feedback and complaints": [_groups(dialog)["Feedback and complaints"][0]]}
    press(qtbot, dialog.term, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(f.isVisible() for f in win.findChildren(FeedbackForm)))
    form = next(f for f in win.findChildren(FeedbackForm) if f.isVisible())
    assert form.record.id == complaint.id and win.tabs.currentWidget() is win.desks["feedback"]
    assert not dialog.isVisible()


def test_nothing_found_says_so_and_any_text_is_searched_without_a_fault(qtbot, db, settings, tmp_path, as_people):
    clerk, office, _complaint = _hotel()
    as_people(clerk)
    win = window_of(qtbot, clerk, settings, tmp_path, "feedback")
    win.show()
    dialog = _search(qtbot, win, '"NEAR* -:臭虫')
    assert _groups(dialog) == {} and "Nothing found" in dialog.status.text()
    assert QApplication.activeModalWidget() is dialog
