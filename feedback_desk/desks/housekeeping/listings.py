"""What the housekeeping desk shows: sheets by day and floor, a room's history,
consumables used per day or month, open maintenance follow-ups, shift handovers (all in SQL)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from feedback_desk.base import clock, search, settings
from feedback_desk.desks.housekeeping import maintenance, sheet_rules as rules
from feedback_desk.base.db import month_of
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column,
                                            join_clock, late_choice, late_condition)
from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import NOTHING, Column, Filters, Listing, Row
from feedback_desk.base.models import Staff
from feedback_desk.desks.housekeeping.models import (Consumable, Handover, HandoverLine, LineConsumable,
                                                     MaintenanceItem, Room, ServiceLine, ServiceSheet)
from feedback_desk.desks.housekeeping.service_log import line_consumables
from feedback_desk.base.vocab import MAINTENANCE_STATES, ROOM_STATES, SHEET_STATES, SHIFTS, label

Attendant = Staff.alias("attendant")
Verifier = Staff.alias("verifier")
DeliveryClock = ItemClock.alias("delivery_clock")  # the sheet's second clock: at the front desk in time

LATE_LABELS = {
    "unverified": N_("not verified by the foreman"),
    "verified_late": N_("verified late"),
    "not_received": N_("not at the front desk"),
    "received_late": N_("received late"),
}


def _fmt_time(value) -> str:
    return value.strftime("%H:%M") if value else ""


class SheetListing(Listing):
    """Service sheets with their state; late and unverified ones stand out."""
    model = ServiceSheet
    date_field = ServiceSheet.date  # the find box's From … To
    default_sort = "date"
    default_descending = True
    columns = [
        Column("date", N_("Date"), ServiceSheet.date, width=120),
        Column("floor", N_("Floor"), ServiceSheet.floor, width=60, align_right=True),
        Column("attendant", N_("Attendant"), ServiceSheet.attendant, width=100),
        Column("rooms", N_("Rooms"), width=60, align_right=True),
        Column("state", N_("State"), ServiceSheet.state, width=130, warns=True),
        Column("verified_by", N_("Verified by"), ServiceSheet.verified_by, width=100),
        # the next step's deadline: verified the same day, then at the front desk before the meeting
        due_column(ServiceSheet, "service_sheet", "sheet_delivery"),
        Column("late", N_("Late"), width=220),
    ]

    def choices(self):
        return ([("", _("All sheets")), ("late", _("Late or unverified")), late_choice()]
                + [(f"state:{k}", _(v)) for k, v in SHEET_STATES.items()])

    def conditions(self, f: Filters) -> list:
        conds = []
        if f.text:  # a floor's number; any other text is no floor
            floor = search.number_term(f.text)
            conds.append(ServiceSheet.floor == floor if floor is not None else NOTHING)
        if f.choice.startswith("state:"):
            conds.append(ServiceSheet.state == f.choice[6:])
        elif f.choice == "late":
            # open (unverified), or verified but past its morning meeting and not received
            now = clock.to_local(clock.now_utc())
            overdue_to = now.date() - dt.timedelta(days=1 if now.time() >= settings.morning_meeting() else 2)
            conds.append((ServiceSheet.state == "open")
                         | ((ServiceSheet.state == "verified") & (ServiceSheet.date <= overdue_to)))
        elif f.choice == LATE_CHOICE:
            conds.append(late_condition("service_sheet") | late_condition("sheet_delivery"))
        return conds

    def page_query(self) -> pw.Select:
        query = (ServiceSheet.select(ServiceSheet, Attendant.id, Attendant.name, Verifier.id, Verifier.name,
                                     *clock_fields(), *clock_fields(DeliveryClock))
                 .join(Attendant, on=(ServiceSheet.attendant == Attendant.id))
                 .switch(ServiceSheet)
                 .join(Verifier, pw.JOIN.LEFT_OUTER, on=(ServiceSheet.verified_by == Verifier.id)))
        query = join_clock(query, ServiceSheet, "service_sheet")
        return join_clock(query, ServiceSheet, "sheet_delivery", DeliveryClock, "delivery_clock")

    def make_rows(self, records: list[ServiceSheet]) -> list[Row]:
        ids = [s.id for s in records]
        counts = dict(ServiceLine.select(ServiceLine.sheet, pw.fn.COUNT(ServiceLine.id))
                      .where(ServiceLine.sheet.in_(ids) & (ServiceLine.voided == False))  # noqa: E712
                      .group_by(ServiceLine.sheet).tuples()) if ids else {}
        rows = []
        meeting = settings.morning_meeting() if records else None  # read once per page
        now = clock.now_utc()
        verify_fallback = Fallback("service_sheet")
        deliver_fallback = Fallback("sheet_delivery", share=verify_fallback)  # the rules read once a page
        for s in records:
            late = rules.sheet_lateness(s.date, s.state, s.verified_at, s.received_at, meeting_time=meeting)
            if s.voided:
                due = DueCell.of(None, False, now)
            elif s.state == "open":  # the next step is the foreman's check
                joined = getattr(s, "due_clock", None)
                due = DueCell.of(joined, True, now, verify_fallback(s, joined))
            else:  # verified: the front desk's receipt
                joined = getattr(s, "delivery_clock", None)
                waiting = s.received_at is None  # a received sheet needs no due time (nor the rules read)
                due = DueCell.of(joined, waiting, now, deliver_fallback(s, joined) if waiting else None)
            values = [fmt_date(s.date), str(s.floor), s.attendant.name, str(counts.get(s.id, 0)),
                      label(SHEET_STATES, s.state), s.verified_by.name if s.verified_by_id else "", due.text,
                      "、".join(_(LATE_LABELS[k]) for k in sorted(late))]
            tips = [_("Verified {when}").format(when=fmt_datetime(s.verified_at))] if s.verified_at else []
            if due.tooltip:
                tips.append(due.tooltip)
            rows.append(Row(s.id, values, warn=bool(late) or due.late, void=s.voided, tooltip="\n".join(tips)))
        return rows


class RoomHistoryListing(Listing):
    """Every line of the service log, newest first; the find box takes a room number."""
    model = ServiceLine
    date_field = ServiceLine.date  # the find box's From … To
    default_sort = "date"
    default_descending = True
    columns = [
        Column("date", N_("Date"), ServiceLine.date, width=120),
        Column("room", N_("Room"), ServiceLine.room, width=70),
        Column("floor", N_("Floor"), ServiceLine.floor, width=50, align_right=True),
        Column("start", N_("Start"), ServiceLine.start_time, width=60),
        Column("end", N_("End"), ServiceLine.end_time, width=60),
        Column("room_state", N_("Room state"), ServiceLine.room_state, width=110),
        Column("consumables", N_("Consumables"), width=220),
        Column("maintenance", N_("Maintenance"), width=160),
        Column("special", N_("Special matters"), width=200),
    ]

    def choices(self):
        return ([("", _("All lines")), ("maintenance", _("With maintenance")), ("special", _("With special matters"))]
                + [(f"state:{k}", _(v)) for k, v in ROOM_STATES.items()])

    def conditions(self, f: Filters) -> list:
        conds = []
        number = f.text.strip()
        if number:  # a room's number, or words of its maintenance or special matters
            conds.append(ServiceLine.room.in_(Room.select(Room.id).where(Room.number == number))
                         | search.contains(ServiceLine.maintenance, number, ServiceLine.special))
        if f.choice == "maintenance":  # a literal '': the partial indexes of service_models match it
            conds.append(ServiceLine.maintenance != pw.SQL("''"))
        elif f.choice == "special":
            conds.append(ServiceLine.special != pw.SQL("''"))
        elif f.choice.startswith("state:"):
            conds.append(ServiceLine.room_state == f.choice[6:])
        return conds

    def page_query(self) -> pw.Select:
        return (ServiceLine.select(ServiceLine, Room.id, Room.number)
                .join(Room, on=(ServiceLine.room == Room.id)))

    def make_rows(self, records: list[ServiceLine]) -> list[Row]:
        used = line_consumables([r.id for r in records])
        names = {c.id: c.name for c in Consumable.select(Consumable.id, Consumable.name)}
        rows = []
        for line in records:
            consumed = "、".join(f"{names.get(cid, '?')}×{qty}" for cid, qty in used[line.id].items())
            values = [fmt_date(line.date), line.room.number, str(line.floor), _fmt_time(line.start_time),
                      _fmt_time(line.end_time), label(ROOM_STATES, line.room_state), consumed,
                      line.maintenance, line.special]
            rows.append(Row(line.id, values, warn=bool(line.maintenance), void=line.voided,
                            tooltip=line.void_reason or ""))
        return rows


Owner = Staff.alias("owner")


class MaintenanceListing(Listing):
    """Maintenance follow-ups; open ones (not yet checked) by default."""
    model = MaintenanceItem
    default_sort = "reported"
    default_descending = False
    columns = [
        Column("reported", N_("Reported at"), MaintenanceItem.created_at, width=140),
        Column("room", N_("Room"), MaintenanceItem.room, width=70),
        Column("description", N_("What needs fixing"), width=260),
        Column("state", N_("State"), MaintenanceItem.state, width=90, warns=True),
        Column("owner", N_("Owner"), MaintenanceItem.owner, width=100),
        due_column(MaintenanceItem, "maintenance"),
    ]

    def choices(self):
        return ([("open", _("Open follow-ups")), late_choice(), ("", _("All follow-ups"))]
                + [(f"state:{k}", _(v)) for k, v in MAINTENANCE_STATES.items()])

    def conditions(self, f: Filters) -> list:
        conds = []
        if f.text.strip():  # a room's number, or words of what needs fixing
            conds.append(MaintenanceItem.room.in_(Room.select(Room.id).where(Room.number == f.text.strip()))
                         | search.contains(MaintenanceItem.description, f.text.strip()))
        if f.choice == "open":
            conds.append(maintenance.open_sql())
        elif f.choice == LATE_CHOICE:
            conds.append(late_condition("maintenance"))
        elif f.choice.startswith("state:"):
            conds.append(MaintenanceItem.state == f.choice[6:])
        return conds

    def page_query(self) -> pw.Select:
        query = (MaintenanceItem.select(MaintenanceItem, Room.id, Room.number, Owner.id, Owner.name, *clock_fields())
                 .join(Room, on=(MaintenanceItem.room == Room.id))
                 .switch(MaintenanceItem).join(Owner, pw.JOIN.LEFT_OUTER, on=(MaintenanceItem.owner == Owner.id)))
        return join_clock(query, MaintenanceItem, "maintenance")

    def make_rows(self, records: list[MaintenanceItem]) -> list[Row]:
        """Open follow-ups stand out; those past their deadline rule (checked within a working
        day) also say 'late' in their state."""
        now = clock.now_utc()
        fallback = Fallback("maintenance")
        rows = []
        for m in records:
            joined = getattr(m, "due_clock", None)
            is_open = maintenance.is_open(m)
            due = DueCell.of(joined, is_open, now, fallback(m, joined) if is_open else None)
            late = due.late
            state = label(MAINTENANCE_STATES, m.state)
            rows.append(Row(m.id, [fmt_datetime(m.created_at), m.room.number, m.description,
                                   state, m.owner.name if m.owner_id else "",
                                   due.text],
                            warn=m.state != "checked", void=m.voided, tooltip=due.tooltip, raw={"late": late}))
        return rows


@dataclasses.dataclass
class Usage:
    period: str       # "2026-11-03" or "2026-11"
    key: str          # consumable name, or floor number
    quantity: int


def consumption(date_from: dt.date, date_to: dt.date, per: str = "day", split: str = "item") -> list[Usage]:
    """Consumables used between two dates, per day or month, per item (in the order of the
    consumables list) or per floor."""
    period = ServiceLine.date if per == "day" else month_of(ServiceLine.date)
    key = Consumable.name if split == "item" else ServiceLine.floor
    groups = (period, Consumable.position, key) if split == "item" else (period, key)
    query = (LineConsumable.select(period.alias("period"), key.alias("key"),
                                   pw.fn.SUM(LineConsumable.quantity).alias("qty"))
             .join(ServiceLine, on=(LineConsumable.line == ServiceLine.id))
             .switch(LineConsumable).join(Consumable, on=(LineConsumable.consumable == Consumable.id))
             .where((ServiceLine.date >= date_from) & (ServiceLine.date <= date_to)
                    & (ServiceLine.voided == False))  # noqa: E712
             .group_by(*groups).order_by(*groups))
    return [Usage(str(p), str(k), int(q)) for p, k, q in query.tuples()]


Giver = Staff.alias("giver")
Taker = Staff.alias("taker")


class HandoverListing(Listing):
    """Handovers newest first; the find box takes a post; those with a difference stand out."""
    model = Handover
    date_field = Handover.date  # the find box's From … To
    default_sort = "date"
    default_descending = True
    columns = [
        Column("date", N_("Date"), Handover.date, width=120),
        Column("post", N_("Post"), Handover.post, width=140),
        Column("shift", N_("Shift"), Handover.shift, width=110),
        Column("handed_by", N_("Handed over by"), Handover.handed_by, width=110),
        Column("taken_by", N_("Taken over by"), Handover.taken_by, width=110),
        Column("state", N_("State"), width=220, warns=True),
    ]

    def choices(self):
        return [("", _("All handovers")), ("waiting", _("Waiting for take-over")),
                ("differences", _("With differences"))]

    def conditions(self, f: Filters) -> list:
        conds = []
        if f.text.strip():
            conds.append(Handover.post.contains(f.text.strip()))
        if f.choice == "waiting":
            conds.append(Handover.taken_by.is_null())
        elif f.choice == "differences":
            conds.append(Handover.id.in_(HandoverLine.select(HandoverLine.handover).where(
                HandoverLine.received.is_null(False) & (HandoverLine.received != HandoverLine.handed))))
        return conds

    def page_query(self) -> pw.Select:
        return (Handover.select(Handover, Giver.id, Giver.name, Taker.id, Taker.name)
                .join(Giver, on=(Handover.handed_by == Giver.id)).switch(Handover)
                .join(Taker, pw.JOIN.LEFT_OUTER, on=(Handover.taken_by == Taker.id)))

    def make_rows(self, records: list[Handover]) -> list[Row]:
        ids = [h.id for h in records]
        differing = dict(HandoverLine.select(HandoverLine.handover, pw.fn.COUNT(HandoverLine.id))
                         .where(HandoverLine.handover.in_(ids) & HandoverLine.received.is_null(False)
                                & (HandoverLine.received != HandoverLine.handed))
                         .group_by(HandoverLine.handover).tuples()) if ids else {}
        rows = []
        for h in records:
            n = differing.get(h.id, 0)
            if h.taken_by_id is None:
                state = _("Waiting for take-over")
            elif n:
                state = _("Taken over — {n} item(s) differ").format(n=n)
            else:
                state = _("Taken over, counts agree")
            rows.append(Row(h.id, [fmt_date(h.date), h.post, label(SHIFTS, h.shift), h.handed_by.name,
                                   h.taken_by.name if h.taken_by_id else "", state],
                            warn=bool(n), void=h.voided,
                            tooltip=_("Taken over {when}").format(when=fmt_datetime(h.taken_at)) if h.taken_at else ""))
        return rows
