"""One exchange on a work item, as a small form: what is said (a text, a reason), and where the step
asks for it a new date, a colleague, a new doer or a ruling's decision. Each field is named as the
core names it, so a refusal shows beside its field; the step itself is the core's (item_actions.py).
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit

from feedback_desk.base.i18n import _
from feedback_desk.desks.work.vocab import ACKNOWLEDGEMENTS, RULINGS

from ui.kit.people_pickers import PersonCombo
from ui.kit.forms import FormDialog
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items


class StepForm(FormDialog):
    """`fields`: (key, label) pairs among text, reason, words (an acknowledgement's), new_due_on,
    colleague, doer and decision; `save(values)` runs the step with what was entered."""

    def __init__(self, title: str, intro: str, fields: list[tuple[str, str]], save: Callable[[dict], Any],
                 leave_out: tuple[int, ...] = (), parent=None):
        super().__init__(title, parent)
        self._save = save
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            note.setObjectName("step_intro")
            self.form.addRow(note)
        self.inputs: dict[str, Any] = {}
        for key, text in fields:
            self.inputs[key] = self.add_field(key, text, self._widget(key, leave_out))
        self.finish_layout()
        self.resize(520, 300 if any(k in ("text", "reason") for k, _t in fields) else 200)
        self.dirty = False
        first = next(iter(self.inputs.values()), None)
        if first is not None:
            first.setFocus()

    @staticmethod
    def _widget(key: str, leave_out: tuple[int, ...]):
        if key in ("text", "reason"):
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setMinimumHeight(80)
            return box
        if key == "words":  # 收到 / 我明白 / 正在办理, or one's own words
            box = QComboBox()
            box.setEditable(True)
            box.addItems(list(ACKNOWLEDGEMENTS))
            return box
        if key == "new_due_on":
            return DateEdit(optional=True)
        if key in ("colleague", "doer"):
            return PersonCombo(leave_out=leave_out)
        if key == "decision":
            return ChoiceCombo(vocab_items(RULINGS), blank=_("(choose)"))
        raise KeyError(key)

    def values(self) -> dict:
        values = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            elif isinstance(widget, (PersonCombo, ChoiceCombo, DateEdit)):
                values[key] = widget.value()
            else:
                values[key] = widget.currentText()
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        # an acknowledgement's words are the core's `text`
        if "words" in self.inputs and "text" in errors:
            errors = {("words" if k == "text" else k): v for k, v in errors.items()}
        super().show_errors(errors)

    def save(self):
        return self._save(self.values())
