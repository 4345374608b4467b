"""A record's history as the user reads it in its form (Ctrl+H): who, when in local time, which
field by the form's own name, old → new with people by name; an anonymous entry shows no author."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from feedback_desk.base import clock
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.suggestions import box as suggestions
from ui.desks.feedback.form import FeedbackForm
from ui.desks.suggestions.form import SuggestionForm
from ui.kit.history import HistoryDialog

from qt_fixtures import press, settings, window  # noqa: F401


def _history(qtbot, form) -> HistoryDialog:
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    press(qtbot, form, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(form, "history", None) is not None and form.history.isVisible())
    return form.history


def test_a_complaint_changed_three_times_by_two_people_reads_back_in_its_history(qtbot, shanghai, db, clerk,
                                                                                 other):
    dining = Department.get(Department.name == "Dining").id
    clock.set_now(dt.datetime(2026, 11, 20, 1, 30))  # 09:30 in Shanghai
    values = {"channel": "phone", "kind": "complaint", "date": clock.today_local(), "text": "汤是凉的",
              "department": dining, "handler": other.id}
    fb = feedback.create_feedback(values, clerk)
    clock.set_now(dt.datetime(2026, 11, 20, 2, 0))
    fb = feedback.update_feedback(fb.id, fb.version, {**values, "state": "investigating",
                                                      "investigation": "厨房出菜慢"}, other)
    clock.set_now(dt.datetime(2026, 11, 20, 3, 15))
    fb = feedback.update_feedback(fb.id, fb.version, {**values, "state": "investigating",
                                                      "investigation": "厨房出菜慢，已调整", "handler": clerk.id}, other)
    clock.set_now(dt.datetime(2026, 11, 20, 4, 0))
    fb = feedback.void_feedback(fb.id, fb.version, "重复登记", clerk)

    rows = _history(qtbot, FeedbackForm(clerk, fb)).rows()
    by_field = {(who, action, field): (old, new) for _at, who, action, field, old, new in rows}
    assert by_field[("李娜", "Edited", "Investigation")] == ("厨房出菜慢", "厨房出菜慢，已调整")
    # people by name, as the form's list shows them, not as ids
    assert by_field[("李娜", "Edited", "Handler")] == ("李娜 (Dining)", "王芳 (Front office)")
    assert by_field[("王芳", "Voided", "Void")] == ("No", "Yes")
    assert by_field[("王芳", "Voided", "Void reason")] == ("", "重复登记")
    assert ("王芳", "Created", "Handler") in by_field
    assert {who for _at, who, *_rest in rows} == {"王芳", "李娜"}
    created = [r for r in rows if r[2] == "Created"]
    assert created and all("9:30" in r[0] for r in created)                   # local time, not UTC
    actions = [r[2] for r in rows]  # oldest first: created, changed twice, voided
    assert actions[0] == "Created" and actions[-1] == "Voided" and actions.index("Edited") > actions.index("Created")


def test_an_anonymous_suggestions_history_names_nobody(qtbot, db, clerk, other, fixed_clock):
    suggestions.ensure_categories()
    category = suggestions.categories()[0]
    s = suggestions.drop_suggestion({"category": category.id, "text": "宿舍加装热水器", "anonymous": True}, clerk)
    s = suggestions.review(s.id, s.version, other.id, other)
    rows = _history(qtbot, SuggestionForm(other, s)).rows()
    assert {who for _at, who, action, *_rest in rows if action == "Created"} == {""}
    assert all("王芳" not in cell for row in rows for cell in row)
    assert any(who == "李娜" and action == "Edited" for _at, who, action, *_rest in rows)


def test_an_anomaly_sheets_history_holds_its_actions_too(qtbot, db, clerk, other, fixed_clock):
    from feedback_desk.desks.quality import actions as quality_actions, sheets as quality
    from ui.desks.quality.anomaly_form import AnomalyForm

    sheet = quality.raise_sheet({"source": "internal", "product": "床单", "description": "污渍", "severity": "general"},
                                clerk)
    quality_actions.add_action(sheet.id, {"kind": "corrective", "what": "重新洗涤", "owner": other.id,
                                          "due_on": clock.today_local()}, clerk)
    rows = _history(qtbot, AnomalyForm(clerk, quality.get_sheet(sheet.id))).rows()
    fields = [field for _at, _who, _action, field, _old, _new in rows]
    assert "CAPA action · what" in fields and ("CAPA action · owner", "李娜") in [(r[3], r[5]) for r in rows]
    assert "Product or part" in fields  # the sheet's own field by the form's name
