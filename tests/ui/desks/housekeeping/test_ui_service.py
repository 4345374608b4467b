"""The housekeeping desk as the attendant, the foreman and the front desk use it: keyboard, locking, red."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from feedback_desk.base import clock
from feedback_desk.desks.housekeeping import handover, rooms, service_log
from feedback_desk.base.errors import ValidationError
from feedback_desk.desks.housekeeping.models import MaintenanceItem, ServiceLine, ServiceSheet
from feedback_desk.desks.housekeeping.listings import SheetListing
from ui.kit.paged_model import VOID_COLOUR, WARN_COLOUR, PagedTableModel
from ui.desks.housekeeping.service_sheet_form import ServiceSheetForm

from qt_fixtures import press, settings, type_text, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def floor3(db):
    rooms.add_floor(3, 301, 320)
    rooms.ensure_consumables()
    return rooms.rooms(3)


def _focused(form):
    widget = QApplication.focusWidget()
    assert widget is not None and (widget is form or form.isAncestorOf(widget)), widget
    return widget


def _activate(qtbot, form):
    """The dialog just opened is the active window, as on a desktop."""
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)


def _key(qtbot, form, key, modifier=None):
    press(qtbot, _focused(form), key, modifier)


def _type(qtbot, form, text):
    type_text(qtbot, _focused(form), text)


def _enter_line(qtbot, form, room, start, end, state_key, quantities=(), linen=False, maintenance="", special=""):
    """One room typed as the attendant does: Tab from field to field, Enter at the end."""
    assert _focused(form) is form.room
    _type(qtbot, form, room)
    _key(qtbot, form, Qt.Key.Key_Tab)
    _type(qtbot, form, start)
    _key(qtbot, form, Qt.Key.Key_Tab)
    _type(qtbot, form, end)
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.room_state
    _key(qtbot, form, state_key)
    for i in range(len(form.quantities)):
        _key(qtbot, form, Qt.Key.Key_Tab)
        if i < len(quantities) and quantities[i]:
            _type(qtbot, form, str(quantities[i]))
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.linen
    if linen:
        _key(qtbot, form, Qt.Key.Key_Space)
    _key(qtbot, form, Qt.Key.Key_Tab)
    if maintenance:
        _type(qtbot, form, maintenance)
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.special
    if special:
        _type(qtbot, form, special)
    _key(qtbot, form, Qt.Key.Key_Return)


def _new_sheet_by_keyboard(qtbot, window):
    window.tabs.setCurrentWidget(window.desks["housekeeping"])
    window.desks["housekeeping"].sheets.view.setFocus()
    press(qtbot, window.desks["housekeeping"].sheets.view, Qt.Key.Key_N, CTRL)
    form = [f for f in window.findChildren(ServiceSheetForm) if f.isVisible()][-1]
    assert form.attendant.currentText().startswith("王芳") and form.floor.currentText() == "3"
    press(qtbot, form, Qt.Key.Key_Return)  # the header as proposed: today, floor 3, the signed-in attendant
    assert form.sheet is not None and form.entry.isVisible()
    return form


def test_attendant_enters_three_rooms_by_keyboard_only(qtbot, window, floor3, clerk):
    form = _new_sheet_by_keyboard(qtbot, window)
    _enter_line(qtbot, form, "305", "0900", "0925", Qt.Key.Key_1, quantities=(2, 1), linen=True)
    assert _focused(form) is form.room and form.room.text() == "" and form.room_state.value() is None
    _enter_line(qtbot, form, "303", "930", "0950", Qt.Key.Key_S, maintenance="水龙头漏水")
    _enter_line(qtbot, form, "301", "10:00", "10:20", Qt.Key.Key_4, quantities=(0, 0, 0, 0, 2),
                special="客人要求加一条毛毯")

    shown = [(form.lines.item(r, 1).text(), form.lines.item(r, 4).text()) for r in range(form.lines.rowCount())]
    assert shown == [("305", "Check-out"), ("303", "Stay-over"), ("301", "Do not disturb")]
    assert "Toothbrush set×2" in form.lines.item(0, 5).text()

    lines = service_log.sheet_lines(form.sheet.id)
    assert [ln.room.number for ln in lines] == ["305", "303", "301"]
    assert [ln.start_time for ln in lines] == [dt.time(9, 0), dt.time(9, 30), dt.time(10, 0)]
    assert lines[0].linen_changed and not lines[1].linen_changed
    assert lines[1].maintenance == "水龙头漏水" and lines[2].special == "客人要求加一条毛毯"
    first, second, fifth = (rooms.consumables()[i].id for i in (0, 1, 4))
    used = service_log.line_consumables([ln.id for ln in lines])
    assert used[lines[0].id] == {first: 2, second: 1}
    assert used[lines[1].id] == {} and used[lines[2].id] == {fifth: 2}

    # the day's list shows the sheet with its three rooms
    press(qtbot, form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    model = window.desks["housekeeping"].sheets.model
    assert model.total() == 1 and model.index(0, 3).data() == "3" and model.index(0, 4).data() == "Not yet verified"


def test_unknown_room_is_refused_beside_the_room_field(qtbot, window, floor3):
    form = _new_sheet_by_keyboard(qtbot, window)
    _enter_line(qtbot, form, "999", "0900", "0910", Qt.Key.Key_1)
    assert form.fields["room"].error.isVisible()
    assert form.error_text("room") == "Room 999 is not on the room list."
    assert _focused(form) is form.room and form.room.text() == "999"
    assert ServiceLine.select().count() == 0 and form.lines.rowCount() == 0


def test_f5_and_f6_stamp_the_time_now(qtbot, window, floor3, other):
    clock.set_now(dt.datetime(2026, 11, 15, 1, 5))
    sheet = service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": other.id}, other)
    window.tabs.setCurrentWidget(window.desks["housekeeping"])
    form = window.desks["housekeeping"].open_sheet(sheet.id)
    _activate(qtbot, form)
    _type(qtbot, form, "302")
    _key(qtbot, form, Qt.Key.Key_F5)
    assert form.start.text() == clock.to_local(clock.now_utc()).strftime("%H:%M")
    clock.set_now(dt.datetime(2026, 11, 15, 1, 31))
    _key(qtbot, form, Qt.Key.Key_F6)
    assert form.end.text() == clock.to_local(clock.now_utc()).strftime("%H:%M")
    assert "F5" in form.start.toolTip() and "F6" in form.hint.text()


def test_foreman_verifies_then_the_sheet_is_locked_and_a_line_is_voided(qtbot, window, floor3, clerk, other,
                                                                       monkeypatch):
    own = service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": clerk.id}, clerk)
    service_log.add_line(own.id, {"room": "301", "room_state": "vacant"}, clerk)
    sheet = service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": other.id}, other)
    for number in ("311", "312"):
        service_log.add_line(sheet.id, {"room": number, "room_state": "checkout"}, other)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.tabs.setCurrentWidget(window.desks["housekeeping"])

    # the attendant cannot sign their own sheet: the core's message is shown
    mine = window.desks["housekeeping"].open_sheet(own.id)
    mine.verify_btn.click()
    assert "cannot verify their own sheet" in mine.general_error.text() and mine.general_error.isVisible()
    assert ServiceSheet.get_by_id(own.id).state == "open"
    mine.reject()

    form = window.desks["housekeeping"].open_sheet(sheet.id)
    assert form.entry.isVisible() and form.verify_btn.isVisible()
    form.verify_btn.click()
    assert ServiceSheet.get_by_id(sheet.id).state == "verified"
    assert "Verified by 王芳" in form.banner.text() and "locked" in form.banner.text() and form.banner.isVisible()
    assert not form.entry.isVisible() and not form.entry.isEnabled()
    assert not form.verify_btn.isVisible() and not form.edit_btn.isVisible()
    with pytest.raises(ValidationError, match="locked"):
        service_log.add_line(sheet.id, {"room": "313", "room_state": "vacant"}, other)

    form.lines.selectRow(1)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("房号记错，应为313", True))
    press(qtbot, form.lines, Qt.Key.Key_Delete, CTRL | Qt.KeyboardModifier.ShiftModifier)
    line = ServiceLine.get(ServiceLine.position == 2, ServiceLine.sheet == sheet.id)
    assert line.voided and line.void_reason == "房号记错，应为313"
    assert form.lines.rowCount() == 2  # still shown, greyed, with its reason
    assert form.lines.item(1, 1).foreground().color() == VOID_COLOUR
    assert not form.lines.isColumnHidden(9) and form.lines.item(1, 9).text() == "房号记错，应为313"
    # the sheet list shows it verified with one live room
    model = window.desks["housekeeping"].sheets.model
    row = model.row_of_id(sheet.id)
    assert model.index(row, 4).data() == "Verified" and model.index(row, 3).data() == "1"


def test_sheet_model_passes_model_tester(qtmodeltester, db, floor3, clerk, other):
    for i in range(7):
        day = clock.today_local() - dt.timedelta(days=i)
        s = service_log.create_sheet({"date": day, "floor": 3, "attendant": other.id}, other)
        service_log.add_line(s.id, {"room": "301", "room_state": "checkout"}, other)
        if i % 2:
            service_log.verify_sheet(s.id, s.version, clerk)
    model = PagedTableModel(SheetListing())
    model.PAGE = 3
    model.reload()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 7
    # yesterday's sheet, still not verified, stands out; its Due column says how late it is
    keys = [c.key for c in SheetListing.columns]
    late_col, due_col = keys.index("late"), keys.index("due")
    late = next(r for r in range(model.rowCount()) if "not verified" in model.index(r, late_col).data())
    assert model.index(late, 4).data(Qt.ItemDataRole.ForegroundRole).color() == WARN_COLOUR
    assert model.index(late, due_col).data().startswith("⚠ late by")
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 3


def test_maintenance_from_a_line_is_followed_up_to_checked(qtbot, window, floor3, clerk, other, monkeypatch):
    sheet = service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": other.id}, other)
    service_log.add_line(sheet.id, {"room": "307", "room_state": "stayover", "maintenance": "空调不制冷"}, other)
    tab = window.desks["housekeeping"]
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(1)
    model = tab.maintenance.model
    assert model.total() == 1 and model.index(0, 2).data() == "空调不制冷" and model.index(0, 3).data() == "Reported"
    assert tab.assign_btn.isEnabled() and not tab.fixed_btn.isEnabled()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][[n.split(" ")[0] for n in a[3]].index("李娜")], True))
    tab.assign_btn.click()
    assert model.index(0, 3).data() == "Assigned" and model.index(0, 4).data() == "李娜"
    tab.fixed_btn.click()
    assert model.index(0, 3).data() == "Fixed"
    tab.checked_btn.click()
    item = MaintenanceItem.get()
    assert item.state == "checked" and item.owner_id == other.id and item.checked_by_id == clerk.id
    assert model.total() == 0  # no longer open
    tab.maintenance.choice.set_value("")
    assert model.total() == 1 and model.index(0, 3).data() == "Checked"


def test_handover_with_a_difference_shows_in_red(qtbot, window, clerk, other):
    h = handover.create_handover({"date": clock.today_local(), "post": "三楼工作间", "shift": "morning"},
                                 [("对讲机", 2), ("钥匙卡", 10), ("吸尘器", 1)], other)
    tab = window.desks["housekeeping"]
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(4)
    page = tab.handovers
    assert page.table.model.total() == 1 and page.take_btn.isEnabled()
    form = page.take_over(page.table.current_id())
    for spin, count in zip(form.counts.values(), (2, 9, 1)):
        spin.setValue(count)
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    assert [(d.item, d.delta) for d in handover.differences(h.id)] == [("钥匙卡", -1)]
    state_col = 5
    assert "1 item(s) differ" in page.table.model.index(0, state_col).data()
    assert page.table.model.index(0, state_col).data(Qt.ItemDataRole.ForegroundRole).color() == WARN_COLOUR
    assert page.detail.item(1, 0).text() == "钥匙卡" and page.detail.item(1, 3).text() == "-1"
    assert page.detail.item(1, 0).foreground().color() == WARN_COLOUR
    assert page.detail.item(0, 0).foreground().color() != WARN_COLOUR
    assert "1 item(s) differ" in page.detail_title.text()


def test_new_handover_form_lists_items_and_the_author_signs(qtbot, window, clerk):
    tab = window.desks["housekeeping"]
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(4)
    form = tab.new_record()
    type_text(qtbot, form.post, "总台")
    form.set_items([("备用金", "500"), ("钥匙卡", "abc")])
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and "whole numbers" in form.error_text("items")
    form.set_items([("备用金", "500"), ("钥匙卡", "20")])
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    saved = handover.Handover.get()
    assert saved.handed_by_id == clerk.id and saved.post == "总台"
    assert tab.handovers.table.model.total() == 1


def _type_cell(qtbot, form, row, col, text):
    """A cell of the items typed as the user does: go to it, F2, type, Enter (the cell takes the
    text once the editor closes, after the event loop runs)."""
    form.items.setCurrentCell(row, col)
    press(qtbot, form.items, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not form.items and form.items.isAncestorOf(editor), editor
    editor.selectAll()
    type_text(qtbot, editor, text)
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.items.item(row, col) is not None and form.items.item(row, col).text() == text
                    and QApplication.focusWidget() is form.items, timeout=2000)


def _new_handover_form(qtbot, window, items):
    tab = window.desks["housekeeping"]
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(4)
    form = tab.new_record()
    type_text(qtbot, form.post, "总台")
    for row, (name, count) in enumerate(items):
        _type_cell(qtbot, form, row, 0, name)
        _type_cell(qtbot, form, row, 1, count)
    return tab, form


@pytest.mark.parametrize("typed", ["²", "⁰⁴⁵", "₀₁₂", "1" * 39])
def test_a_handover_count_that_is_no_whole_number_is_refused_beside_the_items(qtbot, window, clerk, typed):
    """Digits that are not decimal ones crashed the save (isdigit, then int); a number no column
    holds is refused too: the counts' message beside the items, the form open, nothing saved."""
    tab, form = _new_handover_form(qtbot, window, [("对讲机", "2"), ("钥匙卡", typed)])
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and form.error_text("items") == "Counts are whole numbers from 0."
    assert form.general_error.isHidden()  # no fault said above the fields
    assert handover.Handover.select().count() == 0
    _type_cell(qtbot, form, 1, 1, "20")
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    assert [ln.handed for ln in handover.HandoverLine.select().order_by(handover.HandoverLine.id)] == [2, 20]


