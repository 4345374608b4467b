"""What every frozen schema step builds on (see migrations.py): a model base bound to the database
being upgraded, stand-ins for the tables of earlier steps (only an id, for foreign keys), and the
bookkeeping columns every business record has had since schema 3 — who made and changed it and
when, its version, its void flag and reason — which no step has changed since."""
from __future__ import annotations

import peewee as pw


def frozen_base(db: pw.Database) -> type:
    """A model base bound to `db`, named like the program's (snake_case table names)."""

    class Frozen(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    return Frozen


def stand_ins(base: type, *names: str) -> tuple:
    """Models of earlier steps' tables (`Staff` → table staff), with only their id."""
    return tuple(type(name, (base,), {"__module__": __name__}) for name in names)


def frozen_record(base: type, staff: type) -> type:
    """The bookkeeping columns of a business record, as they stand from schema 3 on."""

    class Record(base):
        created_at = pw.DateTimeField()
        created_by = pw.ForeignKeyField(staff, null=True, backref="+")
        updated_at = pw.DateTimeField()
        updated_by = pw.ForeignKeyField(staff, null=True, backref="+")
        version = pw.IntegerField(default=1)
        voided = pw.BooleanField(default=False, index=True)
        void_reason = pw.TextField(null=True)

    return Record


def migrator_of(db: pw.Database):
    """playhouse's schema migrator for `db`, imported only when a step runs: playhouse.migrate imports
    the PostgreSQL extensions and with them psycopg, 100 ms of every start (issue 18 part 5)."""
    from playhouse.migrate import SchemaMigrator

    return SchemaMigrator.from_database(db)


def migrate(*operations) -> None:
    """Run playhouse's migration `operations` (made by `migrator_of(db)`), in order."""
    from playhouse import migrate as playhouse_migrate

    playhouse_migrate.migrate(*operations)
