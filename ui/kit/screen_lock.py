"""Lock the screen (Ctrl+L in any window of the program, or by itself after idle minutes, a setting): the window and every open
form go out of sight, and only the signed-in person's password brings them back as they were,
text and all. Wrong passwords count towards the lockout as at sign-in."""
from __future__ import annotations

from time import monotonic

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget

from feedback_desk.base import settings, sign_in
from feedback_desk.base.i18n import _

from ui.kit.sign_in_dialogs import EnterInTheBoxes, password_box

USER_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}


SWITCH = 2  # what the locked screen ends with when another person signs in instead


class UnlockDialog(EnterInTheBoxes):
    """The locked screen: whose it is, and their password."""

    def __init__(self, person, parent=None):
        super().__init__(_("Locked"), parent)
        self.person = person
        heading = QLabel(_("Locked by {name}. Type your password to go on; every open form is kept.").format(
            name=person.name))
        heading.setWordWrap(True)
        self.body.insertWidget(0, heading)
        self.password = self.add_field("password", _("Password"), password_box())
        self.password.returnPressed.connect(self.try_save)
        self.finish_layout()
        self.switch = QPushButton(_("Switch user…"))
        self.buttons.addButton(self.switch, self.buttons.ButtonRole.ResetRole)
        self.switch.clicked.connect(self._switch)
        self.buttons.button(self.buttons.StandardButton.Cancel).hide()  # no way round the password
        self.buttons.button(self.buttons.StandardButton.Save).setText(_("Unlock"))
        self.buttons.button(self.buttons.StandardButton.Save).setIcon(QIcon())
        self.password.setFocus()

    def save(self):
        typed = self.password.text()
        self.password.clear()
        return sign_in.sign_in(self.person.id, typed).person

    def _switch(self) -> None:
        self.done(SWITCH)

    def reject(self) -> None:  # Escape does not unlock
        pass


class ScreenLock(QObject):
    """Locks `window` on request or after idle minutes; `switchRequested` when the locked screen
    asks for another person instead. Idle time is measured from the last key or mouse input on a
    steady clock, looked at every few seconds."""
    switchRequested = Signal()
    LOOK_EVERY_MS = 5000

    def __init__(self, window: QWidget, person):
        super().__init__(window)
        self.window, self.person = window, person
        self.locked = False
        self.last_input = monotonic()
        self.tick = QTimer(self)
        self.tick.setInterval(self.LOOK_EVERY_MS)
        self.tick.timeout.connect(self.check_idle)
        self.tick.start()
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Any key or mouse input: not idle. Ctrl+L anywhere, an open form included: lock."""
        kind = event.type()
        if kind in USER_INPUT:
            self.last_input = monotonic()
            if (kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_L
                    and event.modifiers() == Qt.KeyboardModifier.ControlModifier and not self.locked):
                QTimer.singleShot(0, self.lock)  # after this key is done with
                return True
        return False

    def check_idle(self) -> None:
        minutes = settings.get_int("sign_in.idle_lock_minutes")
        if minutes > 0 and not self.locked and monotonic() - self.last_input >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.window
                 and isinstance(w, QDialog)]
        for widget in shown:
            widget.hide()
        self.window.hide()
        app = QApplication.instance()
        app.setQuitOnLastWindowClosed(False)
        try:
            result = UnlockDialog(self.person).exec()
        finally:
            app.setQuitOnLastWindowClosed(True)
        self.locked = False
        self.last_input = monotonic()
        if result == SWITCH:
            self.switchRequested.emit()
            return
        self.window.show()
        for widget in shown:
            widget.show()

    def stop(self) -> None:
        self.tick.stop()
        QApplication.instance().removeEventFilter(self)
