"""Search everywhere (Ctrl+K): type, and the first matches of every desk appear grouped by desk as
you type; Enter (or a double click) opens the record on its desk. The search runs off the window's
thread (feedback_desk/reports/everywhere.py); a keystroke while it runs waits for it and then
searches once more for what is typed by then, so a fast typist never stacks searches."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from feedback_desk.base.i18n import _
from feedback_desk.reports.everywhere import search_everywhere

from ui.kit import faults
from ui.kit.background import run_in_background
from ui.kit.screen_fit import FittingDialog

PAUSE_MS = 180  # typing pauses this long before a search starts
RECORD = Qt.ItemDataRole.UserRole


def summary(values: list[str], term: str, parts: int = 5, width: int = 60) -> str:
    """A match on one line: its first two values (its day, its number …), then what holds the term
    (cut around it), then the others, `parts` in all."""
    shown = [v.replace("\n", " ") for v in values if v]
    head, rest = shown[:2], shown[2:]
    folded = term.casefold()
    holding = [v for v in rest if folded and folded in v.casefold()]
    picked = head + holding[:1] + [v for v in rest if v not in holding[:1]]
    out = []
    for value in picked[:parts]:
        at = value.casefold().find(folded) if folded else -1
        if len(value) > width:
            start = max(0, at - width // 3) if at >= 0 else 0
            value = ("…" if start else "") + value[start:start + width] + "…"
        out.append(value)
    return " · ".join(out)


class SearchEverywhere(FittingDialog):
    chosen = Signal(str, int)  # listing, record id

    def __init__(self, listings: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Search everywhere"))
        self.listings = listings
        self.term = QLineEdit()
        self.term.setAccessibleName(_("Search everywhere"))
        self.term.setClearButtonEnabled(True)
        self.term.setPlaceholderText(_("A word, a name, a phone number, pinyin initials or a number such as "
                                       "客诉-2026-11-0007"))
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setAccessibleName(_("Matches"))
        self.status = QLabel(_("Type to search every desk you may read."))
        self.status.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.term)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self.pause.timeout.connect(self.search)
        self.term.textChanged.connect(lambda _text: self.pause.start())
        self.term.returnPressed.connect(self.open_first)
        self.term.installEventFilter(self)
        self.results.itemActivated.connect(self.open_item)
        self.worker = None
        self.searched_for: str | None = None
        self.resize(720, 480)
        self.term.setFocus()

    # --- searching ---------------------------------------------------------------------------------
    def search(self) -> None:
        term = self.term.text().strip()
        if self.worker is not None:
            return  # the running search looks again when it is over
        if not term:
            self.results.clear()
            self.searched_for = ""
            self.status.setText(_("Type to search every desk you may read."))
            return
        self.searched_for = term
        self.status.setText(_("Searching…"))
        self.worker = run_in_background(self, lambda: search_everywhere(term, self.listings), self._found,
                                        self._failed)

    def _over(self) -> bool:
        """The search is over; True when what is typed now still needs searching."""
        self.worker = None
        if self.term.text().strip() != self.searched_for:
            self.search()
            return True
        return False

    def _found(self, found) -> None:
        if self._over():
            return
        self.results.clear()
        bold = QFont(self.results.font())
        bold.setBold(True)
        first = None
        for group in found:
            head = QTreeWidgetItem([group.title + ("  " + _("(more in its table)") if group.more else "")])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addTopLevelItem(head)
            for row in group.rows:
                item = QTreeWidgetItem(["    " + summary(row.values, self.searched_for)])
                item.setData(0, RECORD, (group.listing, row.id))
                item.setToolTip(0, row.tooltip)
                head.addChild(item)
                first = first or item
        self.results.expandAll()
        if first is not None:
            self.results.setCurrentItem(first)
        n = sum(len(g.rows) for g in found)
        self.status.setText(_("Nothing found for “{term}”.").format(term=self.searched_for) if not n else
                            _("Enter opens the selected record; ↓ moves through the matches."))

    def _failed(self, error) -> None:
        if self._over():
            return
        self.status.setText(faults.report(error, "search everywhere"))

    # --- opening -----------------------------------------------------------------------------------
    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if watched is self.term and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)

    def open_first(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.open_item(item)

    def open_item(self, item, _column: int = 0) -> None:
        found = item.data(0, RECORD)
        if found:
            self.accept()
            self.chosen.emit(found[0], found[1])
