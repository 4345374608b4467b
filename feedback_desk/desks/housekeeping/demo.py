"""Demo data of the housekeeping desk: two months of service sheets for floors 8–10.

The floor attendant fills the service log (服务日志) room by room in cleaning order; the
foreman checks it the same day (领班按日检查核实) and the front desk receives it before
the next morning's meeting (次日早交班会前交总台). Posts hand their materials over from
shift to shift (岗位物资日交接表). Sheets, checks, corrections, follow-ups and handovers go
through the real use cases, each at the moment it "happened"; the plain lines of a sheet are
written by the bulk writer (demo_writer) with the same columns and history (tests/test_demo_bulk.py).
The planner returns events that demo.fill_demo runs in time order in the desk's transaction.

Some sheets are verified late, a few recent ones not at all, some are not yet at the
front desk, a few are corrected (a wrong line voided after the check, the right line
added before it), and recent maintenance follow-ups are still open.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any, Callable

from feedback_desk.base import clock, records, staff as staff_mod
from feedback_desk.desks.housekeeping import handover, maintenance, rooms, sheet_rules as rules, service_log
from feedback_desk.demo_writer import BulkWriter, deferred, local_to_utc
from feedback_desk.base.models import Staff
from feedback_desk.desks.housekeeping.models import (Handover, HandoverLine, LineConsumable,
                                                     MaintenanceItem, Room, ServiceLine, ServiceSheet)
from feedback_desk.base.vocab import MAINTENANCE_ORDER

DAYS = 60                     # how far back the sheets go (two months, today included)
FLOORS = (8, 9, 10)
ROOMS_PER_FLOOR = 20
ROOM_TYPES = ((1, 14, "标准间"), (15, 18, "大床房"), (19, 20, "套房"))   # room n of a floor
EXTRA_STAFF = (("罗春梅", "attendant"), ("谢玉兰", "attendant"), ("唐红霞", "foreman"))  # beside demo_texts.STAFF

_STATES = (("checkout", "stayover", "vacant", "dnd", "ooo"), (42, 41, 8, 7, 2))
_MINUTES = {"checkout": (24, 36), "stayover": (14, 22), "vacant": (5, 9), "dnd": (1, 2), "ooo": (4, 8)}
_ORDER = {"checkout": 0, "stayover": 1, "dnd": 1, "vacant": 2, "ooo": 2}  # check-outs first: they sell
# consumables by position in rooms.DEFAULT_CONSUMABLES: toothbrush set, soap, shampoo, shower gel,
# slippers, tea, bottled water, comb, shower cap, toilet paper
_CHECKOUT = ((2, 2), (2, 2), (1, 2), (1, 2), (2, 2), (2, 4), (2, 2), (1, 2), (1, 2), (0, 1))
_STAYOVER = ((0, 2), (0, 1), (0, 1), (0, 1), (0, 0), (0, 2), (1, 2), (0, 1), (0, 1), (0, 1))
MAINTENANCE = ("淋浴喷头漏水", "空调不制冷", "马桶堵塞", "台灯不亮", "电视无信号", "卫生间地漏返味",
               "房门闭门器异响", "窗帘轨道脱落", "热水器水温不稳", "床头插座松动", "洗手盆下水慢",
               "冰箱不制冷", "房卡感应失灵", "浴室镜灯闪烁")
SPECIAL = ("客人遗留手机一部已交前台", "客人要求加床", "客人要求延迟退房至14:00", "客人要求加一床被子",
           "客人遗留充电器一个已交前台", "客人要求不换床单（环保卡）", "客人要求加两瓶矿泉水",
           "客人询问洗衣服务，已送洗衣单", "客人遗留身份证一张已交前台", "客人反映隔壁夜间噪音，已报大堂副理",
           "客人要求16:00前整理房间", "客人生日，已按前台要求布置果盘")
_DND_NOTES = ("门挂请勿打扰牌，14:00后仍未取下，已告知总台", "客人挂请勿打扰牌，未进房")
_OOO_NOTES = ("维修房，工程部施工中", "维修房，地毯更换中")
_POSTS = {
    "总台": (("空白房卡", 60, 0), ("雨伞", 15, 2), ("充电器", 8, 1), ("对讲机", 2, 0), ("发票（本）", 5, 1),
            ("押金单（本）", 3, 0), ("保险箱钥匙", 1, 0)),
    "客房部工作间": (("楼层工作卡", 3, 0), ("对讲机", 4, 0), ("吸尘器", 3, 0), ("布草车", 3, 0),
                ("干净床单", 120, 12), ("浴巾", 150, 15), ("面巾", 150, 15), ("枕套", 200, 20)),
}
_HANDOVER_NOTES = ("雨伞2把借给客人，未归还", "一台对讲机送工程部修理", "干净布草洗衣房18:00补送", "")


class _Ref:
    """A record planned now, created when its event runs."""
    __slots__ = ("id", "version", "lines", "values")

    def __init__(self, values: dict | None = None):
        self.id: int | None = None
        self.version = 1
        self.lines = 0            # a sheet's lines so far: the next line's position
        self.values = values or {}


def _at(day: dt.date, minutes: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)


def _hm(when: dt.datetime) -> str:
    return when.strftime("%H:%M")


def add_rooms_and_staff(staff: dict[str, list[Staff]], dept: dict[str, int | None]) -> None:
    """Floors 8–10 (801–820, …), the usual consumables, and two more housekeeping staff."""
    for floor in FLOORS:
        for first, last, room_type in ROOM_TYPES:
            rooms.add_floor(floor, floor * 100 + first, floor * 100 + last, room_type)
    rooms.ensure_consumables()
    for name, role in EXTRA_STAFF:
        person = staff_mod.save_staff(name, dept["rooms"])
        staff.setdefault(role, []).append(person)
        staff.setdefault("dept:rooms", []).append(person)


class ServiceDemo:
    def __init__(self, rng: random.Random, staff: dict[str, list[Staff]], dept: dict[str, int | None],
                 now: dt.datetime):
        self.rng = rng
        self.now = now                       # local time: nothing happens after it
        self.today = now.date()
        self.events: list[tuple[dt.datetime, Callable, tuple]] = []
        rooms_dept, front_dept = dept["rooms"], dept["front"]
        self.attendants = [s for s in staff["attendant"] if s.department_id == rooms_dept]
        self.foremen = [s for s in staff["foreman"] if s.department_id == rooms_dept]
        self.front = staff["receptionist"] + [s for s in staff["foreman"] if s.department_id == front_dept]
        self.engineers = staff["engineer"]
        self.rooms = {f: [(r.number, r.room_type) for r in rooms.rooms(f)] for f in FLOORS}
        self.room_ids = {r.number: r.id for f in FLOORS for r in rooms.rooms(f)}
        self.consumable_ids = [c.id for c in rooms.consumables()]

    def add(self, when: dt.datetime, fn: Callable, *args) -> bool:
        """Plan an event; one in the future does not happen (nor anything that follows from it)."""
        if when > self.now:
            return False
        self.events.append((when, fn, args))
        return True

    # ---- the plan ----------------------------------------------------------------------------
    def plan(self) -> list[tuple[dt.datetime, Callable, tuple]]:
        for back in range(DAYS - 1, -1, -1):
            day = self.today - dt.timedelta(days=back)
            n = len(self.attendants)
            off = self.attendants[back % n]             # one attendant has the day off in turn
            working = [a for a in self.attendants if a is not off]
            shift = back % len(working)
            foreman = self.foremen[1] if back % 7 == 3 and len(self.foremen) > 1 else self.foremen[0]
            receiver = self.front[back % len(self.front)]
            for i, floor in enumerate(FLOORS):
                self.plan_sheet(day, floor, working[(i + shift) % len(working)], foreman, receiver)
            self.plan_handovers(day, back)
        return self.events

    def consumables(self, state: str, room_type: str) -> dict[int, int]:
        table = _CHECKOUT if state == "checkout" else _STAYOVER if state == "stayover" else None
        if table is None:
            return {self.consumable_ids[6]: 2} if state == "vacant" and self.rng.random() < 0.2 else {}
        extra = 1 if room_type == "套房" and state == "checkout" else 0
        used = {}
        for cid, (lo, hi) in zip(self.consumable_ids, table):
            qty = self.rng.randint(lo, hi) + (extra if hi else 0)
            if qty:
                used[cid] = qty
        return used

    def sheet_lines(self, day: dt.date, floor: int) -> list[dict[str, Any]]:
        """8–16 rooms of the floor in cleaning order, with times between 08:30 and 15:00."""
        rng = self.rng
        chosen = rng.sample(self.rooms[floor], rng.randint(8, 16))
        states = {number: rng.choices(*_STATES)[0] for number, _t in chosen}
        backwards = rng.random() < 0.5                 # which end of the corridor she starts from
        chosen.sort(key=lambda r: (_ORDER[states[r[0]]], -int(r[0]) if backwards else int(r[0])))
        work = []                                      # (room, type, state, minutes of work, minutes to the next)
        for number, room_type in chosen:
            state = states[number]
            minutes = rng.randint(*_MINUTES[state])
            if room_type == "套房" and state in ("checkout", "stayover"):
                minutes = round(minutes * 1.4)
            work.append((number, room_type, state, minutes, rng.randint(2, 7)))
        t = 8 * 60 + 30 + rng.randint(0, 10)
        budget = 15 * 60 - 30 - t                      # until 15:00, lunch break included
        while len(work) > 8 and sum(w[3] + w[4] for w in work) > budget:
            work.pop()                                 # what she does not get to today
        squeeze = min(1.0, budget / sum(w[3] + w[4] for w in work))
        lunch = False
        lines = []
        for number, room_type, state, minutes, gap in work:
            minutes, gap = max(1, int(minutes * squeeze)), int(gap * squeeze)
            values: dict[str, Any] = {
                "room": number, "room_state": state, "start_time": _hm(_at(day, t)),
                "end_time": _hm(_at(day, t + minutes)),
                "linen_changed": state == "checkout" or (state == "stayover" and rng.random() < 0.3),
                "consumables": self.consumables(state, room_type)}
            if state == "dnd":
                values["special"] = rng.choice(_DND_NOTES)
            elif state == "ooo":
                values["special"] = rng.choice(_OOO_NOTES)
            elif rng.random() < 0.045:
                values["maintenance"] = rng.choice(MAINTENANCE)
            if state in ("checkout", "stayover") and rng.random() < 0.05:
                values["special"] = rng.choice(SPECIAL)
            lines.append(values)
            t += minutes + gap
            if not lunch and t >= 11 * 60 + 30:
                t, lunch = t + 30, True                # lunch break
        return lines

    def plan_sheet(self, day: dt.date, floor: int, attendant: Staff, foreman: Staff, receiver: Staff) -> None:
        rng = self.rng
        age = (self.today - day).days
        lines = self.sheet_lines(day, floor)
        first = dt.datetime.combine(day, dt.time.fromisoformat(lines[0]["start_time"]))
        sheet = _Ref({"date": day, "floor": floor, "attendant": attendant.id})
        if not self.add(first - dt.timedelta(minutes=rng.randint(3, 12)), _create_sheet, sheet,
                        sheet.values, attendant):
            return
        wrong_at = rng.randrange(len(lines) - 1) if age >= 3 and len(lines) > 1 and rng.random() < 0.04 else None
        wrong_line = _Ref()
        last = first
        for i, values in enumerate(lines):
            end = dt.datetime.combine(day, dt.time.fromisoformat(values["end_time"])) + dt.timedelta(
                minutes=rng.randint(0, 3))
            if i == wrong_at:
                wrong, reason = self.mistake(floor, values, {v["room"] for v in lines})
                self.line(end, sheet, wrong_line, wrong, attendant)
                continue
            item = _Ref() if values.get("maintenance") else None
            if not self.line(end, sheet, _Ref(), values, attendant, item):
                return                                  # the rest of today has not happened yet
            last = end
            if item is not None:
                self.plan_follow_up(item, end)
        if wrong_at is not None:                        # she notices and adds the right line
            last += dt.timedelta(minutes=rng.randint(5, 20))
            self.line(last, sheet, _Ref(), lines[wrong_at], attendant)
        # the foreman's check: same afternoon mostly, next morning sometimes, recent ones maybe not yet
        fate = rng.random()
        if wrong_at is None and (age <= 2 and fate < 0.45 or 3 <= age <= 6 and fate < 0.1):
            return
        if wrong_at is None and fate > 0.92:
            verified = _at(day + dt.timedelta(days=1), rng.randint(8 * 60 + 20, 10 * 60 + 30))
        else:
            verified = max(last + dt.timedelta(minutes=20), _at(day, rng.randint(15 * 60, 17 * 60 + 30)))
        if not self.add(verified, _verify, sheet, foreman):
            return
        if wrong_at is not None:
            self.add(verified + dt.timedelta(minutes=rng.randint(5, 40)), _void, wrong_line, reason, foreman)
        # the front desk receives it before the next morning's meeting (08:00)
        meeting = _at(day + dt.timedelta(days=1), 8 * 60)
        chance = rng.random()
        if chance < (0.2 if age <= 10 else 0.02):
            return                                      # still not at the front desk
        if verified >= meeting - dt.timedelta(minutes=30):
            received = verified + dt.timedelta(minutes=rng.randint(10, 90))
        elif chance > 0.94:
            received = meeting + dt.timedelta(minutes=rng.randint(10, 120))
        else:
            received = meeting - dt.timedelta(minutes=rng.randint(5, 60))
        self.add(received, _receive, sheet, receiver)

    def line(self, when: dt.datetime, sheet: _Ref, ref: _Ref, values: dict, by: Staff, item: _Ref | None = None) -> bool:
        """A line of the sheet: one that opens a maintenance follow-up goes through the use case
        (it opens it), the others through the bulk writer."""
        if values.get("maintenance"):
            return self.add(when, _add_line, sheet, ref, values, by, item)
        return self.add(when, _hold_line, sheet, ref, values, by, self.room_ids)

    def mistake(self, floor: int, right: dict, on_sheet: set[str]) -> tuple[dict, str]:
        """A wrong line the attendant wrote first: a wrong room number or a wrong room state."""
        wrong = {k: v for k, v in right.items() if k not in ("maintenance", "special")}
        others = [n for n, _t in self.rooms[floor] if n not in on_sheet]
        if others and self.rng.random() < 0.5:
            wrong["room"] = self.rng.choice(others)
            return wrong, f"房号误记为{wrong['room']}，实为{right['room']}，已补记"
        wrong["room_state"] = "stayover" if right["room_state"] != "stayover" else "checkout"
        return wrong, f"{right['room']}房态登记错误，已补记正确一行"

    def plan_follow_up(self, item: _Ref, reported: dt.datetime) -> None:
        """reported → assigned → fixed → checked, as far as the item's age allows; a few wait on parts."""
        rng = self.rng
        age = (self.today - reported.date()).days
        weights = (2, 5, 3, 90) if age > 14 else (5, 15, 20, 60) if age > 3 else (20, 35, 30, 15)
        target = MAINTENANCE_ORDER.index(rng.choices(MAINTENANCE_ORDER, weights)[0])
        owner = rng.choice(self.engineers)
        steps = (("assigned", (0.3, 3), self.foremen[0]), ("fixed", (1, 30), owner),
                 ("checked", (0.5, 20), self.foremen[0]))
        when = reported
        for state, (lo, hi), by in steps[:target]:
            when += dt.timedelta(hours=rng.uniform(lo, hi))
            if not self.add(when, _advance, item, state, by, owner.id if state == "assigned" else None):
                return

    def plan_handovers(self, day: dt.date, back: int) -> None:
        """总台: three shift changes a day; the housekeeping pantry: the day shift to the evening one."""
        front = self.front
        for i, (shift, minutes) in enumerate((("morning", 15 * 60), ("middle", 23 * 60))):
            self.plan_handover(day, "总台", shift, _at(day, minutes - self.rng.randint(0, 10)),
                               front[(back + i) % len(front)], front[(back + i + 1) % len(front)])
        self.plan_handover(day, "总台", "night", _at(day, 24 * 60 + 7 * 60 - self.rng.randint(0, 10)),
                           front[(back + 2) % len(front)], front[(back + 3) % len(front)])
        staff = self.foremen + self.attendants
        handed_by = staff[back % len(staff)]
        taken_by = self.rng.choice([s for s in staff if s is not handed_by])
        self.plan_handover(day, "客房部工作间", "morning", _at(day, 16 * 60 + 30 + self.rng.randint(-10, 10)),
                           handed_by, taken_by)

    def plan_handover(self, day: dt.date, post: str, shift: str, when: dt.datetime, by: Staff, to: Staff) -> None:
        rng = self.rng
        items = [(name, max(0, base + rng.randint(-spread, spread))) for name, base, spread in _POSTS[post]]
        received = [count for _n, count in items]
        note = ""
        if rng.random() < 0.05:                        # a count the next shift does not find
            k = rng.randrange(len(items))
            received[k] = max(0, received[k] - rng.randint(1, 2))
            note = rng.choice(_HANDOVER_NOTES)
        taken = when + dt.timedelta(minutes=rng.randint(3, 15))
        self.add(when, _hold_handover, {"date": day, "post": post, "shift": shift, "notes": note}, items, by,
                 (received, to, local_to_utc(taken)) if taken <= self.now else None)


