"""The schema's step 17 (issue 18), frozen when written as every step is (see migrations.py): the
search index of the free texts on a file, an FTS5 table of character pairs per table with
searched texts (base/text_index.py says what it holds), filled from the rows already there.

The texts indexed are those that are `SearchedText` at schema 17; from this step on a column not
yet indexed needs a step of its own to join its table's index. The server needs no step: its
trigram indexes are made on opening (server.index_searched_text). What the index holds of a text
is derived data, made with today's `search.index_rows`, as step 2 makes its sort names."""
from __future__ import annotations

import peewee as pw

# table -> its searched texts at schema 17
SEARCHED_17 = {
    "feedback": ("text", "investigation", "reply_text"),
    "service_line": ("maintenance", "special"),
    "maintenance_item": ("description",),
    "anomaly_sheet": ("description", "root_cause"),
    "capa_action": ("what",),
    "suggestion": ("text", "benefit", "answer"),
    "work_item": ("task", "result"),
    "meeting": ("minutes",),
    "safety_hazard": ("description", "rectification"),
    "incident_report": ("people", "immediate_action", "cause", "measures"),
}

def migration_17(db, progress=None) -> None:
    """Schema 17: each table's index, then every row of it indexed; `progress(table, done, total)`
    after each batch (by default said in the log)."""
    from feedback_desk.base.search import index_rows

    if not isinstance(db, pw.SqliteDatabase):
        return
    for table, columns in SEARCHED_17.items():
        db.execute_sql(f'CREATE VIRTUAL TABLE IF NOT EXISTS "{table}_fts" USING fts5('
                       + ", ".join(columns) + ", content='', columnsize=0, tokenize='ascii')")
    index_rows(db, {t: list(c) for t, c in SEARCHED_17.items()}, progress)
