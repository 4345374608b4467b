"""The work desk as its people use it: the front desk gives engineering a repair, the engineer
acknowledges it and reports it done, the front desk confirms it — each signed in as themself, the
steps they may not take disabled with the reason; refusals beside their fields; the offer to add to
an open item alike instead of giving the work twice; a meeting recorded, its decision added, its
minutes circulated and answered in writing."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.work import doing, giving
from feedback_desk.loop import clocks
from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkCopy, WorkItem, WorkStep

from ui.dashboard.tab import DashboardTab, apply_drill
from ui.desks.work.give_form import GiveWorkForm
from ui.desks.work.meeting_forms import DecisionForm, MeetingForm
from ui.desks.work.step_form import StepForm
from ui.desks.work.tab import MEETINGS, WorkTab

from qt_fixtures import press, type_text  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
REPAIR = "1205房空调不制冷，客人反映房间闷热，请尽快维修"


@pytest.fixture
def people(db, fixed_clock):
    """The front desk's 王芳, engineering's 徐立军 and its head 孟建华, the GM 韩卫东, the GM's office's 唐雅琴."""
    def dept(name):
        return Department.get(Department.name == name).id
    with access.acting_as_the_program():
        return {"giver": staff.save_staff("王芳", dept("Front office")),
                "doer": staff.save_staff("徐立军", dept("Engineering")),
                "head": staff.save_staff("孟建华", dept("Engineering"), roles=["head"]),
                "gm": staff.save_staff("韩卫东", dept("General manager's office"), roles=["gm"]),
                "office": staff.save_staff("唐雅琴", dept("General manager's office"), roles=["gm_office"])}


def _tab(qtbot, person) -> WorkTab:
    tab = WorkTab(person)
    qtbot.addWidget(tab)
    tab.resize(1300, 720)
    tab.show()
    qtbot.waitExposed(tab)
    tab.load()
    return tab


def _shown(tab, cls):
    return [w for w in tab.findChildren(cls) if w.isVisible()][-1]


def _save(qtbot, form) -> None:
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _select(qtbot, tab, item_id) -> None:
    tab.items.refresh(item_id)
    qtbot.waitUntil(lambda: tab.items.current_id() == item_id)
    assert tab.pane.item is not None and tab.pane.item.id == item_id


def _step(qtbot, tab, key) -> StepForm:
    button = tab.pane.buttons[key]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return _shown(tab, StepForm)


def _pick(qtbot, combo, text: str) -> None:
    """Type part of a name into a person picker and take it, as the user does with Enter."""
    type_text(qtbot, combo.lineEdit(), text)
    popup = combo.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())


def _given(giver, doer, task=REPAIR, **values) -> WorkItem:
    with access.acting_as_the_program():
        return giving.give({"kind": "cross_department", "doer": doer.id, "task": task, **values}, giver)


def test_give_acknowledge_report_done_and_confirm_each_as_themself(qtbot, people, as_people):
    giver, doer = people["giver"], people["doer"]
    as_people(giver)
    tab = _tab(qtbot, giver)
    press(qtbot, tab.items.view, Qt.Key.Key_N, CTRL)
    form = _shown(tab, GiveWorkForm)
    assert form.kind.value() == "cross_department" and form.urgency.value() == "ordinary"
    _pick(qtbot, form.doer, "徐立")
    assert form.doer.value() == doer.id
    type_text(qtbot, form.task, REPAIR)
    form.urgency.set_value("urgent")
    form.due.set_value(clock.today_local())
    press(qtbot, form.task, Qt.Key.Key_S, CTRL)
    assert not form.isVisible(), form.general_error.text()
    item = WorkItem.get()
    assert (item.doer_id, item.given_by_id, item.urgency, item.state, item.due_on) == (
        doer.id, giver.id, "urgent", "given", clock.today_local())
    qtbot.waitUntil(lambda: tab.items.model.total() == 1)
    row = tab.items.model.row_values(0)
    assert item.number in row and "徐立军" in row and "Engineering" in row and "Urgent" in row
    _select(qtbot, tab, item.id)
    pane = tab.pane
    assert item.number in pane.heading.text() and pane.values["task"].text() == REPAIR
    # the giver may not take the doer's steps; nothing waits for the giver yet
    ack = pane.buttons["acknowledge"]
    assert not ack.isEnabled() and "Only the person the work was given to acknowledges it" in ack.toolTip()
    assert not pane.buttons["confirm"].isEnabled() and pane.buttons["change_doer"].isEnabled()

    as_people(doer)
    mine = _tab(qtbot, doer)
    _select(qtbot, mine, item.id)
    assert not mine.pane.buttons["change_doer"].isEnabled(), "the doer never hands the work on"
    assert "hand the work on" in mine.pane.buttons["change_doer"].toolTip()
    form = _step(qtbot, mine, "acknowledge")
    assert form.inputs["words"].currentText() == "收到"
    _save(qtbot, form)
    assert not form.isVisible()
    assert WorkItem.get_by_id(item.id).state == "in_progress"
    assert not mine.pane.buttons["acknowledge"].isEnabled()
    form = _step(qtbot, mine, "done")
    _save(qtbot, form)
    assert form.isVisible() and "completion report is in writing" in form.error_text("text")
    type_text(qtbot, form.inputs["text"], "已更换启动电容，试机两小时制冷正常")
    _save(qtbot, form)
    assert not form.isVisible()
    assert WorkItem.get_by_id(item.id).state == "reported"
    assert "已更换启动电容" in mine.pane.values["result"].text()
    assert not mine.pane.buttons["confirm"].isEnabled(), "nobody confirms their own work"

    as_people(giver)
    tab = _tab(qtbot, giver)
    _select(qtbot, tab, item.id)
    steps = [tab.pane.table.item(r, 2).text() for r in range(tab.pane.table.rowCount())]
    assert steps == ["Given", "Acknowledged", "Completion report"], "oldest first"
    form = _step(qtbot, tab, "confirm")
    type_text(qtbot, form.inputs["text"], "已回访客人，满意")
    _save(qtbot, form)
    assert not form.isVisible()
    done = WorkItem.get_by_id(item.id)
    assert done.state == "confirmed" and done.confirmed_at is not None
    assert [s.kind for s in WorkStep.select().where(WorkStep.item == item.id).order_by(WorkStep.id)] == [
        "given", "acknowledged", "done", "confirmed"]


def test_refusals_show_beside_their_fields_and_nothing_is_saved(qtbot, people):
    tab = _tab(qtbot, people["giver"])
    form = tab.new_record()
    type_text(qtbot, form.task, REPAIR)
    form.due.set_value(clock.today_local() - dt.timedelta(days=1))
    press(qtbot, form.task, Qt.Key.Key_S, CTRL)
    assert form.isVisible()
    assert form.error_text("doer") == "Name the one person who does this work."
    assert "cannot be before the day the work is given" in form.error_text("due_on")
    _pick(qtbot, form.doer, "nobody here")
    press(qtbot, form.task, Qt.Key.Key_S, CTRL)
    assert form.error_text("doer") == "Choose a person from the staff list."
    assert WorkItem.select().count() == 0
    form.doer.set_value(people["doer"].id)
    form.due.none.setChecked(True)  # no due date: reported on every working day
    press(qtbot, form.task, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    assert WorkItem.get().due_on is None


def test_a_task_alike_an_open_item_is_offered_to_add_to_instead(qtbot, people):
    giver, doer, head = people["giver"], people["doer"], people["head"]
    first = _given(giver, doer)
    tab = _tab(qtbot, people["office"])
    form = tab.new_record()
    form.doer.set_value(head.id)  # the same answering department
    type_text(qtbot, form.task, "1206房空调不制冷")
    assert form.check_similar() == [] and not form.offer.isVisible(), "another room is other work"
    form.task.clear()
    type_text(qtbot, form.task, "1205房空调不制冷，请维修")
    qtbot.waitUntil(form.offer.isVisible)
    assert first.number in form.offer_choice.currentText() and "Engineering" in form.offer_text.text()
    qtbot.mouseClick(form.add_btn, Qt.MouseButton.LeftButton)
    assert not form.isVisible() and form.added_to.id == first.id
    assert WorkItem.select().count() == 1
    note = WorkStep.get((WorkStep.item == first.id) & (WorkStep.kind == "note"))
    assert note.text == "1205房空调不制冷，请维修" and note.by_id == people["office"].id
    assert WorkCopy.get(WorkCopy.item == first.id).staff_id == people["office"].id


def test_who_may_take_which_step_on_a_disagreement_after_three_rounds(qtbot, people, as_people):
    giver, doer, gm = people["giver"], people["doer"], people["gm"]
    item = _given(giver, doer, due_on=clock.today_local())
    with access.acting_as_the_program():
        item = doing.report_done(item.id, item.version, "已修好", doer)
        item = doing.send_back(item.id, item.version, "还是不制冷", giver)
        item = doing.dispute(item.id, item.version, "压缩机正常，是客人关了窗", doer)
        item = doing.send_back(item.id, item.version, "客人说不冷", giver)
    assert item.state == "ruling"
    as_people(doer)
    tab = _tab(qtbot, doer)
    _select(qtbot, tab, item.id)
    assert not tab.pane.buttons["rule"].isEnabled() and "own disagreement" in tab.pane.buttons["rule"].toolTip()
    assert not any(tab.pane.buttons[k].isEnabled() for k in ("done", "dispute", "progress"))
    assert "round 3 of 3" in tab.pane.heading.text() and tab.pane.values["ruler"].text() == gm.name
    as_people(gm)
    tab = _tab(qtbot, gm)
    _select(qtbot, tab, item.id)
    assert tab.pane.buttons["rule"].isEnabled() and not tab.pane.buttons["confirm"].isEnabled()
    form = _step(qtbot, tab, "rule")
    type_text(qtbot, form.inputs["text"], "工程部再查一次压缩机")
    _save(qtbot, form)
    assert form.isVisible() and form.error_text("decision")
    form.inputs["decision"].set_value("giver")
    _save(qtbot, form)
    assert not form.isVisible()
    assert WorkItem.get_by_id(item.id).state == "in_progress"


def test_a_meeting_recorded_its_decision_given_when_the_minutes_go_out_and_answered(qtbot, people, as_people,
                                                                                    monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: warned.append((title, text)))
    office, gm, head = people["office"], people["gm"], people["head"]
    as_people(office)
    tab = _tab(qtbot, office)
    tab.show_page(MEETINGS)
    form = tab.new_meeting()
    assert isinstance(form, MeetingForm) and form.minutes_keeper.value() == office.id
    form.kind.set_value("gm_meeting")
    type_text(qtbot, form.subject, "总经理办公会")
    form.chair.set_value(gm.id)
    form.attendees.set_value([head.id, people["giver"].id])
    form.held_at.set_value(clock.to_local(clock.now_utc()) - dt.timedelta(hours=2))
    _save(qtbot, form)
    assert not form.isVisible(), form.general_error.text()
    meeting = Meeting.get()
    assert meeting.chair_id == gm.id and meeting.minutes == ""
    qtbot.waitUntil(lambda: tab.meetings.model.total() == 1)
    pane = tab.meeting_pane
    qtbot.waitUntil(lambda: pane.meeting is not None and pane.meeting.id == meeting.id)
    assert pane.circulate_btn.isEnabled() and not pane.respond_btn.isEnabled()

    qtbot.mouseClick(pane.decision_btn, Qt.MouseButton.LeftButton)
    decision = _shown(tab, DecisionForm)
    type_text(qtbot, decision.task, "12 楼空调周三前全部检修完毕")
    decision.doer.set_value(head.id)
    _save(qtbot, decision)
    assert not decision.isVisible(), decision.general_error.text()
    item = WorkItem.get()
    assert (item.kind, item.state, item.given_by_id, item.meeting_id) == ("meeting_decision", "decided", gm.id,
                                                                          meeting.id)
    assert pane.decisions.rowCount() == 1 and pane.decisions.item(0, 0).text() == item.number

    assert not pane.circulate() and Meeting.get().circulated_at is None, "minutes first"
    assert len(warned) == 1 and warned[0][0] == "Minutes not circulated", warned
    pane.edit()
    minutes = _shown(tab, MeetingForm)
    type_text(qtbot, minutes.minutes, "一、空调检修；二、其他事项。")
    _save(qtbot, minutes)
    assert not minutes.isVisible()
    qtbot.mouseClick(pane.circulate_btn, Qt.MouseButton.LeftButton)
    meeting = Meeting.get()
    assert meeting.circulated_at is not None and WorkItem.get().state == "given"
    assert not pane.circulate_btn.isEnabled() and not pane.decision_btn.isEnabled()
    assert pane.answers.rowCount() == 1 and pane.answers.item(0, 0).text() == "Engineering"
    assert pane.answers.item(0, 2).text() == "Not yet"

    as_people(head)
    theirs = _tab(qtbot, head)
    pane = theirs.open_meeting(meeting.id)
    assert pane.respond_btn.isEnabled(), pane.respond_btn.toolTip()
    qtbot.mouseClick(pane.respond_btn, Qt.MouseButton.LeftButton)
    form = _shown(theirs, StepForm)
    type_text(qtbot, form.inputs["text"], "已安排专人负责，周三前完成")
    _save(qtbot, form)
    assert not form.isVisible()
    response = MeetingResponse.get()
    assert response.responded_by_id == head.id and response.text == "已安排专人负责，周三前完成"
    assert not pane.respond_btn.isEnabled()


def test_the_dashboard_shows_late_work_per_department_and_a_click_lists_it(qtbot, people, as_people, fixed_clock):
    urgent = _given(people["giver"], people["doer"], urgency="urgent")
    _given(people["giver"], people["head"], task="下周一前检查全部客房的空调滤网")
    clocks.run_checks(fixed_clock + dt.timedelta(hours=1))   # the urgent one unacknowledged for an hour
    clock.set_now(fixed_clock + dt.timedelta(hours=1))
    as_people(people["office"])
    dashboard = DashboardTab()
    qtbot.addWidget(dashboard)
    dashboard.resize(1366, 700)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=10000)
    axis = dashboard.views["work"].chart().axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories() == ["Engineering<br>–"]                 # nothing acknowledged yet
    (opened, _drills), (late, _late_drills) = dashboard.bar_sets["work"]
    assert (opened.at(0), late.at(0)) == (2, 1)
    asked = []
    dashboard.drillRequested.connect(lambda *args: asked.append(args))
    late.clicked.emit(0)
    desk, choice, date_from, date_to, text = asked[-1]
    assert desk == "work_items" and choice.startswith("late_department:")
    tab = _tab(qtbot, people["office"])
    apply_drill(tab.items, choice, date_from, date_to, text)
    qtbot.waitUntil(lambda: tab.items.model.total() == 1)
    assert tab.items.choice.value() == choice and tab.items.model.row_id(0) == urgent.id
