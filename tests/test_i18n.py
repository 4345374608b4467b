"""Two languages: every string translated, placeholders kept, Qt's own buttons in Chinese too."""
from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from feedback_desk.base import i18n
from feedback_desk.base.formatting import fmt_date

ROOT = Path(__file__).resolve().parent.parent


def _catalog_tool():
    spec = importlib.util.spec_from_file_location("i18n_catalog", ROOT / "tools" / "i18n_catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_visible_string_has_a_chinese_translation():
    missing = _catalog_tool().untranslated()
    assert missing == [], f"{len(missing)} strings lack a zh_CN translation; run tools/i18n_catalog.py: {missing[:10]}"


def test_translations_keep_their_placeholders():
    tool = _catalog_tool()
    catalog = tool.load()
    bad = []
    for msgid in tool.source_strings():
        msg = catalog.get(msgid)
        if msg and msg.string and sorted(re.findall(r"\{\w+\}", msgid)) != sorted(re.findall(r"\{\w+\}", msg.string)):
            bad.append((msgid, msg.string))
    assert bad == []


def test_strings_are_marked_as_literals_so_they_can_be_extracted():
    """_(f"...") or _("a" + b) can never be in the catalog; _(name) of an N_()-marked label is fine."""
    offenders = []
    for package in ("feedback_desk", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                        and (len(node.args) != 1 or isinstance(node.args[0], (ast.JoinedStr, ast.BinOp, ast.Call))
                             or (node.func.id == "N_" and not isinstance(node.args[0], ast.Constant)))):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_core_messages_and_dates_follow_the_language(chinese):
    from feedback_desk.base.errors import ConflictError

    assert "他人" in str(ConflictError()) or "别人" in str(ConflictError())
    assert fmt_date(dt.date(2026, 11, 1)) == "2026年11月1日"
    i18n.set_language("en")
    assert fmt_date(dt.date(2026, 11, 1)) == "Nov 1, 2026"


def test_system_language_picks_chinese_on_a_chinese_system(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.system_language() == "en"


def test_qt_own_buttons_are_translated(qapp, chinese):
    from ui.app import apply_language

    apply_language(QApplication.instance(), "zh_CN")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "").startswith("保存")
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "").startswith("取消")
    finally:
        apply_language(QApplication.instance(), "en")