# ---- the events --------------------------------------------------------------------------------

def _create_sheet(ref: _Ref, values: dict, by: Staff) -> None:
    record = service_log.create_sheet(values, by)
    ref.id, ref.version = record.id, record.version


def _add_line(sheet: _Ref, ref: _Ref, values: dict, by: Staff, item: _Ref | None = None) -> None:
    line = service_log.add_line(sheet.id, values, by)
    ref.id, ref.version = line.id, line.version
    sheet.lines = line.position
    if item is not None:
        record = MaintenanceItem.get(MaintenanceItem.line == line.id)
        item.id, item.version = record.id, record.version


def line_values(sheet: _Ref, values: dict, room_ids: dict[str, int]) -> tuple[dict, dict[int, int]]:
    """What service_log.add_line writes for the demo's valid values (the line's fields, in its order,
    and the consumables used), without its look-ups: tests/test_demo_bulk.py checks they agree."""
    def hm(text: str) -> dt.time:
        hours, minutes = (int(p) for p in text.split(":"))
        return dt.time(hours, minutes)
    fields = {"sheet": sheet.id, "position": sheet.lines + 1, "date": sheet.values["date"],
              "floor": int(sheet.values["floor"]), "room": room_ids[values["room"]],
              "start_time": hm(values["start_time"]), "end_time": hm(values["end_time"]),
              "room_state": values["room_state"], "linen_changed": bool(values.get("linen_changed")),
              "maintenance": str(values.get("maintenance") or "").strip(),
              "special": str(values.get("special") or "").strip()}
    return fields, {cid: qty for cid, qty in (values.get("consumables") or {}).items() if qty}


