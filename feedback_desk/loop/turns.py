"""The minute check's big writes in short turns at the write lock (issue 19).

The first check on a database whose items have no clocks yet (after the upgrade that brought
clocks, or a large import) registers, marks late and escalates tens of thousands of items. It
does so in batches, each one write transaction that holds the lock for about TURN_S at most (the
batch grows while it is quicker, shrinks when it was slower), with a pause between them long
enough for a save waiting at another workstation to take its turn. SQLite's busy handler looks
again every few milliseconds at first, every 25 ms up to a tenth of a second, then every 50 and
100 ms: a pause shorter than its interval could fall between two looks, and the save would wait
for the next batch too. So the pause is PAUSE_S, and at least as long as the batch held the lock
(a batch slowed down by a busy machine). On the server the waiting save is next in the advisory
lock's queue anyway.
"""
from __future__ import annotations

import contextlib
import gc
import time
from typing import Callable, Sequence, TypeVar

from feedback_desk.base.db import write_transaction

T = TypeVar("T")
TURN_S = 0.04    # the longest a batch should hold the write lock
PAUSE_S = 0.03   # between two batches: someone else's turn
LARGEST = 5000   # rows of one batch at most


def in_short_turns(rows: Sequence[T], write: Callable[[Sequence[T]], None], first: int = 100,
                   between: Callable[[], None] | None = None) -> None:
    """`write(batch)` for consecutive batches of `rows`, each inside a write transaction of its own;
    `between()` after each batch, the lock let go."""
    size, done = first, 0
    while done < len(rows):
        batch = rows[done:done + size]
        with _no_collection_meanwhile(), write_transaction():
            t0 = time.perf_counter()  # from when the lock is ours: a wait for it says nothing of the batch
            write(batch)
        took = time.perf_counter() - t0  # the commit included
        done += len(batch)
        if took > TURN_S:
            size = max(1, int(size * TURN_S / took * 0.8))
        elif took < TURN_S / 2:
            size = min(size * 2, LARGEST)
        if between is not None:
            between()
        if done < len(rows):
            time.sleep(max(PAUSE_S, took))


@contextlib.contextmanager
def _no_collection_meanwhile():
    """Python's cyclic garbage collection waits while the lock is held: with the tens of thousands of
    rows a first check holds in memory a full collection takes a quarter of a second, which a
    batch that happened to set it off would hold the lock for. It runs in the pause after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
