"""Make the frozen database files of older schemas in tests/fixtures/schemas/.

    python tools/make_schema_fixtures.py            # (re)make every file listed in FILES
    python tools/make_schema_fixtures.py schema4.db # only that one (schema4.db.gz)

Each file is made by the program as it stood at one commit: that commit's own code is taken
out of git with `git archive` (into a temporary folder; the work tree is left alone), and run
with this venv's python to create the database and type a few records through its own use
cases (a department, staff, a customer with a taboo, a complaint, and where the desk existed a
service sheet with a line and its maintenance follow-up, an anomaly sheet, a suggestion). A
desk whose use cases did not exist yet at that commit gets its rows through that commit's
models. The clock is set to 2026-11-20 10:00 in Shanghai so the numbers are always the same.

A database of a few records is mostly empty pages (one 4 KB page per table and index), so each
file is kept gzip-compressed, byte for byte as the old program left it (after a checkpoint and a
VACUUM, so there is no -wal file beside it): 230-770 KB become 5-18 KB.

The files are the test's evidence of what each schema was: make them again only to add a
schema (a new line in FILES), never to "refresh" one.
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "schemas"

# file -> (commit whose code made it, what it is)
FILES = {
    "schema2.db": ("4b11965", "schema 2 as it last stood (parent of 2907a93, which brought schema 3)"),
    "schema3.db": ("c11d162", "schema 3 as it last stood (parent of 44c7ecc, which brought schema 4)"),
    "schema4.db": ("6bf797b", "schema 4 as it last stood (parent of 5c13a7a, which brought schema 5)"),
    "schema5.db": ("5c13a7a", "schema 5 as introduced; unchanged until beab430 brought schema 6"),
    "schema6.db": ("2836678", "schema 6 as it last stood in the flat layout (parent of 6a13e31, which moved the core "
                            "into folders; unchanged until sign-in brought schema 7)"),
    "schema7.db": ("9d766c5", "schema 7 as it last stood (the parent of the commit whose step 8 gave a major "
                            "anomaly sheet its named investigation team)"),
    "schema8.db": ("3371b32", "schema 8 as it last stood (the parent of the commit whose step 9 renamed the history's "
                            "password actions)"),
    "schema9.db": ("e8e5b5f", "schema 9 as it last stood (the parent of the commit whose step 10 gave departments, "
                            "settings and the days of the work calendar a version)"),
    "schema10.db": ("484b305", "schema 10 as it last stood (the parent of the commit whose step 11 brought the work "
                             "desk's tables)"),
    "schema11.db": ("db33962", "schema 11 as it last stood (the parent of the commit whose step 12 gave every desk's "
                             "records attachments); from schema 11 on the file also holds a photo on the anomaly "
                             "sheet and a work item"),
    "schema12.db": ("f530438", "schema 12 as it last stood (the parent of the commit whose step 13 let an anomaly "
                             "sheet name the complaint it was raised from)"),
    "schema13.db": ("c9341df", "schema 13 as it last stood (the parent of the commit whose step 14 brought the "
                             "safety desk's hazard register)"),
    "schema14.db": ("d4e1403", "schema 14 as it last stood (the parent of the commit whose step 15 brought the "
                             "incident reports)"),
    "schema15.db": ("c5b09dd", "schema 15 as it last stood (the parent of the commit whose step 16 made the incident "
                             "kinds a setting and named the staff involved); from schema 15 on the file also holds a "
                             "safety hazard and an incident report"),
    "schema16.db": ("bc1afd2", "schema 16 as it last stood (the parent of the merge whose step 17 brought the search "
                             "index of the free texts)"),
    "schema17.db": ("8da23af", "schema 17 as it last stood (the parent of the merge whose step 18 indexed the clocks "
                             "the minute check may still act on)"),
    "schema2-first.db": ("4e20137", "schema 2 as first written; step 2 was later changed in place "
                                    "(1b947c8 feedback.customer_name, f922594 customer.sort_name)"),
    "schema3-first.db": ("2907a93", "schema 3 as first written; 577ce1d later added service_line "
                                    "indexes without a step"),
    "schema4-first.db": ("44c7ecc", "schema 4 as first written; c571f69 later changed anomaly_sheet "
                                    "and attachment without a step"),
}

NOW_UTC = dt.datetime(2026, 11, 20, 2, 0)  # 10:00 in Shanghai
TZ = "Asia/Shanghai"


# --- run inside the old code (a child process) ---------------------------------------------

# where a module of the flat layout lives in the folders (6a13e31 on)
FOLDERS = {"db": "opening", "clock": "base.clock", "i18n": "base.i18n", "staff": "base.staff",
           "customers": "desks.customers.profiles", "feedback": "desks.feedback.guest_feedback",
           "rooms": "desks.housekeeping.rooms", "service_log": "desks.housekeeping.service_log",
           "quality": "desks.quality.sheets", "suggestions": "desks.suggestions.box",
           "deadline_rules": "loop.rules", "deadlines": "loop.clocks", "access": "base.access",
           "migrations": "base.migrations", "quality_actions": "desks.quality.actions",
           "work_giving": "desks.work.giving", "hazards": "desks.safety.hazards",
           "incidents": "desks.safety.incidents"}


def _old(name):
    import importlib

    for module in (name, FOLDERS.get(name)):
        try:
            return importlib.import_module(f"feedback_desk.{module}") if module else None
        except ImportError:
            continue
    return None


def _by_model(model, by, **values):
    """A row through the old commit's model only: fields it does not have are left out, a
    record's bookkeeping columns are filled as its records module would."""
    fields = model._meta.fields
    row = {k: v for k, v in values.items() if k in fields}
    for name in ("created_at", "updated_at", "added_at"):
        if name in fields:
            row.setdefault(name, NOW_UTC)
    for name in ("created_by", "updated_by", "added_by"):
        if name in fields:
            row.setdefault(name, by)
    return model.create(**row)


