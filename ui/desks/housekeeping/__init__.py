"""The housekeeping service log desk's tab (tab.py), as the main window knows it before building it."""
from ui.kit.tab_entry import TabEntry
from feedback_desk.base.i18n import N_

TAB = TabEntry("housekeeping", "ui.desks.housekeeping.tab:ServiceLogTab", ledger="service_sheets",
               opens={"sheet": "open_sheet", "service_sheet": "open_sheet", "sheet_delivery": "open_sheet",
                      "maintenance": "open_maintenance_sheet"},
               lists={"service_sheets": "sheets", "maintenance": "maintenance"},
               # rooms appear on several desks too
               settings=((N_("&Rooms and consumables…"), "ui.desks.housekeeping.settings:HousekeepingSettings"),))
