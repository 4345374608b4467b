"""The errors a use case raises; each carries a message the user can read."""
from __future__ import annotations

from .i18n import _


class FeedbackDeskError(Exception):
    """Base of every error shown to the user."""


class ValidationError(FeedbackDeskError):
    """Bad input: one message per field, shown beside that field. Nothing was saved."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class ConflictError(FeedbackDeskError):
    """The record changed since it was read; the save was refused."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _(
            "This record was changed by someone else since you opened it. "
            "Your changes were not saved: reopen the record and enter them again."))


class NotFoundError(FeedbackDeskError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("The record no longer exists."))
