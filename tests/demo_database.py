"""The demo database the demo's tests (tests/demo/) and the backup tests read: filled once for the whole run
(a fill takes some 20 s); its fixtures are offered to every test by tests/conftest.py."""
from __future__ import annotations

import time

import pytest

from feedback_desk.base import clock, db as dbmod, i18n
from feedback_desk import opening
from feedback_desk import demo
from feedback_desk.desks.customers.models import Customer


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """One demo database for the run (a fill takes seconds): its path, counts and fill time."""
    i18n.set_language("en")
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    opening.open_database(path)
    steps: list[tuple[str, int, int]] = []
    try:
        assert not demo.is_demo_filled()
        started = time.perf_counter()
        counts = demo.fill_demo(progress=lambda stage, done, total: steps.append((stage, done, total)))
        elapsed = time.perf_counter() - started
        assert demo.is_demo_filled()
        names = [c.name for c in Customer.select(Customer.name).order_by(Customer.id)]
    finally:
        dbmod.close_database()
    print(f"\ndemo fill: {elapsed:.1f} s, {counts}")
    return {"path": path, "counts": counts, "elapsed": elapsed, "steps": steps, "names": names}


@pytest.fixture
def filled(demo_file):
    opening.open_database(demo_file["path"])
    try:
        yield demo_file
    finally:
        dbmod.close_database()
        clock.set_now(None)
