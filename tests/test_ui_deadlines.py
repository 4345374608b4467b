"""Settings → Deadlines and calendar: a rule edited (the note on new items shown), a bad value
refused beside its field, a make-up working day (调休) added to the calendar and removed."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from feedback_desk import clock, deadline_rules as dr, workcalendar
from feedback_desk.deadline_models import Holiday, Rule
from ui.deadline_settings import DeadlineSettings, RuleForm

from qt_fixtures import press, settings, type_text, window  # noqa: F401


def _dialog(qtbot, window) -> DeadlineSettings:
    window.act_deadlines.trigger()
    dialogs = [d for d in window.findChildren(DeadlineSettings) if d.isVisible()]
    assert dialogs
    return dialogs[-1]


def _rule_row(dialog, code: str) -> int:
    return next(i for i, r in enumerate(dialog.rules.rules) if r.code == code)


def test_a_rule_is_changed_and_the_dialog_says_it_applies_to_new_items(qtbot, window, clerk):
    dialog = _dialog(qtbot, window)
    assert dialog.rules.table.rowCount() == len(dr.DEFAULT_RULES)
    row = _rule_row(dialog, "complaint.answer")
    assert dialog.rules.table.item(row, 4).text() == \
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
    assert dialog.rules.table.item(row, 1).text() == "12 hour(s)"
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


def test_late_anomaly_sheets_and_follow_ups_are_marked_in_their_listings(db, clerk, fixed_clock):
    from feedback_desk import deadlines, records
    from feedback_desk.listing import Filters
    from feedback_desk.quality_models import AnomalySheet
    from feedback_desk.quality_views import AnomalyListing
    from feedback_desk.service_models import MaintenanceItem, Room
    from feedback_desk.service_views import MaintenanceListing

    sheet = records.create_record(AnomalySheet, {
        "number": "QA-1", "source": "internal", "found_at": fixed_clock, "product": "面包",
        "product_key": "面包", "description": "霉点", "severity": "general"}, clerk)
    room = Room.create(number="0815", floor=8)
    item = records.create_record(MaintenanceItem, {"room": room.id, "description": "台灯不亮"}, clerk)
    deadlines.run_checks(fixed_clock)
    sheets, follow_ups = AnomalyListing(), MaintenanceListing()
    assert not sheets.page(Filters(), "found", True, 0, 10)[0].warn
    assert "Late" not in follow_ups.page(Filters(), "reported", False, 0, 10)[0].values[3]

    later = fixed_clock + dt.timedelta(days=5)
    clock.set_now(later)
    deadlines.run_checks(later)
    row = sheets.page(Filters(), "found", True, 0, 10)[0]
    assert row.id == sheet.id and row.warn and row.tooltip.startswith("Late: due ")
    row = follow_ups.page(Filters(), "reported", False, 0, 10)[0]
    assert row.id == item.id and row.raw["late"] and row.values[3].endswith("Late")
