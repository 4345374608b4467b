"""Reading a translation catalog (`resources/translations/<lang>.po`) into {English: translation}.

babel's reader took 80 ms of every start in Chinese (its import included) for what is, in the files
tools/i18n_catalog.py writes, entries of `msgid` and `msgstr` strings over one or more quoted lines.
This reads those in a few milliseconds; a file with anything else (a context, a plural) is read by
babel, as before. Fuzzy and untranslated entries are left out, as babel's reading here left them.
"""
from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


class NotPlain(ValueError):
    """The catalog has entries this reader does not read (contexts, plurals, a line of its own)."""


def _unquoted(text: str, line: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise NotPlain(line)
    inner = text[1:-1]
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group(0)), inner)


def read_plain(text: str) -> dict[str, str]:
    """{msgid: msgstr} of a catalog of plain entries; NotPlain if it has any other kind."""
    table: dict[str, str] = {}
    entry: list[list[str]] = []   # [msgid parts], then [msgstr parts]
    fuzzy = flagged = False

    def close() -> None:
        if len(entry) == 2:
            msgid, msgstr = "".join(entry[0]), "".join(entry[1])
            if msgid and msgstr and not fuzzy:
                table[msgid] = msgstr
        elif entry:
            raise NotPlain("an entry without its msgstr")

    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                flagged = True
            continue
        if line.startswith("msgid "):
            close()
            entry, fuzzy, flagged = [[_unquoted(line[6:], line)]], flagged, False
        elif line.startswith("msgstr ") and len(entry) == 1:
            entry.append([_unquoted(line[7:], line)])
        elif line.startswith('"') and entry:
            entry[-1].append(_unquoted(line, line))
        else:
            raise NotPlain(line)  # msgctxt, msgid_plural, msgstr[0] …
    close()
    return table


def read_catalog(path, lang: str) -> dict[str, str]:
    """The translations of the catalog at `path` (a file or an importlib resource)."""
    with path.open("rb") as fh:
        data = fh.read()
    try:
        return read_plain(data.decode("utf-8"))
    except NotPlain:
        import io

        from babel.messages.pofile import read_po

        return {msg.id: msg.string for msg in read_po(io.BytesIO(data), locale=lang)
                if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy}
