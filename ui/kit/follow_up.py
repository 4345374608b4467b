"""A record on one desk that leads to a new record on another (Ctrl+Shift+N on a customer's
profile: new feedback from that customer). The first desk's tab declares it in `FOLLOW_UPS`;
the main window makes it an action, so no window code joins two desks by name."""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class FollowUp:
    text: str          # N_() the action's text, with its & mnemonic
    shortcut: str
    desk: str          # the desk whose tab opens the new record
    argument: str      # its new_record(**{argument: the selected record's id}), None when elsewhere
