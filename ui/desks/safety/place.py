"""Where a hazard was found or an incident happened: free text (洗衣房, 停车场), with the room list
offered as one types a room's number."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from feedback_desk.desks.housekeeping import room_numbers


def place_edit(example: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(example)
    completer = QCompleter(room_numbers(), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
    edit.setCompleter(completer)
    return edit
