"""A real file of every older schema, upgraded, has a fresh database's schema and keeps its rows.

The files in fixtures/schemas/ were made by the program itself at the commit named in their
README (tools/make_schema_fixtures.py), with a few records typed through its use cases;
schema 1 never had a commit of its own, its file is the SQL dump fixtures/schema1.sql.

Columns are compared as sets of (name, type, not null, default, primary key), order aside:
SQLite's ALTER TABLE ADD COLUMN can only append, so a column a later step added stands last
in an upgraded table and in its place in a fresh one (item_clock.kind, feedback.customer_name);
rewriting whole tables only to order their columns would risk the data for nothing a query sees.
Everything else is compared as it is: tables, indexes (name, unique, columns, partial WHERE)
and foreign keys.
"""
from __future__ import annotations

import gzip
import re
import sqlite3
from pathlib import Path

import pytest

from feedback_desk.base import db as dbmod, migrations, roles
from feedback_desk import opening
from feedback_desk.base.models import Change, SchemaVersion, Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers.models import Customer
from feedback_desk.desks.customers import profiles as customers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# file -> schema version it holds
FILES = {"schema1.sql": 1, "schema2.db.gz": 2, "schema3.db.gz": 3, "schema4.db.gz": 4, "schema5.db.gz": 5,
         "schema6.db.gz": 6, "schema7.db.gz": 7, "schema8.db.gz": 8,
         "schema9.db.gz": 9, "schema10.db.gz": 10, "schema11.db.gz": 11,
         "schema12.db.gz": 12, "schema13.db.gz": 13, "schema14.db.gz": 14, "schema15.db.gz": 15,
         "schema16.db.gz": 16, "schema17.db.gz": 17}

# Files made in the minutes after a step was first written, before it was changed in place: their
# schema is not the one their version stands for, and no step brings them to it (reported in
# fixtures/schemas/README.md). They upgrade without an error and keep every row; their schema
# test is expected to fail until a step of its own repairs them.
FIRST_DRAFTS = {
    "schema2-first.db.gz": (2, "feedback.customer_name, customer.sort_name and their indexes were "
                               "added to step 2 in place (1b947c8, f922594)"),
    "schema3-first.db.gz": (3, "six service_line indexes were added to the schema-3 models without "
                               "a step (577ce1d)"),
    "schema4-first.db.gz": (4, "anomaly_sheet (product_key, days_to_close, returned_reason) and "
                               "attachment (made a Record) changed without a step (c571f69)"),
}


