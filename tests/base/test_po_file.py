"""The translation catalog read at start (feedback_desk/base/po_file.py) says what babel's reader
says: the same translations of the real catalog, escapes, continued lines, fuzzy entries left out,
and a catalog of another shape (a context, a plural) read by babel itself."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from babel.messages.pofile import read_po

from feedback_desk.base import po_file


def _by_babel(path) -> dict[str, str]:
    with path.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh, locale="zh_CN") if m.id and m.string and not m.fuzzy}


def test_the_real_catalog_reads_as_babel_reads_it():
    path = resources.files("resources") / "translations" / "zh_CN.po"
    ours = po_file.read_catalog(path, "zh_CN")
    assert len(ours) > 2000
    assert ours == _by_babel(path)
    assert ours["Dashboard"] == "看板"


SAMPLE = r'''# a header
msgid ""
msgstr ""
"Language: zh_CN\n"

#: ui/x.py:1
msgid "Say \"hello\"\tthen\\wait"
msgstr "说“你好”\t然后\\等"

msgid ""
"Two lines "
"of one message\n"
msgstr ""
"一条消息"
"的两行\n"

#, fuzzy
msgid "Guessed"
msgstr "猜的"

msgid "Not yet"
msgstr ""

#~ msgid "Gone"
#~ msgstr "没了"
'''


def test_escapes_continued_lines_fuzzy_and_empty_entries(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(SAMPLE, encoding="utf-8")
    ours = po_file.read_catalog(path, "zh_CN")
    assert ours == {'Say "hello"\tthen\\wait': "说“你好”\t然后\\等", "Two lines of one message\n": "一条消息的两行\n"}
    assert ours == _by_babel(path)


def test_a_catalog_with_a_context_or_a_plural_is_read_by_babel(tmp_path):
    path = Path(tmp_path / "y.po")
    path.write_text(SAMPLE + '\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "打开"\n\n'
                    'msgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} 个文件"\n', encoding="utf-8")
    ours = po_file.read_catalog(path, "zh_CN")
    assert ours["Open"] == "打开" and ours['Say "hello"\tthen\\wait'] == "说“你好”\t然后\\等"
    assert "Guessed" not in ours and "one file" not in ours
