"""The guest feedback desk's tab (tab.py), as the main window knows it before building it."""
from ui.kit.tab_entry import TabEntry

TAB = TabEntry("feedback", "ui.desks.feedback.tab:FeedbackTab", ledger="feedback",
               opens={"feedback": "open_feedback", "complaint": "open_feedback"}, lists={"complaints": "table"})
