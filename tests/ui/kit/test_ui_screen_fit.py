"""On a 1280×720 screen (and so on the hotel's 1366×768 with a taskbar) the main window and every
dialog lie wholly on the screen, frame included, and no form is wider or taller than it has room for."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize

from feedback_desk.base import staff
from ui.kit import screen_fit
from ui.desks.customers.forms import PreferenceForm, VisitForm
from ui.loop.deadline_settings import DeadlineSettings
from ui.export.dialogs import LedgerExportDialog, MonthlyExportDialog
from ui.desks.housekeeping.settings import HousekeepingSettings
from ui.main_window import MainWindow
from ui.session import Session
from ui.kit.staff_dialogs import DepartmentForm, StaffForm, StaffPicker
from ui.desks.suggestions.categories import SuggestionCategories

from qt_fixtures import settings, window, zhang  # noqa: F401

SCREEN = QRect(0, 0, 1280, 720)


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(screen_fit, "free_area", lambda widget=None: QRect(SCREEN))
    return SCREEN


def _on_screen(qtbot, widget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    room = QSize(SCREEN.width() - screen_fit.FRAME.width(), SCREEN.height() - screen_fit.FRAME.height())
    name = type(widget).__name__
    hint = widget.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height(), f"{name} needs {hint}"
    assert screen_fit.fits(widget), f"{name} at {widget.geometry()} is not wholly on {SCREEN}"


def test_main_window_fits_and_a_saved_size_too_big_is_not_restored(qtbot, small_screen, window, clerk, tmp_path,
                                                                    settings):
    fresh = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
    _on_screen(qtbot, fresh)
    assert fresh.statusBar().isVisible()
    assert fresh.statusBar().geometry().bottom() <= fresh.height()
    fresh.resize(1900, 1100)  # as on the manager's big screen at home
    fresh.move(300, 200)
    fresh.save_state()
    again = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
    _on_screen(qtbot, again)
    assert again.width() <= 1272 and again.height() <= 680


def test_every_desk_form_fits(qtbot, small_screen, window, zhang):
    for desk in (window.desks["customers"], window.desks["feedback"], window.desks["housekeeping"], window.desks["quality"], window.desks["suggestions"]):
        window.tabs.setCurrentWidget(desk)
        form = desk.new_record()
        _on_screen(qtbot, form)
        form.dirty = False
        form.reject()


def test_feedback_form_is_one_column_until_a_complaint_opens_the_register(qtbot, small_screen, window):
    form = window.desks["feedback"].new_record()
    _on_screen(qtbot, form)
    narrow = form.width()
    assert narrow <= 640 and not form.complaint_box.isVisible()
    form.kind.set_value("complaint")
    assert form.complaint_box.isVisible()
    assert form.width() > narrow
    assert screen_fit.fits(form)
    form.dirty = False
    form.reject()


def test_every_settings_and_export_dialog_fits(qtbot, small_screen, window, clerk, zhang, settings):
    dialogs = [DeadlineSettings(clerk, window), HousekeepingSettings(window), SuggestionCategories(window),
               StaffPicker(clerk.id, window, manage=True), StaffForm(None, window), DepartmentForm(window),
               MonthlyExportDialog(settings, window), LedgerExportDialog(settings, "feedback", window),
               PreferenceForm(clerk, zhang.id, parent=window), VisitForm(clerk, zhang.id, parent=window)]
    for dialog in dialogs:
        _on_screen(qtbot, dialog)
        dialog.close()
    assert staff.staff_list()
