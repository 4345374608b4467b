"""The PostgreSQL driver, loaded when a server is first opened, not with peewee.

peewee imports psycopg when it is itself imported, if psycopg is installed: 100 ms of every start,
on a file too, before the first screen (issue 18 part 5). `import_peewee` imports peewee with psycopg
held back; `load` gives peewee the driver when a server database is made. peewee reads the driver from
its module's names (`psycopg`, `TransactionStatus`, `Json_pg3`, `Jsonb_pg3`) and its adapter's
transaction states, which are what `load` sets.
"""
from __future__ import annotations

import sys


def import_peewee():
    """peewee, imported without its PostgreSQL drivers (psycopg 3, and psycopg2, which we never use)."""
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        import peewee
        return peewee
    held = {name: sys.modules.get(name, ...) for name in ("psycopg", "psycopg2")}
    for name in held:
        sys.modules[name] = None  # `import psycopg` raises ImportError: peewee takes it as not installed
    try:
        import peewee
    finally:
        for name, module in held.items():
            if module is ...:
                del sys.modules[name]
            else:
                sys.modules[name] = module
    return peewee


def load() -> None:
    """Give peewee psycopg 3, once, before a server database is made."""
    peewee = import_peewee()
    if peewee.psycopg is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
    peewee.psycopg = psycopg
