"""Small input widgets shared by the forms: optional dates, combo boxes over vocabularies."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit

from feedback_desk.base.i18n import _, language

_NONE_DATE = QDate(2000, 1, 1)


def date_format() -> str:
    return "yyyy-MM-dd" if language() == "zh_CN" else "dd MMM yyyy"


class DateEdit(QDateEdit):
    """A date typed or picked from a calendar; optional dates show blank for "none"."""

    def __init__(self, optional: bool = False, parent=None):
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        if optional:
            self.setMinimumDate(_NONE_DATE)
            self.setSpecialValueText(" ")
            self.setDate(_NONE_DATE)
        else:
            self.setDate(QDate.currentDate())

    def value(self) -> dt.date | None:
        qd = self.date()
        if self.optional and qd == _NONE_DATE:
            return None
        return dt.date(qd.year(), qd.month(), qd.day())

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_NONE_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.set_value(None)


class ChoiceCombo(QComboBox):
    """A combo box over (key, label) pairs; `value()` gives the key (None for the blank entry)."""

    def __init__(self, items, blank: str | None = None, parent=None):
        super().__init__(parent)
        self.set_items(items, blank)

    def set_items(self, items, blank: str | None = None) -> None:
        self.clear()
        if blank is not None:
            self.addItem(blank, None)
        for key, text in items:
            self.addItem(text, key)

    def value(self):
        return self.currentData()

    def set_value(self, key) -> None:
        index = self.findData(key)
        self.setCurrentIndex(index if index >= 0 else 0)


def vocab_items(vocabulary: dict) -> list[tuple]:
    return [(k, _(v)) for k, v in vocabulary.items()]


def text_box(height: int) -> QPlainTextEdit:
    """A few lines of text in a form: Tab moves on (it types no tab), at most `height` pixels high."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box
