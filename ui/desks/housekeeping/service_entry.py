"""The inputs of a service-sheet line: fields side by side, the room state by one key, times as HH:MM."""
from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from feedback_desk.base import cleaning
from feedback_desk.base.i18n import _
from feedback_desk.base.vocab import ROOM_STATES

from ui.kit.widgets import ChoiceCombo


class SideBySide:
    """Lets FormDialog.add_field lay fields side by side: each label above its input and message."""

    def __init__(self, grid: QGridLayout):
        self.grid, self.col = grid, 0

    def addRow(self, label: QLabel, container: QWidget) -> None:  # noqa: N802 (QFormLayout's name)
        self.grid.addWidget(label, 0, self.col, Qt.AlignmentFlag.AlignBottom)
        self.grid.addWidget(container, 1, self.col, Qt.AlignmentFlag.AlignTop)
        self.col += 1


class RoomStateCombo(ChoiceCombo):
    """The room state: a digit (1–5) or the first letter of the state picks it."""

    def __init__(self, parent=None):
        items = [(key, f"{i} {_(text)}") for i, (key, text) in enumerate(ROOM_STATES.items(), start=1)]
        super().__init__(items, blank="—", parent=parent)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        text = event.text().lower()
        number = cleaning.whole_number(text)  # a decimal digit of any script ('１' too); '²' is none
        if number is not None and 1 <= number <= len(ROOM_STATES):
            self.setCurrentIndex(number)
            return
        if text.isalpha() and text.isascii():
            for i, (key, name) in enumerate(ROOM_STATES.items(), start=1):
                if key.startswith(text) or name.lower().startswith(text):
                    self.setCurrentIndex(i)
                    return
        super().keyPressEvent(event)


def time_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(_("HH:MM"))
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,2}:?\d{0,2}$")))
    edit.setMaximumWidth(80)
    return edit


def normalise_time(text: str) -> str:
    """"930" or "0930" → "09:30"; anything else goes to the core as typed."""
    text = text.strip()
    if re.fullmatch(r"\d{3,4}", text):
        text = text[:-2] + ":" + text[-2:]
    if re.fullmatch(r"\d{1,2}:\d{2}", text):
        hours, minutes = text.split(":")
        return f"{int(hours):02d}:{minutes}"
    return text
