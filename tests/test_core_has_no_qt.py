"""The core never imports Qt or the ui package (it must run in the command line and on a server)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
import feedback_desk
names = ["feedback_desk"]
for info in pkgutil.walk_packages(feedback_desk.__path__, "feedback_desk."):
    if info.name.endswith(".__main__"):
        continue  # importing it runs the program (cli.main), which is what it is for
    importlib.import_module(info.name)
    names.append(info.name)
bad = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6.")
             or m == "shiboken6" or m == "ui" or m.startswith("ui."))
print(json.dumps({"imported": names, "qt": bad}))
"""


def test_importing_every_core_module_loads_no_qt():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # the walk really covered the core
    assert {"feedback_desk.base.db", "feedback_desk.base.models", "feedback_desk.desks.feedback.guest_feedback",
            "feedback_desk.desks.feedback.listings", "feedback_desk.desks.customers.profiles", "feedback_desk.cli"} <= set(result["imported"])
    assert result["qt"] == []
