"""A table that refuses some inserts, the way a full disk or a broken constraint would: a trigger
on SQLite or on the PostgreSQL server, raising an integrity error (peewee.IntegrityError)."""
from __future__ import annotations

import peewee


def refuse_inserts(db, table: str, when: str = "TRUE", name: str = "refuse") -> None:
    """Inserts into `table` for which the SQL condition `when` (on NEW) holds fail: 'disk full'."""
    if isinstance(db, peewee.SqliteDatabase):
        db.execute_sql(f'CREATE TRIGGER {name} BEFORE INSERT ON "{table}" WHEN {when.replace("TRUE", "1")} '
                       "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        return
    db.execute_sql(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"IF {when} THEN RAISE EXCEPTION 'disk full' USING ERRCODE = 'check_violation'; END IF; "
                   "RETURN NEW; END $$")
    db.execute_sql(f'CREATE TRIGGER {name} BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION {name}()')
