"""The main window: shortcuts, remembered size and tab, language switch, accessible names."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from feedback_desk.base import i18n
from ui.app import App, apply_language
from ui.desks.feedback.form import FeedbackForm
from ui.main_window import MainWindow
from ui.session import Session

from qt_fixtures import press, settings, window, zhang  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def test_shortcuts_move_between_desks_and_focus_find(qtbot, window):
    assert window.tabs.currentWidget() is window.desks["customers"]
    press(qtbot, window.desks["customers"].table.view, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentWidget() is window.desks["feedback"]
    press(qtbot, window.desks["feedback"].table.view, Qt.Key.Key_F, CTRL)
    assert window.desks["feedback"].table.find.hasFocus()
    press(qtbot, window.desks["feedback"].table.find, Qt.Key.Key_Tab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentWidget() is window.desks["customers"]


def test_window_size_and_tab_are_remembered(qtbot, window, settings, clerk, tmp_path, monkeypatch):
    from PySide6.QtCore import QRect

    from ui.kit import screen_fit

    monkeypatch.setattr(screen_fit, "free_area", lambda widget=None: QRect(0, 0, 1366, 728))  # 1366×768 less a taskbar
    window.resize(1000, 650)
    window.tabs.setCurrentIndex(1)
    before = window.size()  # (the offscreen screen is 800 px wide: Qt fits a restored width to it)
    assert before.height() == 650
    window.close()
    again = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 1
    assert again.height() == before.height() == 650  # it fits this screen, so it comes back as it was


def test_language_switch_from_the_menu_rebuilds_the_window_in_chinese(qtbot, db, clerk, settings, tmp_path):
    app = App(QApplication.instance(), Session(clerk, str(tmp_path / "t.db"), settings))
    first = app.show_window()
    qtbot.addWidget(first)
    assert [first.tabs.tabText(i) for i in range(3)] == ["Dashboard", "My work", "Customer profiles"]
    try:
        first.act_zh.trigger()
        second = app.window
        qtbot.addWidget(second)
        assert second is not first
        assert [second.tabs.tabText(i) for i in range(4)] == ["看板", "待办", "顾客档案", "顾客意见"]
        assert settings.value("language") == "zh_CN"
        assert second.act_zh.isChecked()
    finally:
        apply_language(QApplication.instance(), "en")
        i18n.set_language("en")


def test_every_form_input_is_named_as_its_label(qtbot, window, zhang):
    form = window.desks["feedback"].new_record(customer_id=zhang.id)
    qtbot.addWidget(form)
    assert isinstance(form, FeedbackForm)
    for key, row in form.fields.items():
        assert row.widget.accessibleName() == row.label.text().replace("&", ""), key
    # a customer picked beforehand shows with the form
    assert form.customer.edit.text() == "国税局 · 张科长"


def test_dashboard_bar_opens_the_records_behind_it(qtbot, window):
    """A bar of the anomaly Pareto opens the quality desk's sheets filtered to that cause."""
    window.dashboard.drillRequested.emit("anomalies", "cause:material", None, None, "")
    assert window.tabs.currentWidget() is window.desks["quality"]
    assert window.desks["quality"].pages.currentWidget().isAncestorOf(window.desks["quality"].sheets)
    assert window.desks["quality"].sheets.choice.value() == "cause:material"


def test_right_click_menu_offers_open_export_and_void(window):
    actions = window.desks["customers"].table.view.actions()
    assert window.act_open in actions and window.act_export_form in actions and window.act_void in actions
