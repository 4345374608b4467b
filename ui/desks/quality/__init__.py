"""The quality anomaly desk's tab (tab.py), as the main window knows it before building it."""
from ui.kit.tab_entry import TabEntry

TAB = TabEntry("quality", "ui.desks.quality.tab:QualityTab", ledger="anomalies",
               opens={"anomaly": "open_sheet", "capa": "open_action_sheet"},
               lists={"anomalies": "sheets", "capa_actions": "actions"})