def _old_file(name: str, tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    if name.endswith(".sql"):
        con = sqlite3.connect(path)
        con.executescript((FIXTURES / name).read_text(encoding="utf-8"))
        con.close()
    else:
        path.write_bytes(gzip.decompress((FIXTURES / "schemas" / name).read_bytes()))
    return path


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _tables(con: sqlite3.Connection) -> tuple[list[str], dict[str, str]]:
    """The file's tables of rows, and its virtual tables (the search index, schema 16) with their
    definition; the tables a virtual table keeps its own data in are neither."""
    found = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
    virtual = {name: re.sub(r"\s+", " ", sql) for name, sql in found if sql.startswith("CREATE VIRTUAL TABLE")}
    return [name for name, _sql in found if name not in virtual
            and not any(name.startswith(v + "_") for v in virtual)], virtual


def _schema(path: Path) -> dict[str, dict[str, frozenset]]:
    """Per table: its columns, indexes and foreign keys, as SQLite reports them; per virtual table,
    its definition."""
    con = _connect(path)
    try:
        tables, virtual = _tables(con)
        out = {name: {"definition": frozenset([sql])} for name, sql in virtual.items()}
        for table in tables:
            columns = frozenset((name, kind, notnull, default, pk) for _cid, name, kind, notnull, default, pk
                                in con.execute(f'PRAGMA table_info("{table}")'))
            indexes = set()
            for _seq, name, unique, origin, partial in con.execute(f'PRAGMA index_list("{table}")'):
                cols = tuple(r[2] for r in con.execute(f'PRAGMA index_info("{name}")'))
                sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
                where = re.sub(r"\s+", " ", sql.split(" WHERE ", 1)[1]).strip() if partial else None
                indexes.add((name, unique, cols, origin, where))
            keys = frozenset((ref, src, dest, on_update, on_delete) for
                             _id, _seq, ref, src, dest, on_update, on_delete, _match
                             in con.execute(f'PRAGMA foreign_key_list("{table}")'))
            out[table] = {"columns": columns, "indexes": frozenset(indexes), "foreign keys": keys}
        return out
    finally:
        con.close()


def _differences(upgraded: dict, fresh: dict) -> list[str]:
    """What one database has and the other lacks, one line each (empty: the same schema)."""
    found = [f"table {t} only in the upgraded database" for t in sorted(upgraded.keys() - fresh.keys())]
    found += [f"table {t} only in the fresh database" for t in sorted(fresh.keys() - upgraded.keys())]
    for table in sorted(upgraded.keys() & fresh.keys()):
        for part, items in fresh[table].items():
            found += [f"{table}: {part} {x} only in the fresh database"
                      for x in sorted(items - upgraded[table][part], key=str)]
            found += [f"{table}: {part} {x} only in the upgraded database"
                      for x in sorted(upgraded[table][part] - items, key=str)]
    return found


def _rows(path: Path) -> dict[str, list[dict]]:
    """Every row of every table (not the search index's, which is made of them), by table, in id order."""
    con = _connect(path)
    con.row_factory = sqlite3.Row
    try:
        tables = _tables(con)[0]
        return {t: [dict(r) for r in con.execute(f'SELECT * FROM "{t}" ORDER BY id')] for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("fresh") / "fresh.db"
    try:
        opening.open_database(path)
    finally:
        dbmod.close_database()
    return _schema(path)


def _upgrade(path: Path) -> None:
    try:
        database = opening.open_database(path)
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert SchemaVersion.select(SchemaVersion.version).scalar() == dbmod.SCHEMA_VERSION
    finally:
        dbmod.close_database()


def test_the_database_module_runs_the_frozen_steps():
    assert dbmod.MIGRATIONS is migrations.MIGRATIONS and dbmod.SCHEMA_VERSION == migrations.SCHEMA_VERSION
    assert sorted(migrations.MIGRATIONS) == list(range(2, migrations.SCHEMA_VERSION + 1))
    assert sorted(FILES.values()) == list(range(1, migrations.SCHEMA_VERSION))  # a file of every older schema


def test_the_steps_do_not_read_todays_models():
    # the steps written in a file of their own (base/schema_NN.py) are held to the same
    steps = sorted(Path(migrations.__file__).parent.glob("schema_*.py"))
    assert steps, "the steps of their own files are looked at too"
    for path in [Path(migrations.__file__), *steps]:
        imports = re.findall(r"^\s*(?:from|import) (\S+)", path.read_text(encoding="utf-8"), re.M)
        assert not [name for name in imports if name.startswith("feedback_desk")
                    and name != "feedback_desk.base.search" and not name.startswith("feedback_desk.base.schema_")], path


@pytest.mark.parametrize("name", [*FILES, *(
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=f"first draft of schema {version}: {why}"))
    for name, (version, why) in FIRST_DRAFTS.items())])
def test_an_upgraded_file_has_the_schema_of_a_fresh_database(name, tmp_path, fresh_schema):
    path = _old_file(name, tmp_path)
    _upgrade(path)
    assert _differences(_schema(path), fresh_schema) == []


@pytest.mark.parametrize("name", [*FILES, *FIRST_DRAFTS])
def test_an_upgrade_keeps_every_row_and_a_copy_of_the_old_file(name, tmp_path):
    version = FILES.get(name) or FIRST_DRAFTS[name][0]
    path = _old_file(name, tmp_path)
    before = _rows(path)
    assert before["staff"] and before["customer"] and before["feedback"]  # the file has records to move

    _upgrade(path)

    after = _rows(path)
    # schema 7: a person's one role became rows of staff_role; schema 12: a file's sheet became its record
    moved = {"staff": "role", "attachment": "sheet_id"}
    for table, rows in before.items():
        if table == "schema_version":
            continue
        rows = [{k: v for k, v in row.items() if k != moved.get(table)} for row in rows]
        kept = [{k: row[k] for k in old} for row, old in zip(after[table], rows)]
        assert len(after[table]) == len(rows) and kept == rows, table  # every old value as it was
    held = [(r["id"], r["role"]) for r in before["staff"] if r.get("role", "staff") != "staff"]
    assert [(r["staff_id"], r["role"]) for r in after["staff_role"]] == held
    assert {t: rows for t, rows in after.items() if t not in before | {"staff_role": 0}} == {
        t: [] for t in after.keys() - before.keys() - {"staff_role"}}  # later schemas' tables start empty

    backup = path.with_name(f"{path.name}.schema{version}.bak")
    assert backup.exists()
    assert _rows(backup) == before


