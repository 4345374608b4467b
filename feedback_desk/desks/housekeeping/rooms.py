"""The room list and the consumables list: housekeeping settings users keep."""
from __future__ import annotations

import re

from feedback_desk.base import access, cleaning, settings_history
from feedback_desk.base.permissions import SETTINGS
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import N_, _
from feedback_desk.desks.housekeeping.models import Consumable, Room

DEFAULT_CONSUMABLES = (
    (N_("Toothbrush set"), N_("set")), (N_("Soap"), N_("pc")), (N_("Shampoo"), N_("btl")),
    (N_("Shower gel"), N_("btl")), (N_("Slippers"), N_("pair")), (N_("Tea"), N_("bag")),
    (N_("Bottled water"), N_("btl")), (N_("Comb"), N_("pc")), (N_("Shower cap"), N_("pc")),
    (N_("Toilet paper"), N_("roll")),
)
_ROOM_NO = re.compile(r"^[0-9A-Za-z\-]{1,16}$")


def ensure_consumables() -> None:
    """A new database gets the usual consumables, named in the current language."""
    with write_transaction():
        if Consumable.select().count() == 0:
            for i, (name, unit) in enumerate(DEFAULT_CONSUMABLES):
                Consumable.create(name=_(name), unit=_(unit), position=i)


def consumables(include_inactive: bool = False) -> list[Consumable]:
    query = Consumable.select().order_by(Consumable.position, Consumable.id)
    if not include_inactive:
        query = query.where(Consumable.active == True)  # noqa: E712
    return list(query)


def save_consumable(name: str, unit: str = "", consumable_id: int | None = None, active: bool = True) -> Consumable:
    errors: dict[str, str] = {}
    values = {"name": name, "unit": unit}
    name = cleaning.text(values, "name", errors, Consumable.name.max_length,
                         required=_("Enter the consumable's name."))
    unit = cleaning.text(values, "unit", errors, Consumable.unit.max_length)
    if errors:
        raise ValidationError(errors)
    access.require(SETTINGS)
    with write_transaction():
        clash = Consumable.select().where(Consumable.name == name)
        if consumable_id is not None:
            clash = clash.where(Consumable.id != consumable_id)
        if clash.exists():
            raise ValidationError({"name": _("This consumable is already on the list.")})
        return settings_history.save_entry(Consumable, consumable_id,
                                           {"name": name, "unit": unit, "active": active},
                                           {"position": Consumable.select().count()})


def clean_room(number: str, floor, room_type: str = "") -> dict:
    errors = {}
    number = (number or "").strip()
    if not _ROOM_NO.match(number):
        errors["number"] = _("A room number is letters and digits, e.g. 1208.")
    try:
        floor = int(floor)
        if not -5 <= floor <= 200:
            raise ValueError
    except (TypeError, ValueError):
        errors["floor"] = _("The floor is a whole number.")
    room_type = cleaning.text({"room_type": room_type}, "room_type", errors, Room.room_type.max_length)
    if errors:
        raise ValidationError(errors)
    return {"number": number, "floor": floor, "room_type": room_type}


def save_room(number: str, floor, room_type: str = "", room_id: int | None = None, active: bool = True) -> Room:
    values = clean_room(number, floor, room_type)
    access.require(SETTINGS)
    with write_transaction():
        clash = Room.select().where(Room.number == values["number"])
        if room_id is not None:
            clash = clash.where(Room.id != room_id)
        if clash.exists():
            raise ValidationError({"number": _("Room {number} is already on the list.").format(number=values["number"])})
        return settings_history.save_entry(Room, room_id, {**values, "active": active})


def add_floor(floor, first: int, last: int, room_type: str = "") -> list[Room]:
    """Rooms first..last of a floor at once (e.g. floor 12, 1201–1230); existing ones are kept."""
    if first > last or last - first > 200:
        raise ValidationError({"last": _("Give a range of at most 200 rooms, the first number first.")})
    made = []
    with write_transaction():
        for n in range(first, last + 1):
            if not Room.select().where(Room.number == str(n)).exists():
                made.append(save_room(str(n), floor, room_type))
    return made


def rooms(floor: int | None = None) -> list[Room]:
    query = Room.select().where(Room.active == True).order_by(Room.floor, Room.number)  # noqa: E712
    if floor is not None:
        query = query.where(Room.floor == floor)
    return list(query)


def floors() -> list[int]:
    return [f for (f,) in Room.select(Room.floor).where(Room.active == True).distinct()  # noqa: E712
            .order_by(Room.floor).tuples()]


def room_by_number(number: str) -> Room | None:
    return Room.get_or_none((Room.number == (number or "").strip()) & (Room.active == True))  # noqa: E712


settings_history.register(settings_history.Subject(
    Room._meta.table_name, settings_history.SETTINGS, N_("Room: {name}"), settings_history.named_rows(Room, "number"),
    {"number": N_("Room"), "floor": N_("Floor"), "room_type": N_("Room type"), "active": N_("In use")},
    settings_history.in_use_value))
settings_history.register(settings_history.Subject(
    Consumable._meta.table_name, settings_history.SETTINGS, N_("Consumable: {name}"),
    settings_history.named_rows(Consumable, "name"),
    {"name": N_("Name"), "unit": N_("Unit"), "active": N_("In use")}, settings_history.in_use_value))
