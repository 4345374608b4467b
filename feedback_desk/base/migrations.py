"""The schema's steps: step N brings a database from schema N-1 to schema N.

Each step is frozen when written (habit 15): it says what that schema was, and never reads
today's models, so a later change to a model cannot change what an old step does. A change to
the tables is a new step, with SCHEMA_VERSION one up; a written step is not edited.

How a step says what it builds: with frozen peewee model classes of its own, defined inside
the step, bound at run time to the database being upgraded and used only to create that step's
tables and indexes (tables of earlier steps they point to are stand-ins with only an id). Not
with plain CREATE TABLE text, because:
  * a fresh database is made by peewee's `create_tables` from today's models; building an old
    step's tables through the same DDL writer gives the same SQL a fresh database has on every
    engine, so the PostgreSQL twin of each step comes for free (peewee writes TIMESTAMP,
    BOOLEAN and BYTEA there, DATETIME, INTEGER and BLOB here), where SQL text would need a copy
    per dialect kept by hand;
  * the definitions stay readable as the models they were, field by field.
The price: a peewee release that changed its DDL would change both paths alike (tests/
test_migrations.py upgrades a real file of every older schema and compares it with a fresh
database, so a divergence shows there). Python-side defaults are kept as they were although
they write no DDL; backrefs are dropped, as they write none either.

Where each frozen definition comes from (the models at the last commit of that schema):
  step 3 (base/schema_3.py): service_models.py at c11d162 (the parent of 44c7ecc, which brought schema 4);
  step 4 (base/schema_4.py): quality_models.py and suggestion_models.py at 6bf797b (the parent of 5c13a7a);
  step 5: deadline_models.py at 99567c3 (the parent of beab430), the same as at 5c13a7a;
  step 11 (base/schema_11.py, a file of its own for its length): desks/work/models.py as it was written;
  step 12 (base/schema_12.py): base/attachments.py as it was written;
  step 13 (base/schema_13.py): the two columns of desks/quality/models.py as they were written;
  step 14 (base/schema_14.py): desks/safety/models.py as it was written;
  step 15 (base/schema_15.py): the incident tables of desks/safety/models.py as they were written;
  step 16 (base/schema_16.py): the incident kinds and the staff involved of desks/safety/models.py as written;
  step 17 (base/schema_17.py): the search index of the SearchedText columns of every desk's models at 17;
  step 18 (base/schema_18.py): the partial index of loop/models.py's item clock as it was written.
Steps 2, 3 and 4 were changed in place for a while after they were first written (schema 2 by
1b947c8 and f922594, schema 3's indexes by 577ce1d, schema 4's anomaly_sheet and attachment by
c571f69), so a file made in those first minutes is not what its version says; the frozen steps
follow each schema as it last stood, which is what every later program was written against.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.schema_frozen import frozen_base, migrate, migrator_of
from feedback_desk.base.schema_3 import migration_3
from feedback_desk.base.schema_4 import migration_4
from feedback_desk.base.schema_11 import migration_11
from feedback_desk.base.schema_12 import migration_12
from feedback_desk.base.schema_13 import migration_13
from feedback_desk.base.schema_14 import migration_14
from feedback_desk.base.schema_15 import migration_15
from feedback_desk.base.schema_16 import migration_16
from feedback_desk.base.schema_17 import migration_17
from feedback_desk.base.schema_18 import migration_18


def _migration_2(db: pw.Database) -> None:
    """Room for passwords and roles (a later issue fills them in); feedback sortable by
    customer name and place without a join (a copy of the name, kept in step on save).

    The pinyin sort name is computed with today's `sort_key` on purpose: it is derived data,
    and must equal what today's program writes when the customer is next saved."""
    migrator = migrator_of(db)
    migrate(
        migrator.add_column("staff", "role", pw.CharField(max_length=32, default="staff")),
        migrator.add_column("staff", "password_hash", pw.CharField(max_length=255, null=True)),
        migrator.add_column("feedback", "customer_name", pw.CharField(max_length=200, default="")),
        migrator.add_index("feedback", ("customer_name",), False),
        migrator.add_index("feedback", ("place",), False),
        migrator.add_column("customer", "sort_name", pw.CharField(max_length=300, default="")),
        migrator.add_index("customer", ("sort_name",), False),
    )
    from feedback_desk.base.search import sort_key

    rows = db.execute_sql("SELECT id, name, title FROM customer").fetchall()
    for cid, name, title in rows:
        db.execute_sql("UPDATE customer SET sort_name = ? WHERE id = ?", (sort_key(name + (title or "")), cid))
    db.execute_sql(
        "UPDATE feedback SET customer_name = (SELECT c.name || c.title FROM customer c "
        "WHERE c.id = feedback.customer_id) WHERE customer_id IS NOT NULL")


