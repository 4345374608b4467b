"""The suggestion box desk's tab (tab.py), as the main window knows it before building it."""
from ui.kit.tab_entry import TabEntry
from feedback_desk.base.i18n import N_

TAB = TabEntry("suggestions", "ui.desks.suggestions.tab:SuggestionTab", ledger="suggestions",
               opens={"suggestion": "open_record"}, lists={"suggestions": "table"},
               settings=((N_("Suggestion &categories…"), "ui.desks.suggestions.categories:SuggestionCategories"),))