def test_a_handover_count_typed_in_full_width_digits_is_read(qtbot, window, clerk):
    """１２, as a Chinese input method types it, is 12."""
    tab, form = _new_handover_form(qtbot, window, [("钥匙卡", "１２")])
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    assert [ln.handed for ln in handover.HandoverLine.select()] == [12]


def _key_text(qtbot, widget, text):
    """Keys whose text is `text`, one a character, delivered by the event loop as a keyboard's
    are: '²' is a key of the French keyboard, '１' what a Chinese input method in full-width mode
    sends. (qtbot.keyClicks cannot: it sends only Latin-1, and an error in a key press it sent
    from Python ends the process instead of failing the test.)"""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        key = ord(ch) if ord(ch) < 0x100 and not ch.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


@pytest.mark.parametrize("typed, state", [("²", None), ("⁰⁴⁵", None), ("₀₁₂", None), ("１２", "stayover"),
                                          ("1" * 39, "checkout"), ("4", "dnd")])
def test_the_room_state_takes_a_decimal_digit_and_no_other(qtbot, window, floor3, typed, state):
    """A digit that is not a decimal one (it passes isdigit, int refuses it) crashed the key press;
    it now picks nothing and changes nothing. A decimal digit of any script picks its state."""
    form = _new_sheet_by_keyboard(qtbot, window)
    assert _focused(form) is form.room
    _key(qtbot, form, Qt.Key.Key_Tab)
    _key(qtbot, form, Qt.Key.Key_Tab)
    _key(qtbot, form, Qt.Key.Key_Tab)
    assert _focused(form) is form.room_state and form.room_state.value() is None
    _key_text(qtbot, form.room_state, typed)
    assert form.room_state.value() == state


def test_main_window_keys_open_and_void_the_selected_sheet(qtbot, window, floor3, other, monkeypatch):
    sheet = service_log.create_sheet({"date": clock.today_local(), "floor": 3, "attendant": other.id}, other)
    service_log.add_line(sheet.id, {"room": "301", "room_state": "vacant"}, other)
    window.tabs.setCurrentWidget(window.desks["housekeeping"])
    view = window.desks["housekeeping"].sheets.view
    qtbot.waitUntil(lambda: window.desks["housekeeping"].sheets.current_id() == sheet.id)
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_O, CTRL)
    form = [f for f in window.findChildren(ServiceSheetForm) if f.isVisible()][-1]
    assert form.sheet.id == sheet.id and form.lines.rowCount() == 1
    form.reject()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("重复录入", True))
    press(qtbot, view, Qt.Key.Key_Delete, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert ServiceSheet.get_by_id(sheet.id).voided
    assert window.desks["housekeeping"].sheets.model.total() == 0
