"""The language chosen in the program is remembered for the command line too; with no choice
and no Chinese or English system locale (a server's C.UTF-8), Chinese."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from feedback_desk import cli
from feedback_desk.base import access, db as dbmod, i18n, paths, sign_in, staff
from feedback_desk import opening

ROOT = Path(__file__).resolve().parents[2]
CHINESE_SHEETS = ["汇总", "顾客档案", "顾客意见", "投诉", "服务日志表", "服务日志记录", "维修跟进", "岗位物资交接",
                  "质量异常单", "纠正预防措施", "合理化建议", "加分", "工作联络单", "会议", "安全隐患", "事件报告"]
ENGLISH_SHEETS = ["Summary", "Customer profiles", "Guest feedback", "Complaints", "Service sheets",
                  "Service log lines", "Maintenance follow-ups", "Shift handovers", "Quality anomaly sheets",
                  "CAPA actions", "Suggestions", "Reward points", "Work given", "Meetings", "Safety hazards",
                  "Incident reports"]


@pytest.fixture
def server(monkeypatch, tmp_path):
    """A server's environment: locale C.UTF-8, an empty settings folder of its own."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield tmp_path
    i18n.set_language("en")


PASSWORD = "Server-pass-8"


@pytest.fixture
def database(server, monkeypatch):
    """A database with its administrator, who runs the exports (name in the environment, password on stdin)."""
    path = server / "desk.db"
    opening.open_database(path)
    staff.ensure_departments()
    admin = sign_in.become_administrator(None, PASSWORD, PASSWORD, name="吴主任").person
    with access.acting_as_the_program():  # of the GM's office too: the monthly workbook is theirs to read
        staff.save_staff(admin.name, admin.department_id, admin.id, roles=["admin", "gm_office"])
    dbmod.close_database()
    monkeypatch.setenv("FEEDBACK_DESK_USER", "吴主任")
    return path


def _month_sheets(database, out, *options) -> list[str]:
    import io

    before, sys.stdin = sys.stdin, io.StringIO(PASSWORD + "\n")  # no terminal: the password from stdin
    try:
        assert cli.main(["--db", str(database), *options, "export", "month", "2026-11", "-o", str(out)]) == 0
    finally:
        sys.stdin = before
    return load_workbook(out, read_only=True).sheetnames


@pytest.mark.parametrize("value, expected", [
    ("zh_CN.UTF-8", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"), ("en_US.UTF-8", "en"), ("en_GB", "en"),
    ("C.UTF-8", "zh_CN"), ("C", "zh_CN"), ("POSIX", "zh_CN"), ("de_DE.UTF-8", "zh_CN"),
])
def test_system_language(monkeypatch, value, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", value)
    assert i18n.system_language() == expected


def test_lc_all_decides_before_lang(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh_CN"


def test_preferred_language_is_the_remembered_choice_else_the_system_else_chinese(server, monkeypatch):
    assert i18n.remembered_language() is None
    assert i18n.preferred_language() == "zh_CN"  # C.UTF-8: neither Chinese nor English
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.preferred_language() == "en"
    assert i18n.remember_language("zh_CN")
    assert i18n.preferred_language() == "zh_CN"  # the user's choice beats the system's
    assert (paths.config_dir() / i18n.REMEMBERED_FILE).read_text(encoding="utf-8").strip() == "zh_CN"
    assert paths.config_dir().parent == server / "config"
    with pytest.raises(ValueError):
        i18n.remember_language("fr")


def test_a_damaged_or_unwritable_store_falls_back(server):
    store = paths.config_dir() / i18n.REMEMBERED_FILE
    store.parent.mkdir(parents=True)
    store.write_bytes(b"\xff\xfe klingon")
    assert i18n.remembered_language() is None and i18n.preferred_language() == "zh_CN"
    store.unlink()
    store.mkdir()  # a folder where the file should be: cannot be written
    assert i18n.remember_language("en") is False
    assert i18n.preferred_language() == "zh_CN"


def test_command_line_export_follows_the_remembered_choice(database, tmp_path):
    assert _month_sheets(database, tmp_path / "default.xlsx") == CHINESE_SHEETS
    i18n.remember_language("en")  # as View → Language → English does
    assert _month_sheets(database, tmp_path / "english.xlsx") == ENGLISH_SHEETS
    assert _month_sheets(database, tmp_path / "asked.xlsx", "--lang", "zh_CN") == CHINESE_SHEETS


def test_on_a_server_locale_the_command_writes_chinese(database, server):
    """As a user runs it: a new process under LANG=C.UTF-8, nothing chosen yet."""
    import os

    out = server / "report.xlsx"
    env = {**os.environ, "LANG": "C.UTF-8", "XDG_CONFIG_HOME": str(server / "config")}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    done = subprocess.run([sys.executable, "-m", "feedback_desk", "--db", str(database), "export", "month", "2026-11",
                           "-o", str(out)], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
                          input=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert load_workbook(out, read_only=True).sheetnames == CHINESE_SHEETS
