"""Keep resources/translations/zh_CN.po in step with the source.

    python tools/i18n_catalog.py          # add new strings (empty), mark unused ones obsolete
    python tools/i18n_catalog.py --check  # list strings without a translation; exit 1 if any

Strings are the literals passed to _() and N_() in feedback_desk/ and ui/.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "resources" / "translations" / "zh_CN.po"
KEYWORDS = {"_": None, "N_": None}


def source_strings() -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = {}
    for package in ("feedback_desk", "ui"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
                ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS):
            if isinstance(message, str) and message:
                found.setdefault(message, []).append((f"{package}/{filename}", lineno))
    return found


def load() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="zh_CN")


def untranslated() -> list[str]:
    catalog = load()
    missing = []
    for msgid in source_strings():
        msg = catalog.get(msgid)
        if msg is None or not msg.string or msg.fuzzy:
            missing.append(msgid)
    return missing


def update() -> int:
    catalog = load()
    strings = source_strings()
    fresh = Catalog(locale="zh_CN", project="feedback-desk", charset="utf-8")
    added = 0
    for msgid, locations in strings.items():
        old = catalog.get(msgid)
        fresh.add(msgid, old.string if old else "", locations=locations)
        added += old is None
    with PO.open("wb") as fh:
        write_po(fh, fresh, width=100, sort_output=False, include_previous=False)
    return added


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        missing = untranslated()
        for msgid in missing:
            print(msgid)
        return 1 if missing else 0
    print(f"{update()} new strings; {len(untranslated())} without a translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
