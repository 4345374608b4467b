"""The main window's desk tabs, each built the first time it is shown or asked for.

Until then the tab bar holds an empty stand-in under the desk's title (late counts included), so the
window's first screen loads no desk's forms and panes (issue 18 part 5). `tabs[key]` builds the tab
and puts it in the stand-in's place; `built()` are those made so far (a refresh or another desk's save
concerns only them: a tab built later reads what is there then)."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QTabWidget, QWidget

from ui.kit.desk_tab import DeskTab
from ui.kit.tab_entry import TabEntry


class DeskTabs(Mapping):
    def __init__(self, bar: QTabWidget, entries: tuple[TabEntry, ...], titles: dict[str, str],
                 build: Callable[[TabEntry], DeskTab]):
        self.bar = bar
        self.entries = {entry.desk: entry for entry in entries}
        self._build = build
        self._built: dict[str, DeskTab] = {}
        self._stand_ins: dict[str, QWidget] = {}
        for key in self.entries:
            self._stand_ins[key] = QWidget()
            bar.addTab(self._stand_ins[key], titles[key])
        bar.currentChanged.connect(self._shown)  # before the window's own: it finds the tab in place

    def __getitem__(self, key: str) -> DeskTab:
        if key not in self._built:
            self._make(key)
        return self._built[key]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key) -> bool:  # without building it
        return key in self.entries

    def built(self) -> dict[str, DeskTab]:
        return dict(self._built)

    def placed(self, key: str) -> QWidget:
        """What the tab bar holds for `key` now: its tab, or the stand-in until it is built."""
        return self._built.get(key) or self._stand_ins[key]

    def opening(self, kind: str) -> str:
        """The desk whose tab opens records (or deadline items) of `kind`."""
        return next(key for key, entry in self.entries.items() if kind in entry.opens)

    def listing(self, name: str) -> str:
        """The desk whose tab shows the listing `name`."""
        return next(key for key, entry in self.entries.items() if name in entry.lists)

    def _shown(self, index: int) -> None:
        shown = self.bar.widget(index)
        key = next((k for k, w in self._stand_ins.items() if w is shown), None)
        if key is not None:
            self._make(key)

    def _make(self, key: str) -> None:
        tab = self._build(self.entries[key])
        stand_in = self._stand_ins.pop(key)
        index = self.bar.indexOf(stand_in)
        shown = self.bar.currentIndex() == index
        blocked = self.bar.blockSignals(True)  # the window sees one change of tab, the one the user made
        try:
            # in beside it, shown if the stand-in was, then the stand-in out: no other tab is shown meanwhile
            self.bar.insertTab(index + 1, tab, self.bar.tabText(index))
            self.bar.setTabToolTip(index + 1, self.bar.tabToolTip(index))
            if shown:
                self.bar.setCurrentIndex(index + 1)
            self.bar.removeTab(index)
        finally:
            self.bar.blockSignals(blocked)
        stand_in.deleteLater()
        self._built[key] = tab
