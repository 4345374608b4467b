"""A list the users keep in the settings (suggestion categories, incident kinds): add an entry at
the end, rename the one selected, take it off the list. Nothing is deleted: records keep their
entry after it is taken off the list. A desk's dialog says what its list holds (`entries`), how an
entry is saved (`save`), and may add widgets of its own under the list (`extra`)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from feedback_desk.base.i18n import _

from ui.kit import operation
from ui.kit.forms import ERROR_STYLE
from ui.kit.screen_fit import FittingDialog

KEY, NAME, ACTIVE, MORE = (Qt.ItemDataRole.UserRole + n for n in range(4))


class ListSettings(FittingDialog):
    """Subclasses give `entries()` → [(key, name, active, more)] and `save(name, key, active)`."""

    def __init__(self, title: str, what: str, placeholder: str, parent=None, extra: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.name = QLineEdit()
        self.name.setAccessibleName(what)
        self.name.setPlaceholderText(placeholder)
        self.name.returnPressed.connect(self.add)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.add_button = QPushButton(_("Add"))
        self.rename_button = QPushButton(_("Rename selected"))
        self.retire_button = QPushButton(_("Take selected off the list"))
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.retire_button.clicked.connect(self.retire)
        self.list.currentItemChanged.connect(lambda item, _prev: self.show_entry(item))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.rename_button, self.retire_button):
            b.setAutoDefault(False)  # Enter in the name adds it; it never presses another button
            buttons.addWidget(b)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.kept_note()))
        layout.addWidget(self.list)
        if extra is not None:
            layout.addWidget(extra)
        layout.addWidget(self.name)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(460, 420)
        self.name.setFocus()  # type a new entry and press Enter; pick one in the list to rename it

    # --- what a desk's list says -------------------------------------------------------------------
    def kept_note(self) -> str:
        return _("Entries keep their category even after it is taken off the list.")

    def entries(self) -> list[tuple]:
        raise NotImplementedError

    def save(self, name: str, key, active: bool):
        raise NotImplementedError

    def shown(self, name: str, active: bool, more) -> str:
        return name

    # --- the list ----------------------------------------------------------------------------------
    def fill(self, select=None) -> None:
        self.list.clear()
        for key, name, active, more in self.entries():
            item = QListWidgetItem(self.shown(name, active, more))
            for role, value in ((KEY, key), (NAME, name), (ACTIVE, active), (MORE, more)):
                item.setData(role, value)
            if not active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if key == select:
                self.list.setCurrentItem(item)
        self.show_entry(self.list.currentItem())

    def show_entry(self, item) -> None:
        if item is not None:
            self.name.setText(item.data(NAME))
            self.retire_button.setText(_("Take selected off the list") if item.data(ACTIVE)
                                       else _("Put selected back on the list"))

    def selected(self):
        item = self.list.currentItem()
        return item.data(KEY) if item else None

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def run(self, action) -> bool:
        keep = self.selected()
        if not operation.run(self, action, on_error=self.show_message).ok:
            return False
        self.message.hide()
        self.fill(keep)
        return True

    def add(self) -> None:
        if self.run(lambda: self.save(self.name.text(), None, True)):
            self.name.clear()

    def rename(self) -> None:
        key = self.selected()
        if key is not None:
            self.run(lambda: self.save(self.name.text(), key, bool(self.list.currentItem().data(ACTIVE))))

    def retire(self) -> None:
        key = self.selected()
        if key is not None:
            item = self.list.currentItem()
            self.run(lambda: self.save(item.data(NAME), key, not item.data(ACTIVE)))
