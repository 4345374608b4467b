"""The main window: one tab per desk, menus, toolbar, status bar, shortcuts."""
from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from feedback_desk import __version__
from feedback_desk.base import server
from feedback_desk.base.i18n import _
from feedback_desk.desks import registry as desk_registry
from feedback_desk.loop import clocks
from feedback_desk.loop.items import deadline_items
from feedback_desk.reports.everywhere import searched_listings

from ui.kit import screen_fit
from ui.kit.background import wait_for_workers
from ui.kit.backup_watch import BackupWatch
from ui.dashboard.tab import DashboardTab, apply_drill
from ui.desk_tabs import DeskTabs
from ui.kit.desk_tab import DeskTab
from ui.kit.desk_table import DeskTable
from ui.kit.tab_entry import loaded
from ui.kit.live_refresh import LiveRefresh
from ui.kit.permitted import guard
from ui.loop.deadline_marks import mark_record
from ui.loop.deadline_watch import DeadlineWatch, TrayNotice
from ui.export.run import run_export
from ui.loop.my_work_tab import MyWorkTab
from ui.desks.registry import TABS
from ui.search_box import SearchEverywhere
from ui.session import Session
from ui.window_menus import WindowMenus
from ui.kit.screen_lock import ScreenLock


WANTED_SIZE = (1400, 900)  # a small hotel PC's screen gets all its free area, a big one not all of it


