"""A desk's tab as the main window knows it before building it: which core desk it shows, what it
opens and lists, what it offers the menus, and where its class is. The window builds a tab when it is
first shown or asked for, so a tab's modules (its forms, panes, dialogs: 100 ms of a start) load then,
not before the first screen (issue 18 part 5). Each desk's package declares its `TAB` (ui/desks/*/__init__.py);
ui/desks/registry.py lists them."""
from __future__ import annotations

import dataclasses
import importlib

from ui.kit.follow_up import FollowUp


def loaded(path: str):
    """The class at "package.module:Class", its module imported."""
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


@dataclasses.dataclass(frozen=True, eq=False)
class TabEntry:
    desk: str                          # the core desk it shows (title and late counts from its spec)
    tab: str                           # "module:Class" of its DeskTab
    ledger: str = ""                   # the ledger File → Export ledger offers first on this tab
    opens: dict[str, str] = dataclasses.field(default_factory=dict)   # record kind or deadline item -> method
    lists: dict[str, str] = dataclasses.field(default_factory=dict)   # listing name -> attribute holding its table
    follow_ups: tuple[FollowUp, ...] = ()  # a record here leading to a new one on another desk
    settings: tuple[tuple[str, str], ...] = ()  # (N_() menu text, "module:Class" of the dialog) for Settings

    def tab_class(self) -> type:
        return loaded(self.tab)
