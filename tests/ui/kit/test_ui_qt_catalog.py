"""Qt's own dialogs speak the user's language too: the file dialog (used for every export and the
backup) came out half English ('Look in:', 'Files of type:', 'Folder') in Chinese."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QTreeView

from feedback_desk.base import i18n
from ui.app import apply_language


def _latin_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", re.sub(r"\(&[A-Za-z]\)", "", text))


def test_the_file_dialog_is_all_chinese(qtbot, tmp_path):
    (tmp_path / "月度报表").mkdir()
    (tmp_path / "台帐.xlsx").write_bytes(b"")
    apply_language(QApplication.instance(), "zh_CN")
    try:
        dialog = QFileDialog(None, "导出台帐", str(tmp_path), "Excel 工作簿 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
                 if w.isVisible() and w.text()]
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
        assert [t for t in texts if _latin_words(t)] == []
        view = dialog.findChild(QTreeView)
        model = view.model()
        qtbot.waitUntil(lambda: view.rootIndex().isValid() and model.rowCount(view.rootIndex()) == 2)
        root = view.rootIndex()
        kinds = {model.index(row, 0, root).data(): model.index(row, 2, root).data()
                 for row in range(model.rowCount(root))}
        assert kinds["月度报表"] == "文件夹"  # a file's kind comes from the system's MIME names
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount(root))]
        assert [h for h in headers if _latin_words(h)] == []
    finally:
        apply_language(QApplication.instance(), "en")
        i18n.set_language("en")
