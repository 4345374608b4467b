"""The work of one workstation in the four-workstation benchmark (bench_workstations.py): the desks'
workloads (front desk, housekeeping, quality office, manager) and the raw-SQL baseline, each run in a
process of its own, timing every save and every wait for the write lock, and printing its figures as
one JSON line for the parent."""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_front_desk import _texts  # noqa: E402  (also puts the project on sys.path)
from workstations_data import FLOORS, PEOPLE, server_connection  # noqa: E402

DESKS = ("front_desk", "housekeeping", "quality", "manager")
RAW = "raw"
THINK_S = (0.05, 0.2)
LOCK_WAIT_MS = 2.0
LEDGER_DAYS = 60
PRODUCTS = ("床单", "浴巾", "枕套", "冷冻虾仁", "鲜牛奶", "一次性拖鞋", "洗发水", "矿泉水", "桌布", "面巾纸")
DEFECTS = ("污渍未洗净", "破洞", "异味", "包装破损", "批次标签缺失", "冷链温度超标", "数量短缺", "颜色不符")
REPAIRS = ("淋浴喷头漏水", "空调不制冷", "马桶堵塞", "台灯不亮", "电视无信号")
CHANNELS = ("card_checkout", "card_meal", "collection_sheet", "phone", "visit", "revisit")
ROOM_STATES = (("checkout", "stayover", "vacant", "dnd", "ooo"), (42, 41, 8, 7, 2))
EXPORT, RAW_OP = f"export ledger ({LEDGER_DAYS} days)", "raw INSERT feedback"
OPERATIONS = ("register complaint", "open service sheet", "enter service line", "raise anomaly sheet", EXPORT,
              "minute check", RAW_OP)
SAVES = ("register complaint", "open service sheet", "enter service line", "raise anomaly sheet")


# --- what a worker measures ----------------------------------------------------------------------

LOCK_WAITS: list[float] = []  # this process's write transactions' waits for the write lock, ms


def time_the_write_lock(database) -> None:
    """Time every wait for the write lock in this process: SQLite's BEGIN IMMEDIATE on this
    connection, the server's advisory write lock (server.take_write_lock, which db.py calls as a
    module attribute). The program's files are not changed: only this worker's objects."""
    import peewee

    from feedback_desk.base import server

    def timed(call, counts=lambda *a, **k: True):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                if counts(*args, **kwargs):
                    LOCK_WAITS.append((time.perf_counter() - t0) * 1000)
        return wrapper

    if isinstance(database, peewee.SqliteDatabase):
        database.begin = timed(database.begin, lambda *a, **k: (k.get("lock_type") or (a[0] if a else "")) == "IMMEDIATE")
    else:
        server.take_write_lock = timed(server.take_write_lock)


@dataclasses.dataclass
class OpStats:
    """One operation at one workstation: how long each one done took, and what went wrong."""
    ms: list[float] = dataclasses.field(default_factory=list)      # each one done
    waits: list[float] = dataclasses.field(default_factory=list)   # each write transaction's lock wait
    conflicts: int = 0
    busy: int = 0
    errors: dict[str, int] = dataclasses.field(default_factory=dict)
    messages: dict[str, str] = dataclasses.field(default_factory=dict)  # the first of each class


class Recorder:
    """Times the operations of one worker and keeps the ids and numbers of what it saved."""

    def __init__(self):
        self.ops: dict[str, OpStats] = collections.defaultdict(OpStats)
        self.saved: dict[str, list[int]] = collections.defaultdict(list)
        self.numbers: list[str] = []
        self.notes: dict[str, int] = collections.Counter()

    def run(self, op: str, work):
        """Do `work`, timed; its result, or None when it failed (the failure counted by class)."""
        from feedback_desk.base.errors import ConflictError, DatabaseBusyError

        stats = self.ops[op]
        LOCK_WAITS.clear()
        t0 = time.perf_counter()
        try:
            result = work()
        except ConflictError:
            stats.conflicts += 1
            return None
        except DatabaseBusyError:
            stats.busy += 1
            return None
        except Exception as exc:  # noqa: BLE001  (counted and shown: a benchmark goes on)
            name = type(exc).__name__
            stats.errors[name] = stats.errors.get(name, 0) + 1
            stats.messages.setdefault(name, str(exc)[:200])
            return None
        finally:
            stats.waits.extend(LOCK_WAITS)
        stats.ms.append((time.perf_counter() - t0) * 1000)
        return result

    def record(self, record, number: str | None = None) -> None:
        self.saved[record._meta.table_name].append(record.id)
        if number:
            self.numbers.append(number)

    def as_json(self) -> str:
        return json.dumps({"ops": {op: dataclasses.asdict(s) for op, s in self.ops.items()},
                           "saved": self.saved, "numbers": self.numbers, "notes": self.notes})


