"""“Raise anomaly sheet…” on the form of a record another desk keeps (a complaint, an incident): the
quality department's quick form starts from the record, and once saved the record's form lists the
sheets raised from it. One offer serves every such form (feedback_desk/desks/quality/raised_from.py)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel

from feedback_desk.base.i18n import _
from feedback_desk.desks.quality import permissions, raised_from

from ui.kit import operation
from ui.kit.permitted import guard


class SheetOffer:
    """The button in `form`'s button box and the list of sheets raised, a row of `layout`.
    `record` None (a form for a new record): the row stays hidden and there is no button."""

    def __init__(self, form, layout: QFormLayout, record, kind_text: str, number: str, enabled: bool,
                 tip: str):
        self.form, self.layout, self.record = form, layout, record
        self.kind_text, self.number = kind_text, number
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addRow(_("Anomaly sheets"), self.label)
        self.button = None
        if record is not None:
            self.button = form.buttons.addButton(_("Raise anomaly sheet…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.button.setToolTip(tip)
            self.button.clicked.connect(self.raise_sheet)
            guard(self.button, permissions.RAISE, form.author, enabled=enabled)
        self.show_sheets()

    def show_sheets(self) -> None:
        sheets = raised_from.sheets_raised_from(type(self.record), self.record.id) if self.record is not None else []
        self.label.setText("\n".join(f"{s.number} · {s.state}" for s in sheets))
        self.layout.setRowVisible(self.label, bool(sheets))

    def raise_sheet(self):
        """The quality department's sheet for this record, starting from what it says."""
        from ui.desks.quality.anomaly_form import AnomalyForm

        table, record, author = type(self.record)._meta.table_name, self.record, self.form.author
        start = operation.run(self.form, lambda: raised_from.starting_values(table, record.id, author),
                              title=_("Raise anomaly sheet"))
        if not start.ok:
            return None
        sheet_form = AnomalyForm(author, parent=self.form, origin=(table, record.id), start=start.result,
                                 origin_text=f"{self.kind_text} {self.number}")
        sheet_form.sheetChanged.connect(lambda _sheet_id: self.show_sheets())
        sheet_form.open()
        return sheet_form
