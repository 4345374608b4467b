"""The desks' tabs, in the order the main window shows them (after the dashboard and My work).

Each desk's package declares its tab (`TAB`, a ui.kit.tab_entry.TabEntry): the core desk it shows
(its title, late counts and dashboard bars come from that desk's spec), what it opens and lists, what
it offers the menus. The window builds a tab's widget when it is first shown or asked for."""
from __future__ import annotations

from ui.desks import customers, feedback, housekeeping, quality, safety, suggestions, work

TABS = (
    customers.TAB,
    feedback.TAB,
    housekeeping.TAB,
    quality.TAB,
    suggestions.TAB,
    work.TAB,
    safety.TAB,
)
