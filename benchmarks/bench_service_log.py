"""Housekeeping benchmark: 1,000,000 service-log lines (ten years of 250 rooms).

    python benchmarks/bench_service_log.py [--db PATH] [--lines N] [--years Y]

Builds the database once with bulk inserts (kept at PATH for later runs): 10 floors of
25 rooms, each floor and day a morning sheet and a turndown sheet (~274 lines a day),
a few consumables per line, a follow-up for about one line in a hundred. Then measures
in a fresh process: time until the main window is ready, the service tab's tables if
the window has one, first rows and re-sort (every sortable column, both directions) of
the sheet listing and the room history, filters by date range and by room (one room's
history over ten years), consumption per month per item over a year, and peak memory.
Targets (issues 2 and 3): first rows and re-sort < 0.2 s.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_front_desk import ROOT, _peak_mb, build_then_measure, start_window  # noqa: E402  (also puts the project on sys.path)

FLOORS, ROOMS_PER_FLOOR = range(3, 13), 25
END = dt.date(2026, 11, 1)
STATES = (("checkout", "stayover", "vacant", "dnd", "ooo"), (42, 41, 8, 7, 2))
REPAIRS = ("淋浴喷头漏水", "空调不制冷", "马桶堵塞", "台灯不亮", "电视无信号", "房卡感应失灵")
SPECIAL = ("客人遗留手机一部已交前台", "客人要求加床", "客人要求延迟退房")
TARGET_S = 0.2


def _utc(day: dt.date, hour: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour - 8)  # Beijing → UTC


def build(path: Path, n_lines: int, years: int) -> None:
    from feedback_desk.base import db, staff
    from feedback_desk import opening
    from feedback_desk.desks.housekeeping import rooms
    from feedback_desk.desks.housekeeping.models import (Consumable, LineConsumable, MaintenanceItem, Room,
                                                         ServiceLine, ServiceSheet)

    rnd = random.Random(7)
    database = opening.open_database(path)
    staff.ensure_departments()
    attendants = [staff.save_staff(f"服务员{i:02d}", 3).id for i in range(1, 25)]
    foremen = [staff.save_staff(f"领班{i}", 3).id for i in range(1, 4)]
    front = [staff.save_staff(f"总台{i}", 1).id for i in range(1, 4)]
    engineer = staff.save_staff("工程部", 5).id
    for floor in FLOORS:
        rooms.add_floor(floor, floor * 100 + 1, floor * 100 + ROOMS_PER_FLOOR, "标准间")
    rooms.ensure_consumables()
    room_ids = {f: [rid for (rid,) in Room.select(Room.id).where(Room.floor == f).order_by(Room.number).tuples()]
                for f in FLOORS}
    consumables = [cid for (cid,) in Consumable.select(Consumable.id).order_by(Consumable.position).tuples()]
    days = years * 365
    floor_days = days * len(FLOORS)
    sheet_fields = [ServiceSheet.id, ServiceSheet.created_at, ServiceSheet.created_by, ServiceSheet.updated_at,
                    ServiceSheet.updated_by, ServiceSheet.date, ServiceSheet.floor, ServiceSheet.attendant,
                    ServiceSheet.state, ServiceSheet.verified_by, ServiceSheet.verified_at, ServiceSheet.received_by,
                    ServiceSheet.received_at]
    line_fields = [ServiceLine.id, ServiceLine.created_at, ServiceLine.created_by, ServiceLine.updated_at,
                   ServiceLine.updated_by, ServiceLine.sheet, ServiceLine.position, ServiceLine.date,
                   ServiceLine.floor, ServiceLine.room, ServiceLine.start_time, ServiceLine.end_time,
                   ServiceLine.room_state, ServiceLine.linen_changed, ServiceLine.maintenance, ServiceLine.special]
    used_fields = [LineConsumable.line, LineConsumable.consumable, LineConsumable.quantity]
    item_fields = [MaintenanceItem.created_at, MaintenanceItem.created_by, MaintenanceItem.updated_at,
                   MaintenanceItem.updated_by, MaintenanceItem.room, MaintenanceItem.line,
                   MaintenanceItem.description, MaintenanceItem.state, MaintenanceItem.owner]
    t0 = time.perf_counter()
    sheet_id = line_id = made = floor_day = 0
    sheets, lines, used, items = [], [], [], []

    def flush() -> None:
        with database.atomic():
            for model, rows, fields, size in ((ServiceSheet, sheets, sheet_fields, 2000),
                                              (ServiceLine, lines, line_fields, 1500),
                                              (LineConsumable, used, used_fields, 8000),
                                              (MaintenanceItem, items, item_fields, 2000)):
                for i in range(0, len(rows), size):
                    model.insert_many(rows[i:i + size], fields=fields).execute()
                rows.clear()

    for back in range(days - 1, -1, -1):
        day = END - dt.timedelta(days=back)
        for floor in FLOORS:
            quota = (floor_day + 1) * n_lines // floor_days - floor_day * n_lines // floor_days
            floor_day += 1
            morning = min(ROOMS_PER_FLOOR, quota - rnd.randint(4, 9))
            for n_rooms, start_hour in ((morning, 8.5), (quota - morning, 18.0)):   # cleaning, turndown
                if n_rooms <= 0:
                    continue
                sheet_id += 1
                who = rnd.choice(attendants)
                verified = _utc(day, rnd.uniform(15, 22))
                received = _utc(day + dt.timedelta(days=1), rnd.uniform(7, 7.9))
                created = _utc(day, start_hour - 0.1)
                state = "received" if back > 1 else "open"
                sheets.append((sheet_id, created, who, received, who, day, floor, who, state,
                               rnd.choice(foremen) if state != "open" else None,
                               verified if state != "open" else None,
                               rnd.choice(front) if state == "received" else None,
                               received if state == "received" else None))
                t = start_hour * 60
                for pos, room in enumerate(rnd.sample(room_ids[floor], n_rooms), 1):
                    line_id += 1
                    room_state = rnd.choices(*STATES)[0]
                    minutes = 28 if room_state == "checkout" else 18 if room_state == "stayover" else 5
                    repair = rnd.choice(REPAIRS) if rnd.random() < 0.01 else ""
                    start, end = int(t), int(t + minutes)
                    lines.append((line_id, created, who, created, who, sheet_id, pos, day, floor, room,
                                  dt.time(start // 60 % 24, start % 60), dt.time(end // 60 % 24, end % 60),
                                  room_state, room_state == "checkout", repair,
                                  rnd.choice(SPECIAL) if rnd.random() < 0.02 else ""))
                    t += minutes + 3
                    k = 5 if room_state == "checkout" else 2 if room_state == "stayover" else 0
                    used.extend((line_id, cid, rnd.randint(1, 2)) for cid in rnd.sample(consumables, k))
                    if repair:
                        items.append((created, who, created, who, room, line_id, repair,
                                      "checked" if back > 10 else "assigned", engineer))
                made += n_rooms
        if len(lines) >= 50_000 or back == 0:
            flush()
            print(f"\r  {made:,} lines ({END - dt.timedelta(days=back)})", end="", flush=True)
    print(f"\rbuilt {made:,} lines in {sheet_id:,} sheets in {time.perf_counter() - t0:.1f} s", flush=True)
    t0 = time.perf_counter()
    database.execute_sql("ANALYZE")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"ANALYZE and checkpoint: {time.perf_counter() - t0:.1f} s; file {path.stat().st_size / 2**20:.0f} MB",
          flush=True)
    db.close_database()


def _ms(seconds: float) -> str:
    flag = "" if seconds < TARGET_S else "  ← over 0.2 s"
    return f"{seconds * 1000:6.0f} ms{flag}"


def _timed(app, fn) -> float:
    t0 = time.perf_counter()
    fn()
    app.processEvents()
    return time.perf_counter() - t0


def _exercise(app, name: str, model) -> None:
    """First rows, then every sortable column in both directions, then a few more pages."""
    from PySide6.QtCore import Qt

    first = _timed(app, model.reload)
    print(f"{name}: {model.total():,} rows; first rows {_ms(first)}")
    for col, column in enumerate(model.listing.columns):
        if column.sort is None:
            continue
        for descending in (False, True):
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            took = _timed(app, lambda: model.sort(col, order))
            print(f"  re-sort by {column.key:<12} {'desc' if descending else 'asc '}: {_ms(took)}")
    took = _timed(app, lambda: [model.fetchMore() for _ in range(5)])
    print(f"  scroll 5 more pages: {took * 1000:.0f} ms")


def _filter(app, name: str, model, **filters) -> None:
    from feedback_desk.base.listing import Filters

    took = _timed(app, lambda: model.set_filters(Filters(**filters)))
    print(f"  {name:<44}: {model.total():>9,} rows, {_ms(took)}")


def measure(path: Path) -> None:
    app, window, ready = start_window(path)
    from feedback_desk.base import i18n
    from feedback_desk.desks.housekeeping import listings as service_views
    from ui.kit.paged_model import PagedTableModel

    print(f"window ready (process start → shown): {ready * 1000:.0f} ms; "
          f"peak memory so far {_peak_mb():.0f} MB")

    service = getattr(window, "service", None)
    if service is not None:
        took = _timed(app, lambda: window.tabs.setCurrentWidget(service))
        print(f"service tab shown (today's sheets): {_ms(took)}")
        for attr in ("sheets", "maintenance", "history"):
            table = getattr(service, attr, None)
            if table is not None and hasattr(table, "model"):
                took = _timed(app, table.apply_filters if hasattr(table, "apply_filters") else table.model.reload)
                print(f"  service tab {attr:<12}: {table.model.total():>9,} rows, {_ms(took)}")
    else:
        print("the main window has no service tab yet: listings measured through PagedTableModel only")

    sheets = PagedTableModel(service_views.SheetListing())
    _exercise(app, "sheets (all)", sheets)
    year_ago = END - dt.timedelta(days=365)
    _filter(app, "sheets, one month", sheets, date_from=END - dt.timedelta(days=30), date_to=END)
    _filter(app, "sheets, floor 8, one year", sheets, text="8", date_from=year_ago, date_to=END)
    _filter(app, "sheets, late or unverified", sheets, choice="late")

    history = PagedTableModel(service_views.RoomHistoryListing())
    _exercise(app, "room history (all lines)", history)
    _filter(app, "lines, one day", history, date_from=END, date_to=END)
    _filter(app, "lines, one month", history, date_from=END - dt.timedelta(days=30), date_to=END)
    _filter(app, "lines, one year", history, date_from=year_ago, date_to=END)
    _filter(app, "lines with maintenance", history, choice="maintenance")
    _filter(app, "room 1208, ten years", history, text="1208")
    _filter(app, "room 1208, one year", history, text="1208", date_from=year_ago, date_to=END)
    _exercise(app, "room 1208 history (ten years)", _room_model(PagedTableModel, service_views))

    maint = PagedTableModel(service_views.MaintenanceListing())
    _exercise(app, "maintenance follow-ups (all)", maint)
    _filter(app, "open follow-ups", maint, choice="open")

    for per, split, days in (("month", "item", 365), ("month", "floor", 365), ("day", "item", 31)):
        t0 = time.perf_counter()
        rows = service_views.consumption(END - dt.timedelta(days=days), END, per=per, split=split)
        print(f"consumption per {per} per {split} over {days} days: {len(rows)} rows, "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    print(f"peak memory: {_peak_mb():.0f} MB")
    window.close()
    i18n.set_language("en")


def _room_model(model_class, views):
    from feedback_desk.base.listing import Filters

    model = model_class(views.RoomHistoryListing())
    model.filters = Filters(text="1208")
    return model


def main() -> int:
    return build_then_measure(__file__, "service_log.db", {"lines": 1_000_000, "years": 10}, build, measure)


if __name__ == "__main__":
    sys.exit(main())
