"""The safety desk's tab (tab.py: hazards and incidents), as the main window knows it before building it."""
from ui.kit.tab_entry import TabEntry
from feedback_desk.base.i18n import N_

TAB = TabEntry("safety", "ui.desks.safety.tab:SafetyTab", ledger="hazards",
               opens={"hazard": "open_record", "hazard_assign": "open_record", "hazard_check": "open_record",
                      "incident": "open_incident", "incident_receive": "open_incident",
                      "incident_inquiry": "open_inquiry", "incident_instruct": "open_incident",
                      "incident_close": "open_incident"},
               lists={"hazards": "table", "incidents": "incidents"},
               settings=((N_("&Incident kinds…"), "ui.desks.safety.kinds_dialog:IncidentKinds"),))