def _png() -> bytes:
    """A real 4×3 PNG of red pixels."""
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(3))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def fill(target: str) -> None:
    """Create the database at `target` with the code on sys.path and type a few records (as
    the program itself where a commit checks who may: nobody is signed in)."""
    access = _old("access")
    if access is not None:
        with access.acting_as_the_program():
            return _fill(target)
    return _fill(target)


def _fill(target: str) -> None:
    db = _old("db")
    clock, i18n, staff, customers, feedback = (_old(n) for n in ("clock", "i18n", "staff", "customers",
                                                                  "feedback"))
    try:
        i18n.set_language("zh_CN")  # the seeded lists in Chinese, as at a hotel here
    except FileNotFoundError:
        pass  # no catalog yet at the first commits
    clock.set_now(NOW_UTC)
    db.open_database(target)
    today = clock.today_local()
    for name in ("rooms", "suggestions", "deadline_rules"):  # what the window seeds when it starts
        module = _old(name)
        for seed in ("ensure_consumables", "ensure_categories", "ensure_rules"):
            if module is not None and hasattr(module, seed):
                getattr(module, seed)()

    front = staff.save_department("前厅部")
    rooms_dept = staff.save_department("客房部")
    wang = staff.save_staff("王芳", front.id)
    li = staff.save_staff("李娜", rooms_dept.id)
    zhang = customers.create_customer({"name": "张", "title": "科长", "organisation": "国税局",
                                       "phones": "13805310001", "vip": True}, wang)
    customers.add_preference(zhang.id, "taboo", "不吃辣", None, wang)
    feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": today, "place": "1208",
                              "department": rooms_dept.id, "text": "空调噪音太大", "customer": zhang.id}, wang)

    rooms, service_log = _old("rooms"), _old("service_log")
    if service_log is not None:
        rooms.save_room("1208", 12, "标准间")
        sheet = service_log.create_sheet({"date": today, "floor": 12, "attendant": li.id}, li)
        service_log.add_line(sheet.id, {"room": "1208", "start_time": "09:00", "end_time": "09:30",
                                        "room_state": "stayover", "maintenance": "台灯不亮"}, li)

    quality, quality_models = _old("quality"), _old("quality_models")
    migrations = _old("migrations")
    later = migrations is not None and migrations.SCHEMA_VERSION >= 11  # the files of schema 11 on hold more
    if quality is not None:
        sheet = quality.raise_sheet({"source": "internal", "product": "冷冻虾仁", "batch": "B20261120",
                                     "description": "到货温度-8℃，冷链中断", "severity": "serious"}, wang)
        if later:
            files = _old("quality_actions")  # schema 11's own use case; from schema 12 the sheet's Attachable
            add = files.FILES.add_file if hasattr(files, "FILES") else files.add_attachment
            add(sheet.id, _png(), "到货温度.png", wang)
    elif quality_models is not None:
        _by_model(quality_models.AnomalySheet, wang, number="QA-2026-11-0001", source="internal",
                  found_at=NOW_UTC, found_by=wang, product="冷冻虾仁", batch="B20261120",
                  description="到货温度-8℃，冷链中断", severity="serious", state="raised")

    suggestions, suggestion_models = _old("suggestions"), _old("suggestion_models")
    if suggestions is not None:
        category = suggestions.categories()[0]
        suggestions.drop_suggestion({"anonymous": False, "writer": li.id, "category": category.id,
                                     "department": rooms_dept.id, "text": "早餐增加粥品"}, li)
    elif suggestion_models is not None:
        category = suggestion_models.SuggestionCategory.create(name="服务", position=0)
        _by_model(suggestion_models.Suggestion, li, number="建议-2026-11-0001", writer=li,
                  received_on=today, department=rooms_dept, category=category, text="早餐增加粥品")

    if later:
        _old("work_giving").give({"kind": "cross_department", "doer": li.id, "task": "1208房台灯不亮，请客房部更换"},
                                 wang)

    if migrations is not None and migrations.SCHEMA_VERSION >= 15:
        _old("hazards").report_hazard({"area": "electricity", "place": "洗衣房", "description": "烘干机电线老化",
                                       "severity": "serious", "department": rooms_dept.id}, li)
        _old("incidents").report_incident({
            "kind": "fire", "happened_at": NOW_UTC - dt.timedelta(hours=2), "handled_at": NOW_UTC - dt.timedelta(
                hours=1, minutes=30), "place": "洗衣房", "immediate_action": "关闭电源，灭火器扑灭",
            "department": rooms_dept.id, "people": "李娜、保安刘强"}, li)

    deadlines = _old("deadlines")
    if deadlines is not None:
        deadlines.run_checks()  # the window's minute check: every open item gets its clock
    (_old("base.db") or db).close_database()


