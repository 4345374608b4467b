"""Pick a customer by typing: name, pinyin initials (zkz → 张科长), phone or organisation.

Results appear while typing, taboos first and in warning colour; Down/Enter or a
click picks one. The picked customer's taboos stay in view under the field.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

from feedback_desk.desks.customers.profiles import CustomerHit, display_name, find_customers, preferences_of
from feedback_desk.base.i18n import _
from feedback_desk.desks.customers.models import Customer

from ui.kit.paged_model import WARN_COLOUR

TABOO_STYLE = "color: #b00020; font-weight: bold;"


def hit_text(hit: CustomerHit) -> str:
    parts = [display_name(hit)]
    if hit.taboos:
        parts.insert(0, "⚠ " + _("Taboos: {list}").format(list="、".join(hit.taboos)))
    if hit.phones:
        parts.append(hit.phones)
    if hit.vip:
        parts.append("VIP")
    return "  ·  ".join(parts)


class CustomerPicker(QWidget):
    customerPicked = Signal(object)  # customer id or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.customer_id: int | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("Type a name, pinyin initials, phone or organisation"))
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(_("No customer"))
        self.clear_button.setAccessibleName(_("No customer"))
        self.clear_button.clicked.connect(self.clear)
        self.results = QListWidget()
        self.results.setAccessibleName(_("Matching customers"))
        self.results.setMaximumHeight(150)
        self.results.hide()
        self.taboos = QLabel()
        self.taboos.setStyleSheet(TABOO_STYLE)
        self.taboos.setWordWrap(True)
        self.taboos.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.edit)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.taboos)
        layout.addWidget(self.results)
        self.setFocusProxy(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._typed)
        self.results.itemActivated.connect(self._pick_item)
        self.edit.installEventFilter(self)

    def setAccessibleName(self, name: str) -> None:  # the line edit is what a screen reader meets
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _typed(self, _text: str) -> None:
        self.customer_id = None
        self.taboos.hide()
        self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        hits = find_customers(self.edit.text(), limit=12)
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            if hit.taboos:
                item.setForeground(QBrush(WARN_COLOUR))
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        if hits:
            self.results.setCurrentRow(0)

    def eventFilter(self, obj, event) -> bool:
        if (obj is self.edit and event.type() == event.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and (self._timer.isActive() or self.results.isVisible())):
            self._pick_first()  # Enter picks the customer; it does not also submit the form
            return True
        if obj is self.edit and event.type() == event.Type.KeyPress and self.results.isVisible():
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.results.hide()
                return True
        return super().eventFilter(obj, event)

    def _pick_first(self) -> None:
        if self._timer.isActive():
            self.search_now()
        item = self.results.currentItem() or self.results.item(0)
        if item is not None and self.results.isVisible():
            self._pick_item(item)

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.set_customer(item.data(Qt.ItemDataRole.UserRole))
        self.customerPicked.emit(self.customer_id)

    def set_customer(self, customer_id: int | None) -> None:
        self.results.hide()
        self.results.clear()
        self.customer_id = customer_id
        if customer_id is None:
            self.edit.clear()
            self.taboos.hide()
            return
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            self.set_customer(None)
            return
        self.edit.setText(display_name(customer))
        taboos = preferences_of([customer_id])[customer_id]["taboo"]
        self.taboos.setText("⚠ " + _("Taboos: {list}").format(list="、".join(taboos)) if taboos else "")
        self.taboos.setVisible(bool(taboos))

    def clear(self) -> None:
        self.set_customer(None)
        self.customerPicked.emit(None)
