"""The window's language choice is the one the command line follows, and an older choice kept
only in QSettings is carried over at start."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from feedback_desk import cli
from feedback_desk.base import db, i18n, sign_in, staff
from feedback_desk import opening
from ui.app import App, apply_language
from ui.main_window import MainWindow
from ui.session import Session
from ui.kit.sign_in_dialogs import SignInDialog

from qt_fixtures import settings  # noqa: F401


PASSWORD = "Wang-Fang-8"


def _signs_in_with(password: str):
    """The edge of the world: the person at the sign-in types their password and presses Enter."""
    def answer(self) -> int:
        self.password.setText(password)
        self.try_save()
        return self.result()
    return answer


@pytest.fixture
def own_folders(monkeypatch, tmp_path):
    """Settings and data folders of the test's own, a server locale; English again after."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield tmp_path
    apply_language(QApplication.instance(), "en")
    i18n.set_language("en")


def test_choosing_a_language_in_the_window_remembers_it_for_the_command_line(qtbot, own_folders, db, clerk,
                                                                              settings):
    app = App(QApplication.instance(), Session(clerk, str(own_folders / "t.db"), settings))
    qtbot.addWidget(app.show_window())
    app.window.act_en.trigger()
    qtbot.addWidget(app.window)
    assert i18n.remembered_language() == "en" and i18n.preferred_language() == "en"
    app.window.act_zh.trigger()
    qtbot.addWidget(app.window)
    assert i18n.remembered_language() == "zh_CN" and settings.value("language") == "zh_CN"


def test_a_choice_kept_only_in_qsettings_is_carried_over_at_start(qtbot, own_folders, monkeypatch):
    path = own_folders / "desk.db"
    opening.open_database(path)
    staff.ensure_departments()
    wang = staff.save_staff("王芳", 1)
    sign_in.become_administrator(wang.id, PASSWORD, PASSWORD)
    db.close_database()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(own_folders / "qt"))
    QApplication.instance().setOrganizationName("FeedbackDesk")
    QApplication.instance().setApplicationName("FeedbackDesk")
    QSettings().setValue("language", "en")  # chosen in an older version, on a Chinese-less server
    monkeypatch.setattr(SignInDialog, "exec", _signs_in_with(PASSWORD))
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    from ui.app import start

    try:
        assert start(cli.build_parser().parse_args(["--db", str(path)])) == 0
        win = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()][-1]
        qtbot.addWidget(win)
        assert win.tabs.tabText(0) == "Dashboard"
        assert i18n.remembered_language() == "en"  # the command line now follows it too
        win.close()
    finally:
        db.close_database()
        QSettings().remove("language")