def _migration_5(db: pw.Database) -> None:
    """Closing the loop (issue 7): deadline rules, the work calendar, item clocks, escalations,
    periodic duties done, as at schema 5 (the item clock without step 6's columns)."""
    Frozen = frozen_base(db)

    class Staff(Frozen):  # stand-ins: schema 1's tables
        pass

    class Department(Frozen):
        pass

    class Rule(Frozen):
        code = pw.CharField(max_length=48, unique=True)
        name = pw.CharField(max_length=200)
        desk = pw.CharField(max_length=24, default="")
        kind = pw.CharField(max_length=24, default="")
        severity = pw.CharField(max_length=16, default="")
        clock = pw.CharField(max_length=16)
        amount = pw.IntegerField()
        start = pw.CharField(max_length=16, default="created")
        grace = pw.IntegerField()
        refer_to = pw.CharField(max_length=16, default="")
        chain = pw.CharField(max_length=100, default="handler,head,deputy_gm,gm")
        active = pw.BooleanField(default=True)
        position = pw.IntegerField(default=0)
        version = pw.IntegerField(default=1)
        updated_at = pw.DateTimeField(null=True)
        updated_by = pw.ForeignKeyField(Staff, null=True, backref="+")

        class Meta:
            table_name = "deadline_rule"

    class Holiday(Frozen):
        date = pw.DateField(unique=True)
        kind = pw.CharField(max_length=12)
        name = pw.CharField(max_length=50, default="")

    class ItemClock(Frozen):
        desk = pw.CharField(max_length=24)
        item_id = pw.IntegerField()
        rule = pw.ForeignKeyField(Rule, backref="+")
        rule_version = pw.IntegerField()
        flag = pw.CharField(max_length=16, default="")
        handled_at = pw.DateTimeField(null=True)
        start_at = pw.DateTimeField()
        clock = pw.CharField(max_length=16)
        grace = pw.IntegerField()
        chain = pw.CharField(max_length=100)
        due_at = pw.DateTimeField(index=True)
        owner = pw.ForeignKeyField(Staff, null=True, backref="+")
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        step = pw.IntegerField(default=0)
        late_seen = pw.BooleanField(default=False)
        done_at = pw.DateTimeField(null=True, index=True)

        class Meta:
            indexes = ((("desk", "item_id"), True),)

    class Escalation(Frozen):
        desk = pw.CharField(max_length=24)
        item_id = pw.IntegerField()
        step = pw.IntegerField()
        to_role = pw.CharField(max_length=16)
        to_staff = pw.ForeignKeyField(Staff, null=True, backref="+")
        scheduled_at = pw.DateTimeField()
        at = pw.DateTimeField()

        class Meta:
            indexes = ((("desk", "item_id", "step"), True), (("to_staff",), False))

    class DutyDone(Frozen):
        duty = pw.CharField(max_length=24)
        period = pw.CharField(max_length=12)
        done_at = pw.DateTimeField()
        done_by = pw.ForeignKeyField(Staff, null=True, backref="+")
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("duty", "period"), True),)

    db.create_tables([Rule, Holiday, ItemClock, Escalation, DutyDone], safe=True)


def _migration_6(db: pw.Database) -> None:
    """Item clocks remember the item's kind, their rule's amount and start, and the last
    progress report (work with no deadline is reported daily; a CAPA action given a deadline
    changes rule). Clocks already running get '' / 0 / 'created' / none.

    Before step 5 was frozen it built item_clock from the models of the day, which from
    beab430 on already had these columns; a file upgraded that way and stopped between the two
    steps is at schema 5 with them, so a column already there is left alone."""
    have = {c.name for c in db.get_columns("item_clock")}
    columns = {
        "kind": pw.CharField(max_length=24, default=""),
        "amount": pw.IntegerField(default=0),
        "start": pw.CharField(max_length=16, default="created"),
        "reported_at": pw.DateTimeField(null=True),
    }
    migrator = migrator_of(db)
    steps = [migrator.add_column("item_clock", name, field) for name, field in columns.items() if name not in have]
    if steps:
        migrate(*steps)


