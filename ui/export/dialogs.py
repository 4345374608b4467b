"""File → Export: the monthly workbook (月度报表) for a month, a ledger (台帐) for a desk and dates."""
from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFileDialog, QLineEdit, QPushButton, QHBoxLayout, QWidget

from feedback_desk.base import clock
from feedback_desk.base.i18n import N_, _
from feedback_desk.desks import registry

from ui.export.run import run_export
from ui.kit.forms import FormDialog
from ui.kit.widgets import ChoiceCombo, DateEdit



class _TargetField(QWidget):
    """A file name with a Browse… button; remembers the last folder in the settings."""

    def __init__(self, settings, default_name: str, parent=None):
        super().__init__(parent)
        self.settings = settings
        folder = settings.value("export/last_folder", str(Path.home())) if settings is not None else str(Path.home())
        self.edit = QLineEdit(str(Path(folder) / default_name))
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)
        self.setFocusProxy(self.edit)

    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as"), self.edit.text(), _("Excel workbook (*.xlsx)"))
        if path:
            self.edit.setText(path if path.endswith(".xlsx") else path + ".xlsx")

    def path(self) -> Path:
        path = Path(self.edit.text().strip())
        if self.settings is not None:
            self.settings.setValue("export/last_folder", str(path.parent))
        return path


class _ExportDialog(FormDialog):
    """The export's choices; Save starts the export in the background and closes the dialog."""

    title = ""

    def __init__(self, settings, parent=None):
        super().__init__(_(self.title), parent)
        self.settings = settings
        self.worker = None

    def job(self, target: Path, bilingual: bool):
        raise NotImplementedError

    def save(self):
        from feedback_desk.base.errors import ValidationError

        target = self.target.path()
        if not target.name or target.suffix.lower() != ".xlsx":
            raise ValidationError({"target": _("Give a file name ending in .xlsx.")})
        job = self.job(target, self.bilingual.isChecked())
        self.worker = run_export(self.parentWidget() or self, _(self.title), job)
        return target


class MonthlyExportDialog(_ExportDialog):
    title = N_("Monthly workbook")

    def __init__(self, settings=None, parent=None):
        super().__init__(settings, parent)
        today = clock.today_local()
        last = (today.replace(day=1) - dt.timedelta(days=1)) if today.day < 6 else today
        self.month = self.add_field("month", _("Month"), QDateEdit())
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(QDate(last.year, last.month, 1))
        self.bilingual = self.add_field("bilingual", _("Headers"), QCheckBox(_("Bilingual (中文 / English)")))
        self.target = self.add_field("target", _("File"), _TargetField(settings, f"月度报表-{last:%Y-%m}.xlsx"))
        self.month.dateChanged.connect(self._rename)
        self.finish_layout()
        self.resize(560, 180)

    def _rename(self, date: QDate) -> None:
        current = Path(self.target.edit.text())
        self.target.edit.setText(str(current.with_name(f"月度报表-{date.year():04d}-{date.month():02d}.xlsx")))

    def job(self, target: Path, bilingual: bool):
        year, month = self.month.date().year(), self.month.date().month()
        monthly = importlib.import_module("feedback_desk.export.monthly")
        return lambda progress, cancelled: monthly.export_month(year, month, target, progress=progress,
                                                                bilingual=bilingual)


class LedgerExportDialog(_ExportDialog):
    title = N_("Ledger")

    def __init__(self, settings=None, desk: str = "", parent=None):
        super().__init__(settings, parent)
        today = clock.today_local()
        self.desk = self.add_field("desk", _("Desk"), ChoiceCombo(
            [(key, _(ledger.title)) for key, ledger in registry.ledgers().items()]))
        if desk:  # the current desk's ledger; else the first of the list
            self.desk.set_value(desk)
        self.date_from = self.add_field("date_from", _("From"), DateEdit())
        self.date_from.set_value(today.replace(month=1, day=1))
        self.date_to = self.add_field("date_to", _("To"), DateEdit())
        self.date_to.set_value(today)
        self.bilingual = self.add_field("bilingual", _("Headers"), QCheckBox(_("Bilingual (中文 / English)")))
        self.target = self.add_field("target", _("File"), _TargetField(settings, f"台帐-{desk}-{today:%Y}.xlsx"))
        self.finish_layout()
        self.resize(560, 220)

    def job(self, target: Path, bilingual: bool):
        from feedback_desk.base.errors import ValidationError

        desk, start, end = self.desk.value(), self.date_from.value(), self.date_to.value()
        if end < start:
            raise ValidationError({"date_to": _("The end comes before the start.")})
        ledgers = importlib.import_module("feedback_desk.export.ledgers")
        return lambda progress, cancelled: ledgers.export_ledger(desk, start, end, target, progress=progress,
                                                                 cancelled=cancelled, bilingual=bilingual)


class PeriodReportDialog(_ExportDialog):
    """A report of a week (any day of it) or of a month (a desk spec's `reports`)."""

    def __init__(self, report, settings=None, parent=None):
        self.title = report.title
        super().__init__(settings, parent)
        self.report = report
        today = clock.today_local()
        if report.period == "week":
            self.period = self.add_field("period", _("Any day of the week"), DateEdit())
            self.period.set_value(today)
        else:
            self.period = self.add_field("period", _("Month"), QDateEdit())
            self.period.setDisplayFormat("yyyy-MM")
            self.period.setDate(QDate(today.year, today.month, 1))
        self.bilingual = self.add_field("bilingual", _("Headers"), QCheckBox(_("Bilingual (中文 / English)")))
        self.target = self.add_field("target", _("File"), _TargetField(settings, self._file_name()))
        self.period.dateChanged.connect(lambda _date: self.target.edit.setText(
            str(Path(self.target.edit.text()).with_name(self._file_name()))))
        self.finish_layout()
        self.resize(560, 180)

    def period_text(self) -> str:
        date = self.period.date()
        if self.report.period == "week":
            return f"{date.year():04d}-{date.month():02d}-{date.day():02d}"
        return f"{date.year():04d}-{date.month():02d}"

    def _file_name(self) -> str:
        return self.report.file_name.format(period=self.period_text())

    def job(self, target: Path, bilingual: bool):
        period, write = self.period_text(), self.report.write
        return lambda progress, cancelled: write(period, target, bilingual=bilingual)


def period_report_actions(window, settings, person) -> list:
    """File → Export's entry per report of a week or a month, disabled (with the reason) for whoever may
    not export it; each opens its dialog."""
    from PySide6.QtGui import QAction

    from ui.kit.permitted import guard

    reports = importlib.import_module("feedback_desk.desks.registry").period_reports()
    actions = []
    for report in reports:
        action = QAction(_("Export: {report}…").format(report=_(report.title)), window)
        action.setObjectName(f"export_{report.key}")

        def opened(_checked=False, report=report):
            dialog = PeriodReportDialog(report, settings, window)
            dialog.open()
            return dialog
        action.triggered.connect(opened)
        guard(action, report.permission, person)
        actions.append(action)
    return actions
