"""The work assignments and meetings desk's tab (tab.py), as the main window knows it before building it."""
from ui.kit.tab_entry import TabEntry

TAB = TabEntry("work", "ui.desks.work.tab:WorkTab", ledger="work_items",
               opens={"work_item": "open_record", "work_ack": "open_record", "work_done": "open_record",
                      "work_confirm": "open_record", "work_ruling": "open_record",
                      "meeting": "open_meeting", "meeting_minutes": "open_meeting", "meeting_response": "open_response"},
               lists={"work_items": "items", "meetings": "meetings"})
