"""Qt's own Chinese catalog (qtbase_zh_CN.qm) misses a few strings of the file dialog that Qt 6
renamed or moved ('&Look in:', 'Files of &type:', the file types 'Folder', 'xlsx File'), so the
dialog came out half English. This translator, asked before Qt's, fills those gaps from our own
catalog and leaves every other string to Qt.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

from feedback_desk.base.i18n import N_, _

# (Qt context, Qt's source text) -> our msgid for it
GAPS = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
    ("QAbstractFileIconProvider", "Folder"): N_("Folder"),
    ("QAbstractFileIconProvider", "File Folder"): N_("Folder"),
    ("QAbstractFileIconProvider", "Drive"): N_("Drive"),
    ("QAbstractFileIconProvider", "File"): N_("File"),
    ("QAbstractFileIconProvider", "Unknown"): N_("Unknown"),
    ("QAbstractFileIconProvider", "%1 File"): N_("%1 File"),
    ("QFileSystemModel", "%1 File"): N_("%1 File"),
}


class QtCatalogGaps(QTranslator):
    """Our translations of the Qt strings in `GAPS`; no answer (None, Qt's null string) sends Qt on
    to its own catalog; an empty string would blank the text."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
        msgid = GAPS.get((context, source_text))
        return _(msgid) if msgid is not None else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
