"""Every menu can be worked from the keyboard: no two entries of one menu share an accelerator,
in either language."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from feedback_desk.base import i18n
from ui.app import apply_language
from ui.main_window import MainWindow
from ui.session import Session

from qt_fixtures import settings  # noqa: F401


def _accelerator(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _clashes(menu) -> list[str]:
    seen: dict[str, str] = {}
    clashes = []
    for action in menu.actions():
        key = _accelerator(action.text())
        if key is None:
            continue
        if key in seen:
            clashes.append(f"{menu.title()}: '{seen[key]}' and '{action.text()}' both use &{key}")
        seen[key] = action.text()
        if action.menu() is not None:
            clashes += _clashes(action.menu())
    return clashes


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_menu_uses_an_accelerator_twice(qtbot, db, clerk, settings, tmp_path, lang):
    apply_language(QApplication.instance(), lang)
    try:
        win = MainWindow(Session(clerk, str(tmp_path / "t.db"), settings))
        qtbot.addWidget(win)
        bar = win.menuBar()
        assert _clashes(bar) == []
        assert len(bar.actions()) == 5
    finally:
        apply_language(QApplication.instance(), "en")
        i18n.set_language("en")
