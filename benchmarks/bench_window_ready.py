"""Window-ready benchmark (issues 18 and 19): from process start to the first screen shown, our main
window beside a bare PySide6 window with a table of the same first rows, each in fresh processes
measured from the parent (interpreter start and imports included), median of --runs; then, in our
window, how many desk tables were read before the first screen and what each tab's first show costs.

    python benchmarks/bench_window_ready.py [--db PATH] [--runs 5]

Without --db it makes the demo database in a temporary folder (feedback-desk make-demo). Goal
(issue 18): window ready within 2x the bare window; issue 19: no hidden table read at start, each
tab's table read once when first shown.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import os, sys, sqlite3
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableWidget, QTableWidgetItem
con = sqlite3.connect(sys.argv[1])
rows = con.execute("SELECT id, date, kind, text FROM feedback ORDER BY date DESC, id DESC LIMIT 100").fetchall()
app = QApplication(sys.argv[:1])
win = QMainWindow()
tabs = QTabWidget()
table = QTableWidget(len(rows), 4)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(str(value)))
tabs.addTab(table, "feedback")
win.setCentralWidget(tabs)
win.resize(1366, 740)
win.show()
app.processEvents()
print("READY", flush=True)
"""

OURS = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
import ui.kit.paged_model as paged
reads = []
real = paged.PagedTableModel.reload
def counted(model):
    reads.append(type(model.listing).__name__)
    return real(model)
paged.PagedTableModel.reload = counted
from feedback_desk import opening
from feedback_desk.base import access, staff
from ui.app import apply_language
from ui.main_window import MainWindow
from ui.session import Session
app = QApplication(sys.argv[:1])
apply_language(app, "zh_CN")
opening.open_database(sys.argv[1])
person = staff.staff_list()[0]
access.sign_in_as(person)
win = MainWindow(Session(person, sys.argv[1], QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat)))
win.show()
app.processEvents()
print("READY", len(reads), flush=True)
if len(sys.argv) > 3:
    for key, tab in win.desks.items():
        before = len(reads)
        t0 = time.perf_counter()
        win.tabs.setCurrentWidget(tab)
        app.processEvents()
        print("TAB", key, f"{(time.perf_counter() - t0) * 1000:.0f}", len(reads) - before, flush=True)
from ui.kit.background import wait_for_workers
wait_for_workers()  # the dashboard's figures and the first deadline check, started with the window
"""


def _timed(script: str, *args: str) -> tuple[float, list[str]]:
    """Seconds from starting the process to its READY line, and every line it printed."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=ROOT)
    lines, ready = [], None
    for line in proc.stdout:
        lines.append(line.strip())
        if line.startswith("READY") and ready is None:
            ready = time.perf_counter() - t0
    proc.wait()
    if ready is None or proc.returncode != 0:
        raise SystemExit(f"the window did not start: {lines}")
    return ready, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = Path(tmp) / "demo.db"
            subprocess.run([sys.executable, "-m", "feedback_desk", "make-demo", str(path)], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
        _timed(OURS, str(path), str(ROOT))  # once before measuring: upgrades, the OS's file cache
        bare = [_timed(BARE, str(path))[0] for _ in range(args.runs)]
        ours, reads = [], []
        for _ in range(args.runs):
            seconds, lines = _timed(OURS, str(path), str(ROOT))
            ours.append(seconds)
            reads.append(int(lines[0].split()[1]))
        _s, lines = _timed(OURS, str(path), str(ROOT), "tabs")
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"database: {path}  ({args.runs} runs each, medians; process start to the first screen shown)")
    print(f"{'bare PySide6 window, one table of 100 rows':<48} {b * 1000:6.0f} ms")
    print(f"{'Feedback Desk main window (dashboard first)':<48} {o * 1000:6.0f} ms   ratio {o / b:.2f}x (goal <= 2x)")
    print(f"desk tables read before the first screen: {max(reads)} (goal 0)")
    for line in lines[1:]:
        _tag, key, ms, n = line.split()
        print(f"  first show of the {key:<13} tab: {ms:>5} ms, tables read {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
