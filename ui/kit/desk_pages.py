"""A desk's pages (QTabWidget): each page is read the first time it is shown, and after a change only
the pages already shown are read again; the others are read when first shown. Start-up reads one."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class DeskPages(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._loads: list[Callable[[], object]] = []
        self._refreshes: list[Callable[[], object]] = []
        self.loaded: set[int] = set()
        self.currentChanged.connect(self._shown)

    def add(self, widget: QWidget, title: str, load: Callable[[], object],
            refresh: Callable[[], object] | None = None) -> int:
        """A page: `load` reads it (a table's apply_filters), `refresh` reads it again keeping the
        selection (a table's refresh; default: load)."""
        self._loads.append(load)
        self._refreshes.append(refresh or load)
        return self.addTab(widget, title)

    def _shown(self, index: int) -> None:
        if index >= 0 and index not in self.loaded and self.isVisible():  # a hidden tab's first page waits
            self.load_shown()

    def load_shown(self) -> None:
        """Read the page shown (again, if it was read before)."""
        index = self.currentIndex()
        if index >= 0:
            self.loaded.add(index)
            self._loads[index]()

    def refresh_loaded(self, skip: tuple[int, ...] = ()) -> None:
        """Read again every page already shown but those in `skip` (refreshed by the caller)."""
        for index in sorted(self.loaded - set(skip)):
            self._refreshes[index]()
