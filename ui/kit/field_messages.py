"""Messages beside the fields of a page that is no `FormDialog` (a settings dialog's rows, the
work calendar's line): `operation.run(..., form=messages, on_error=messages.show_general)` puts a
refusal's message under the field it is about, as in every form; one about a field not named here,
and any other refusal (a change made meanwhile at another PC too), goes on the page's own line.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.kit.forms import with_message_line


class FieldMessages:
    def __init__(self, general: QLabel):
        self.general = general
        self.lines: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def beside(self, key: str, widget: QWidget) -> QWidget:
        """`widget` with its message line under it: what goes in the layout where `widget` went."""
        holder, line = with_message_line(key, widget)
        self.lines[key] = line
        self.widgets[key] = widget
        if isinstance(widget, QLineEdit):  # the message goes as soon as the user changes the text
            widget.textChanged.connect(lambda _text: self.clear_error(key))
        return holder

    def error_text(self, key: str) -> str:
        """The message shown under the field, "" when none is."""
        line = self.lines.get(key)
        return line.text() if line is not None and not line.isHidden() else ""

    def clear_error(self, key: str) -> None:
        line = self.lines.get(key)
        if line is not None:
            line.clear()
            line.hide()

    def clear(self) -> None:
        """No message anywhere (after a use case went through)."""
        for key in self.lines:
            self.clear_error(key)
        self.general.clear()
        self.general.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear()
        general = []
        first = None
        for key, message in errors.items():
            line = self.lines.get(key)
            if line is None:
                general.append(message)
                continue
            line.setText(message)
            line.show()
            first = first or self.widgets[key]
        if first is not None:  # where the user puts it right
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        if general:
            self.general.setText("\n".join(general))
            self.general.show()

    def show_general(self, message: str) -> None:
        self.clear()
        self.general.setText(message)
        self.general.setVisible(bool(message))
