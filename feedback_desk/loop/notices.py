"""What one person is told after a minute check: their items that became late, the steps
escalated to them.

It is read from the database, not from the check this workstation ran: on the shared server one
workstation runs each minute's check (loop/clocks.py), and the person at every other workstation
must still hear of what it found."""
from __future__ import annotations

import peewee as pw

from feedback_desk.loop.models import Escalation, ItemClock


class Notices:
    """What `person_id` has not been told yet; what was late or escalated before is known."""

    def __init__(self, person_id: int):
        self.person_id = person_id
        self.told_late = {row.id for row in self._late()}
        self.last_escalation = Escalation.select(pw.fn.MAX(Escalation.id)).scalar() or 0

    def _late(self):
        return ItemClock.select().where((ItemClock.owner == self.person_id) & ItemClock.done_at.is_null()
                                        & (ItemClock.late_seen == True))  # noqa: E712

    def since_last(self) -> tuple[list[ItemClock], list[Escalation]]:
        """(clocks of theirs newly late, escalations to them), each told once.

        Escalation ids grow in the order their transactions commit (writers take turns at the
        write lock, which is held when the id is drawn), so none is passed over."""
        late_now = list(self._late())
        late = [row for row in late_now if row.id not in self.told_late]
        self.told_late = {row.id for row in late_now}  # an item late again after a reopening is told again
        escalated = list(Escalation.select().where((Escalation.id > self.last_escalation)
                                                   & (Escalation.to_staff == self.person_id))
                         .order_by(Escalation.id))
        if escalated:
            self.last_escalation = escalated[-1].id
        return late, escalated
