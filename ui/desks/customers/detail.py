"""The profile pane: taboos first and in warning colour, then likes, visits and feedback; what the
person signed in may not do (void a like or taboo) disabled, the reason in its tool tip."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from feedback_desk.desks.customers import permissions
from feedback_desk.desks.customers.profiles import CustomerProfile, display_name
from feedback_desk.base import clock
from feedback_desk.base.formatting import fmt_date
from feedback_desk.desks.safety import incidents
from feedback_desk.desks.safety import INCIDENT_KIND_NAMES, INCIDENT_STATES
from feedback_desk.base.i18n import _
from feedback_desk.base.vocab import COMPLAINT_STATES, CUSTOMER_KINDS, FEEDBACK_KINDS, label

from ui.desks.customers.picker import TABOO_STYLE
from ui.kit.paged_model import WARN_COLOUR
from ui.kit.permitted import guard
from ui.kit.tables import read_only


def _pref_text(pref) -> str:
    return f"{pref.text}  ({pref.department.name})" if pref.department_id else pref.text


class CustomerDetail(QWidget):
    addTaboo = Signal()
    addLike = Signal()
    addVisit = Signal()
    voidPreference = Signal(int, int, str)   # id, version, text
    openFeedback = Signal(int)

    def __init__(self, person=None, parent=None):
        super().__init__(parent)
        self.person = person  # the person signed in, whose permissions the buttons follow
        self.profile: CustomerProfile | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.taboo_warning = QLabel()
        self.taboo_warning.setStyleSheet(TABOO_STYLE + "font-size: 14px;")
        self.taboo_warning.setWordWrap(True)

        self.taboos = QListWidget()
        self.taboos.setAccessibleName(_("Taboos"))
        self.likes = QListWidget()
        self.likes.setAccessibleName(_("Likes"))
        for lst in (self.taboos, self.likes):
            lst.setMaximumHeight(96)
        self.add_taboo = QPushButton(_("Add taboo…"))
        self.add_like = QPushButton(_("Add like…"))
        self.void_pref = QPushButton(_("Void selected…"))
        self.taboos.itemSelectionChanged.connect(
            lambda: self.taboos.selectedItems() and self.likes.clearSelection())
        self.likes.itemSelectionChanged.connect(
            lambda: self.likes.selectedItems() and self.taboos.clearSelection())
        for lst in (self.taboos, self.likes):
            lst.itemSelectionChanged.connect(self._update_void)
        self.add_taboo.clicked.connect(self.addTaboo)
        self.add_like.clicked.connect(self.addLike)
        self.void_pref.clicked.connect(self._void_selected)
        prefs = QGroupBox(_("Taboos and likes"))
        pbox = QVBoxLayout(prefs)
        lists = QHBoxLayout()
        for caption, lst in ((_("Taboos"), self.taboos), (_("Likes"), self.likes)):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption))
            column.addWidget(lst)
            lists.addLayout(column)
        pbox.addLayout(lists)
        buttons = QHBoxLayout()
        for b in (self.add_taboo, self.add_like, self.void_pref):
            buttons.addWidget(b)
        pbox.addLayout(buttons)

        self.visits = QTableWidget(0, 4)
        self.visits.setHorizontalHeaderLabels([_("Date"), _("Place"), _("Party size"), _("Notes")])
        self.visits.setAccessibleName(_("Visits"))
        self.add_visit = QPushButton(_("Add visit…"))
        self.add_visit.clicked.connect(self.addVisit)
        visits = QGroupBox(_("Visits"))
        vbox = QVBoxLayout(visits)
        vbox.addWidget(self.visits)
        vbox.addWidget(self.add_visit, 0, Qt.AlignmentFlag.AlignRight)

        self.feedback = QTableWidget(0, 4)
        self.feedback.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Register no."), _("What the guest said")])
        self.feedback.setAccessibleName(_("Feedback from this customer"))
        self.feedback.itemActivated.connect(self._open_feedback)
        self.feedback.cellDoubleClicked.connect(lambda row, _c: self._open_feedback(self.feedback.item(row, 0)))
        fb = QGroupBox(_("Feedback from this customer"))
        QVBoxLayout(fb).addWidget(self.feedback)

        for table in (self.visits, self.feedback):
            read_only(table, single=False, alternating=False, wrap=True, row_height=24)
            table.horizontalHeader().setStretchLastSection(True)

        self.incidents_note = QLabel()  # incidents the guest was involved in: that they exist, not what they say
        self.incidents_note.setObjectName("guest_incidents")
        self.incidents_note.setWordWrap(True)
        self.incidents_note.setStyleSheet("color: #7a4b00;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.taboo_warning)
        layout.addWidget(self.incidents_note)
        layout.addWidget(prefs)
        layout.addWidget(visits, 1)
        layout.addWidget(fb, 2)
        self.show_profile(None)

    def show_profile(self, profile: CustomerProfile | None) -> None:
        self.profile = profile
        live = profile is not None and not profile.customer.voided
        for w in (self.add_taboo, self.add_like, self.add_visit):
            guard(w, permissions.RECORD, self.person, enabled=live)
        self._update_void()
        self.taboos.clear()
        self.likes.clear()
        self.visits.setRowCount(0)
        self.feedback.setRowCount(0)
        if profile is None:
            self.heading.setText(_("Pick a customer on the left, or press Ctrl+N for a new one."))
            self.taboo_warning.hide()
            self.incidents_note.hide()
            return
        c = profile.customer
        bits = [label(CUSTOMER_KINDS, c.kind)]
        if c.vip:
            bits.append("VIP")
        if c.phones:
            bits.append(c.phones)
        void = f"<br><span style='color:#9e9e9e'>{_('Void')}: {c.void_reason}</span>" if c.voided else ""
        notes = f"<br>{c.notes}" if c.notes else ""
        self.heading.setText(f"<h2>{display_name(c)}</h2>{' · '.join(bits)}{notes}{void}")
        taboo_texts = [p.text for p in profile.taboos]
        self.taboo_warning.setText("⚠ " + _("Taboos: {list}").format(list="、".join(taboo_texts)))
        self.taboo_warning.setVisible(bool(taboo_texts))
        involved = incidents.of_customer(c.id)
        self.incidents_note.setText(_("Involved in incidents: {list}").format(list="；".join(
            f"{i.number} {INCIDENT_KIND_NAMES.get(i.kind, i.kind)} {fmt_date(clock.to_local(i.happened_at).date())}"
            f"（{label(INCIDENT_STATES, i.state)}）" for i in involved)))
        self.incidents_note.setVisible(bool(involved))
        for pref in profile.taboos:
            item = QListWidgetItem("⚠ " + _pref_text(pref))
            item.setForeground(QBrush(WARN_COLOUR))
            item.setData(Qt.ItemDataRole.UserRole, (pref.id, pref.version, pref.text))
            self.taboos.addItem(item)
        for pref in profile.likes:
            item = QListWidgetItem(_pref_text(pref))
            item.setData(Qt.ItemDataRole.UserRole, (pref.id, pref.version, pref.text))
            self.likes.addItem(item)
        for v in profile.visits:
            self._append(self.visits, [fmt_date(v.date), v.place, str(v.party_size or ""), v.notes])
        for f in profile.feedback:
            kind = label(FEEDBACK_KINDS, f.kind)
            if f.kind == "complaint":
                kind = f"{kind} · {label(COMPLAINT_STATES, f.state)}"
            row = self._append(self.feedback, [fmt_date(f.date), kind, f.register_no or "", f.text.replace("\n", " ")])
            self.feedback.item(row, 0).setData(Qt.ItemDataRole.UserRole, f.id)
        self.visits.resizeColumnsToContents()
        self.feedback.resizeColumnsToContents()

    @staticmethod
    def _append(table: QTableWidget, values: list[str]) -> int:
        row = table.rowCount()
        table.insertRow(row)
        for col, value in enumerate(values):
            table.setItem(row, col, QTableWidgetItem(value))
        return row

    def _selected_preference(self):
        selected = self.taboos.selectedItems() or self.likes.selectedItems()
        if not selected or self.profile is None:
            return None
        pref_id = selected[0].data(Qt.ItemDataRole.UserRole)[0]
        return next((p for p in self.profile.taboos + self.profile.likes if p.id == pref_id), None)

    def _update_void(self) -> None:
        """Void selected… for the like or taboo selected, if the person may set it aside."""
        live = self.profile is not None and not self.profile.customer.voided
        pref = self._selected_preference() if live else None
        guard(self.void_pref, permissions.VOID_PREFERENCE, self.person, pref, live and pref is not None)

    def _void_selected(self) -> None:
        selected = self.taboos.selectedItems() or self.likes.selectedItems()
        if selected:
            item = selected[0]
            pref_id, version, text = item.data(Qt.ItemDataRole.UserRole)
            self.voidPreference.emit(pref_id, version, text)

    def _open_feedback(self, item) -> None:
        if item is None:
            return
        first = self.feedback.item(item.row(), 0)
        feedback_id = first.data(Qt.ItemDataRole.UserRole) if first else None
        if feedback_id:
            self.openFeedback.emit(feedback_id)
