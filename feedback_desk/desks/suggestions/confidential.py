"""举报: the categories of the suggestion box whose entries only the general manager's office and
human resources read (and the named writer their own) — on the table, in a form, a paper form,
a ledger and the monthly workbook alike (沟通保密). Which categories they are is a setting
(`suggestions.confidential_categories`, ids); a new database has one, 举报 itself."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import access, permissions, roles, settings
from feedback_desk.base.db import write_transaction
from feedback_desk.base.i18n import _
from feedback_desk.desks.suggestions.models import Suggestion

KEY = "suggestions.confidential_categories"
READERS = (roles.GM_OFFICE, roles.HR)


def category_ids() -> list[int]:
    return [int(part) for part in settings.get(KEY).split(",") if part.strip().isdigit()]


def is_set() -> bool:
    """Whether the setting was ever saved (a database from before it has none)."""
    return settings.stored(KEY)


def set_confidential(category_id: int, confidential: bool) -> None:
    """Mark one category confidential or not; the list is read and written in one transaction, so
    another administrator's change to another category meanwhile is kept, not overwritten."""
    access.require(permissions.SETTINGS)
    with write_transaction():
        ids = [i for i in category_ids() if i != category_id] + ([category_id] if confidential else [])
        settings.put(KEY, ",".join(str(i) for i in sorted(ids)))


def is_withheld(person_id: int, s) -> bool:
    """`withheld_sql` in Python: a confidential entry, for someone neither a reader nor its writer."""
    if s is None or s.category_id not in category_ids() or roles.roles_of(person_id) & set(READERS):
        return False
    return s.anonymous or s.writer_id != person_id


def hidden_from(person_id: int):
    """The entries kept from `person_id`, as a condition (none, for the GM's office and HR)."""
    if roles.roles_of(person_id) & set(READERS):
        return Suggestion.id.is_null()
    ids = category_ids()
    if not ids:
        return Suggestion.id.is_null()
    # never NULL (its negation keeps every other row): no category, no writer, both count as such
    return (pw.fn.COALESCE(Suggestion.category, 0).in_(ids)
            & (pw.fn.COALESCE(Suggestion.writer, 0) != person_id))


def withheld_sql(reach):
    """A ledger's rows kept from the reader (base/reading.Reach)."""
    return hidden_from(reach.person_id)


def kept_from_the_reader():
    """What the signed-in person is shown, as a condition (everything when the program acts)."""
    reader = access.signed_in_id()
    if reader is None or access.the_program_acts():
        return Suggestion.id.is_null(False)
    return ~hidden_from(reader)


def refusal(person, s) -> str | None:
    if not is_withheld(person.id, s):
        return None
    return _("This entry is a report about a person (举报): only the general manager's office and human "
             "resources read it.")
