"""`feedback-desk export …`: the monthly workbook, a ledger, or one record's paper form.

Forms are found by the record's number (客诉-… complaint, QA-… anomaly sheet, 建议-…
suggestion) or by `customer:ID`, `feedback:ID`, `sheet:ID`, `handover:ID`: each desk declares
its paper forms in its spec (desks/registry.py).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedback_desk.base import search
from feedback_desk.base.i18n import _
from feedback_desk.desks import registry
from feedback_desk.export.safe import ExportError


def typed_day(text: str) -> dt.date:
    """The date a user wrote (YYYY-MM-DD), or an ExportError saying how to write it."""
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ExportError(_("{text} is not a date; write it as YYYY-MM-DD.").format(text=text)) from None


def find_record(number: str) -> tuple[str, int]:
    """(kind, id) of the record a user names on the command line: by its number, or `kind:ID`."""
    forms = registry.paper_forms()
    text = search.typed_term(number)  # whatever was typed: a lone surrogate from an undecodable argument
    prefix, _sep, rest = text.partition(":")
    if _sep and prefix.lower() in forms:
        model = forms[prefix.lower()].model
        record_id = search.number_term(rest)
        if record_id is not None and model.get_or_none(model.id == record_id) is not None:
            return prefix.lower(), record_id
        raise ExportError(_("No record {number}.").format(number=text))
    for form in forms.values():
        if form.number_field is not None:
            field = getattr(form.model, form.number_field)
            found = form.model.select(form.model.id).where(field == text).scalar()
            if found is not None:
                return form.kind, found
    raise ExportError(_("No record {number}: give a number such as 客诉-2026-11-0007, QA-2026-11-0003, "
                        "建议-2026-11-0001 or 工作-2026-11-0001, or {kinds}.").format(
        number=text, kinds=", ".join(f"{kind}:ID" for kind in forms)))


def period_report(key: str):
    """The report of a week or a month the command line names (gm-decisions, key-work, …)."""
    for found in registry.period_reports():
        if found.key == key:
            return found
    raise ExportError(_("Unknown report {key}.").format(key=key))


def export_form(number: str, target, bilingual: bool = False) -> Path:
    kind, record_id = find_record(number)
    return registry.paper_forms()[kind].export(record_id, target, bilingual=bilingual)


def run_export(args, database: str) -> Path:
    """Run the export the command line asked for on the database file `database`."""
    from feedback_desk.base import db, i18n
    from feedback_desk import opening

    i18n.set_language(args.lang or i18n.preferred_language())
    try:
        opening.open_database(database, reading=True)  # an export never creates, converts or upgrades
    except (RuntimeError, OSError) as exc:
        raise ExportError(str(exc)) from exc
    try:
        if args.what == "month":
            from feedback_desk.export.monthly import export_month, parse_month

            return export_month(*parse_month(args.month), args.output, bilingual=args.bilingual)
        if args.what == "ledger":
            from feedback_desk.export.ledgers import desk_of, export_ledger

            desk_of(args.desk)
            return export_ledger(args.desk, typed_day(args.date_from), typed_day(args.date_to), args.output,
                                 bilingual=args.bilingual)
        if args.what != "form":
            return period_report(args.what).write(args.period, args.output, bilingual=args.bilingual)
        return export_form(args.record, args.output, bilingual=args.bilingual)
    finally:
        db.close_database()
