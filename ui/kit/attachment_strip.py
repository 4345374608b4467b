"""A record's photos and files on its form, for every desk: pictures as thumbnails, other files as
icons; Enter or a double click opens one with the system's viewer. The core checks each file
(base/attachments.py) and who may add or set one aside (the desk's `Attachable`)."""
from __future__ import annotations

import os
import tempfile

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QVBoxLayout, QWidget)

from feedback_desk.base import attachments
from feedback_desk.base.attachments import KEY, Attachable, Attachment, PickedFile
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.base.records import get_live

from ui.kit import operation
from ui.kit.desk_tab import ask_void_reason
from ui.kit.permitted import guard

THUMB = attachments.THUMB
FILE_FILTER = "*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff *.pdf *.doc *.docx *.xls *.xlsx *.txt"


def open_with_viewer(data: bytes, filename: str) -> str:
    """Write the file to a temporary folder and hand it to the system viewer; the path written."""
    folder = tempfile.mkdtemp(prefix="feedback-desk-")
    path = os.path.join(folder, os.path.basename(filename) or "file")
    with open(path, "wb") as fh:
        fh.write(data)
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))
    return path


class AttachmentStrip(QWidget):
    """The files of one record of `files.model`. For a saved record a picked file is stored at once;
    for one not saved yet it waits in `pending` (checked already) and is saved with the record
    (`files.create_with_files`)."""
    changed = Signal()
    failed = Signal(str)  # a message for the form (too large, unreadable, not a picture…)

    def __init__(self, author: Staff, files: Attachable, parent=None, rows: int = 1):
        super().__init__(parent)
        self.author, self.files = author, files
        self.record_id: int | None = None
        self.record = None
        self.editable = True
        self.pending: list[PickedFile] = []
        self.saved: dict[int, object] = {}  # the record's files shown, by id
        self.add_btn = QPushButton(_("Add photo or file…"))
        self.add_btn.setToolTip(_("Attach photos or files (Ctrl+O)"))
        self.add_btn.setAutoDefault(False)
        self.add_btn.clicked.connect(self.add_files)
        self.remove_btn = QPushButton(_("Remove…"))
        self.remove_btn.setToolTip(_("Set the selected file aside (a saved file is kept, void, with a reason)"))
        self.remove_btn.setAutoDefault(False)
        self.remove_btn.clicked.connect(self.remove_selected)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Photos and files"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 40, THUMB + 36))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setFixedHeight((THUMB + 36) * rows + 12)
        self.list.itemActivated.connect(self.open_item)
        self.list.itemSelectionChanged.connect(self._update)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_btn)
        buttons.addWidget(self.remove_btn)
        self.hint = QLabel(_("Double click opens a file."))
        self.hint.setStyleSheet("color: #555;")
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        self._update()

    def _icon(self, thumbnail: bytes | None) -> QIcon:
        if thumbnail:
            pixmap = QPixmap()
            if pixmap.loadFromData(thumbnail):
                return QIcon(pixmap)
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def show_record(self, record_id: int | None, editable: bool) -> None:
        """Show the files of the saved record `record_id`, or the pending ones of a new record (None)."""
        self.record_id, self.editable = record_id, editable
        self.record = get_live(self.files.model, record_id) if record_id is not None else None
        self.list.clear()
        self.saved = {}
        if record_id is None:
            for n, pending in enumerate(self.pending):
                self._add_item(pending.name, pending.thumbnail, ("pending", n))
        else:
            for row in self.files.files_of(record_id):
                self.saved[row.id] = row
                self._add_item(row.filename, row.thumbnail, ("saved", row.id))
        self._update()

    def _add_item(self, name: str, thumbnail: bytes | None, key: tuple) -> None:
        item = QListWidgetItem(self._icon(thumbnail), name)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(name)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        self.list.addItem(item)

    def _update(self) -> None:
        # a new record's files come with it: whoever may write the record brings them (checked on saving)
        guard(self.add_btn, self.files.add if self.record is not None else None, self.author, self.record,
              enabled=self.editable)
        item = self.list.currentItem()
        kind, key = item.data(Qt.ItemDataRole.UserRole) if item is not None else ("", None)
        guard(self.remove_btn, self.files.void if kind == "saved" else None, self.author, self.saved.get(key),
              self.editable and item is not None)
        shown = self.list.count() > 0  # an empty strip is only its button: the form stays short
        self.hint.setVisible(shown)
        self.list.setVisible(shown)

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_files(self) -> int:
        """Ask for files (QFileDialog) and add them; the number added."""
        if not self.add_btn.isEnabled():
            return 0
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Add photos or files"), "",
            _("Photos and documents ({patterns});;All files (*)").format(patterns=FILE_FILTER))
        added = sum(1 for path in paths
                    if operation.run(self, lambda p=path: self.add_file(p), on_error=self.failed.emit).ok)
        if added:
            self.show_record(self.record_id, self.editable)
            self.list.setCurrentRow(self.list.count() - 1)
            self.changed.emit()
        return added

    def add_file(self, path: str) -> None:
        """One file: checked at once, then kept until the record is saved, or saved with it."""
        picked = attachments.pick(path)
        if self.record_id is None:
            self.pending.append(picked)
        else:
            self.files.add_file(self.record_id, picked, None, self.author)

    def save_new(self, create):
        """Save a new record through `create()` (the desk's use case) with the files picked for it,
        in one transaction; the record."""
        return self.files.create_with_files(create, self.pending, self.author)

    def open_item(self, item: QListWidgetItem) -> str | None:
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        read = operation.run(self, lambda: self.pending[key].data if kind == "pending"
                             else self.files.file_bytes(key, self.author), on_error=self.failed.emit)
        return open_with_viewer(read.result, item.text()) if read.ok else None

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or not self.remove_btn.isEnabled():
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        if kind == "pending":
            del self.pending[key]
        else:
            reason = ask_void_reason(self, item.text())
            if reason is None:
                return
            row = self.saved[key]
            if not operation.run(self, lambda: self.files.void_file(key, row.version, reason, self.author),
                                 title=_("Not voided")).ok:
                return
        self.show_record(self.record_id, self.editable)
        self.changed.emit()


def add_files_field(form, author: Staff, files: Attachable, record=None, layout=None) -> AttachmentStrip:
    """The "Photos and files" row of a record's form (Ctrl+O adds): a refused file's message beside
    it; files picked for a record not yet saved make the form dirty and are saved with it
    (`AttachmentStrip.save_new`). `record`: the record shown, None for a new one."""
    strip = form.add_field(KEY, _("Photos and files"), AttachmentStrip(author, files), layout)
    strip.failed.connect(lambda message: form.show_errors({KEY: message}))
    strip.changed.connect(lambda: form.mark_dirty() if strip.record_id is None else None)
    QShortcut(QKeySequence("Ctrl+O"), form, activated=strip.add_files)
    strip.show_record(record.id if record is not None else None, record is None or files.fixed(record) is None)
    return strip


def history_with_files(files: Attachable, record_id: int) -> dict:
    """offer_history's `rows` and `parts` for a record shown with its files."""
    return {"rows": lambda: files.history(record_id), "parts": {Attachment: N_("Attachment")}}