def test_a_role_of_schema_6_becomes_a_row_of_staff_role(tmp_path):
    """The one role a person had (a head of their department, the deputy GM, the GM) is kept."""
    path = _old_file("schema6.db.gz", tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE staff SET role = 'head' WHERE name = '王芳'")
    con.execute("UPDATE staff SET role = 'gm' WHERE name = '李娜'")
    con.commit()
    con.close()
    _upgrade(path)
    try:
        opening.open_database(path)
        wang, li = Staff.select().order_by(Staff.id)
        assert roles.grants_of(wang.id) == [roles.Grant("head", wang.department_id)]
        assert roles.grants_of(li.id) == [roles.Grant("gm")]
        assert roles.first_holder("head", wang.department_id) == wang.id and roles.first_holder("gm") == li.id
    finally:
        dbmod.close_database()


def test_the_password_actions_of_schema_8_read_back_under_their_new_names(tmp_path):
    """Schema 9 renamed them to fit their 16-character column (the server enforces it)."""
    path = _old_file("schema8.db.gz", tmp_path)
    con = sqlite3.connect(path)
    for action in ("become_administrator", "set_first_password", "change_password"):
        con.execute("INSERT INTO change (\"table\", record_id, action, field, old, new, at) "
                    "VALUES ('staff', 1, ?, 'password', NULL, '••••••••', '2026-11-20 02:00:00')", (action,))
    con.commit()
    con.close()
    _upgrade(path)
    try:
        opening.open_database(path)
        actions = [c.action for c in Change.select().where(Change.field == "password").order_by(Change.id)]
        assert actions == ["admin_password", "first_password", "own_password"]
        assert all(len(a) <= Change.action.max_length for (a,) in Change.select(Change.action).tuples())
    finally:
        dbmod.close_database()


def test_departments_settings_and_calendar_days_of_schema_9_start_at_version_1(tmp_path):
    """Step 10 gave them a version (a save from a form read before someone else's is refused)."""
    path = _old_file("schema9.db.gz", tmp_path)
    before = _rows(path)
    assert before["department"] and before["setting"] and before["holiday"]
    _upgrade(path)
    after = _rows(path)
    for table in ("department", "setting", "holiday"):
        assert {r["version"] for r in after[table]} == {1}, table
        assert [{k: v for k, v in r.items() if k != "version"} for r in after[table]] == before[table]


@pytest.mark.parametrize("name", [n for n, v in FILES.items() if v >= 2])
def test_the_records_typed_into_an_old_program_read_back_in_todays(name, tmp_path):
    path = _old_file(name, tmp_path)
    version = FILES[name]
    before = _rows(path)
    _upgrade(path)
    try:
        opening.open_database(path)
        assert [(s.name, s.department.name, roles.roles_of(s.id)) for s in Staff.select().order_by(Staff.id)] == [
            ("王芳", "前厅部", {"staff"}), ("李娜", "客房部", {"staff"})]
        zhang = Customer.get_by_id(1)
        assert (zhang.name, zhang.title, zhang.organisation, zhang.vip) == ("张", "科长", "国税局", True)
        assert [h.name for h in customers.find_customers("zkz")] == ["张"]
        assert [p.text for p in customers.customer_profile(1).taboos] == ["不吃辣"]
        complaint = Feedback.get_by_id(1)
        assert (complaint.register_no, complaint.customer_name, complaint.text) == (
            "客诉-2026-11-0001", "张科长", "空调噪音太大")
    finally:
        dbmod.close_database()

    after = _rows(path)
    if version >= 3:
        assert [r["maintenance"] for r in after["service_line"]] == ["台灯不亮"]
        assert [r["description"] for r in after["maintenance_item"]] == ["台灯不亮"]
    if version >= 4:
        assert [(r["number"], r["product_key"]) for r in after["anomaly_sheet"]] == [("QA-2026-11-0001", "冷冻虾仁")]
        assert [(r["number"], r["writer_id"]) for r in after["suggestion"]] == [("建议-2026-11-0001", 2)]
        # step 8: a sheet of before has no named investigation team
        assert [(r["team_members"], r["team_named_by_id"], r["team_named_at"]) for r in after["anomaly_sheet"]] == [
            ("", None, None)]
    if version == 5:
        # the clocks running before step 6 get its columns with their defaults
        assert len(after["item_clock"]) == len(before["item_clock"]) == 5
        assert {(r["kind"], r["amount"], r["start"], r["reported_at"]) for r in after["item_clock"]} == {
            ("", 0, "created", None)}
    if version >= 15:  # the hazard and the fire in the laundry, with the staff involved as typed then
        assert [(r["number"], r["state"]) for r in after["safety_hazard"]] == [("隐患-2026-11-0001", "reported")]
        assert [(r["number"], r["kind"], r["people"]) for r in after["incident_report"]] == [
            ("事件-2026-11-0001", "fire", "李娜、保安刘强")]
        assert after["incident_kind"] == [] and after["incident_person"] == []  # step 16: nothing renamed, no one picked
    if version >= 6:  # the six open items' clocks (a service sheet has two; from 11 a work item two more; from 15
        # the hazard's and the incident's) run on
        clocks = [(r["desk"], r["kind"], r["amount"], r["start"]) for r in after["item_clock"]]
        assert len(clocks) == (10 if version >= 15 else 8 if version >= 11 else 6) and clocks == [(r["desk"], r["kind"], r["amount"], r["start"])
                                               for r in before["item_clock"]]


def test_four_programs_opening_one_old_file_at_once_upgrade_it_once(tmp_path):
    """Four workstations' programs (or a command beside the window) start on a file that needs
    upgrading: they take turns at each step, none fails, and the copy kept is the old schema's."""
    import subprocess
    import sys
    import textwrap

    path = _old_file("schema5.db.gz", tmp_path)
    before = _rows(path)
    script = textwrap.dedent(f"""
        import sys, time
        from feedback_desk import opening
        from feedback_desk.base import db
        time.sleep(max(0.0, float(sys.argv[1]) - time.time()))  # all four at the same moment
        opening.open_database({str(path)!r})
        db.close_database()
    """)
    start = f"{__import__('time').time() + 2.0}"
    programs = [subprocess.Popen([sys.executable, "-c", script, start], stderr=subprocess.PIPE, text=True)
                for _ in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in programs]
    assert [p.returncode for p in programs] == [0, 0, 0, 0], errors
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version FROM schema_version").fetchone()[0] == migrations.SCHEMA_VERSION
    with sqlite3.connect(f"{path}.schema5.bak") as kept:
        assert kept.execute("SELECT version FROM schema_version").fetchone()[0] == 5
    after = _rows(path)
    assert {t: len(after[t]) for t in before} == {t: len(rows) for t, rows in before.items()}  # none twice


def test_a_schema_10_file_gets_the_work_desks_tables_empty(tmp_path):
    """Step 11 (issue 16) adds the work desk's tables and touches nothing that was there."""
    path = _old_file("schema10.db.gz", tmp_path)
    before = _rows(path)
    assert "work_item" not in before
    _upgrade(path)
    after = _rows(path)
    new = {"meeting", "meeting_attendee", "work_item", "work_copy", "work_step", "meeting_response",
           "safety_hazard", "incident_report", "incident_step", "incident_inquiry",
           "incident_kind", "incident_person"}  # steps 14, 15 and 16 too
    assert set(after) - set(before) == new and all(after[t] == [] for t in new)
    kept = {t: [{k: row[k] for k in old} for row, old in zip(after[t], before[t])] for t in before}
    assert {t: kept[t] for t in before if t != "schema_version"} == {t: before[t] for t in before
                                                                     if t != "schema_version"}
    assert {t: len(after[t]) for t in before} == {t: len(before[t]) for t in before}  # later steps add columns only


def test_a_schema_11_file_keeps_the_sheets_photo_as_the_sheets_attachment(tmp_path):
    """Step 12 (issues 16, 17): a file belongs to a record of any desk; the photo the anomaly sheet
    had stays its own, with its id, bytes and history, and the size limit's setting carries over."""
    path = _old_file("schema11.db.gz", tmp_path)
    with sqlite3.connect(path) as con:  # the quality desk's limit, as a user of schema 11 had set it
        con.execute("INSERT INTO setting (key, value, version) VALUES ('quality.attachment_max_mb', '5', 1)")
    before = _rows(path)
    _upgrade(path)
    after = _rows(path)
    [photo] = after["attachment"]
    old = before["attachment"][0]
    assert (photo["id"], photo["record_table"], photo["record_id"], photo["data"], photo["filename"]) == (
        old["id"], "anomaly_sheet", old["sheet_id"], old["data"], "到货温度.png")
    assert "sheet_id" not in photo
    try:
        opening.open_database(path)
        from feedback_desk.base import settings
        from feedback_desk.desks.quality.actions import FILES
        from feedback_desk.desks.quality.sheets import sheet_history

        assert settings.get_int("attachment_max_mb") == 5
        assert [(a.filename, a.size) for a in FILES.files_of(old["sheet_id"])] == [("到货温度.png", 73)]
        assert ("attachment", photo["id"]) in {(c.table, c.record_id) for c in sheet_history(old["sheet_id"])}
    finally:
        dbmod.close_database()


def test_a_sheet_of_schema_12_was_raised_from_no_other_record(tmp_path):
    """Step 13 (issue 17): a sheet names the record it was raised from; one of before names none."""
    path = _old_file("schema12.db.gz", tmp_path)
    _upgrade(path)
    assert [(r["number"], r["raised_from_table"], r["raised_from_id"]) for r in _rows(path)["anomaly_sheet"]] == [
        ("QA-2026-11-0001", "", None)]


def test_a_schema_13_file_gets_the_hazard_register_empty(tmp_path):
    """Step 14 (issue 17) adds the safety desk's hazard register and changes nothing that was there."""
    path = _old_file("schema13.db.gz", tmp_path)
    before = _rows(path)
    _upgrade(path)
    after = _rows(path)
    assert set(after) - set(before) == {"safety_hazard", "incident_report", "incident_step", "incident_inquiry",
                                        "incident_kind", "incident_person"}  # and steps 15 and 16's
    assert all(after[t] == [] for t in set(after) - set(before))
    assert {t: after[t] for t in before if t != "schema_version"} == {t: before[t] for t in before
                                                                     if t != "schema_version"}


def test_a_schema_14_file_gets_the_incident_tables_empty(tmp_path):
    """Step 15 (issue 17) adds the incident reports, their route and inquiries, and changes nothing else."""
    path = _old_file("schema14.db.gz", tmp_path)
    before = _rows(path)
    _upgrade(path)
    after = _rows(path)
    assert set(after) - set(before) == {"incident_report", "incident_step", "incident_inquiry", "incident_kind",
                                        "incident_person"}  # and step 16's
    assert all(after[t] == [] for t in set(after) - set(before))
    assert {t: after[t] for t in before if t != "schema_version"} == {t: before[t] for t in before
                                                                     if t != "schema_version"}


def test_a_schema_15_file_gets_the_incident_kinds_and_the_staff_involved_empty(tmp_path):
    """Step 16 (issue 17) adds the incident kinds (a setting) and the staff involved, and changes
    nothing that was there: the fire in the laundry keeps its kind, read as the seed names it."""
    path = _old_file("schema15.db.gz", tmp_path)
    before = _rows(path)
    _upgrade(path)
    after = _rows(path)
    assert set(after) - set(before) == {"incident_kind", "incident_person"}
    assert all(after[t] == [] for t in set(after) - set(before))
    assert {t: after[t] for t in before if t not in ("schema_version", "rule")} == {
        t: before[t] for t in before if t not in ("schema_version", "rule")}
    from feedback_desk.desks.safety import INCIDENT_KIND_NAMES
    from feedback_desk.base import i18n

    try:
        opening.open_database(path)
        i18n.set_language("zh_CN")
        assert INCIDENT_KIND_NAMES.get("fire") == "火灾"
    finally:
        dbmod.close_database()


def test_a_schema_16_file_finds_its_records_by_their_words(tmp_path):
    """Step 17 (issue 18) indexes what the file already holds: every text is found by a piece of it."""
    from feedback_desk.base import search
    from feedback_desk.desks.quality.models import AnomalySheet

    path = _old_file("schema16.db.gz", tmp_path)
    con = _connect(path)
    held = {field: dict(con.execute(f"SELECT id, {field.column_name} FROM {field.model._meta.table_name}"))
            for field in (Feedback.text, AnomalySheet.description)}
    con.close()
    try:
        opening.open_database(path)
        for field, texts in held.items():
            assert texts
            model = field.model
            for row_id, text in texts.items():
                for piece in (text[:1], text[1:3], text):
                    found = {i for (i,) in model.select(model.id).where(search.contains(field, piece)).tuples()}
                    assert row_id in found, (field, piece)
    finally:
        dbmod.close_database()


def test_a_schema_17_file_gets_the_index_of_the_waiting_clocks_and_nothing_else(tmp_path):
    """Step 18 (issue 19) adds the partial index the minute check reads the clocks falling due
    through; every row stays as it was."""
    path = _old_file("schema17.db.gz", tmp_path)
    before, indexes = _rows(path), _schema(path)["item_clock"]["indexes"]
    _upgrade(path)
    added = _schema(path)["item_clock"]["indexes"] - indexes
    assert [(name, cols) for name, _unique, cols, _origin, _where in added] == [
        ("item_clock_waiting", ("due_at",))]
    assert {t: rows for t, rows in _rows(path).items() if t != "schema_version"} == {
        t: rows for t, rows in before.items() if t != "schema_version"}
