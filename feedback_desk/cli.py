"""`feedback-desk`: with no sub-command it opens the window; sub-commands work without one."""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .i18n import LANGUAGES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="feedback-desk",
                                     description="Feedback Desk (信息反馈台): hotel front desk and quality office.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: in your data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="open the separate demo database, filled with sample records on first use")
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language (default: the system's)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("make-demo", help="create a demo database at PATH without opening the window")
    demo.add_argument("path")
    backup = sub.add_parser("backup", help="copy the database (--db, or the default one) to PATH")
    backup.add_argument("path")
    return parser


def database_path(args) -> str:
    from . import paths

    if args.db:
        return args.db
    return str(paths.demo_database() if args.demo else paths.default_database())


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "make-demo":
        from . import db, demo, i18n, staff

        i18n.set_language(args.lang or "zh_CN")
        db.open_database(args.path)
        staff.ensure_departments()
        if demo.is_demo_filled():
            print(f"{args.path} already holds records; nothing added")
            return 0
        counts = demo.fill_demo()
        print(", ".join(f"{k}: {v}" for k, v in counts.items()))
        return 0
    if args.command == "backup":
        from . import db

        opened = db.open_database(database_path(args))
        print(db.backup_to(opened, args.path))
        return 0
    # the window lives outside the core; load it only when asked for
    return importlib.import_module("ui.app").start(args)


if __name__ == "__main__":
    sys.exit(main())
