"""The errors a use case raises; each carries a message the user can read."""
from __future__ import annotations

from feedback_desk.base.i18n import N_, _


class FeedbackDeskError(Exception):
    """Base of every error shown to the user."""


class ValidationError(FeedbackDeskError):
    """Bad input: one message per field, shown beside that field. Nothing was saved."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class PermissionDenied(FeedbackDeskError):
    """The person signed in may not do this (base/access.py says who may); nothing was changed."""


class ConflictError(FeedbackDeskError):
    """The record changed since it was read; the save was refused."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _(
            "This record was changed by someone else since you opened it. "
            "Your changes were not saved: reopen the record and enter them again."))


# a setting, or a day of the calendar, saved by someone else since the settings page showed it
SETUP_CHANGED = N_("This was changed by someone else since you opened these settings. Your change was not saved: "
                   "close the settings and open them again to see theirs, then make yours again if it is still needed.")


class NotFoundError(FeedbackDeskError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("The record no longer exists."))


class DatabaseBusyError(FeedbackDeskError):
    """Another workstation (or the minute check) held the write lock for longer than we wait."""

    def __init__(self):
        super().__init__(_("Another workstation is saving; try again in a moment. Nothing was saved."))


class DatabaseFaultError(FeedbackDeskError):
    """The database file could not be read or written (disk full, read-only, damaged, gone)."""

    def __init__(self, file: str, cause: str):
        self.file, self.cause = file, cause
        super().__init__(_("The database {file} could not be used: {cause}. Nothing was saved.").format(
            file=file, cause=cause))


# What SQLite says, and how to say it to a receptionist.
_CAUSES = {
    "database or disk is full": N_("the disk is full"),
    "attempt to write a readonly database": N_("the file or its folder is read-only"),
    "disk i/o error": N_("the disk could not be read or written (disk I/O error)"),
    "database disk image is malformed": N_("the file is damaged; restore the newest backup"),
    "file is not a database": N_("the file is not a database or is damaged; restore the newest backup"),
    "unable to open database file": N_("the file or its folder cannot be opened"),
    # what the PostgreSQL server (or the way to it) says
    "password authentication failed": N_("the server refused the user name or password; the password comes from "
                                         "PGPASSWORD or ~/.pgpass"),
    "no password supplied": N_("the server asks for a password: type it when asked, or give it in PGPASSWORD "
                               "or ~/.pgpass"),
    "connection refused": N_("the server cannot be reached; check its address and that it is running"),
    "could not translate host name": N_("the server's name is not known on this network; check the address"),
    "timeout expired": N_("the server did not answer in time; check the network cable and the address"),
    "server closed the connection": N_("the connection to the server was lost; what you typed is kept, try again "
                                       "when the server is back"),
    "terminating connection": N_("the server ended the connection; what you typed is kept, try again in a "
                                 "moment"),
    "the connection is closed": N_("the connection to the server was lost; what you typed is kept, try again "
                                   "when the server is back"),
    "consuming input failed": N_("the connection to the server was lost; what you typed is kept, try again "
                                 "when the server is back"),
}
_BUSY = ("database is locked", "database table is locked", "canceling statement due to lock timeout")


def database_fault(exc: BaseException, file: str = "") -> FeedbackDeskError | None:
    """The user's error for a fault of the database itself (lock, disk, damage), or None when
    `exc` is not one (a programming error stays a programming error)."""
    import sqlite3

    import peewee

    if not isinstance(exc, (peewee.OperationalError, peewee.DatabaseError, sqlite3.OperationalError,
                            sqlite3.DatabaseError)) or isinstance(exc, (
                                peewee.IntegrityError, sqlite3.IntegrityError,
                                peewee.ProgrammingError, peewee.DataError)):  # the program's own mistakes
        return None
    text = str(exc).strip().lower()
    if any(busy in text for busy in _BUSY):
        return DatabaseBusyError()
    for known, cause in _CAUSES.items():
        if known in text:
            return DatabaseFaultError(file, _(cause))
    return DatabaseFaultError(file, str(exc).strip() or type(exc).__name__)
