"""Settings → Deadlines and calendar: a rule edited (the note on new items shown), its scope
changed, a bad value or a scope clash refused beside its field, a rule of one's own added (Ctrl+N),
a make-up working day (调休) added to the calendar and removed."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from feedback_desk.base import access, clock, staff
from feedback_desk.loop import rules as dr, work_calendar as workcalendar
from feedback_desk.loop.models import Holiday, Rule
from ui.loop.deadline_settings import DeadlineSettings, RuleForm, RulesPage

from qt_fixtures import press, settings, type_text, window  # noqa: F401


@pytest.fixture(autouse=True)
def clerk_is_the_general_manager(clerk):
    """The deadline rules are the GM's (or an administrator's): the window is signed in as one."""
    with access.acting_as_the_program():
        staff.save_staff(clerk.name, clerk.department_id, clerk.id, roles=["gm"])


def test_a_person_without_the_role_finds_the_deadline_settings_disabled_with_the_reason(qtbot, db, other, settings,
                                                                                         tmp_path, as_people):
    from ui.main_window import MainWindow
    from ui.session import Session

    as_people(other)  # signed in, as the program signs in whoever opens the window
    win = MainWindow(Session(other, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(win)
    assert not win.act_deadlines.isEnabled() and not win.act_staff.isEnabled()
    assert "general manager" in win.act_deadlines.statusTip()
    win.close()


def _dialog(qtbot, window) -> DeadlineSettings:
    window.act_deadlines.trigger()
    dialogs = [d for d in window.findChildren(DeadlineSettings) if d.isVisible()]
    assert dialogs
    return dialogs[-1]


def _rule_row(dialog, code: str) -> int:
    return next(i for i, r in enumerate(dialog.rules.rules) if r.code == code)


def _cells(page: RulesPage, row: int) -> dict[str, str]:
    return {page.COLUMNS[c]: page.table.item(row, c).text() for c in range(page.table.columnCount())}


def _save(qtbot, form: RuleForm) -> None:
    press(qtbot, form.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_rule_is_changed_and_the_dialog_says_it_applies_to_new_items(qtbot, window, clerk):
    dialog = _dialog(qtbot, window)
    assert dialog.rules.table.rowCount() == len(dr.DEFAULT_RULES)
    row = _rule_row(dialog, "complaint.answer")
    assert _cells(dialog.rules, row)["Escalation chain"] == \
        "Handler → Department head → Deputy general manager → General manager"
    form = dialog.rules.edit_rule(row)
    assert isinstance(form, RuleForm)
    form.amount.selectAll()
    type_text(qtbot, form.amount, "12")
    form.chain_checks["head"].setChecked(False)
    press(qtbot, form.amount, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    rule = Rule.get(Rule.code == "complaint.answer")
    assert (rule.amount, rule.chain, rule.version, rule.updated_by_id) == (12, "handler,deputy_gm,gm", 2, clerk.id)
    assert _cells(dialog.rules, row)["Clock"] == "12 hour(s)"
    assert dialog.rules.note.text().endswith(dr.CHANGE_NOTE)


def test_a_bad_value_is_refused_beside_its_field(qtbot, window):
    dialog = _dialog(qtbot, window)
    form = dialog.rules.edit_rule(_rule_row(dialog, "capa.report"))
    form.grace.selectAll()
    type_text(qtbot, form.grace, "0")
    form.amount.selectAll()
    type_text(qtbot, form.amount, "abc")
    assert not form.try_save()
    assert form.isVisible()
    assert "whole number" in form.error_text("amount")
    assert "from 1" in form.error_text("grace")
    assert Rule.get(Rule.code == "capa.report").version == 1
    assert dialog.rules.note.text() == ""
    form.dirty = False
    form.reject()


def test_a_rules_scope_and_name_are_edited_and_the_list_shows_them(qtbot, window, clerk):
    dialog = _dialog(qtbot, window)
    row = _rule_row(dialog, "anomaly.major")
    assert _cells(dialog.rules, row)["Desk"] == "Quality anomaly sheet"
    assert _cells(dialog.rules, row)["Severity"] == "Major"
    form = dialog.rules.edit_rule(row)
    assert form.name.text() == dr.rule_label(Rule.get(Rule.code == "anomaly.major"))
    assert (form.desk.value(), form.kind.value(), form.severity.value()) == ("anomaly", None, "major")
    form.name.selectAll()
    type_text(qtbot, form.name, "Serious anomaly: to the GM at once")
    form.severity.set_value("serious")
    form.start.set_value("created")
    _save(qtbot, form)
    assert not form.isVisible()
    rule = Rule.get(Rule.code == "anomaly.major")
    assert (rule.name, rule.desk, rule.kind, rule.severity, rule.version, rule.updated_by_id) == \
        ("Serious anomaly: to the GM at once", "anomaly", "", "serious", 2, clerk.id)
    assert dr.pick_rule("anomaly", "", "serious").code == "anomaly.major"
    assert dr.pick_rule("anomaly", "", "major").code == "anomaly.answer"
    row = _rule_row(dialog, "anomaly.major")
    assert dialog.rules.selected_code() == "anomaly.major"
    cells = _cells(dialog.rules, row)
    assert (cells["Rule"], cells["Desk"], cells["Kind"], cells["Severity"]) == \
        ("Serious anomaly: to the GM at once", "Quality anomaly sheet", "", "Serious")
    assert dialog.rules.note.text().endswith(dr.CHANGE_NOTE)


def test_a_scope_another_rule_covers_is_refused_beside_the_desk(qtbot, window):
    dialog = _dialog(qtbot, window)
    form = dialog.rules.edit_rule(_rule_row(dialog, "suggestion.answer"))
    form.desk.set_value("complaint")  # the seed's 24-hour answer rule covers every complaint already
    _save(qtbot, form)
    assert form.isVisible()
    assert form.error_text("desk") == \
        "“Answer the source of a complaint within 24 hours (24小时回复制)” already covers these items."
    assert form.fields["desk"].error.isVisible()
    rule = Rule.get(Rule.code == "suggestion.answer")
    assert (rule.desk, rule.version) == ("suggestion", 1)
    assert _cells(dialog.rules, _rule_row(dialog, "suggestion.answer"))["Desk"] == "Suggestion"
    assert dialog.rules.note.text() == ""
    form.dirty = False
    form.reject()


def test_a_new_rule_is_added_with_ctrl_n_and_takes_the_items_it_covers(qtbot, window, clerk):
    dialog = _dialog(qtbot, window)
    page = dialog.rules
    shown = page.table.rowCount()
    assert dr.pick_rule("capa", "open_ended", "").code == "work.daily"  # the seed's, for work on any desk

    press(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    forms = [f for f in page.findChildren(RuleForm) if f.isVisible()]
    assert len(forms) == 1 and forms[0].rule is None
    form = forms[0]
    assert form.windowTitle() == "New deadline rule"
    _save(qtbot, form)  # no name yet
    assert form.isVisible() and form.error_text("name") == "Give the rule a name people will recognise."
    type_text(qtbot, form.name, "Undated work: progress within 4 hours")
    form.desk.set_value("capa")
    form.kind.set_value("open_ended")
    form.clock.set_value("hours")
    form.amount.selectAll()
    type_text(qtbot, form.amount, "4")
    form.grace.selectAll()
    type_text(qtbot, form.grace, "4")
    form.refer_to.set_value("head")
    _save(qtbot, form)
    assert not form.isVisible()

    rule = dr.pick_rule("capa", "open_ended", "")
    assert rule.code.startswith("own.")
    assert (rule.name, rule.desk, rule.kind, rule.severity, rule.clock, rule.amount, rule.grace, rule.start,
            rule.refer_to, rule.active, rule.updated_by_id) == \
        ("Undated work: progress within 4 hours", "capa", "open_ended", "", "hours", 4, 4, "created", "head",
         True, clerk.id)
    assert dr.pick_rule("capa", "dated", "").code == "capa.report"
    assert dr.pick_rule("maintenance", "open_ended", "").code == "work.daily"
    assert page.table.rowCount() == shown + 1
    assert page.selected_code() == rule.code
    cells = _cells(page, page.table.currentRow())
    assert (cells["Rule"], cells["Desk"], cells["Kind"], cells["Severity"], cells["Clock"],
            cells["Referred at once to"]) == ("Undated work: progress within 4 hours", "CAPA action",
                                              "With no deadline of its own (progress reported daily)", "Any",
                                              "4 hour(s)",
                                              "Department head")
    assert page.note.text().endswith(dr.CHANGE_NOTE)


def test_the_kind_box_is_open_only_for_a_desk_with_kinds(qtbot, window):
    dialog = _dialog(qtbot, window)
    form = dialog.rules.new_rule()
    for desk in ("complaint", "suggestion", "anomaly", "service_sheet", "sheet_delivery"):
        form.desk.set_value(desk)
        assert not form.kind.isEnabled()
        assert (form.kind.count(), form.kind.currentText(), form.kind.value()) == (1, "Any", None)
    form.desk.set_value("capa")
    assert form.kind.isEnabled()
    assert [form.kind.itemText(i) for i in range(form.kind.count())] == \
        ["Any", "With a deadline of its own", "With no deadline of its own (progress reported daily)"]
    form.kind.set_value("dated")
    form.desk.set_value(None)  # every desk: work with no deadline of its own, but no other kind
    assert form.kind.isEnabled() and form.kind.value() is None and form.kind.count() == 2
    form.kind.set_value("open_ended")
    form.desk.set_value("maintenance")
    assert form.kind.value() == "open_ended"  # kept where the new desk has it
    form.desk.set_value("complaint")  # complaints have no kinds
    assert not form.kind.isEnabled() and form.kind.value() is None
    assert not form.dirty  # nothing typed or picked by hand: Cancel closes without asking
    form.reject()
    edit = dialog.rules.edit_rule(_rule_row(dialog, "complaint.answer"))
    assert not edit.kind.isEnabled()
    assert _cells(dialog.rules, _rule_row(dialog, "complaint.answer"))["Kind"] == ""
    assert _cells(dialog.rules, _rule_row(dialog, "safety.report"))["Kind"] == "Any"
    assert _cells(dialog.rules, _rule_row(dialog, "safety.report"))["Desk"] == "Every desk"
    assert not edit.dirty
    edit.reject()
    assert not edit.isVisible()


def test_a_make_up_working_day_is_added_and_removed(qtbot, window, fixed_clock):
    dialog = _dialog(qtbot, window)
    page = dialog.calendar
    dialog.pages.setCurrentWidget(page)
    year = clock.today_local().year
    shown = page.table.rowCount()
    assert shown == len(workcalendar.holidays(year)) + len(workcalendar.holidays(year + 1)) > 0
    saturday = dt.date(2027, 1, 30)
    assert saturday.weekday() == 5 and not workcalendar.is_working_day(saturday)
    page.day.set_value(saturday)
    page.kind.set_value("workday")
    type_text(qtbot, page.name, "春节调休")
    page.add_btn.click()
    assert workcalendar.is_working_day(saturday)
    assert Holiday.get(Holiday.date == saturday).name == "春节调休"
    assert page.table.rowCount() == shown + 1
    assert page.current_day() == saturday
    assert page.table.item(page.table.currentRow(), 2).text() == "Make-up working day (调休)"
    assert page.table.item(page.table.currentRow(), 1).text() == "Sat"
    page.remove_btn.click()
    assert not workcalendar.is_working_day(saturday)
    assert page.table.rowCount() == shown


def test_an_occasion_too_long_is_refused_beside_its_field_and_nothing_added(qtbot, db, fixed_clock):
    from ui.loop.deadline_settings import CalendarPage

    workcalendar.ensure_holidays()
    page = CalendarPage()
    qtbot.addWidget(page)
    page.show()
    shown = page.table.rowCount()
    saturday = dt.date(2027, 1, 30)
    page.day.set_value(saturday)
    page.kind.set_value("workday")
    type_text(qtbot, page.name, "春节调休" * 12 + "三天假")  # 51 characters
    page.add_btn.click()
    assert page.messages.error_text("name") == "At most 50 characters."
    assert page.findChild(QLabel, "error_name").isVisible() and not page.error.isVisible()
    assert page.name.text() == "春节调休" * 12 + "三天假"  # what was typed stays, to be shortened
    assert Holiday.get_or_none(Holiday.date == saturday) is None and page.table.rowCount() == shown
    page.name.backspace()
    assert page.messages.error_text("name") == ""  # the message goes once the text is changed
    page.add_btn.click()
    assert Holiday.get(Holiday.date == saturday).name == "春节调休" * 12 + "三天"
    assert page.table.rowCount() == shown + 1 and page.name.text() == ""


def test_late_anomaly_sheets_and_follow_ups_are_marked_in_their_listings(db, clerk, fixed_clock):
    from feedback_desk.loop import clocks as deadlines
    from feedback_desk.base import records
    from feedback_desk.base.listing import Filters
    from feedback_desk.desks.quality.models import AnomalySheet
    from feedback_desk.desks.quality.listings import AnomalyListing
    from feedback_desk.desks.housekeeping.models import MaintenanceItem, Room
    from feedback_desk.desks.housekeeping.listings import MaintenanceListing

    sheet = records.create_record(AnomalySheet, {
        "number": "QA-1", "source": "internal", "found_at": fixed_clock, "product": "面包",
        "product_key": "面包", "description": "霉点", "severity": "general"}, clerk)
    room = Room.create(number="0815", floor=8)
    item = records.create_record(MaintenanceItem, {"room": room.id, "description": "台灯不亮"}, clerk)
    deadlines.run_checks(fixed_clock)
    sheets, follow_ups = AnomalyListing(), MaintenanceListing()
    assert not sheets.page(Filters(), "found", True, 0, 10)[0].warn
    assert "late" not in follow_ups.page(Filters(), "reported", False, 0, 10)[0].values[5]

    later = fixed_clock + dt.timedelta(days=5)
    clock.set_now(later)
    deadlines.run_checks(later)
    row = sheets.page(Filters(), "found", True, 0, 10)[0]
    assert row.id == sheet.id and row.warn and row.tooltip.startswith("Late: due ")
    row = follow_ups.page(Filters(), "reported", False, 0, 10)[0]
    assert row.id == item.id and row.raw["late"] and row.values[5].startswith("⚠ late by")