# --- run here ------------------------------------------------------------------------------

_CHILD = """
import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__]
sys.path.insert(0, sys.argv[1])
for name in [m for m in sys.modules if m.split(".")[0] in ("feedback_desk", "resources")]:
    del sys.modules[name]
import feedback_desk
assert feedback_desk.__file__.startswith(sys.argv[1]), feedback_desk.__file__
sys.path.insert(1, sys.argv[2])
import make_schema_fixtures
make_schema_fixtures.fill(sys.argv[3])
"""


def make(name: str) -> Path:
    commit, _what = FILES[name]
    dest = OUT / f"{name}.gz"
    with tempfile.TemporaryDirectory(prefix=f"schema-{commit}-") as tmp:
        src, target = Path(tmp) / "src", Path(tmp) / name
        src.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "feedback_desk", "resources"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
        # the old code runs in a child of its own, where only it is importable as feedback_desk
        subprocess.run([sys.executable, "-c", _CHILD, str(src), str(ROOT / "tools"), str(target)],
                       check=True, cwd=tmp, env={**os.environ, "TZ": TZ})
        con = sqlite3.connect(target)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("VACUUM")
            version = con.execute("SELECT version FROM schema_version").fetchone()[0]
        finally:
            con.close()
        for extra in ("-wal", "-shm"):
            Path(f"{target}{extra}").unlink(missing_ok=True)
        OUT.mkdir(parents=True, exist_ok=True)
        data = target.read_bytes()
        # mtime=0: the same file gives the same bytes, so a re-made file shows no change in git
        dest.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{dest.name}: schema {version}, made by {commit}, {len(data) // 1024} KB, "
          f"{dest.stat().st_size // 1024} KB compressed")
    return dest


if __name__ == "__main__":
    for name in sys.argv[1:] or FILES:
        make(name)