class MainWindow(WindowMenus, QMainWindow):
    languageRequested = Signal(str)
    userChangeRequested = Signal()
    restoreRequested = Signal(str)  # a backup chosen and confirmed: the application restores it
    serverRequested = Signal(str)  # a server URL to work on, or "" to ask (File → Connect to a server…)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        title = _("Feedback Desk")
        if session.demo:
            title += " — " + _("DEMO database")
        self.setWindowTitle(title)
        self.setObjectName("MainWindow")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.dashboard = DashboardTab()
        self.tabs.addTab(self.dashboard, _("Dashboard"))
        self.my_work = MyWorkTab(session.staff)
        self.tabs.addTab(self.my_work, _("My work"))
        self._titles = {entry.desk: _(desk_registry.spec(entry.desk).title) for entry in TABS}
        # desk key -> its tab, in the registry's order, each built when first shown or asked for
        self.desks = DeskTabs(self.tabs, TABS, self._titles, self._build_desk)
        self.setCentralWidget(self.tabs)
        self.my_work.openRequested.connect(self.open_work_item)
        self.dashboard.drillRequested.connect(self._drill)
        self.screen_lock = ScreenLock(self, session.staff)
        self.screen_lock.switchRequested.connect(self.userChangeRequested)
        self.build_menus()
        self._follow_tables(self)
        self.tabs.currentChanged.connect(self._update_edit_actions)
        self._update_edit_actions()
        self._build_status()
        self.watch = DeadlineWatch(session.staff, self)
        self.watch.checked.connect(self._checked)
        self.watch.noticed.connect(self._notice)
        self.tray = TrayNotice(self)
        self.watch.start()
        self.backup_watch = BackupWatch(self)  # the daily backup; what is wrong with it, said below
        self.backup_watch.said.connect(self._backups_said)
        self.backup_watch.start()
        self.live = LiveRefresh(self)  # what other workstations save shows here within a second
        self.live.saved.connect(self._saved_somewhere)
        screen_fit.fit(self, *WANTED_SIZE)  # 1366×768 less a taskbar gets what it has room for
        self._restore()  # the tab shown reads its table when it is shown; the others when first shown

    def _build_status(self) -> None:
        person = self.session.staff
        who = person.name + (f" · {person.department.name}" if person.department_id else "")
        self.who_label = QLabel(_("Working as: {name}").format(name=who))
        self.db_label = QLabel(server.without_password(str(self.session.db_path)))  # a URL may carry one
        self.db_label.setStyleSheet("color: #666;")
        self.statusBar().addWidget(self.who_label)
        self.backup_label = QLabel()
        self.backup_label.setStyleSheet("color: #b00020;")
        self.backup_label.hide()
        self.statusBar().addPermanentWidget(self.backup_label)
        self.statusBar().addPermanentWidget(self.db_label)

    def _build_desk(self, entry) -> DeskTab:
        """A desk's tab, built the first time it is shown or asked for, joined to the window."""
        tab = entry.tab_class()(self.session.staff)
        tab.openElsewhere.connect(self.open_work_item)
        tab.changed.connect(lambda key=entry.desk: self._desk_changed(key))
        tab.changed.connect(self._update_edit_actions)
        tab.changed.connect(lambda: self.watch.check_in_background())  # a save: clocks stop or start
        pages = getattr(tab, "pages", None)
        if pages is not None:
            pages.currentChanged.connect(self._update_edit_actions)
        self._follow_tables(tab)
        return tab

    def current_desk(self):
        return self.tabs.currentWidget()

    def new_record(self):
        return self.current_desk().new_record()

    def follow_up(self, source: str, follow_up):
        """A new record on `follow_up.desk`, for the record selected on the desk `source` when that is shown."""
        shown = self.desks.built().get(source)
        selected = shown.current_id() if shown is not None and self.current_desk() is shown else None
        target = self.desks[follow_up.desk]
        self.tabs.setCurrentWidget(target)
        return target.new_record(**{follow_up.argument: selected})

    def open_current(self) -> None:
        self.current_desk().edit_current()

    def focus_find(self) -> None:
        self.current_desk().focus_find()

    def void_current(self) -> None:
        self.current_desk().void_current()

    def searchable(self) -> dict[str, tuple]:
        """listing name -> (its tab, the kind of record it opens) for the listings the search box looks
        in: those of the desks shown here whose table opens its records."""
        found = {}
        for tab in self.desks.values():
            kinds = {id(table): kind for table, kind in getattr(tab, "form_tables", ())}
            for listing, attr in tab.LISTS.items():
                kind = kinds.get(id(getattr(tab, attr, None)))
                if kind in tab.OPENS:
                    found[listing] = (tab, kind)
        return found

    def search_everywhere(self) -> SearchEverywhere:
        openable = self.searchable()
        dialog = SearchEverywhere([name for name in searched_listings() if name in openable], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def open_record(listing: str, record_id: int) -> None:
            tab, kind = openable[listing]
            self.tabs.setCurrentWidget(tab)
            tab.open_item(kind, record_id)
        dialog.chosen.connect(open_record)
        dialog.open()
        return dialog

    def _follow_tables(self, widget) -> None:
        """Right click on a record in the desk tables of `widget`: open it, export its paper form, void it;
        the Edit menu's void and marks follow the selected record there: disabled, with the reason, where
        the core would refuse them."""
        for table in widget.findChildren(DeskTable):
            table.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            table.view.addActions([self.act_open, self.act_export_form, self.act_void])
            if table.model.listing.model in {d.model for d in deadline_items().values()}:  # records with deadlines
                table.view.addActions([self.act_safety, self.act_emergency, self.act_unmark])
            table.currentChanged.connect(self._update_edit_actions)

    def _selected_item(self):
        """The record selected in the current desk's table, when that desk has deadlines."""
        table = getattr(self.current_desk(), "table", None)
        record_id = table.current_id() if isinstance(table, DeskTable) else None
        model = table.model.listing.model if record_id is not None else None
        if model is None or model not in {d.model for d in deadline_items().values()}:
            return None
        return model.get_or_none(model.id == record_id)

    def _update_edit_actions(self, *_args) -> None:
        person = self.session.staff
        target = self.current_desk().void_check() if hasattr(self.current_desk(), "void_check") else None
        guard(self.act_void, target[0] if target else None, person, target[1] if target else None,
              enabled=target is not None)
        item = self._selected_item()
        waiting = item is not None and clocks.is_open(item)
        marked = waiting and bool(getattr(clocks.clock_of(item), "flag", ""))
        for action, flag, enabled in ((self.act_safety, "safety", waiting), (self.act_emergency, "emergency", waiting),
                                      (self.act_unmark, "", marked)):
            guard(action, clocks.MARKING[flag], person, clocks.concern(item) if enabled else None, enabled=enabled)

    def mark_current(self, flag: str, handled_at=None) -> str:
        """Mark the selected record a safety hazard or an emergency ('' takes the mark off)."""
        table = getattr(self.current_desk(), "table", None)
        item = self._selected_item()
        said = mark_record(self, item, flag, self.session.staff, handled_at) if item is not None else ""
        if not said:
            said = _("Only an item still waiting for its answer can be marked: a complaint not yet replied to, a "
                     "suggestion not yet answered, an anomaly sheet not yet taken up, an open CAPA action, "
                     "maintenance follow-up or service sheet.")
        else:
            table.refresh(item.id)
            self.watch.check_in_background()
            self._update_edit_actions()
        self.statusBar().showMessage(said, 15_000)
        return said

    def _drill(self, desk: str, choice: str, date_from, date_to, text: str) -> None:
        """A bar on the dashboard opens the records behind it on their desk."""
        tab = self.desks[self.desks.listing(desk)]
        table = tab.list_table(desk)
        self.tabs.setCurrentWidget(tab)
        pages = getattr(tab, "pages", None)
        if pages is not None:
            pages.setCurrentWidget(next(w for w in (pages.widget(i) for i in range(pages.count()))
                                        if w is table or w.isAncestorOf(table)))
        apply_drill(table, choice, date_from, date_to, text)

    def refresh(self) -> None:
        self.watch.check_in_background()
        self.dashboard.refresh()
        for tab in self.desks.built().values():  # one built later reads what is there then
            tab.refresh()

    def _saved_somewhere(self, _saves: list) -> None:
        """A save here or at another workstation: the tables, My work and the dashboard follow
        (as F5 does, without starting the minute check)."""
        if self.current_desk() is self.dashboard:
            self.dashboard.load_in_background()
        else:
            self.dashboard.mark_stale()
        self.my_work.refresh()
        for tab in self.desks.built().values():
            tab.refresh()

    # --- closing the loop: the minute check, My work -------------------------
    def _checked(self, result, counts: dict) -> None:
        for name, count in counts.items():
            if name not in self.desks:  # a desk of the core with no tab here
                continue
            desk, title = self.desks.placed(name), self._titles[name]
            self.tabs.setTabText(self.tabs.indexOf(desk), f"{title} ({count})" if count else title)
            self.tabs.setTabToolTip(self.tabs.indexOf(desk), _("{n} late item(s)").format(n=count) if count else "")
        self.my_work.refresh()
        # the dashboard's overdue figures come from this check
        if self.tabs.currentWidget() is self.dashboard:
            self.dashboard.refresh()
        else:
            self.dashboard.mark_stale()

    def _notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 60_000)
        self.tray.show(_("Feedback Desk"), message)

    def open_work_item(self, desk: str, item_id: int):
        """Open an item of My work on its own desk."""
        tab = self.desks[self.desks.opening(desk)]
        self.tabs.setCurrentWidget(tab)
        return tab.open_item(desk, item_id)

    def manage_deadlines(self):
        from ui.loop.deadline_settings import DeadlineSettings  # the menus' dialogs load when first opened

        dialog = DeadlineSettings(self.session.staff, self)
        dialog.open()
        return dialog

    def settings_history(self):
        from ui.settings_history import SettingsHistoryDialog

        dialog = SettingsHistoryDialog(self)
        dialog.open()
        return dialog

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _desk_changed(self, key: str) -> None:
        """A save on one desk: the others that show its records follow (a profile its feedback)."""
        for other, tab in self.desks.built().items():
            if other != key:
                tab.desk_changed(key)

    def back_up(self):
        from ui import database_actions

        return database_actions.back_up(self)

    def show_backups(self):
        from ui.kit.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.session.staff, self)
        dialog.restoreRequested.connect(self.restoreRequested)
        dialog.open()
        return dialog

    def _backups_said(self, said: str) -> None:
        """A failed or missing backup, in the status bar and on the dashboard; nothing when all is well."""
        self.backup_label.setText(said)
        self.backup_label.setToolTip(said)
        self.backup_label.setVisible(bool(said))
        self.dashboard.say_backups(said)

    def copy_to_server(self):
        from ui import database_actions

        return database_actions.copy_to_server(self)

    def export_month(self):
        from ui.export.dialogs import MonthlyExportDialog

        dialog = MonthlyExportDialog(self.session.settings, self)
        dialog.open()
        return dialog

    def export_ledger(self):
        from ui.export.dialogs import LedgerExportDialog

        dialog = LedgerExportDialog(self.session.settings, getattr(self.current_desk(), "LEDGER", ""), self)
        dialog.open()
        return dialog

    def export_form(self):
        """The selected record as its paper form (.xlsx), written in the background."""
        reference = self.current_desk().form_reference()
        if reference is None:
            self.statusBar().showMessage(_("Select a record first: its paper form is exported."), 6000)
            return None
        folder = self.session.settings.value("export/last_folder", str(Path.home()))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export paper form"), str(Path(folder) / (reference.replace(":", "-") + ".xlsx")),
            _("Excel workbook (*.xlsx)"))
        if not path:
            return None
        target = Path(path if path.endswith(".xlsx") else path + ".xlsx")
        self.session.settings.setValue("export/last_folder", str(target.parent))
        commands = importlib.import_module("feedback_desk.export.commands")
        return run_export(self, _("Export paper form"),
                          lambda progress, cancelled: commands.export_form(reference, target))

    def change_password(self):
        from ui.kit.sign_in_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.session.staff, None, self)
        dialog.open()
        return dialog

    def manage_staff(self) -> None:
        from ui.kit.staff_dialogs import StaffPicker

        StaffPicker(self.session.staff.id, self, manage=True, by=self.session.staff).exec()

    def desk_setting(self, dialog: str) -> None:
        """A desk's own list (rooms, categories, kinds; "module:Class" of its dialog): its entries may
        show on every desk."""
        loaded(dialog)(self).exec()
        for tab in self.desks.built().values():
            tab.refresh()

    def about(self) -> None:
        QMessageBox.about(self, _("About Feedback Desk"),
                          _("Feedback Desk {version}: the hotel's information feedback system "
                            "(信息反馈制度) on one desk.").format(version=__version__))

    # --- window state --------------------------------------------------------
    def _restore(self) -> None:
        s = self.session.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            if not screen_fit.fits(self):  # saved on a bigger screen, or half off this one
                screen_fit.fit(self, *WANTED_SIZE)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        tab = s.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

    def save_state(self) -> None:
        s = self.session.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/tab", self.tabs.currentIndex())
        s.sync()

    def closeEvent(self, event) -> None:
        self.screen_lock.stop()
        self.live.stop()
        self.watch.stop()
        self.backup_watch.stop()
        wait_for_workers()  # the minute check and searches end before their window goes
        self.save_state()
        super().closeEvent(event)
