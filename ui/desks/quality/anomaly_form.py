"""The quality anomaly sheet (质量异常警报表 / 质量异常反馈单): raised in under a minute, then investigated,
acted on (CAPA), verified and closed — the gates are the core's, their refusals shown beside the fields.

A new sheet is the inspector's short form (Ctrl+S saves it with its photos). An existing sheet shows the
header on the left and, on the right, the investigation, the actions, the verification and the other
sheets of its batch; the bar on top moves it one step on (Ctrl+Enter). A major sheet's investigation
team is named by the general manager or the deputy ("Name the investigation team…"). What the person
signed in may not do is disabled, the reason in its tool tip (the core refuses it anyway).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QScrollArea, QSizePolicy, QTabWidget, QWidget)

from feedback_desk.base import clock
from feedback_desk.desks.quality import permissions, raised_from, sheets as quality
from feedback_desk.desks.quality.actions import FILES, raise_sheet_with_photos
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.desks.quality.sheets import ACTIVE_STATES
from feedback_desk.base.attachments import Attachment
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.quality.listings import others_of_batch
from feedback_desk.base.vocab import ANOMALY_SOURCES, ANOMALY_STATES, CAUSE_CATEGORIES, SEVERITIES, label

from ui.desks.quality.anomaly_parts import ActionsPanel
from ui.desks.quality.anomaly_steps import ACTIONS, BATCH, INVESTIGATION, NEXT_STEP, VERIFICATION, SheetSteps
from ui.kit.attachment_strip import add_files_field
from ui.desks.customers.picker import CustomerPicker
from ui.kit.forms import FieldRow, FormDialog
from ui.kit.permitted import guard, may
from ui.kit.pickers import department_items, people_items
from ui.kit.widgets import ChoiceCombo, DateEdit, date_format, vocab_items
from ui.kit.history import offer_history

BANNER_STYLE = "background: #fff4d6; border: 1px solid #e0b84c; padding: 6px; font-weight: bold;"
GM_STYLE = "background: #fde7e9; border: 1px solid #b00020; color: #b00020; padding: 6px; font-weight: bold;"
VOID_STYLE = "background: #eeeeee; border: 1px solid #9e9e9e; padding: 6px; font-weight: bold;"
_PAGE_OF = {**{k: INVESTIGATION for k in quality.INVESTIGATION_FIELDS}, "investigation_team": INVESTIGATION,
            "actions": ACTIONS,
            "verified_by": VERIFICATION, "verified_on": VERIFICATION, "verification_result": VERIFICATION}


def _text_box(height: int = 54) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class AnomalyForm(SheetSteps, FormDialog):
    sheetChanged = Signal(int)        # saved, advanced, an action or a file changed
    openSheetRequested = Signal(int)  # the earlier sheet of a recurrence, another sheet of the batch

    def __init__(self, author: Staff, sheet: AnomalySheet | None = None, parent=None,
                 origin: tuple[str, int] | None = None, start: dict | None = None, origin_text: str = ""):
        """`origin`: a new sheet raised from that record (table, id), its form starting with `start`
        (raised_from.starting_values) and saying `origin_text` (what the record is, its number)."""
        super().__init__(_("Quality anomaly sheet") if sheet else _("New quality anomaly sheet"), parent)
        self.author, self.origin = author, origin
        self.sheet: AnomalySheet | None = None
        self._loaded_found: dt.datetime | None = None
        self._build_banners()
        self._build_header()
        self.pages: QTabWidget | None = None
        if sheet is not None:
            self._build_side()
        self.finish_layout()
        if sheet is not None:
            offer_history(self, AnomalySheet, sheet.id, sheet.number, rows=lambda: quality.sheet_history(sheet.id),
                          parts={CapaAction: N_("CAPA action"), Attachment: N_("Attachment")})
        for row in self.fields.values():
            if row.key == "actions":
                continue
            # text boxes keep their height (the spare room goes below the form); a message beside a
            # short input (a combo box, a date) gets the column's whole width, the input keeps its own
            row.container.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
            if isinstance(row.widget, (QComboBox, QDateTimeEdit)):
                row.container.layout().setAlignment(row.widget, Qt.AlignmentFlag.AlignLeft)
        if self.pages is not None:
            self.side.setStretchFactor(self.pages, 100)
        if sheet is not None:
            self.show_sheet(sheet.id)
            self.resize(1240, 720)
            self.description.setFocus()
        else:
            self.source.set_value("internal")
            self.found_at.setDateTime(self._now_local())
            self.found_by.set_value(author.id)
            self.severity.set_value("general")
            if origin is not None:
                self._start_from(start or {}, origin_text)
            self.files.show_record(None, True)
            self._update_visibility()
            self.dirty = False
            self.resize(640, self.sizeHint().height())
            self.product.setFocus()

    def watched_record(self):
        return self.sheet

    def _start_from(self, start: dict, origin_text: str) -> None:
        """A sheet raised from another record starts with what that record says."""
        self.source.set_value(start.get("source", "external"))
        self.customer.set_customer(start.get("customer"))
        self.reporter.setText(start.get("reporter", ""))
        self.description.setPlainText(start.get("description", ""))
        self.severity.set_value(start.get("severity", "general"))
        self._show_origin(origin_text)

    def _show_origin(self, text: str) -> None:
        self.origin_label.setText(text)
        self.form.setRowVisible(self.origin_label, bool(text))

    # --- building -------------------------------------------------------------------
    def _build_banners(self) -> None:
        self.state_bar = QWidget()
        bar = QHBoxLayout(self.state_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.state_label = QLabel()
        self.state_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        bar.addWidget(self.state_label)
        bar.addStretch(1)
        self.step_btn = QPushButton()
        self.step_btn.setAutoDefault(False)
        self.step_btn.setToolTip(_("Move the sheet one step on (Ctrl+Enter)"))
        self.step_btn.clicked.connect(self.next_step)
        self.back_btn = QPushButton(_("Send back to actions…"))
        self.back_btn.setAutoDefault(False)
        self.back_btn.setToolTip(_("The verification failed: the sheet goes back to acting, with a reason"))
        self.back_btn.clicked.connect(self.send_back)
        bar.addWidget(self.back_btn)
        bar.addWidget(self.step_btn)
        self.state_bar.hide()
        self.gm_banner = QLabel(_("Major problem: for the general manager, who forms an investigation team."))
        self.gm_banner.setStyleSheet(GM_STYLE)
        self.gm_banner.setWordWrap(True)
        self.gm_banner.hide()
        self.recurrence_bar = QWidget()
        rec = QHBoxLayout(self.recurrence_bar)
        rec.setContentsMargins(0, 0, 0, 0)
        self.recurrence_label = QLabel()
        self.recurrence_label.setStyleSheet(BANNER_STYLE)
        self.recurrence_label.setWordWrap(True)
        self.recurrence_btn = QPushButton()
        self.recurrence_btn.setAutoDefault(False)
        self.recurrence_btn.clicked.connect(self._open_earlier)
        rec.addWidget(self.recurrence_label, 1)
        rec.addWidget(self.recurrence_btn)
        self.recurrence_bar.hide()
        self.void_banner = QLabel()
        self.void_banner.setStyleSheet(VOID_STYLE)
        self.void_banner.setWordWrap(True)
        self.void_banner.hide()
        for n, widget in enumerate((self.state_bar, self.void_banner, self.gm_banner, self.recurrence_bar)):
            self.body.insertWidget(n, widget)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.next_step)

    def _build_header(self) -> None:
        self.number = QLabel(_("(numbered when saved)"))
        self.number.setStyleSheet("font-weight: bold;")
        self.form.addRow(_("Sheet no."), self.number)
        self.origin_label = QLabel()
        self.origin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(_("Raised from"), self.origin_label)
        self.form.setRowVisible(self.origin_label, False)
        self.source = self.add_field("source", _("Source"), ChoiceCombo(vocab_items(ANOMALY_SOURCES)))
        self.found_at = self.add_field("found_at", _("Found at"), QDateTimeEdit())
        self.found_at.setDisplayFormat(date_format() + " HH:mm")
        self.found_at.setCalendarPopup(True)
        self.found_at.editingFinished.connect(self.mark_dirty)
        self.found_by = self.add_field("found_by", _("Found by"), ChoiceCombo(people_items(), blank="—"))
        self.reporter = self.add_field("reporter", _("Reported by"), QLineEdit())
        self.reporter.setPlaceholderText(_("Who reported it: name, company, phone"))
        self.customer = self.add_field("customer", _("Customer"), CustomerPicker())
        self.customer.customerPicked.connect(self.mark_dirty)
        self.product = self.add_field("product", _("Product or part"), QLineEdit())
        self.product.setPlaceholderText(_("e.g. 阀体 DN50"))
        self.batch = self.add_field("batch", _("Batch / lot no."), QLineEdit())
        self.batch.setPlaceholderText(_("e.g. B2611-07"))
        self.quantity = self.add_field("quantity", _("Quantity involved"), QLineEdit())
        self.quantity.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,10}$")))
        self.quantity.setMaximumWidth(140)
        self.severity = self.add_field("severity", _("Severity"), ChoiceCombo(vocab_items(SEVERITIES)))
        self.description = self.add_field("description", _("What is wrong"), _text_box(80))
        self.containment = self.add_field("containment", _("Containment done at once"), _text_box(54))
        self.containment.setPlaceholderText(_("e.g. 同批隔离待检"))
        self.files = add_files_field(self, self.author, FILES)
        self.files.changed.connect(self._files_changed)
        self.source.currentIndexChanged.connect(self._update_visibility)
        self.severity.currentIndexChanged.connect(self._update_visibility)

    def _build_side(self) -> None:
        self.pages = QTabWidget()
        self.pages.setMinimumWidth(560)
        inv = QWidget()
        form = QFormLayout(inv)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.same_batch_check = self.add_field("same_batch_check", _("Check of the same batch"), _text_box(), form)
        self.retained_sample = self.add_field("retained_sample", _("Retained samples re-tested"), _text_box(), form)
        self.retained_sample.setPlaceholderText(_("留样复查 and its result"))
        self.site_visit = self.add_field("site_visit", _("Visit to the user"), _text_box(), form)
        self.review_members = self.add_field("review_members", _("Review members"), QLineEdit(), form)
        self.review_conclusion = self.add_field("review_conclusion", _("Review conclusion"), _text_box(), form)
        self.cause = self.add_field("cause_category", _("Cause category"),
                                    ChoiceCombo(vocab_items(CAUSE_CATEGORIES), blank="—"), form)
        self.root_cause = self.add_field("root_cause", _("Root cause"), _text_box(), form)
        self.department = self.add_field("responsible_department", _("Responsible department"),
                                         ChoiceCombo(department_items(), blank="—"), form)
        team = QWidget()
        row = QHBoxLayout(team)
        row.setContentsMargins(0, 0, 0, 0)
        self.team = QLabel()
        self.team.setWordWrap(True)
        self.team.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.team_btn = QPushButton(_("Name the investigation team…"))
        self.team_btn.setAutoDefault(False)
        self.team_btn.setToolTip(_("The general manager or the deputy names the members of the team "
                                   "(质量信息反馈服务管理制度 4.5)"))
        self.team_btn.clicked.connect(lambda: self.name_team())
        row.addWidget(self.team, 1)
        row.addWidget(self.team_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.add_field("investigation_team", _("Investigation team"), team, form)
        self.team_named = self.add_field("team_named_by", _("Team named by"), QLabel(), form)
        self.inv_scroll = QScrollArea()
        self.inv_scroll.setWidgetResizable(True)
        self.inv_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.inv_scroll.setWidget(inv)
        self.pages.addTab(self.inv_scroll, _("Investigation"))

        self.actions = ActionsPanel(self.author)
        self.actions.changed.connect(self._actions_changed)
        self.fields["actions"] = FieldRow("actions", QLabel(_("Actions")), self.actions.table, self.actions.error,
                                          self.actions)
        self.pages.addTab(self.actions, _("Actions (CAPA)"))

        ver = QWidget()
        form = QFormLayout(ver)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        hint = QLabel(_("Follow-up check of the effect (跟踪检查实施效果): who checked, when, and what was found."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow(hint)
        self.verified_by = self.add_field("verified_by", _("Verified by"), ChoiceCombo(people_items(), blank="—"),
                                          form)
        self.verified_on = self.add_field("verified_on", _("Verified on"), DateEdit(optional=True), form)
        self.verification_result = self.add_field("verification_result", _("Result"), _text_box(90), form)
        self.returned = QLabel()
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet(BANNER_STYLE)
        form.addRow(self.returned)
        self.pages.addTab(ver, _("Verification"))

        self.batch_list = QListWidget()
        self.batch_list.setAccessibleName(_("Other sheets of this batch"))
        self.batch_list.itemActivated.connect(
            lambda item: self.openSheetRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.pages.addTab(self.batch_list, _("Same batch"))
        self.add_side(self.pages)

    # --- showing ----------------------------------------------------------------------
    def _now_local(self) -> QDateTime:
        return QDateTime(clock.to_local(clock.now_utc()).replace(second=0, microsecond=0, tzinfo=None))

    def show_sheet(self, sheet_id: int) -> None:
        s = self.sheet = quality.get_sheet(sheet_id)
        live = not s.voided and s.state != "closed"
        self.setWindowTitle(_("Quality anomaly sheet {number}").format(number=s.number))
        self.number.setText(s.number)
        link = raised_from.origin_of(s)
        self._show_origin(f"{link.kind} {link.number}" if link else "")
        self.source.set_value(s.source)
        found = clock.to_local(s.found_at).replace(tzinfo=None)
        self._loaded_found = found.replace(second=0, microsecond=0)
        self.found_at.setDateTime(QDateTime(found))
        if s.found_by_id and self.found_by.findData(s.found_by_id) < 0:
            self.found_by.addItem(s.found_by.name, s.found_by_id)
        self.found_by.set_value(s.found_by_id)
        self.reporter.setText(s.reporter)
        self.customer.set_customer(s.customer_id)
        self.product.setText(s.product)
        self.batch.setText(s.batch)
        self.quantity.setText("" if s.quantity is None else str(s.quantity))
        self.severity.set_value(s.severity)
        self.description.setPlainText(s.description)
        self.containment.setPlainText(s.containment)
        for name in ("same_batch_check", "retained_sample", "site_visit", "review_conclusion", "root_cause"):
            getattr(self, name).setPlainText(getattr(s, name))
        self.review_members.setText(s.review_members)
        self.team.setText(s.investigation_team or _("Not named yet."))
        self.team_named.setText(f"{s.team_named_by.name} · {fmt_datetime(s.team_named_at) if s.team_named_at else ''}"
                                if s.team_named_by_id else "—")
        self.cause.set_value(s.cause_category)
        self.department.set_value(s.responsible_department_id)
        self.verified_by.set_value(s.verified_by_id)
        self.verified_on.set_value(s.verified_on)
        self.verification_result.setPlainText(s.verification_result)
        self.returned.setText(_("Sent back to acting: {reason}").format(reason=s.returned_reason))
        self.returned.setVisible(bool(s.returned_reason) and s.state != "closed")
        active = not s.voided and s.state in ACTIVE_STATES
        self.files.show_record(s.id, active)
        self.actions.show_sheet(s.id, active)
        # the header: who raised it (while raised) or the quality department; the rest: the quality department
        works = may(permissions.WORK_ON, self.author, s)
        corrects = may(permissions.CORRECT, self.author, s)
        for row in self.fields.values():
            if row.key not in ("attachment", "actions", "investigation_team", "team_named_by"):
                row.widget.setEnabled(live and (works if row.key in quality.INVESTIGATION_FIELDS else corrects or works))
        verifying = live and s.state == "verifying"
        for widget in (self.verified_by, self.verified_on, self.verification_result):
            widget.setEnabled(verifying and may(permissions.CLOSE, self.author, s))
        guard(self.team_btn, permissions.NAME_TEAM, self.author, s, live and s.severity == "major")
        self._show_state(s)
        self._show_batch(s)
        self._update_visibility()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
                                        if live else QDialogButtonBox.StandardButton.Close)
        if live:
            save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setToolTip(_("Save (Ctrl+S)"))
            guard(save, permissions.CORRECT if corrects else permissions.WORK_ON, self.author, s)
        self.dirty = False

    def _show_state(self, s: AnomalySheet) -> None:
        text = _("{number} · {state}").format(number=s.number, state=label(ANOMALY_STATES, s.state))
        if s.state == "closed":
            text += " · " + _("closed {when}, verified by {name}").format(
                when=fmt_datetime(s.closed_at), name=s.verified_by.name if s.verified_by_id else "?")
        self.state_label.setText(text)
        self.state_label.setAccessibleName(text)
        step = NEXT_STEP.get(s.state) if not s.voided else None
        self.step_btn.setVisible(step is not None)
        if step is not None:
            self.step_btn.setText(_(step[1]))
            guard(self.step_btn, permissions.CLOSE if step[0] == "closed" else permissions.WORK_ON, self.author, s)
        self.back_btn.setVisible(not s.voided and s.state == "verifying")
        guard(self.back_btn, permissions.WORK_ON, self.author, s)
        self.state_bar.show()
        self.void_banner.setText(_("This anomaly sheet is void: {reason}").format(reason=s.void_reason or ""))
        self.void_banner.setVisible(bool(s.voided))
        if s.recurrence_of_id:
            earlier = AnomalySheet.get_by_id(s.recurrence_of_id)
            self.recurrence_label.setText(_("Recurrence: the same product and cause as {number}, closed on {date}.")
                                          .format(number=earlier.number,
                                                  date=fmt_date(clock.to_local(earlier.closed_at).date())
                                                  if earlier.closed_at else "?"))
            self.recurrence_btn.setText(_("Open {number}").format(number=earlier.number))
            self.recurrence_btn.setProperty("sheet_id", earlier.id)
        self.recurrence_bar.setVisible(bool(s.recurrence_of_id))

    def _show_batch(self, s: AnomalySheet) -> None:
        self.batch_list.clear()
        others = others_of_batch(s.id)
        for other in others:
            item = QListWidgetItem("  ·  ".join((other.number, fmt_datetime(other.found_at), other.product,
                                                 label(SEVERITIES, other.severity),
                                                 label(ANOMALY_STATES, other.state))))
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            item.setToolTip(other.description)
            self.batch_list.addItem(item)
        if not others:
            self.batch_list.addItem(_("No other sheet names batch {batch}.").format(batch=s.batch)
                                    if s.batch else _("This sheet names no batch."))
        self.pages.setTabText(BATCH, _("Same batch ({n})").format(n=len(others)))

    def _update_visibility(self, *args) -> None:
        external = self.source.value() == "external"
        self.set_row_visible("reporter", external)
        self.set_row_visible("customer", external)
        major = self.severity.value() == "major"
        self.gm_banner.setVisible(major or bool(self.sheet and self.sheet.for_general_manager))
        if self.pages is not None:
            self.set_row_visible("site_visit", external or bool(self.site_visit.toPlainText()))
            team = major or bool(self.sheet and (self.sheet.investigation_team or self.sheet.team_named_by_id))
            self.set_row_visible("investigation_team", team)
            self.set_row_visible("team_named_by", team)
            self.team_btn.setVisible(major)

    def _open_earlier(self) -> None:
        sheet_id = self.recurrence_btn.property("sheet_id")
        if sheet_id:
            self.openSheetRequested.emit(int(sheet_id))

    # --- values and saving ------------------------------------------------------------
    def values(self) -> dict:
        values = {"source": self.source.value(), "found_by": self.found_by.value(),
                  "reporter": self.reporter.text(), "customer": self.customer.customer_id,
                  "product": self.product.text(), "batch": self.batch.text(), "quantity": self.quantity.text(),
                  "severity": self.severity.value(), "description": self.description.toPlainText(),
                  "containment": self.containment.toPlainText()}
        found = self.found_at.dateTime().toPython().replace(second=0, microsecond=0)
        if found != self._loaded_found:  # an untouched time keeps its stored seconds (and no history row)
            values["found_at"] = found
        if self.pages is not None:
            values.update({"same_batch_check": self.same_batch_check.toPlainText(),
                           "retained_sample": self.retained_sample.toPlainText(),
                           "site_visit": self.site_visit.toPlainText(),
                           "review_members": self.review_members.text(),
                           "review_conclusion": self.review_conclusion.toPlainText(),
                           "cause_category": self.cause.value(), "root_cause": self.root_cause.toPlainText(),
                           "responsible_department": self.department.value()})
        return values

    def _check_customer(self) -> None:
        if (self.source.value() == "external" and self.customer.edit.text().strip()
                and self.customer.customer_id is None):
            raise ValidationError({"customer": _("Pick the customer from the list, or clear the field.")})

    def save(self):
        self._check_customer()
        if self.sheet is None:
            # the sheet and its photos in one use case: nothing half-saved
            if self.origin is not None:
                sheet = raised_from.raise_from(*self.origin, self.values(), self.author, self.files.pending)
            else:
                sheet = raise_sheet_with_photos(self.values(), self.author, self.files.pending)
            self.sheetChanged.emit(sheet.id)
            return sheet
        if self.dirty and not self.sheet.voided and self.sheet.state != "closed":
            self.sheet = quality.update_sheet(self.sheet.id, self.sheet.version, self.values(), self.author)
            self.sheetChanged.emit(self.sheet.id)
        return self.sheet

    def show_errors(self, errors: dict[str, str]) -> None:
        if self.pages is not None:  # the page of the first message comes to the front, then the messages
            page = next((_PAGE_OF[k] for k in errors if k in _PAGE_OF), None)
            if page is not None:
                self.pages.setCurrentIndex(page)
        super().show_errors(errors)
        focus = self.focusWidget()
        if self.pages is not None and focus is not None and self.inv_scroll.widget().isAncestorOf(focus):
            self.inv_scroll.ensureWidgetVisible(focus)

    def _files_changed(self) -> None:
        if self.sheet is not None:
            self.sheet = quality.get_sheet(self.sheet.id)
            self.sheetChanged.emit(self.sheet.id)
        else:
            self.mark_dirty()

    def _actions_changed(self) -> None:
        self.clear_errors()
        self.sheet = quality.get_sheet(self.sheet.id)
        self.sheetChanged.emit(self.sheet.id)
