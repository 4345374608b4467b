"""The desks' tabs, in the order the main window shows them (after the dashboard and My work).

A tab names its core desk (`DESK`); its title, its late counts and its dashboard bars come from
that desk's spec. What it opens and lists is its own word: `OPENS` and `LISTS` (ui/kit/desk_tab.py).
"""
from __future__ import annotations

from ui.desks.customers.tab import CustomersTab
from ui.desks.feedback.tab import FeedbackTab
from ui.desks.housekeeping.tab import ServiceLogTab
from ui.desks.quality.tab import QualityTab
from ui.desks.suggestions.tab import SuggestionTab
from ui.desks.work.tab import WorkTab
from ui.desks.safety.tab import SafetyTab

TABS = (
    CustomersTab,
    FeedbackTab,
    ServiceLogTab,
    QualityTab,
    SuggestionTab,
    WorkTab,
    SafetyTab,
)
