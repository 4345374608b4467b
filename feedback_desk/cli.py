"""`feedback-desk`: with no sub-command it opens the window; sub-commands work without one."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

from feedback_desk import __version__
from feedback_desk.base.i18n import LANGUAGES, preferred_language, set_language


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="feedback-desk",
                                     description="Feedback Desk (信息反馈台): hotel front desk and quality office.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: in your data folder), or a shared "
                                                     "server: postgresql://user@host:5432/name")
    parser.add_argument("--demo", action="store_true",
                        help="open the separate demo database, filled with sample records on first use")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="interface and export language (default: the one last chosen in the program, "
                             "else the system's if Chinese or English, else Chinese)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("make-demo", help="create a demo database at PATH without opening the window")
    demo.add_argument("path")
    backup = sub.add_parser("backup", help="copy the database (--db, or the default one) to PATH, checked")
    backup.add_argument("path")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    restore = sub.add_parser("restore", help="replace the database (--db, or the default one) by the backup BACKUP, "
                                             "after showing what it holds and keeping a copy of the database")
    restore.add_argument("backup")
    restore.add_argument("--yes", action="store_true", help="do not ask for a confirmation")
    copy = sub.add_parser("copy-to", help="copy the database file (--db, or the default one) onto an empty database "
                                          "on a shared server, e.g. copy-to postgresql://user@host:5432/name")
    copy.add_argument("url")
    _export_parser(sub)
    return parser


def _export_parser(sub) -> None:
    export = sub.add_parser("export", help="write the monthly workbook, a ledger or a paper form as .xlsx")
    what = export.add_subparsers(dest="what", required=True)
    month = what.add_parser("month", help="the monthly workbook (月度报表), e.g. export month 2026-11 -o report.xlsx")
    month.add_argument("month", help="YYYY-MM")
    ledger = what.add_parser("ledger", help="a desk's ledger (台帐) between two dates")
    ledger.add_argument("desk", help="customers, feedback, complaints, service_sheets, service_lines, maintenance, "
                                     "handovers, anomalies, capa_actions, suggestions or reward_points")
    ledger.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    ledger.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    form = what.add_parser("form", help="one record's paper form: 客诉-…, QA-…, 建议-…, 工作-…, 会议-…, or customer:ID, "
                                        "feedback:ID, sheet:ID, handover:ID")
    form.add_argument("record")
    reports = []
    for report in _period_reports():
        reports.append(what.add_parser(report.key, help=f"{report.title}: " + (
            "the week holding DAY (YYYY-MM-DD)" if report.period == "week" else "the month YYYY-MM")))
        reports[-1].add_argument("period", metavar="DAY" if report.period == "week" else "MONTH")
    for p in (month, ledger, form, *reports):
        p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
        p.add_argument("--bilingual", action="store_true", help="headers in Chinese and English")


def _period_reports():
    from feedback_desk.desks import registry

    return registry.period_reports()


def database_path(args) -> str:
    from feedback_desk.base import paths

    if args.db:
        return args.db
    return str(paths.demo_database() if args.demo else paths.default_database())


def fill_demo(path, out=None) -> tuple[dict, float]:
    """Fill the opened, empty database at `path` with the demo, saying on `out` (stderr) how each
    desk goes; returns what was made and the seconds it took."""
    from feedback_desk import demo
    from feedback_desk.base.i18n import _

    out = out or sys.stderr
    print(_("Filling the demo database {path}…").format(path=path), file=out, flush=True)
    started = time.perf_counter()
    begun: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done == 0:
            begun[stage] = time.perf_counter()
        if done == total:
            print("  " + _("{stage}: done in {seconds} s").format(
                stage=stage, seconds=f"{time.perf_counter() - begun[stage]:.1f}"), file=out, flush=True)

    counts = demo.fill_demo(progress=progress)
    return counts, time.perf_counter() - started


def _demo_on_first_use(path: str) -> None:
    """The demo database, created and filled the first time a command uses it (as the window does)."""
    from feedback_desk.base import db, staff
    from feedback_desk import opening
    from feedback_desk import demo
    from feedback_desk.desks.housekeeping import rooms

    if Path(path).exists():
        opening.open_database(path)
        filled = demo.is_demo_filled()
        db.close_database()
        if filled:
            return
    opening.open_database(path)
    try:
        staff.ensure_departments()
        rooms.ensure_consumables()
        fill_demo(path)
    finally:
        db.close_database()


USER_VARIABLE = "FEEDBACK_DESK_USER"


def sign_in_here(database: str) -> None:
    """Exports and backups are somebody's: the name from FEEDBACK_DESK_USER (or asked for), the
    password asked for without echo (or read from standard input when that is no terminal, for a
    scheduled backup), never from the command line. Refused with the reason, as in the window."""
    import getpass

    from feedback_desk import opening
    from feedback_desk.base import db, sign_in
    from feedback_desk.base.errors import FeedbackDeskError, ValidationError
    from feedback_desk.base.i18n import _
    from feedback_desk.base.models import Staff

    opening.open_database(database, reading=True)  # nothing created, converted or upgraded
    try:
        if sign_in.nobody_has_a_password():
            raise FeedbackDeskError(_("Nobody has a password on this database yet: start the program and "
                                      "become its administrator first."))
        terminal = sys.stdin is not None and sys.stdin.isatty()
        name = os.environ.get(USER_VARIABLE)
        if not name:
            try:
                name = input(_("Name: "))
            except (EOFError, RuntimeError):  # no input at all (RuntimeError: no standard input)
                name = ""
        if not name.strip():
            raise FeedbackDeskError(_("No name given: run this in a terminal, or set {variable} to the name.").format(
                variable=USER_VARIABLE))
        person = Staff.get_or_none((Staff.name == name.strip()) & (Staff.active == True))  # noqa: E712
        try:
            if terminal:
                password = getpass.getpass(_("Password for {name}: ").format(name=name.strip()))
            else:
                password = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
        except EOFError:
            password = ""
        if not password:  # nothing to check: no wrong password counted against the name
            raise FeedbackDeskError(_("No password given: run this in a terminal, or pipe the password to standard "
                                      "input, with {variable} set to the name.").format(variable=USER_VARIABLE))
        try:
            sign_in.sign_in(person.id if person else None, password)
        except ValidationError as exc:
            raise FeedbackDeskError(" ".join(exc.errors.values())) from None
    finally:
        db.close_database()


def ask_server_password(target: str) -> None:
    """A server that asks for a password nobody gave (no PGPASSWORD, nothing in ~/.pgpass): asked
    for without echo when this is a terminal, for this run only (never written anywhere)."""
    from feedback_desk.base import server

    if not server.is_server(target) or "PGPASSWORD" in os.environ or not (sys.stdin and sys.stdin.isatty()):
        return
    if server.asks_for_a_password(target):
        import getpass

        from feedback_desk.base.i18n import _

        os.environ["PGPASSWORD"] = getpass.getpass(_("Password for {place}: ").format(
            place=server.without_password(target)))


def copy_to(source: str, url: str) -> int:
    """`copy-to URL`: the administrator copies the database file onto an empty server database;
    the comparison of both sides is printed. 0 when every table matches, 1 when one does not."""
    from feedback_desk import copying, opening
    from feedback_desk.base import db, server
    from feedback_desk.base.errors import FeedbackDeskError
    from feedback_desk.base.i18n import _

    if server.is_server(source):
        raise FeedbackDeskError(_("copy-to copies a database file: give the file with --db, not a server."))
    if not Path(source).is_file():
        raise FeedbackDeskError(_("There is no database file at {path}.").format(path=source))
    ask_server_password(url)
    terminal = sys.stderr.isatty()

    def progress(table: str, done: int, total: int) -> None:
        if terminal or done == total:
            end = "\n" if done == total else "\r"
            print(_("copying {table}: {done} of {total} rows").format(table=table, done=done, total=total),
                  end=end, file=sys.stderr, flush=True)

    opening.open_database(source)
    try:
        checks = copying.copy_to(url, progress)  # an administrator's, or refused before anything is read
    finally:
        db.close_database()
    print(copying.verification_table(checks))
    return 0 if all(check.matches for check in checks) else 1


def restore(live: str, backup: str, yes: bool) -> int:
    """`restore BACKUP`: what the backup holds, a confirmation, then the administrator's restore.
    On a database too damaged to open, the administrator signs in with the backup's passwords."""
    from feedback_desk import backups, opening
    from feedback_desk.base import db
    from feedback_desk.base.database_file import DamagedFile
    from feedback_desk.base.formatting import fmt_datetime
    from feedback_desk.base.i18n import _

    summary = backups.describe(backup)  # not ours, newer, damaged: refused before anything
    print(_("Backup {path}, taken {when}, schema {schema}; newest record saved {newest}.").format(
        path=summary.path, when=fmt_datetime(summary.taken_at), schema=summary.schema,
        newest=fmt_datetime(summary.newest) if summary.newest else "-"))
    print(", ".join(f"{desk}: {rows}" for desk, rows in summary.rows.items()))
    if not yes:
        try:
            answer = input(_("Replace {path} by this backup? A copy of it is kept first. [y/N] ").format(path=live))
        except (EOFError, RuntimeError):
            answer = ""
        if answer.strip().lower() not in ("y", "yes", "是", "j"):
            print(_("Nothing was changed."))
            return 1
    try:
        sign_in_here(live)
        opening.open_database(live)
    except DamagedFile:
        print(_("{path} is too damaged to sign in to: sign in with the backup's name and password.").format(path=live),
              file=sys.stderr)
        sign_in_here(backup)
        opening.open_database(backup, reading=True)
    try:
        kept = backups.restore(backup, live)
    finally:
        db.close_database()
    print(_("Restored {path} from {backup}; the database as it was is kept in {kept}.").format(
        path=live, backup=backup, kept=kept))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    set_language(args.lang or preferred_language())  # every sub-command, as the window would
    if args.command == "make-demo":
        from feedback_desk import demo, opening
        from feedback_desk.base import i18n, staff

        i18n.set_language(args.lang or "zh_CN")
        opening.open_database(args.path)
        staff.ensure_departments()
        if demo.is_demo_filled():
            print(i18n._("{path} already holds records; nothing added").format(path=args.path))
            return 0
        counts, seconds = fill_demo(args.path)
        print(i18n._("Demo database {path} filled in {seconds} s:").format(path=args.path, seconds=f"{seconds:.1f}"))
        print(", ".join(f"{k}: {v}" for k, v in counts.items()))
        return 0
    if args.demo and not args.db and args.command in ("export", "backup"):
        _demo_on_first_use(database_path(args))
    if args.command in ("export", "backup", "copy-to", "restore"):
        from feedback_desk.base.errors import FeedbackDeskError

        try:
            if args.command == "restore":
                return restore(database_path(args), args.backup, args.yes)
            ask_server_password(database_path(args))
            sign_in_here(database_path(args))
            if args.command == "export":
                from feedback_desk.export.commands import run_export

                print(run_export(args, database_path(args)))
            elif args.command == "copy-to":
                return copy_to(database_path(args), args.url)
            else:
                from feedback_desk import backups, opening

                opening.open_database(database_path(args), reading=True)
                print(backups.back_up_to(args.path, force=args.force))
        except (FeedbackDeskError, RuntimeError) as exc:  # RuntimeError: a server database not ours, or newer
            print(f"feedback-desk: {exc}", file=sys.stderr)
            return 2
        return 0
    # the window lives outside the core; load it only when asked for
    return importlib.import_module("ui.app").start(args)


if __name__ == "__main__":
    sys.exit(main())