def _line_by_use_case(sheet: _Ref, ref: _Ref, values: dict, by: Staff, _room_ids: dict[str, int]) -> None:
    _add_line(sheet, ref, values, by)


@deferred(_line_by_use_case)
def _hold_line(writer: BulkWriter, sheet: _Ref, ref: _Ref, values: dict, by: Staff, room_ids: dict[str, int]) -> None:
    """A line without a follow-up, handed to the bulk writer."""
    fields, used = line_values(sheet, values, room_ids)
    sheet.lines += 1
    writer.add(ServiceLine, records.Planned(fields, by, clock.now_utc()), ref, lambda line_id: writer.add_rows(
        [LineConsumable.line, LineConsumable.consumable, LineConsumable.quantity],
        [(line_id, cid, qty) for cid, qty in used.items()]))


def _verify(sheet: _Ref, by: Staff) -> None:
    sheet.version = service_log.verify_sheet(sheet.id, sheet.version, by).version


def _receive(sheet: _Ref, by: Staff) -> None:
    sheet.version = service_log.receive_sheet(sheet.id, sheet.version, by).version


def _void(line: _Ref, reason: str, by: Staff) -> None:
    line.version = service_log.void_line(line.id, line.version, reason, by).version


def _advance(item: _Ref, state: str, by: Staff, owner: int | None) -> None:
    item.version = maintenance.advance(item.id, item.version, state, by, owner).version


