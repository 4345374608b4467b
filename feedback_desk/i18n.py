"""Translations for every visible string, core and UI alike.

Source strings are English; `resources/translations/<lang>.po` holds the others.
`_()` translates at call time, so a language switch takes effect on the next
lookup; `N_()` marks a string for extraction where it must stay untranslated
until shown (tables of labels defined at import time).
"""
from __future__ import annotations

import locale
import os
from importlib import resources

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "en"

_catalogs: dict[str, dict[str, str]] = {}
_current = DEFAULT_LANGUAGE


def _load(lang: str) -> dict[str, str]:
    if lang not in _catalogs:
        table: dict[str, str] = {}
        if lang != "en":
            from babel.messages.pofile import read_po

            path = resources.files("resources") / "translations" / f"{lang}.po"
            with path.open("rb") as fh:
                for msg in read_po(fh, locale=lang):
                    if msg.id and msg.string and not msg.fuzzy:
                        table[msg.id] = msg.string
        _catalogs[lang] = table
    return _catalogs[lang]


def set_language(lang: str) -> str:
    """Switch every later `_()` to `lang`; returns the language in force."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _load(lang)
    _current = lang
    return _current


def language() -> str:
    return _current


def system_language() -> str:
    """Chinese on a Chinese system, English elsewhere."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def _(message: str) -> str:
    if _current == "en":
        return message
    return _load(_current).get(message, message)


def N_(message: str) -> str:
    """Mark for extraction only; translate later with `_()`."""
    return message


def babel_locale() -> str:
    return "zh_CN" if _current == "zh_CN" else "en"
