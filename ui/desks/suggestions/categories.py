"""Settings → Suggestion categories: the seed's list, kept by the users (add, rename, retire)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from feedback_desk.desks.suggestions import box as suggestions, confidential
from feedback_desk.base.i18n import _

from ui.kit import operation
from ui.kit.forms import ERROR_STYLE
from ui.kit.screen_fit import FittingDialog


class SuggestionCategories(FittingDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Suggestion categories"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Categories"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Category"))
        self.name.setPlaceholderText(_("Name of a new category, or the new name of the selected one"))
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        add = QPushButton(_("Add"))
        rename = QPushButton(_("Rename selected"))
        retire = QPushButton(_("Take selected off the list"))
        add.clicked.connect(self.add)
        rename.clicked.connect(self.rename)
        retire.clicked.connect(self.retire)
        self.confidential = QCheckBox(_("Confidential (举报): only the general manager's office and human resources "
                                        "read its entries"))
        self.confidential.toggled.connect(self.set_confidential)
        self.list.currentItemChanged.connect(lambda item, _prev: self._show(item))
        buttons = QHBoxLayout()
        for b in (add, rename, retire):
            buttons.addWidget(b)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Entries keep their category even after it is taken off the list.")))
        layout.addWidget(self.list)
        layout.addWidget(self.confidential)
        layout.addWidget(self.name)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(460, 420)
        self.fill()

    def fill(self, select_id: int | None = None) -> None:
        self.list.clear()
        secret = confidential.category_ids()
        for category in suggestions.categories():
            shown = category.name + (f"  · {_('confidential')}" if category.id in secret else "")
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, category.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, category.name)
            item.setData(Qt.ItemDataRole.UserRole + 2, category.id in secret)
            self.list.addItem(item)
            if category.id == select_id:
                self.list.setCurrentItem(item)
        self._show(self.list.currentItem())

    def _show(self, item) -> None:
        self.confidential.setEnabled(item is not None)
        self.confidential.blockSignals(True)
        self.confidential.setChecked(bool(item and item.data(Qt.ItemDataRole.UserRole + 2)))
        self.confidential.blockSignals(False)
        if item is not None:
            self.name.setText(item.data(Qt.ItemDataRole.UserRole + 1))

    def set_confidential(self, on: bool) -> None:
        cid = self._selected()
        if cid is not None and not self._run(lambda: confidential.set_confidential(cid, on)):
            self._show(self.list.currentItem())

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def _run(self, action) -> bool:
        keep = self._selected()
        if not operation.run(self, action, on_error=self.show_message).ok:
            return False
        self.message.hide()
        self.fill(keep)
        return True

    def add(self) -> None:
        if self._run(lambda: suggestions.save_category(self.name.text())):
            self.name.clear()

    def rename(self) -> None:
        cid = self._selected()
        if cid is not None:
            self._run(lambda: suggestions.save_category(self.name.text(), cid))

    def retire(self) -> None:
        cid = self._selected()
        if cid is not None:
            name = self.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)
            self._run(lambda: suggestions.save_category(name, cid, active=False))
