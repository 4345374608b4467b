"""The suggestion box as people use it: an employee drops an anonymous slip by keyboard, a manager
answers, adopts and rewards a named one, the ledger and campaign pages show it."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from feedback_desk.base import clock, staff
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.base.models import Department
from feedback_desk.desks.suggestions.models import RewardPoints, Suggestion
from feedback_desk.desks.suggestions.listings import SuggestionListing
from ui.kit.paged_model import WARN_COLOUR, PagedTableModel
from ui.desks.suggestions.dialogs import CampaignDialog, PointsDialog
from ui.desks.suggestions.form import SuggestionForm
from ui.desks.suggestions.tab import CAMPAIGNS, LEDGER, SuggestionTab

from qt_fixtures import press, settings, type_text, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
DORMITORY = "物业楼宿舍热水不稳定，建议调整住宿安排并加装热水器"


def _tab(qtbot, person) -> SuggestionTab:
    tab = SuggestionTab(person)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _shown(tab, cls):
    return [w for w in tab.findChildren(cls) if w.isVisible()][-1]


def _named(writer, typist, **values):
    suggestions.ensure_categories()
    base = {"writer": writer.id, "category": suggestions.categories()[0].id, "text": DORMITORY,
            "benefit": "改善住宿条件"}
    base.update(values)
    return suggestions.drop_suggestion(base, typist)


def test_employee_drops_an_anonymous_suggestion_by_keyboard(qtbot, db, clerk):
    tab = _tab(qtbot, clerk)
    tab.table.view.setFocus()
    press(qtbot, tab.table.view, Qt.Key.Key_N, CTRL)
    form = _shown(tab, SuggestionForm)
    qtbot.waitUntil(lambda: form.focusWidget() is form.anonymous)  # "Anonymous" comes first
    assert form.fields["writer"].container.isVisible() and form.writer.value() == clerk.id
    assert not form.anonymous_note.isVisible()

    press(qtbot, form.anonymous, Qt.Key.Key_Space)
    assert form.anonymous.isChecked()
    assert not form.fields["writer"].container.isVisible()
    assert form.anonymous_note.isVisible()
    assert form.anonymous_note.text() == "Nothing about who wrote this will be kept."

    for _step in range(15):  # Tab through date, department and category to the text, as the slip reads
        if form.focusWidget() is form.text:
            break
        press(qtbot, form.focusWidget(), Qt.Key.Key_Tab)
    assert form.focusWidget() is form.text
    type_text(qtbot, form.text, "夜班人员反映食堂夜宵太少")
    press(qtbot, form.text, Qt.Key.Key_Tab)
    assert form.focusWidget() is form.benefit
    type_text(qtbot, form.benefit, "夜班员工满意度提高")
    press(qtbot, form.benefit, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()

    s = Suggestion.get()
    assert s.anonymous and s.writer_id is None and s.created_by_id is None and s.updated_by_id is None
    assert s.text == "夜班人员反映食堂夜宵太少" and s.benefit == "夜班员工满意度提高"
    assert s.created_at.time() == dt.time(0, 0)
    qtbot.waitUntil(lambda: tab.table.model.total() == 1)
    row = tab.table.model.row_values(0)
    assert "Anonymous" in row and s.number in row and clerk.name not in " ".join(row)


def test_named_slip_needs_a_writer_and_text_messages_beside_the_fields(qtbot, db, clerk):
    tab = _tab(qtbot, clerk)
    form = tab.new_record()
    form.writer.set_value(None)
    press(qtbot, form.text, Qt.Key.Key_S, CTRL)
    assert form.isVisible()
    assert "tick Anonymous" in form.error_text("writer")
    assert form.error_text("text")
    assert Suggestion.select().count() == 0


def test_manager_answers_adopts_and_rewards_a_named_suggestion(qtbot, db, clerk, other, fixed_clock):
    gm_office = Department.get(Department.name == "General manager's office")
    manager = staff.save_staff("赵经理", gm_office.id)
    s = _named(other, clerk)
    tab = _tab(qtbot, manager)
    qtbot.waitUntil(lambda: tab.table.model.total() == 1)
    assert other.name in tab.table.model.row_values(0)
    tab.table.view.setFocus()
    tab.table.view.selectRow(0)
    press(qtbot, tab.table.view, Qt.Key.Key_Return)
    form = _shown(tab, SuggestionForm)
    assert form.review_box.isVisible() and form.text.isReadOnly() and not form.anonymous.isEnabled()
    assert form.writer.value() == other.id

    form.state.set_value("answered")
    press(qtbot, form.answer, Qt.Key.Key_S, CTRL)
    assert form.isVisible()
    assert "Fill this in" in form.error_text("answer") and "Fill this in" in form.error_text("adoption")
    type_text(qtbot, form.answer, "已采纳：物业楼调整宿舍，加装热水器")
    form.adoption.set_value("adopted")
    press(qtbot, form.implemented, Qt.Key.Key_Space)
    assert form.fields["implemented_on"].container.isVisible()
    form.implemented_on.set_value(clock.today_local())
    press(qtbot, form.answer, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    s = Suggestion.get_by_id(s.id)
    assert (s.state, s.adoption, s.reviewer_id, s.implemented) == ("answered", "adopted", manager.id, True)
    assert [x.id for x in suggestions.my_answers(other)] == [s.id]  # the writer sees the answer
    row = tab.table.model.row_values(0)
    assert "Answered" in row and "Adopted" in row

    dialog = tab.grant_points()
    assert isinstance(dialog, PointsDialog) and dialog.isVisible()
    assert dialog.staff.value() == other.id and not dialog.staff.isEnabled()
    dialog.kind.set_value("permanent")
    dialog.points.selectAll()
    type_text(qtbot, dialog.points, "10")
    type_text(qtbot, dialog.reason, "宿舍建议被采纳，改善了住宿条件")
    press(qtbot, dialog.reason, Qt.Key.Key_S, CTRL)
    assert not dialog.isVisible()
    points = RewardPoints.get()
    assert (points.staff_id, points.kind, points.points, points.source_id) == (other.id, "permanent", 10, s.id)

    tab.pages.setCurrentIndex(LEDGER)
    tab.ledger.show_person(other.id)
    months = tab.ledger.months
    year_row = months.rowCount() - 1
    month_row = clock.today_local().month - 1
    headers = [months.horizontalHeaderItem(c).text() for c in range(months.columnCount())]
    permanent = headers.index("Permanent points (永久性加新点奖)")
    assert months.item(month_row, permanent).text() == "10"
    assert months.item(year_row, headers.index("Total")).text() == "10"
    assert tab.ledger.entries.item(0, 3).text() == "宿舍建议被采纳，改善了住宿条件"
    assert tab.ledger.board.item(0, 0).text() == other.name


def test_no_points_for_an_anonymous_suggestion(qtbot, db, clerk, other):
    suggestions.ensure_categories()
    s = suggestions.drop_suggestion({"anonymous": True, "category": suggestions.categories()[1].id,
                                     "text": "财务报销流程太慢"}, clerk)
    suggestions.answer(s.id, s.version, "已采纳", "adopted", other)
    tab = _tab(qtbot, other)
    tab.table.select_id(s.id)
    dialog = tab.grant_points()
    assert "dropped anonymously" in dialog.general_error.text() and dialog.general_error.isVisible()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    press(qtbot, dialog.reason, Qt.Key.Key_S, CTRL)
    assert RewardPoints.select().count() == 0


def test_campaign_page_gathers_entries_and_counts_by_department(qtbot, db, clerk, other, fixed_clock, dining):
    first = _named(other, clerk, department=dining.id)
    suggestions.answer(first.id, first.version, "采纳", "adopted", clerk)
    _named(clerk, clerk, department=dining.id)
    tab = _tab(qtbot, clerk)
    tab.pages.setCurrentIndex(CAMPAIGNS)
    dialog = tab.campaigns.new_campaign()
    assert isinstance(dialog, CampaignDialog)
    type_text(qtbot, dialog.name, "2026年底合理化建议活动")
    press(qtbot, dialog.name, Qt.Key.Key_S, CTRL)
    assert not dialog.isVisible()
    assert tab.campaigns.list.currentItem().text() == f"2026年底合理化建议活动 ({clock.today_local().year})"
    assert tab.campaigns.gather() == 2
    summary = tab.campaigns.summary
    cells = [[summary.item(r, c).text() for c in range(summary.columnCount())] for r in range(summary.rowCount())]
    assert cells[0][:3] == ["Dining", "2", "1"] and cells[0][3] == "50.0%"
    assert cells[-1][0] == "Total"


@pytest.fixture
def entries(db, clerk, other, fixed_clock):
    suggestions.ensure_categories()
    today = clock.today_local()
    for i in range(12):
        if i % 3:
            _named(other, clerk, received_on=today - dt.timedelta(days=i))
        else:
            suggestions.drop_suggestion({"anonymous": True, "category": suggestions.categories()[i % 8].id,
                                         "text": f"匿名建议{i}", "received_on": today - dt.timedelta(days=i)}, clerk)


def test_table_model_passes_the_model_tester_and_marks_overdue(qtmodeltester, entries):
    model = PagedTableModel(SuggestionListing())
    model.PAGE = 5
    model.reload()
    assert model.rowCount() == 5 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 12
    state = [c.key for c in SuggestionListing.columns].index("state")
    colours = [model.index(r, state).data(Qt.ItemDataRole.ForegroundRole) for r in range(12)]
    assert colours[0] is None  # received today
    assert colours[-1].color() == WARN_COLOUR  # received 11 days ago and not answered


def test_in_the_main_window_ctrl_n_opens_one_slip(qtbot, window):
    """Once the tab sits in the main window, the window's New action (Ctrl+N) drives it: no ambiguous keys."""
    tab = SuggestionTab(window.session.staff)
    window.tabs.addTab(tab, "Suggestion box")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(tab)
    assert not any(s.isEnabled() for s in tab._shortcuts)
    press(qtbot, tab.table.view, Qt.Key.Key_N, CTRL)
    forms = [f for f in tab.findChildren(SuggestionForm) if f.isVisible()]
    assert len(forms) == 1
