"""File → Backups and restore…: the list, the automatic backups' state in the status bar and on
the dashboard, and a restore from the window (the administrator's; everyone signs in again)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from feedback_desk import backups
from feedback_desk.base import clock, settings as stored_settings
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.customers.models import Customer
from ui.kit.backups_dialog import BackupsDialog

from qt_fixtures import here, settings, signs_in, window  # noqa: F401

pytestmark = pytest.mark.sqlite_only


def test_the_dialog_lists_the_backups_newest_first_and_says_when_none_is_automatic(qtbot, here):
    backups.back_up_to(backups.folder() / "by-hand.db")
    dialog = here.window.show_backups()
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "There is no automatic backup yet."
    clock.set_now(dt.datetime(2026, 12, 1, 2))
    try:
        backups.take_daily()
        dialog.fill()
    finally:
        clock.set_now(None)
    names = [dialog.table.item(row, 2).text().rsplit("/", 1)[-1] for row in range(dialog.table.rowCount())]
    assert sorted(names) == ["by-hand.db", "here-2026-12-01.db"]
    sizes = {b.path.name: b.size for b in backups.listing()}
    assert dialog.table.item(0, 1).text() == f"{sizes[names[0]] / 1_048_576:.1f} MB"  # an empty database: 0.8 MB


def test_a_failing_backup_shows_in_the_status_bar_and_on_the_dashboard(qtbot, here, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    stored_settings.put("backups.folder", str(blocker / "backups"))
    window = here.window
    window.backup_watch.take()
    qtbot.waitUntil(lambda: window.backup_label.isVisible(), timeout=20_000)
    assert window.backup_label.text().startswith("The automatic backup failed: The backup cannot be written to")
    assert window.dashboard.backups.text() == window.backup_label.text()
    stored_settings.put("backups.folder", str(tmp_path / "backups"))
    window.backup_watch.take()
    qtbot.waitUntil(lambda: not window.backup_label.isVisible(), timeout=20_000)
    assert window.dashboard.backups.isHidden()


def test_the_administrator_restores_a_backup_from_the_window(qtbot, here, signs_in, monkeypatch):
    window = here.window
    person = window.session.staff
    customers.create_customer({"kind": "individual", "name": "张", "phones": "138 0531 0001"}, person)
    backups.back_up_to(backups.folder() / "before-zhao.db")
    customers.create_customer({"kind": "individual", "name": "赵", "phones": "139 0000 0000"}, person)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2])
                        or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: QMessageBox.StandardButton.Ok)
    dialog = window.show_backups()
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert "Customer profiles: 1" in asked[0] and "A copy of the database as it is now is kept" in asked[0]
    assert here.window is not window and here.window.isVisible()
    qtbot.addWidget(here.window)
    assert [c.name for c in Customer.select()] == ["张"]
    kept = [b for b in backups.listing() if b.path.name.endswith("-before-restore.db")]
    assert len(kept) == 1


def test_only_an_administrator_may_restore_or_change_where_backups_go(qtbot, window, as_people, clerk):
    as_people(clerk)
    dialog = BackupsDialog(clerk, window)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled() and not dialog.other_button.isEnabled()
    assert dialog.restore_button.toolTip() == "Only an administrator restores the database from a backup."
    assert not dialog.folder.isEnabled()


def test_a_damaged_database_at_start_offers_its_newest_sound_backup(qtbot, here, signs_in, settings):
    import os

    from PySide6.QtWidgets import QApplication

    from feedback_desk import opening
    from feedback_desk.base import db as dbmod
    from feedback_desk.base.database_file import DamagedFile
    from ui.app import restored_at_start

    from qt_fixtures import answer_when_shown

    person = here.window.session.staff
    customers.create_customer({"kind": "individual", "name": "张", "phones": "138 0531 0001"}, person)
    backups.back_up_to(backups.folder() / "here-2026-12-01.db")
    live = here.file_path
    here.window.close()
    here.window = None
    dbmod.close_database()
    data = bytearray(open(live, "rb").read())
    data[8192:16384] = os.urandom(8192)
    open(live, "wb").write(bytes(data))
    with pytest.raises(DamagedFile) as damaged:
        opening.open_database(live)
    shown = []
    answer_when_shown(QMessageBox, lambda box: (shown.append(box.text()), next(
        b for b in box.buttons() if b.text() == "Restore that backup…").click()))
    assert restored_at_start(settings, live, damaged.value)  # 王芳 signs in with the backup's password
    assert "The newest sound backup is" in shown[0]
    assert [c.name for c in Customer.select()] == ["张"]
    assert QApplication.activeModalWidget() is None
