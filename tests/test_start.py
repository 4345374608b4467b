"""Starting the program: default database in the data folder, demo kept apart, window opens."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from feedback_desk import cli
from feedback_desk.base import db, sign_in, staff
from feedback_desk import opening
from feedback_desk.desks.customers.models import Customer
from ui.main_window import MainWindow
from ui.kit.sign_in_dialogs import SignInDialog

ROOT = Path(__file__).resolve().parent.parent

PASSWORD = "Wang-Fang-8"


def _signs_in_with(password: str):
    """The edge of the world: the person at the sign-in types their password and presses Enter."""
    def answer(self) -> int:
        self.password.setText(password)
        self.try_save()
        return self.result()
    return answer


def test_default_and_demo_databases_live_apart_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    plain = Path(cli.database_path(cli.build_parser().parse_args([])))
    demo = Path(cli.database_path(cli.build_parser().parse_args(["--demo"])))
    assert plain.parent == demo.parent == tmp_path / "FeedbackDesk"
    assert plain != demo
    assert cli.database_path(cli.build_parser().parse_args(["--db", "x.db"])) == "x.db"


def test_help_runs_without_a_window():
    out = subprocess.run([sys.executable, "-m", "feedback_desk", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert "--demo" in out and "--lang" in out and "--db" in out


def test_backup_command_copies_the_database_for_a_person_signed_in(tmp_path, monkeypatch, capsys):
    source = tmp_path / "desk.db"
    opening.open_database(source)
    person = staff.save_staff("王芳", None)
    sign_in.become_administrator(person.id, PASSWORD, PASSWORD)
    db.close_database()
    monkeypatch.setenv("FEEDBACK_DESK_USER", "王芳")
    monkeypatch.setattr(sys, "stdin", io.StringIO("not-the-password\n"))  # no terminal: read from stdin
    assert cli.main(["--db", str(source), "--lang", "en", "backup", str(tmp_path / "copy.db")]) == 2
    assert "Wrong password" in capsys.readouterr().err and not (tmp_path / "copy.db").exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["--db", str(source), "backup", str(tmp_path / "copy.db")]) == 0
    db.close_database()
    opening.open_database(tmp_path / "copy.db")
    try:
        assert [s.name for s in staff.staff_list()] == [person.name]
    finally:
        db.close_database()


def _backup_with_no_input(tmp_path, user: str | None, closed: bool = False) -> subprocess.CompletedProcess:
    """`feedback-desk backup` as a scheduler runs it with nothing on standard input (/dev/null), or
    with standard input closed altogether; the name in FEEDBACK_DESK_USER when `user` is given."""
    source = tmp_path / "desk.db"
    if not source.exists():
        opening.open_database(source)
        person = staff.save_staff("王芳", None)
        sign_in.become_administrator(person.id, PASSWORD, PASSWORD)
        db.close_database()
    env = {k: v for k, v in os.environ.items() if k != cli.USER_VARIABLE}
    if user is not None:
        env[cli.USER_VARIABLE] = user
    command = [sys.executable, "-m", "feedback_desk", "--db", str(source), "--lang", "en", "backup",
               str(tmp_path / "copy.db")]
    if closed:
        return subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *command], capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=120)
    return subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def test_a_backup_with_no_password_on_standard_input_says_so_in_one_line(tmp_path):
    done = _backup_with_no_input(tmp_path, "王芳")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == ("feedback-desk: No password given: run this in a terminal, or pipe the password "
                                   "to standard input, with FEEDBACK_DESK_USER set to the name.")
    assert not (tmp_path / "copy.db").exists()
    opening.open_database(tmp_path / "desk.db")
    try:  # nothing was tried, so nothing counts as a wrong password against the name
        assert staff.staff_list()[0].failed_sign_ins == 0
    finally:
        db.close_database()


def test_a_backup_with_no_name_and_nothing_on_standard_input_says_so_in_one_line(tmp_path):
    done = _backup_with_no_input(tmp_path, None)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == ("feedback-desk: No name given: run this in a terminal, or set FEEDBACK_DESK_USER "
                                   "to the name.")
    assert "Traceback" not in done.stderr and not (tmp_path / "copy.db").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="closes standard input with a POSIX shell")
@pytest.mark.parametrize("user, said", [("王芳", "No password given"), (None, "No name given")])
def test_a_backup_with_standard_input_closed_says_so_in_one_line(tmp_path, user, said):
    done = _backup_with_no_input(tmp_path, user, closed=True)
    assert done.returncode == 2 and done.stderr.startswith("feedback-desk: " + said), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_start_opens_the_window_for_the_person_picked(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "desk.db"
    opening.open_database(path)
    staff.ensure_departments()
    wang = staff.save_staff("王芳", 1)
    sign_in.become_administrator(wang.id, PASSWORD, PASSWORD)
    db.close_database()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    # the edges of the world: the user's answer in the dialog, and the event loop
    monkeypatch.setattr(SignInDialog, "exec", _signs_in_with(PASSWORD))
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    args = cli.build_parser().parse_args(["--db", str(path), "--lang", "en"])
    from ui.app import start

    try:
        assert start(args) == 0
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        assert windows, "no main window"
        win = windows[-1]
        qtbot.addWidget(win)
        assert win.session.staff.name == "王芳"
        assert "王芳" in win.who_label.text()
        assert win.session.db_path == str(path)
        assert Customer.select().count() == 0  # a new, empty database, not the demo
        win.close()
    finally:
        db.close_database()
