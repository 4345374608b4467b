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

from feedback_desk.base import po_file

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "en"
REMEMBERED_FILE = "language.txt"  # in paths.config_dir(): the language chosen in the program

_catalogs: dict[str, dict[str, str]] = {}
_current = DEFAULT_LANGUAGE


def _load(lang: str) -> dict[str, str]:
    if lang not in _catalogs:
        table: dict[str, str] = {}
        if lang != "en":
            table = po_file.read_catalog(resources.files("resources") / "translations" / f"{lang}.po", lang)
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


def _language_of(name: str) -> str | None:
    """zh_CN for a Chinese locale name, en for an English one, None for any other (C, POSIX, de_DE …)."""
    name = name.strip().lower()
    if name.startswith(("zh", "chinese")):  # zh_CN.UTF-8, zh_TW, Windows' "Chinese (Simplified)_China"
        return "zh_CN"
    if name.startswith(("en", "english")):
        return "en"
    return None


def _system_choice() -> str | None:
    """The language of the system's locale when it is Chinese or English, else None.

    The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as for gettext; C, POSIX
    and C.UTF-8 (the usual server locale) are neither. With none set (Windows), the
    locale Python reports decides."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return _language_of(value)
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return _language_of(loc)


def system_language() -> str:
    """Chinese on a Chinese system, English on an English one, Chinese on any other."""
    return _system_choice() or "zh_CN"


def _remembered_file():
    from feedback_desk.base import paths

    return paths.config_dir() / REMEMBERED_FILE


def remembered_language() -> str | None:
    """The language last chosen in the program (View → Language), or None if never chosen."""
    try:
        text = _remembered_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text in LANGUAGES else None


def remember_language(lang: str) -> bool:
    """Keep `lang` as the user's choice for the window and the command line alike (a one-line
    file in the user's settings folder); False when that folder cannot be written."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    path = _remembered_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(lang + "\n", encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        return False
    return True


def preferred_language() -> str:
    """The remembered choice; else the system's language if Chinese or English; else Chinese."""
    return remembered_language() or _system_choice() or "zh_CN"


def _(message: str) -> str:
    if _current == "en":
        return message
    return _load(_current).get(message, message)


def N_(message: str) -> str:
    """Mark for extraction only; translate later with `_()`."""
    return message


def babel_locale() -> str:
    return "zh_CN" if _current == "zh_CN" else "en"


def translation(message: str, lang: str) -> str:
    """`message` as the catalog of `lang` has it, whatever language is in force; "" where it has
    none (English, the source language, has no catalog)."""
    return _load(lang).get(message, "")


def translations_of(message: str) -> set[str]:
    """`message` in every language (a name stored in whichever language it was created in)."""
    return {message} | {_load(lang).get(message, message) for lang in LANGUAGES}
