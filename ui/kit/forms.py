"""A form dialog: messages beside their fields, Ctrl+S to save, asks before losing changes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QSizePolicy,
                               QSpinBox, QVBoxLayout, QWidget)

from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _

from ui.kit import operation
from ui.kit.screen_fit import FittingDialog

ERROR_STYLE = "color: #b00020;"
ELSEWHERE_STYLE = "background: #fff4ce; color: #5c4400; padding: 6px; border: 1px solid #e0c060;"


def with_message_line(key: str, widget: QWidget) -> tuple[QWidget, QLabel]:
    """`widget` with its (hidden) message line under it: what goes in the layout, and the line."""
    error = QLabel()
    error.setObjectName(f"error_{key}")
    error.setStyleSheet(ERROR_STYLE)
    error.setWordWrap(True)
    error.hide()
    container = QWidget()
    box = QVBoxLayout(container)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(error)
    return container, error


class FieldRow:
    def __init__(self, key: str, label: QLabel, widget: QWidget, error: QLabel, container: QWidget):
        self.key, self.label, self.widget, self.error, self.container = key, label, widget, error, container


class FormDialog(FittingDialog):
    """Subclasses add fields with `add_field` and implement `save()`, which calls a core use case."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.fields: dict[str, FieldRow] = {}
        self.dirty = False
        self.result_record = None
        outer = QVBoxLayout(self)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        outer.addWidget(self.general_error)
        self.elsewhere = QLabel()  # the record was changed at another workstation meanwhile
        self.elsewhere.setObjectName("changed_elsewhere")
        self.elsewhere.setStyleSheet(ELSEWHERE_STYLE)
        self.elsewhere.setWordWrap(True)
        self.elsewhere.hide()
        outer.addWidget(self.elsewhere)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.columns = QHBoxLayout()
        self.columns.addLayout(self.form, 1)
        self.side: QVBoxLayout | None = None
        outer.addLayout(self.columns)
        self.body = outer
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(_("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_save)

    def add_side(self, widget: QWidget) -> None:
        """A second column to the right of the form (keeps long paper forms on one screen)."""
        if self.side is None:
            self.side = QVBoxLayout()
            self.columns.addLayout(self.side, 1)
        self.side.addWidget(widget)

    def finish_layout(self, compact: bool = False) -> None:
        """`compact`: every row keeps its own height and the spare room goes below the form (a short
        form beside a tall second column), instead of spreading between its rows."""
        if self.side is not None:
            self.side.addStretch(1)
        if compact:
            for row in self.fields.values():
                if row.container.parent() is not None and self.form.indexOf(row.container) >= 0:
                    row.container.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
                    if isinstance(row.widget, (QComboBox, QDateTimeEdit)):  # a short input keeps its own width
                        row.container.layout().setAlignment(row.widget, Qt.AlignmentFlag.AlignLeft)
            self.columns.setAlignment(self.form, Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(self.buttons)

    # --- fields ----------------------------------------------------------
    def add_field(self, key: str, label_text: str, widget: QWidget, layout: QFormLayout | None = None) -> QWidget:
        layout = layout or self.form
        label = QLabel(label_text)
        label.setBuddy(widget)
        widget.setAccessibleName(label_text.replace("&", ""))
        container, error = with_message_line(key, widget)
        layout.addRow(label, container)
        self.fields[key] = FieldRow(key, label, widget, error, container)
        self._watch(widget, key)
        return widget

    def set_row_visible(self, key: str, visible: bool) -> None:
        row = self.fields[key]
        row.label.setVisible(visible)
        row.container.setVisible(visible)

    def _watch(self, widget: QWidget, key: str | None = None) -> None:
        """Changes mark the form dirty; the field's message goes as soon as the user edits it."""
        mark = self.mark_dirty
        fixed = (lambda *args: self.clear_error(key)) if key is not None else None
        signals = []
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(mark)
            signals = [widget.textChanged]
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(mark)
            signals = [widget.textChanged]
        elif isinstance(widget, QComboBox):
            widget.activated.connect(mark)
            signals = [widget.activated, widget.editTextChanged]
        elif isinstance(widget, QDateEdit):
            widget.editingFinished.connect(mark)
            signals = [widget.dateChanged]
        elif isinstance(widget, QSpinBox):
            widget.editingFinished.connect(mark)
            signals = [widget.valueChanged]
        elif isinstance(widget, (QCheckBox, QAbstractButton)):
            widget.toggled.connect(mark)
            signals = [widget.toggled]
        elif hasattr(widget, "customerPicked"):  # the customer picker
            signals = [widget.customerPicked]
        if fixed is not None:
            for signal in signals:
                signal.connect(fixed)

    def clear_error(self, key: str) -> None:
        row = self.fields.get(key)
        if row is not None and not row.error.isHidden():
            row.error.clear()
            row.error.hide()

    def mark_dirty(self, *args) -> None:
        self.dirty = True

    def error_text(self, key: str) -> str:
        row = self.fields.get(key)
        return row.error.text() if row and not row.error.isHidden() else ""

    def clear_errors(self) -> None:
        self.general_error.hide()
        for row in self.fields.values():
            row.error.clear()
            row.error.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        general = []
        first = None
        for key, message in errors.items():
            row = self.fields.get(key)
            if row is None or row.container.isHidden():
                general.append(message)
                continue
            row.error.setText(message)
            row.error.show()
            first = first or row.widget
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the record changed at another workstation ---------------------------------------
    def watched_record(self):
        """The saved record this form shows (None: a new one), whose changes elsewhere it is told of."""
        return None

    def changed_elsewhere(self, who: str, at_utc) -> None:
        """Say, above the fields, that someone else saved this record meanwhile: the user's save
        would be refused, and what they typed is still here to copy."""
        when = fmt_datetime(at_utc)
        text = (_("{name} changed this record at another workstation ({when}).").format(name=who, when=when)
                if who else _("This record was changed at another workstation ({when}).").format(when=when))
        self.elsewhere.setText(text + " " + _("Saving it now would be refused: copy what you typed, close the "
                                              "form and open the record again to see the changes."))
        self.elsewhere.show()

    # --- saving ----------------------------------------------------------
    def save(self):
        raise NotImplementedError

    def try_save(self) -> bool:
        """Save through the core; any refusal or fault is shown here and the form keeps its text."""
        outcome = operation.run(self, self.save, form=self, context=f"saving {type(self).__name__}")
        if not outcome.ok:
            return False
        self.result_record = outcome.result
        self.dirty = False
        self.accept()
        return True

    def show_general(self, message: str) -> None:
        """A message about the whole form, above its fields."""
        self.clear_errors()
        self.general_error.setText(message)
        self.general_error.show()

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self, _("Unsaved changes"), _("Discard the changes you made in this form?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.dirty = False
        super().reject()

    def closeEvent(self, event) -> None:
        if self.dirty:
            event.ignore()
            self.reject()
            if not self.dirty:
                event.accept()
            return
        super().closeEvent(event)
