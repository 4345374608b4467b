"""An older database is brought up to date behind a progress dialog, not a frozen start."""
from __future__ import annotations

import sqlite3

from feedback_desk.base import db as dbmod
from ui.app import upgrade_with_progress


def test_an_older_database_is_upgraded_in_a_worker_behind_a_dialog(qtbot, schema5_file, tmp_path):
    path = schema5_file
    assert dbmod.schema_of(path) == 5 and dbmod.needs_upgrade(path)
    assert upgrade_with_progress(path) is None
    assert dbmod.schema_of(path) == dbmod.SCHEMA_VERSION and not dbmod.needs_upgrade(path)
    assert (tmp_path / "five.db.schema5.bak").exists()  # the copy the dialog tells about
    assert dbmod.schema_of(tmp_path / "missing.db") is None and not dbmod.needs_upgrade(tmp_path / "missing.db")


def test_a_failed_upgrade_is_handed_back_not_lost(qtbot, schema5_file):
    path = schema5_file
    con = sqlite3.connect(path)
    con.execute("DROP TABLE item_clock")  # step 6 cannot find the table it extends
    con.commit()
    con.close()
    error = upgrade_with_progress(path)
    assert error is not None
    assert dbmod.schema_of(path) == 5  # nothing half-done


def test_the_search_indexs_progress_shows_on_the_dialog_while_a_schema_16_file_is_upgraded(qtbot, tmp_path,
                                                                                         monkeypatch):
    """Step 17 indexes every text already there (on a big file, a minute): the dialog says how far it is."""
    import gzip
    from pathlib import Path

    from PySide6.QtWidgets import QProgressDialog

    path = tmp_path / "sixteen.db"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "schema16.db.gz"
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    shown = []
    original = QProgressDialog.setLabelText

    def said(dialog, text):
        shown.append(text)
        original(dialog, text)

    monkeypatch.setattr(QProgressDialog, "setLabelText", said)
    assert upgrade_with_progress(path) is None
    assert dbmod.schema_of(path) == dbmod.SCHEMA_VERSION
    lines = [text.splitlines()[-1] for text in shown]
    assert any(line.startswith("Building the search index of feedback:") for line in lines), shown
