"""File → Connect to a server…: the shared PostgreSQL server this workstation works on.

The workstation remembers the server's host, port, database and user (QSettings, never the
password). The password is typed here when the server asks for one and lives only in this
program's memory until it ends (libpq's PGPASSWORD of this process; ~/.pgpass works as well).
Before the program moves to a server the core checks it (db.check_server): reached, user and
password taken, the database empty or this program's. "Use this PC's database file" goes back
to the embedded file."""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QSpinBox

from feedback_desk.base import db, server
from feedback_desk.base.i18n import N_, _

from ui.kit.forms import FormDialog
from ui.kit.sign_in_dialogs import password_box

DEFAULT_PORT = 5432
DEFAULT_DATABASE = "feedback_desk"


def saved_server(settings: QSettings) -> str | None:
    """The URL of the server this workstation works on, or None: it works on its own file."""
    if str(settings.value("server/in_use", "false")).lower() != "true":
        return None
    host, name, user = (str(settings.value(f"server/{key}", "")) for key in ("host", "database", "user"))
    try:
        port = int(settings.value("server/port", DEFAULT_PORT))
    except (TypeError, ValueError):
        port = DEFAULT_PORT
    # saved only once checked: complete and well formed (one edited by hand to nothing: the file)
    return server.address(host, port, name, user) if host and name and user else None


def remember(settings: QSettings, url: str | None) -> None:
    """Work on `url` from now on (its parts kept for the next start), or on the file (None)."""
    if url is None:
        settings.setValue("server/in_use", "false")
    else:
        params = server.connection_parameters(url)
        for key, value in (("host", params["host"]), ("port", int(params["port"])),
                           ("database", params["database"]), ("user", params.get("user", ""))):
            settings.setValue(f"server/{key}", value)
        settings.setValue("server/in_use", "true")
    settings.sync()


class ConnectDialog(FormDialog):
    """The server's address, the user and (when asked for) the password. Accepted, `chosen` is
    the checked server URL, or None when the user chose this PC's database file."""

    TITLE = N_("Connect to a server")
    INTRO = N_("Several workstations share one database on a PostgreSQL server. This workstation remembers the "
               "server and the user; a password is typed only when the server asks for one, and it is never kept.")
    BUTTON, BUTTON_TIP = N_("Connect"), N_("Check the server and work on it (Ctrl+S)")

    def __init__(self, settings: QSettings, message: str = "", on_server: bool = False, url: str | None = None,
                 remembers: bool = True, parent=None):
        """`url`: the server to show (one given on the command line) instead of the remembered one;
        `remembers`: whether the server chosen becomes this workstation's for the next start."""
        super().__init__(_(self.TITLE), parent)
        self.settings, self.remembers = settings, remembers
        self.chosen: str | None = None
        intro = QLabel(_(self.INTRO))
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        shown = server.connection_parameters(url) if url else {
            "host": settings.value("server/host", ""), "port": settings.value("server/port", DEFAULT_PORT),
            "database": settings.value("server/database", DEFAULT_DATABASE), "user": settings.value("server/user", "")}
        self.host = self.add_field("host", _("Server"), QLineEdit(str(shown.get("host", ""))))
        self.host.setPlaceholderText(_("name or address, for example 192.168.1.20"))
        self.port = self.add_field("port", _("Port"), QSpinBox())
        self.port.setRange(1, 65535)
        self.port.setValue(int(shown.get("port", DEFAULT_PORT)))
        self.database = self.add_field("database", _("Database"), QLineEdit(str(shown.get("database", ""))))
        self.user = self.add_field("user", _("User"), QLineEdit(str(shown.get("user", ""))))
        self.password = self.add_field("password", _("Password"), password_box())
        self.password.setPlaceholderText(_("only if the server asks for one"))
        for box in (self.host, self.database, self.user):
            box.returnPressed.connect(self.focusNextChild)
        self.password.returnPressed.connect(self.try_save)
        self.finish_layout()
        connect = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        connect.setText(_(self.BUTTON))
        connect.setToolTip(_(self.BUTTON_TIP))
        self.file_button = None
        if on_server:
            self.file_button = self.buttons.addButton(_("Use this PC's database file"),
                                                      QDialogButtonBox.ButtonRole.ResetRole)
            self.file_button.clicked.connect(self.use_the_file)
        if message:
            self.show_general(message)
        empty = next((box for box in (self.host, self.database, self.user) if not box.text().strip()), None)
        (empty or self.password).setFocus()
        self.resize(480, self.sizeHint().height())

    def save(self):
        url = server.address(self.host.text(), self.port.value(), self.database.text(), self.user.text())
        typed, before = self.password.text(), os.environ.get("PGPASSWORD")
        if typed:
            os.environ["PGPASSWORD"] = typed  # this program's connections only, until it ends
        try:
            db.check_server(url)  # refused here (what to check said above the fields): nothing changes
        except Exception:
            if typed:  # a wrong password is not kept either
                os.environ.pop("PGPASSWORD", None) if before is None else os.environ.update(PGPASSWORD=before)
            raise
        self.password.clear()
        self.chosen = url
        self.chosen_server(url)
        return url

    def chosen_server(self, url: str) -> None:
        if self.remembers:
            remember(self.settings, url)

    def use_the_file(self) -> None:
        remember(self.settings, None)
        self.chosen = None
        self.dirty = False
        self.accept()


class CopyToServerDialog(ConnectDialog):
    """Administration → the server database this file is copied onto (checked first: reached, and
    empty or this program's; copying then refuses one that holds records)."""
    TITLE = N_("Copy this database to a server")
    INTRO = N_("Every record of this database file is copied onto an empty database on the PostgreSQL server, "
               "with its numbers, history and attachments, and both sides are compared table by table. The file "
               "stays as it is. Afterwards every workstation can connect to the server.")
    BUTTON, BUTTON_TIP = N_("Copy"), N_("Check the server, then copy (Ctrl+S)")

    def chosen_server(self, url: str) -> None:
        """Nothing remembered yet: the workstation moves to the server once the copy matched."""
