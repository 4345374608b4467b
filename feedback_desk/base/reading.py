"""What the person signed in here may read, beyond what every member of staff reads on the desks'
tables: how far their ledgers and monthly workbook reach (沟通保密, 责任到人).

- The general manager's office, the deputy GM and the GM read every ledger whole.
- A desk's own office reads that desk's ledgers whole (the quality department its anomaly sheets,
  HR the suggestion box and reward points), as each ledger says (`Ledger.desk_readers`).
- A head of department reads the rows of the departments they head; a ledger of something no
  department owns (the guest profiles, shared with every department that serves the guest) whole.
- Anyone else exports no ledger.
- Rows withheld from a reader even so (a complaint about oneself, a 举报 suggestion for anyone
  but the GM's office and HR) are each desk's own rule (`Ledger.withheld`), as on its table.

The program's own work (the demo filler, a test acting as the program) reads everything.
"""
from __future__ import annotations

import dataclasses

from feedback_desk.base import access, roles
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.base.i18n import _

SEE_ALL = (roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM)


@dataclasses.dataclass(frozen=True)
class Reach:
    """How far the reader's ledgers reach: `everything`, else the `roles` they hold and the
    `departments` they head. `person_id` None: the program itself."""
    person_id: int | None
    everything: bool
    roles: frozenset[str] = frozenset()
    departments: tuple[int, ...] = ()

    @property
    def limited(self) -> bool:
        return not self.everything

    def reads_whole(self, desk_readers: tuple[str, ...]) -> bool:
        return self.everything or bool(self.roles & set(desk_readers))

    def reads_some(self) -> bool:
        return self.everything or bool(self.departments) or bool(self.roles & _DESK_OFFICES)


_DESK_OFFICES = {roles.QUALITY, roles.HR}


def reach() -> Reach:
    """The signed-in person's reach (everything when the program acts)."""
    if access.the_program_acts():
        return Reach(None, True)
    person_id = access.signed_in_id()
    if person_id is None:
        raise PermissionDenied(_("Nobody is signed in."))
    held = frozenset(roles.roles_of(person_id))
    return Reach(person_id, bool(held & set(SEE_ALL)), held, tuple(roles.headed_departments(person_id)))


def require_some(r: Reach) -> None:
    if not r.reads_some():
        raise PermissionDenied(_("Ledgers and the monthly workbook are for the heads of department, the "
                                 "quality department, human resources and the general manager's office."))