def handover_values(values: dict, items: list[tuple[str, int]], by: Staff,
                    taken: tuple[list[int], Staff, dt.datetime] | None) -> tuple[records.Planned, list[tuple]]:
    """What handover.create_handover, then handover.take_over when `taken` (the counts received, by
    whom, when), write for the demo's valid values: the handover and its lines (handover id left
    out). tests/test_demo_bulk.py checks they agree."""
    planned = records.Planned({"date": values["date"], "post": values["post"].strip(), "shift": values["shift"],
                               "handed_by": by.id, "notes": str(values.get("notes") or "").strip()},
                              by, clock.now_utc())
    received: list[int | None] = [None] * len(items)
    if taken is not None:
        received, to, at = taken
        planned.updates.append(({"taken_by": to.id, "taken_at": at}, to, at))
    return planned, [(item.strip(), handed, count) for (item, handed), count in zip(items, received)]


def _handover_by_use_cases(values: dict, items: list[tuple[str, int]], by: Staff,
                           taken: tuple[list[int], Staff, dt.datetime] | None) -> None:
    record = handover.create_handover(values, items, by)
    if taken is not None:
        received, to, at = taken
        clock.set_now(at)
        lines = HandoverLine.select(HandoverLine.id).where(HandoverLine.handover == record.id).order_by(HandoverLine.id)
        handover.take_over(record.id, record.version, dict(zip([line.id for line in lines], received)), to)