def think(rnd: random.Random) -> None:
    time.sleep(rnd.uniform(*THINK_S))


def person(desk: str):
    from feedback_desk.base.models import Staff

    return Staff.get(Staff.name == PEOPLE[desk][0])


def front_desk(rec: Recorder, rnd: random.Random, until: float) -> None:
    """Complaints as the front desk takes them: a department, now and then a guest's profile."""
    from feedback_desk.base import clock
    from feedback_desk.base.models import Department
    from feedback_desk.desks.customers.models import Customer
    from feedback_desk.desks.feedback import guest_feedback

    clerk = person("front_desk")
    departments = [d for (d,) in Department.select(Department.id).tuples()]
    customers = Customer.select(Customer.id).order_by(Customer.id.desc()).limit(1).scalar() or 0
    texts = _texts()
    while time.time() < until:
        values = {"channel": rnd.choice(CHANNELS), "kind": "complaint", "date": clock.today_local(),
                  "text": rnd.choice(texts)[:500], "place": f"{rnd.choice(FLOORS)}{rnd.randrange(1, 26):02d}",
                  "department": rnd.choice(departments), "serious": rnd.random() < 0.05,
                  "customer": rnd.randrange(1, customers + 1) if customers and rnd.random() < 0.6 else None}
        saved = rec.run("register complaint", lambda: guest_feedback.create_feedback(values, clerk))
        if saved is not None:
            rec.record(saved, saved.register_no)
        think(rnd)


