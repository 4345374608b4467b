"""Passwords, hashed with argon2id (memory-hard, salted; RFC 9106's second recommendation:
3 passes over 64 MiB with 4 lanes, a 16-byte salt and a 32-byte hash). A password is never
stored, logged or kept longer than the call that checks it."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from feedback_desk.base.i18n import _

TIME_COST, MEMORY_KIB, LANES = 3, 64 * 1024, 4
MIN_LENGTH = 8
_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=LANES,
                         hash_len=32, salt_len=16)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def matches(stored: str | None, password: str) -> bool:
    """Whether `password` is the one `stored` was made from (False for no stored hash)."""
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_new_hash(stored: str) -> bool:
    """The hash was made with weaker parameters than today's: make it again at the next sign-in."""
    return _hasher.check_needs_rehash(stored)


def new_password_errors(password: str, confirmation: str, name: str) -> dict[str, str]:
    """What is wrong with a new password, beside its field; {} when it may be used."""
    if len(password or "") < MIN_LENGTH:
        return {"password": _("A password has at least {n} characters.").format(n=MIN_LENGTH)}
    if password.strip().casefold() == (name or "").strip().casefold():
        return {"password": _("Your name cannot be your password.")}
    if password != confirmation:
        return {"confirmation": _("The two passwords differ: type the same one twice.")}
    return {}