@deferred(_handover_by_use_cases)
def _hold_handover(writer: BulkWriter, values: dict, items: list[tuple[str, int]], by: Staff,
                   taken: tuple[list[int], Staff, dt.datetime] | None) -> None:
    """A handover signed by both shifts, handed to the bulk writer."""
    planned, lines = handover_values(values, items, by, taken)
    writer.add(Handover, planned, None, lambda handover_id: writer.add_rows(
        [HandoverLine.handover, HandoverLine.item, HandoverLine.handed, HandoverLine.received],
        [(handover_id, *line) for line in lines]))


def service_counts() -> dict[str, int]:
    sheets = ServiceSheet.select().where(ServiceSheet.voided == False)  # noqa: E712
    late = sum(1 for s in sheets if rules.sheet_lateness(s.date, s.state, s.verified_at, s.received_at))
    differing = (HandoverLine.select(HandoverLine.handover).distinct()
                 .where(HandoverLine.received.is_null(False) & (HandoverLine.received != HandoverLine.handed)))
    return {
        "rooms": Room.select().count(),
        "service_sheets": sheets.count(),
        "sheets_open": sheets.where(ServiceSheet.state == "open").count(),
        "sheets_verified": sheets.where(ServiceSheet.state == "verified").count(),
        "sheets_received": sheets.where(ServiceSheet.state == "received").count(),
        "sheets_late": late,
        "service_lines": ServiceLine.select().count(),
        "voided_lines": ServiceLine.select().where(ServiceLine.voided == True).count(),  # noqa: E712
        "maintenance_items": MaintenanceItem.select().count(),
        "open_maintenance": MaintenanceItem.select().where(MaintenanceItem.state != "checked").count(),
        "handovers": Handover.select().count(),
        "handover_differences": differing.count(),
    }


_PROGRESS = ("已联系厂家，配件明天到", "已拆检，等更换零件", "今天已处理一半，明天上午完工", "已报工程部主管，排在明早第一单")


def progress_reported_today(rng) -> int:
    """The deadline clocks a first start would give, and today's progress reports on recent
    repairs (work with no deadline of its own is reported daily): most open follow-ups of the
    last two weeks are on time, older ones are late, as in a real hotel."""
    from feedback_desk.loop import clocks as deadlines
    from feedback_desk.desks.housekeeping.models import MaintenanceItem

    deadlines.run_checks()
    recent = clock.now_utc() - dt.timedelta(days=14)
    reported = 0
    for item in (MaintenanceItem.select().where((MaintenanceItem.state != "checked") & MaintenanceItem.owner.is_null(False)
                                                & (MaintenanceItem.created_at >= recent)
                                                & (MaintenanceItem.voided == False))  # noqa: E712
                 .order_by(MaintenanceItem.id)):
        if rng.random() < 0.75:
            deadlines.report_progress("maintenance", item.id, rng.choice(_PROGRESS), item.owner)
            reported += 1
    return reported