def housekeeping(rec: Recorder, rnd: random.Random, until: float) -> None:
    """The attendant's sheets, one per floor and day (today, then the days before), each with a
    line for every room of its floor."""
    from feedback_desk.base import clock
    from feedback_desk.desks.housekeeping import rooms, service_log

    attendant = person("housekeeping")
    consumables = [c.id for c in rooms.consumables()]
    sheets, sheet, left = 0, None, []
    while time.time() < until:
        if not left:
            floor = FLOORS[sheets % len(FLOORS)]
            values = {"date": clock.today_local() - dt.timedelta(days=sheets // len(FLOORS)), "floor": floor,
                      "attendant": attendant.id}
            sheets += 1
            sheet = rec.run("open service sheet", lambda: service_log.create_sheet(values, attendant))
            if sheet is not None:
                rec.record(sheet)
                left = [r.number for r in rooms.rooms(floor)]
                rnd.shuffle(left)
            think(rnd)
            continue
        state = rnd.choices(*ROOM_STATES)[0]
        start = rnd.randrange(8 * 60, 17 * 60)
        minutes = 28 if state == "checkout" else 18 if state == "stayover" else 5
        used = rnd.sample(consumables, 5 if state == "checkout" else 2 if state == "stayover" else 0)
        values = {"room": left.pop(), "room_state": state, "linen_changed": state == "checkout",
                  "start_time": f"{start // 60:02d}:{start % 60:02d}",
                  "end_time": f"{(start + minutes) // 60:02d}:{(start + minutes) % 60:02d}",
                  "consumables": {cid: rnd.randint(1, 2) for cid in used},
                  "maintenance": rnd.choice(REPAIRS) if rnd.random() < 0.02 else ""}
        line = rec.run("enter service line", lambda: service_log.add_line(sheet.id, values, attendant))
        if line is not None:
            rec.record(line)
        think(rnd)


def quality(rec: Recorder, rnd: random.Random, until: float) -> None:
    """The inspector's findings, raised one after the other (now and then a serious or major one)."""
    from feedback_desk.desks.quality import sheets

    inspector = person("quality")
    while time.time() < until:
        values = {"source": "internal", "product": rnd.choice(PRODUCTS), "batch": f"B{rnd.randrange(10**6):06d}",
                  "quantity": rnd.randrange(1, 50), "description": rnd.choice(DEFECTS),
                  "severity": rnd.choices(("general", "serious", "major"), (90, 8, 2))[0]}
        saved = rec.run("raise anomaly sheet", lambda: sheets.raise_sheet(values, inspector))
        if saved is not None:
            rec.record(saved, saved.number)
        think(rnd)


def manager(rec: Recorder, rnd: random.Random, until: float, every: float) -> None:
    """The manager's round every `every` seconds: the last 60 days' feedback ledger, then the
    minute check, as the window runs it for the person signed in."""
    from feedback_desk.base import clock
    from feedback_desk.export.ledgers import export_ledger
    from feedback_desk.loop import clocks

    with tempfile.TemporaryDirectory(prefix="bench-workstations-") as folder:
        due, n = time.time(), 0
        while due < until:
            time.sleep(max(0.0, due - time.time()))
            today = clock.today_local()
            n += 1
            target = Path(folder) / f"ledger-{n}.xlsx"
            rec.run(EXPORT, lambda: export_ledger("feedback", today - dt.timedelta(days=LEDGER_DAYS),
                                                         today, target))
            result = rec.run("minute check", clocks.run_checks)
            if result is not None:
                rec.notes["clocks registered"] += result.registered
                rec.notes["clocks stopped"] += result.stopped
                rec.notes["newly late"] += len(result.late)
                rec.notes["checks skipped"] += not result.ran
            due += every


def raw_insert(target: str):
    """(connection, insert one row → (its id, the wait for the write lock in ms)) of raw SQL: the
    INSERT the program's model writes for a complaint, sent with sqlite3 or psycopg, one
    transaction each (SQLite: BEGIN IMMEDIATE, with the program's pragmas)."""
    import peewee

    from feedback_desk.base import server
    from feedback_desk.desks.feedback.models import Feedback

    on_server = server.is_server(target)
    Feedback.bind(peewee.PostgresqlDatabase(None) if on_server else peewee.SqliteDatabase(None),
                  bind_refs=False, bind_backrefs=False)  # only to write the SQL text: nothing connects
    if on_server:
        con = server_connection(target)

        def insert(row: dict) -> tuple[int, float | None]:
            sql, params = Feedback.insert(**row).returning(Feedback.id).sql()
            with con.transaction():  # no write lock: plain INSERTs on the server do not wait for each other
                new_id = con.execute(sql, params).fetchone()[0]
            return new_id, None
        return con, insert
    con = sqlite3.connect(target, timeout=10, isolation_level=None)
    for pragma in ("journal_mode = wal", "synchronous = normal", "foreign_keys = 1", "cache_size = -32000"):
        con.execute(f"PRAGMA {pragma}")

    def insert(row: dict) -> tuple[int, float]:
        sql, params = Feedback.insert(**row).sql()
        params = [v.isoformat(" ") if isinstance(v, dt.datetime) else v.isoformat() if isinstance(v, dt.date)
                  else v for v in params]
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        waited = (time.perf_counter() - t0) * 1000
        try:
            new_id = con.execute(sql, params).lastrowid
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return new_id, waited
    return con, insert


def raw_inserts(rec: Recorder, rnd: random.Random, until: float, target: str, n: int) -> None:
    """The baseline: the same complaint rows, with raw SQL; only the statements are timed."""
    from feedback_desk.base import clock

    head = person("front_head").id
    clerk = person("front_desk").id
    texts, i = _texts(), 0
    con, insert = raw_insert(target)
    stats = rec.ops[RAW_OP]
    while time.time() < until:
        i += 1
        now = clock.now_utc()
        row = {"created_at": now, "created_by": clerk, "updated_at": now, "updated_by": clerk,
               "channel": rnd.choice(CHANNELS), "kind": "complaint", "date": clock.today_local(),
               "text": rnd.choice(texts)[:500], "place": f"{rnd.choice(FLOORS)}{rnd.randrange(1, 26):02d}",
               "department": rnd.randrange(1, 11), "register_no": f"RAW-{n}-{i:06d}", "state": "registered",
               "handler": head, "investigation": "", "reply_text": ""}
        t0 = time.perf_counter()
        try:
            new_id, waited = insert(row)
        except Exception as exc:  # noqa: BLE001
            name = type(exc).__name__
            stats.errors[name] = stats.errors.get(name, 0) + 1
            stats.messages.setdefault(name, str(exc)[:200])
        else:
            stats.ms.append((time.perf_counter() - t0) * 1000)
            if waited is not None:
                stats.waits.append(waited)
            rec.saved["feedback"].append(new_id)
        think(rnd)
    con.close()


def worker(desk: str, target: str, seconds: float, n: int) -> None:
    """One workstation, in a process of its own: open, sign in, say ready, wait for the start time
    the parent sends on stdin, work until it is over, print the figures as one JSON line."""
    import logging

    from feedback_desk import opening
    from feedback_desk.base import access, db, i18n

    logging.basicConfig(level=logging.ERROR)  # a busy save's warning is counted, not printed
    i18n.set_language("zh_CN")
    database = opening.open_database(target)
    access.sign_in_as(person("front_desk" if desk == RAW else desk))
    time_the_write_lock(database)
    rnd, rec = random.Random(f"{desk}-{n}"), Recorder()
    print("ready", flush=True)
    start = float(sys.stdin.readline())
    time.sleep(max(0.0, start - time.time()))
    until = start + seconds
    if desk == RAW:
        raw_inserts(rec, rnd, until, target, n)
    elif desk == "manager":
        manager(rec, rnd, until, max(1.0, seconds / 6))
    else:
        {"front_desk": front_desk, "housekeeping": housekeeping, "quality": quality}[desk](rec, rnd, until)
    db.close_database()
    print(rec.as_json(), flush=True)