def _migration_7(db: pw.Database) -> None:
    """Sign-in and roles. A person holds any number of roles (staff_role), a head for the
    department they head, a foreman for a floor; the one role of schema 2 moves there and its
    column goes. Staff get a version (two administrators cannot overwrite each other), failed
    sign-ins and a lockout kept in the database (so every workstation honours it), and a flag
    for a first password that must be changed."""
    Frozen = frozen_base(db)

    class Department(Frozen):
        pass

    class Staff(Frozen):
        pass

    class StaffRole(Frozen):
        staff = pw.ForeignKeyField(Staff, backref="+", on_delete="CASCADE")
        role = pw.CharField(max_length=24)
        department = pw.ForeignKeyField(Department, null=True, backref="+")
        floor = pw.IntegerField(null=True)

        class Meta:
            indexes = ((("staff", "role"), False), (("role", "department"), False))

    db.create_tables([StaffRole])
    db.execute_sql("INSERT INTO staff_role (staff_id, role, department_id, floor) "
                   "SELECT id, role, CASE WHEN role = 'head' THEN department_id END, NULL "
                   "FROM staff WHERE role IS NOT NULL AND role != 'staff' ORDER BY id")
    migrator = migrator_of(db)
    migrate(migrator.drop_column("staff", "role"),
            migrator.add_column("staff", "must_change_password", pw.BooleanField(default=False)),
            migrator.add_column("staff", "failed_sign_ins", pw.IntegerField(default=0)),
            migrator.add_column("staff", "locked_until", pw.DateTimeField(null=True)),
            migrator.add_column("staff", "version", pw.IntegerField(default=1)))


def _migration_8(db: pw.Database) -> None:
    """The investigation team of a major anomaly sheet is named by the (deputy) general manager:
    its members' staff ids, who named them and when. A sheet of before keeps its team as typed
    (investigation_team) and is named by nobody yet."""
    Frozen = frozen_base(db)

    class Staff(Frozen):  # stand-in: schema 1's table
        pass

    migrator = migrator_of(db)
    migrate(migrator.add_column("anomaly_sheet", "team_members", pw.TextField(default="")),
            migrator.add_column("anomaly_sheet", "team_named_by_id", pw.ForeignKeyField(Staff, field=Staff.id, null=True)),
            migrator.add_column("anomaly_sheet", "team_named_at", pw.DateTimeField(null=True)))


# the password actions of the history, as schema 7 wrote them and as they are written from schema 9
PASSWORD_ACTIONS_9 = {"become_administrator": "admin_password", "set_first_password": "first_password",
                      "change_password": "own_password"}


def _migration_9(db) -> None:
    """Schema 9: the history's password actions get names that fit their column (16 characters,
    which SQLite never enforced and the PostgreSQL server does)."""
    for old, new in PASSWORD_ACTIONS_9.items():
        db.execute_sql('UPDATE "change" SET action = ? WHERE action = ?' if isinstance(db, pw.SqliteDatabase)
                       else 'UPDATE "change" SET action = %s WHERE action = %s', (new, old))


def _migration_10(db) -> None:
    """Schema 10 (issue 15): departments, settings and the days of the work calendar get a version,
    as records, staff and deadline rules have, so a save from a form read before someone else's
    save is refused rather than overwriting it. What is there starts at version 1."""
    migrator = migrator_of(db)
    migrate(migrator.add_column("department", "version", pw.IntegerField(default=1)),
            migrator.add_column("setting", "version", pw.IntegerField(default=1)),
            migrator.add_column("holiday", "version", pw.IntegerField(default=1)))


# version -> step that brings a database from version-1 to version
MIGRATIONS = {
    2: _migration_2,
    3: migration_3,
    4: migration_4,
    5: _migration_5,
    6: _migration_6,
    7: _migration_7,
    8: _migration_8,
    9: _migration_9,
    10: _migration_10,
    11: migration_11,
    12: migration_12,
    13: migration_13,
    14: migration_14,
    15: migration_15,
    16: migration_16,
    17: migration_17,
    18: migration_18,
}
SCHEMA_VERSION = 18
