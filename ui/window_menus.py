"""The main window's actions: the File, Edit, View, Settings and Help menus, the toolbar and the
window's shortcuts, each action guarded by the core's permission (shown disabled with the reason).
Mixed into MainWindow (ui/main_window.py), whose methods the actions call."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from feedback_desk.base import permissions, reading
from feedback_desk.base.db import on_the_server
from feedback_desk.base.i18n import _, language
from feedback_desk.loop.permissions import CHANGE_RULES

from ui.desks.registry import TABS
from ui.export.dialogs import period_report_actions
from ui.kit.permitted import guard


class WindowMenus:
    def menu_action(self, text: str, shortcut=None, slot=None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if slot is not None:
            action.triggered.connect(slot)
        if tip:
            action.setStatusTip(tip)
        self.addAction(action)
        return action

    def build_menus(self) -> None:
        """Every action, in the menus, the toolbar and the window's shortcuts; what the person may not
        do is shown disabled with the reason."""
        self.act_new = self.menu_action(_("&New record"), QKeySequence.StandardKey.New, self.new_record,
                                    _("A new record on the current desk"))
        # a record on one desk leading to a new one on another, as the tabs declare them
        self.follow_ups = [self.menu_action(_(f.text), f.shortcut,
                                            lambda _c=False, desk=entry.desk, f=f: self.follow_up(desk, f))
                           for entry in TABS for f in entry.follow_ups]
        self.act_open = self.menu_action(_("&Open record"), "Ctrl+O", self.open_current)
        self.act_find = self.menu_action(_("&Find"), QKeySequence.StandardKey.Find, self.focus_find)
        self.act_search = self.menu_action(_("Search every&where…"), "Ctrl+K", self.search_everywhere,
                                       _("A word, a name, a phone, pinyin initials or a record's number, in every desk"))
        self.act_void = self.menu_action(_("&Void record…"), "Ctrl+Shift+Del", self.void_current)
        self.act_refresh = self.menu_action(_("&Refresh"), ["F5", "Ctrl+R"], self.refresh)
        self.act_safety = self.menu_action(_("Mark as a &safety hazard (report within 2 hours)"), None,
                                       lambda: self.mark_current("safety"))
        self.act_emergency = self.menu_action(_("Mark as an &emergency (report within 1 hour of handling)…"), None,
                                          lambda: self.mark_current("emergency"))
        self.act_unmark = self.menu_action(_("&Take the safety or emergency mark off"), None,
                                       lambda: self.mark_current(""))
        self.act_next_tab = self.menu_action(_("Next &tab"), ["Ctrl+Tab", "Ctrl+PgDown"], lambda: self._step_tab(1))
        self.act_prev_tab = self.menu_action(_("&Previous tab"), ["Ctrl+Shift+Tab", "Ctrl+PgUp"], lambda: self._step_tab(-1))
        self.act_backup = self.menu_action(_("&Back up database…"), None, self.back_up)
        self.act_backups = self.menu_action(_("Back&ups and restore…"), None, self.show_backups,
                                        _("The automatic backups, where they go, and restoring one"))
        self.act_server = self.menu_action(_("Connect to a ser&ver…"), None, lambda: self.serverRequested.emit(""),
                                       _("Work on the database the workstations share on a PostgreSQL server"))
        self.act_copy_to = self.menu_action(_("Cop&y this database to a server…"), None, self.copy_to_server,
                                        _("Move every record of this file onto an empty database on the server"))
        self.act_export_month = self.menu_action(_("Export the &monthly workbook…"), "Ctrl+Shift+E", self.export_month)
        self.act_export_ledger = self.menu_action(_("Export a &ledger…"), None, self.export_ledger)
        self.act_export_form = self.menu_action(_("Export the &paper form of this record…"), "Ctrl+P",
                                            self.export_form)
        self.act_quit = self.menu_action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.act_staff = self.menu_action(_("&Staff and departments…"), None, self.manage_staff)
        self.act_desk_settings = [self.menu_action(_(text), None, lambda _checked=False, d=dialog: self.desk_setting(d))
                                  for entry in TABS for text, dialog in entry.settings]
        self.act_user = self.menu_action(_("S&witch user…"), None, self.userChangeRequested.emit,
                                     _("Sign out; the next person signs in"))
        # Ctrl+L is the screen lock's own (it works over an open form too): the menu only names it
        self.act_lock = self.menu_action(_("Loc&k the screen") + "\tCtrl+L", None, lambda: self.screen_lock.lock(),
                                     _("Hide everything until your password is typed; open forms are kept"))
        self.act_password = self.menu_action(_("&Change my password…"), None, self.change_password)
        self.act_deadlines = self.menu_action(_("&Deadlines and calendar…"), None, self.manage_deadlines)
        self.act_settings_history = self.menu_action(_("&History of settings and staff…"), None, self.settings_history,
                                                 _("Who changed the staff, roles, settings, rules and calendar"))
        self.act_about = self.menu_action(_("&About"), None, self.about)
        self.act_zh = self.menu_action("中文", None, lambda: self.languageRequested.emit("zh_CN"))
        self.act_en = self.menu_action("English", None, lambda: self.languageRequested.emit("en"))
        for act, lang in ((self.act_zh, "zh_CN"), (self.act_en, "en")):
            act.setCheckable(True)
            act.setChecked(language() == lang)

        # what the person may not do is shown disabled, with the reason (the core refuses it anyway)
        for action, permission in ((self.act_staff, permissions.MANAGE_STAFF),
                                   *((a, permissions.SETTINGS) for a in self.act_desk_settings),
                                   (self.act_deadlines, CHANGE_RULES),
                                   (self.act_settings_history, permissions.SETTINGS_HISTORY),
                                   (self.act_copy_to, permissions.COPY_DATABASE),
                                   (self.act_backup, permissions.BACK_UP)):
            guard(action, permission, self.session.staff)
        if not reading.reach().reads_some():  # the export itself refuses them too
            for action in (self.act_export_month, self.act_export_ledger):
                action.setEnabled(False)
                action.setStatusTip(_("Your roles read no ledger: a department's head, the quality department, "
                                      "human resources or the general manager's office exports them."))
                action.setToolTip(action.statusTip())
        bar = self.menuBar()
        m = bar.addMenu(_("&File"))
        m.addActions([self.act_new, *self.follow_ups])
        m.addSeparator()
        m.addActions([self.act_export_form, self.act_export_month, self.act_export_ledger])
        self.act_reports = period_report_actions(self, self.session.settings, self.session.staff)
        m.addActions(self.act_reports)
        m.addSeparator()
        m.addActions([self.act_backup, self.act_backups])
        m.addActions([self.act_server, self.act_copy_to])
        self.act_copy_to.setVisible(not on_the_server())  # a file is what it copies
        m.addSeparator()
        m.addActions([self.act_lock, self.act_user, self.act_password])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(_("&Edit"))
        m.addActions([self.act_open, self.act_find, self.act_search, self.act_void])
        m.addSeparator()
        m.addActions([self.act_safety, self.act_emergency, self.act_unmark])
        m = bar.addMenu(_("&View"))
        m.addActions([self.act_next_tab, self.act_prev_tab, self.act_refresh])
        m.addSeparator()
        lang_menu = m.addMenu(_("&Language"))
        lang_menu.addActions([self.act_zh, self.act_en])
        m = bar.addMenu(_("&Settings"))
        m.addActions([self.act_staff, *self.act_desk_settings, self.act_deadlines])
        m.addSeparator()
        m.addAction(self.act_settings_history)
        m = bar.addMenu(_("&Help"))
        m.addAction(self.act_about)

        tools = self.addToolBar(_("Main toolbar"))
        tools.setObjectName("MainToolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addActions([self.act_new, self.act_open, self.act_find, self.act_search, self.act_void, self.act_refresh])
        for act in (self.act_new, self.act_open, self.act_find, self.act_search, self.act_void, self.act_refresh):
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                act.setToolTip(f"{act.text().replace('&', '')} ({keys})")
