"""The kinds of incident, a setting (Settings → Incident kinds…): the seed's eight kinds
(vocab.INCIDENT_KINDS: 工伤事故、火灾、打架斗殴、盗窃 of 第六条 and what a hotel adds), which an
administrator may rename or take off the list, and the kinds the hotel adds. Nothing is deleted: a
report keeps its kind after the kind is taken off the list.

A seed kind nobody changed has no row and is named in the reader's language; a renamed one keeps
the name given. `NAMES` reads as a mapping code → name (as a vocabulary does) for the listings,
the ledger and the dashboard, looked up afresh each time it is read.
"""
from __future__ import annotations

import collections.abc
import dataclasses

import peewee as pw

from feedback_desk.base import access, cleaning, settings_history
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.permissions import SETTINGS
from feedback_desk.desks.safety.models import IncidentKind
from feedback_desk.desks.safety.vocab import INCIDENT_KINDS

CUSTOM = "custom-"  # the code of a kind the hotel added: custom-1, custom-2, …


@dataclasses.dataclass(frozen=True)
class Kind:
    code: str
    name: str         # as shown now (a seed kind's in the reader's language, unless renamed)
    active: bool
    seed: bool        # one of the seed's kinds (a quality sheet raised from it may follow from its code)


def kinds(include_inactive: bool = False) -> list[Kind]:
    """The kinds in the order offered: the seed's, then those added."""
    rows = {r.code: r for r in IncidentKind.select().order_by(IncidentKind.position, IncidentKind.id)}
    found = []
    for code, text in INCIDENT_KINDS.items():
        row = rows.pop(code, None)
        found.append(Kind(code, row.name if row is not None and row.name else _(text),
                          row.active if row is not None else True, True))
    found += [Kind(r.code, r.name, r.active, False) for r in rows.values()]
    return [k for k in found if include_inactive or k.active]


def is_offered(code: str) -> bool:
    """Whether a new report may be of this kind (on the list and not taken off it)."""
    return any(k.code == code for k in kinds())


class _Names(collections.abc.Mapping):
    """code → name of every kind, on the list or not; read from the database at each use."""

    def _all(self) -> dict[str, str]:
        return {k.code: k.name for k in kinds(include_inactive=True)}

    def __getitem__(self, code: str) -> str:
        return self._all()[code]

    def get(self, code, default=None):
        return self._all().get(code, default)

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def items(self):
        return self._all().items()


NAMES = _Names()


def save_kind(name: str, code: str | None = None, active: bool = True) -> Kind:
    """Add a kind at the end of the list (no `code`), or rename one, or take it off the list (or back)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the kind's name.")})
    if len(name) > 100:
        raise ValidationError({"name": cleaning.too_long(100)})
    access.require(SETTINGS)
    with write_transaction():
        every = kinds(include_inactive=True)
        if code is not None and code not in {k.code for k in every}:
            raise ValidationError({"name": _("This kind is no longer on the list; open the list again.")})
        if any(k.name == name and k.code != code for k in every):
            raise ValidationError({"name": _("A kind with this name already exists.")})
        stored = "" if code in INCIDENT_KINDS and name == _(INCIDENT_KINDS[code]) else name
        row = IncidentKind.get_or_none(IncidentKind.code == code) if code is not None else None
        last = IncidentKind.select(pw.fn.MAX(IncidentKind.position)).scalar() or 0
        if code is None:
            taken = [int(c[len(CUSTOM):]) for (c,) in IncidentKind.select(IncidentKind.code)
                     .where(IncidentKind.code.startswith(CUSTOM)).tuples() if c[len(CUSTOM):].isdigit()]
            code = f"{CUSTOM}{max(taken, default=0) + 1}"
        on_create = {"code": code, "position": last + 1 if code.startswith(CUSTOM) else 0}
        settings_history.save_entry(IncidentKind, row.id if row is not None else None,
                                    {"name": stored, "active": active}, on_create)
    return next(k for k in kinds(include_inactive=True) if k.code == code)


def _kind_names(changes: list, names) -> dict[int, str]:
    ids = {c.record_id for c in changes}
    codes = dict(IncidentKind.select(IncidentKind.id, IncidentKind.code).where(IncidentKind.id.in_(ids)).tuples()) \
        if ids else {}
    shown = {k.code: k.name for k in kinds(include_inactive=True)}
    return settings_history.by_record({i: shown.get(code, code) for i, code in codes.items()})(changes, names)


settings_history.register(settings_history.Subject(
    IncidentKind._meta.table_name, settings_history.SETTINGS, N_("Incident kind: {name}"), _kind_names,
    {"name": N_("Name"), "active": N_("In use")}, settings_history.in_use_value))
