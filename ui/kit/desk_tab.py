"""What every desk tab shares: its table, find, open, voiding with a reason, and the pages of a tab
with several (a table with its buttons above it)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff

from ui.kit import operation
from ui.kit.desk_table import DeskTable


def ask_void_reason(parent, what: str) -> str | None:
    """Ask why a record is voided; None when the user cancels."""
    text, ok = QInputDialog.getText(parent, _("Void"), _("Why is “{what}” void?").format(what=what))
    return text if ok else None


def button(text: str, tip: str, slot) -> QPushButton:
    """A button of a page or a panel, its tool tip saying what it does; Enter in a dialog never presses it."""
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.setAutoDefault(False)
    widget.clicked.connect(slot)
    return widget


def table_page(table: QWidget, buttons: list[QPushButton], note: str = "") -> QWidget:
    """A page of a tab: its buttons and a grey note in a row above its table."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)
    row = QHBoxLayout()
    for each in buttons:
        row.addWidget(each)
    row.addStretch(1)
    if note:
        hint = QLabel(note)
        hint.setStyleSheet("color: #555;")
        row.addWidget(hint)
    layout.addLayout(row)
    layout.addWidget(table)
    return page


class DeskTab(QWidget):
    """A desk's tab, and what the main window may ask of it (it names no desk itself). Its `ENTRY`
    (ui.kit.tab_entry.TabEntry, declared in its desk's package) says, before the tab is built:

    - `DESK`: the core desk it shows (its title and late counts come from that desk's spec);
    - `LEDGER`: the ledger File → Export ledger offers first on this tab;
    - `OPENS`: record kind or deadline item ('complaint', 'capa', …) -> the method opening one;
    - `LISTS`: listing name ('complaints', 'anomalies', …) -> the attribute holding its table,
      for the dashboard's drill-down;
    and the follow-ups and Settings lists it offers the window's menus."""
    ENTRY = None
    DESK = ""
    LEDGER = ""
    OPENS: dict[str, str] = {}
    LISTS: dict[str, str] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.ENTRY is not None:
            cls.DESK, cls.LEDGER, cls.OPENS, cls.LISTS = cls.ENTRY.desk, cls.ENTRY.ledger, cls.ENTRY.opens, cls.ENTRY.lists

    changed = Signal()
    openElsewhere = Signal(str, int)  # a record of another desk to open there (kind, id)

    def __init__(self, author: Staff, table: DeskTable, parent=None):
        super().__init__(parent)
        self.author = author
        self.table = table

    def load(self) -> None:
        self.table.apply_filters()

    def refresh(self) -> None:
        self.table.refresh()

    def open_item(self, kind: str, record_id: int):
        """Open a record this tab `OPENS` (an item of My work, a link from another desk)."""
        return getattr(self, self.OPENS[kind])(record_id)

    def list_table(self, name: str) -> DeskTable:
        """The table of one of this tab's `LISTS`, its page shown."""
        return getattr(self, self.LISTS[name])

    def desk_changed(self, desk: str) -> None:
        """Another desk saved something; a tab showing its records follows (none by default)."""

    def add_own_shortcuts(self) -> None:
        """Ctrl+N and Ctrl+Shift+Del on the tab itself, for when it stands alone; inside the main
        window, whose own actions hold these keys, the tab's are switched off when shown."""
        self._shortcuts = [QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_record),
                           QShortcut(QKeySequence("Ctrl+Shift+Del"), self, self.void_current)]
        for shortcut in self._shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def showEvent(self, event) -> None:  # noqa: N802
        """Switch off keys the window already holds; load a tab's page the first time it is shown."""
        super().showEvent(event)
        taken = {a.shortcut().toString() for a in self.window().actions()} if self.window() is not self else set()
        for shortcut in getattr(self, "_shortcuts", ()):
            shortcut.setEnabled(shortcut.key().toString() not in taken)
        pages = getattr(self, "pages", None)  # a DeskPages (ui.kit.desk_pages)
        never_read = (pages.currentIndex() not in pages.loaded) if pages is not None else not self.table.model.loaded
        if never_read:
            self.load()

    def focus_find(self) -> None:
        self.table.find.setFocus()
        self.table.find.selectAll()

    def current_id(self) -> int | None:
        return self.table.current_id()

    def edit_current(self) -> None:
        if self.current_id():
            self.open_record(self.current_id())

    def open_record(self, record_id: int):
        raise NotImplementedError

    def form_reference(self) -> str | None:
        """"kind:id" of the record whose paper form File → Export paper form writes, if any.

        `form_tables` pairs each table of the tab with the kind of record it lists."""
        for table, kind in getattr(self, "form_tables", ()):
            if table is self.table and table.current_id() is not None:
                return f"{kind}:{table.current_id()}"
        return None

    def void_check(self):
        """What voiding the selected record asks of the person: (its permission, the record), for the
        Edit menu to disable what the core would refuse; None when nothing here can be voided."""
        return None

    def void_with_reason(self, what: str, void: Callable[[str], object]) -> bool:
        """Ask why, then void through the core; a refusal is shown, nothing else changes."""
        reason = ask_void_reason(self, what)
        if reason is None:
            return False
        return operation.run(self, lambda: void(reason), title=_("Not voided")).ok
