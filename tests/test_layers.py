"""The layers hold (DESIGN, "The house"; issue 12, item 9), read from the source with `ast`:

- no private name (`_x`) of one module is imported or used by another;
- `feedback_desk/base/` knows no desk: it imports nothing from desks, loop, reports or export;
- a desk takes another desk's things from its package (`desks/<desk>/__init__.py`), nothing inside;
- the UI never opens a transaction: no `write_transaction`, no `.atomic(`;
- the UI runs a use case through one runner (ui/kit/operation.py), never catching its refusals itself.

(That the core never imports Qt is tests/test_core_has_no_qt.py.) Each allow-list below names
what is still crossing a line, why, and what ends it; an entry that is no longer needed fails
too, so the list only shrinks.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("feedback_desk", "ui")
TRANSLATION = {"_", "N_"}  # the translation functions are meant to be imported everywhere

# (importing file, "module:private name") still allowed, each for a reason
PRIVATE_ALLOWED: dict = {
}

# (file in base/, imported module) still allowed, each for a reason
BASE_ALLOWED: dict = {}

# (file in ui/, what it does) still allowed, each for a reason
UI_WRITE_ALLOWED: dict = {}


def _python_files(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path))


def _module_name(rel: str) -> str:
    parts = rel[:-3].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _absolute(rel: str, node: ast.ImportFrom) -> str:
    """The module an ImportFrom names, relative imports made absolute."""
    if not node.level:
        return node.module or ""
    package = _module_name(rel).split(".")
    if not rel.endswith("__init__.py"):
        package = package[:-1]
    base = package[:len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name not in TRANSLATION


def _imports(tree: ast.AST, rel: str):
    """(line, imported module) of every import; `from m import a` gives m.a where that is a module, else m."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(rel, node)
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}" if _is_module(f"{module}.{alias.name}") else module


def private_crossings(files) -> set[tuple[str, str, int]]:
    """(file, "module:name", line) of each private name one module takes from another: imported
    (`from m import _x`) or read off an imported module (`m._x`, `pkg.m._x`)."""
    found = set()
    for rel, tree in files:
        modules: dict[str, str] = {}  # local name -> the project module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        modules[alias.asname] = alias.name
                    else:
                        modules[alias.name.split(".")[0]] = alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                module = _absolute(rel, node)
                for alias in node.names:
                    if _private(alias.name):
                        found.add((rel, f"{module}:{alias.name}", node.lineno))
                    elif _is_module(f"{module}.{alias.name}"):
                        modules[alias.asname or alias.name] = f"{module}.{alias.name}"
        modules = {local: name for local, name in modules.items() if name.split(".")[0] in PACKAGES}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            chain = []
            base = node
            while isinstance(base, ast.Attribute):
                chain.append(base.attr)
                base = base.value
            if not isinstance(base, ast.Name) or base.id not in modules:
                continue
            module = modules[base.id]
            for attr in reversed(chain):  # walk down the packages to the first name that is no module
                if _private(attr):
                    found.add((rel, f"{module}:{attr}", node.lineno))
                    break
                if not _is_module(f"{module}.{attr}"):
                    break
                module = f"{module}.{attr}"
    return found


def base_reaching_up(files) -> set[tuple[str, str, int]]:
    """(file, module, line) of each import from base/ into a desk, the loop, the reports or the exports."""
    above = tuple(f"feedback_desk.{layer}" for layer in ("desks", "loop", "reports", "export"))
    return {(rel, module, line) for rel, tree in files for line, module in _imports(tree, rel)
            if module in above or module.startswith(tuple(a + "." for a in above))}


def desk_reaching_in(files) -> set[tuple[str, str, int]]:
    """(file, module, line) of each import from a desk into another desk's own modules: what a
    desk offers the others is its package (its __init__.py), nothing inside."""
    found = set()
    for rel, tree in files:
        parts = rel.split("/")
        if len(parts) < 4 or parts[:2] != ["feedback_desk", "desks"]:
            continue
        own = f"feedback_desk.desks.{parts[2]}"
        for line, module in _imports(tree, rel):
            inside = module.split(".")
            if (module.startswith("feedback_desk.desks.") and len(inside) > 3 and inside[2] != "registry"
                    and not module.startswith(own + ".") and module != own):
                found.add((rel, module, line))
    return found


def ui_writing(files) -> set[tuple[str, str, int]]:
    """(file, what, line) of each `write_transaction` the UI names and each `.atomic(` it calls."""
    found = set()
    for rel, tree in files:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found |= {(rel, "write_transaction", node.lineno) for alias in node.names
                          if alias.name.split(".")[-1] == "write_transaction"}
            elif isinstance(node, ast.Attribute) and node.attr == "write_transaction":
                found.add((rel, "write_transaction", node.lineno))
            elif isinstance(node, ast.Name) and node.id == "write_transaction":
                found.add((rel, "write_transaction", node.lineno))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "atomic":
                found.add((rel, "atomic", node.lineno))
    return found


def _check(found: set[tuple[str, str, int]], allowed: dict, what: str) -> None:
    offending = sorted(f"{rel}:{line}: {name}" for rel, name, line in found if (rel, name) not in allowed)
    stale = sorted(f"{rel}: {name}" for rel, name in allowed if not any((r, n) == (rel, name) for r, n, _l in found))
    assert offending == [], f"{what}:\n" + "\n".join(offending)
    assert stale == [], "no longer needed, remove it from the allow-list (and any alias kept for it):\n" + "\n".join(stale)


def test_no_private_name_crosses_a_module_boundary():
    _check(private_crossings(_python_files(*PACKAGES)), PRIVATE_ALLOWED,
           "a private name of another module: make it public where it belongs, or move the code")


def test_base_knows_no_desk():
    _check(base_reaching_up(_python_files("feedback_desk/base")), BASE_ALLOWED,
           "base/ imports a desk, the loop, the reports or the exports")


def test_a_desk_uses_another_desk_only_through_its_package():
    _check(desk_reaching_in(_python_files("feedback_desk/desks")), {},
           "a desk imports another desk's own module: take it from that desk's package (__init__.py)")


USE_CASE_ERRORS = {"ValidationError", "ConflictError", "FeedbackDeskError"}
OPERATION_RUNNER = ("ui/kit/operation.py", "ui/kit/faults.py")


def catching_use_case_errors(files) -> set[tuple[str, str, int]]:
    """(file, error, line) of each `except` in the UI that catches a use case's refusal itself."""
    found = set()
    for rel, tree in files:
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {getattr(n, "id", getattr(n, "attr", "")) for n in ast.walk(node.type)}
                found |= {(rel, name, node.lineno) for name in names & USE_CASE_ERRORS}
    return found


def test_the_ui_runs_use_cases_through_the_one_runner():
    found = {f for f in catching_use_case_errors(_python_files("ui")) if f[0] not in OPERATION_RUNNER}
    _check(found, {}, "the UI catches a use case's refusal itself: run it through ui.kit.operation.run")


def test_the_runner_check_sees_a_catch():
    found = catching_use_case_errors(_parsed("ui/x.py", (
        "try:\n    save()\nexcept (ValidationError, errors.ConflictError):\n    pass\n"
        "try:\n    save()\nexcept OSError:\n    pass\n")))
    assert {(name, line) for _rel, name, line in found} == {("ValidationError", 3), ("ConflictError", 3)}


def test_the_ui_never_opens_a_transaction():
    _check(ui_writing(_python_files("ui")), UI_WRITE_ALLOWED,
           "the UI opens a transaction: call a core use case that writes in one")


# --- the checks can fail: each finds what it is for in a small made-up tree --------------------

def _parsed(rel: str, source: str):
    return [(rel, ast.parse(source))]


def test_the_private_check_sees_imports_and_module_attributes():
    found = private_crossings(_parsed("ui/x.py", (
        "from feedback_desk.base.records import _as_text, create_record\n"
        "from feedback_desk.base import records, clock as c\n"
        "import feedback_desk.base.i18n\n"
        "from feedback_desk.base.i18n import _, N_\n"
        "records._log()\nc._override\nfeedback_desk.base.i18n._load('en')\n"
        "records.create_record\nself._private\nrecord._meta\n")))
    assert {(name, line) for _rel, name, line in found} == {
        ("feedback_desk.base.records:_as_text", 1), ("feedback_desk.base.records:_log", 5),
        ("feedback_desk.base.clock:_override", 6), ("feedback_desk.base.i18n:_load", 7)}


def test_the_base_check_sees_a_desk_import():
    found = base_reaching_up(_parsed("feedback_desk/base/x.py", (
        "from feedback_desk.desks.quality import models\nimport feedback_desk.loop.rules\n"
        "from feedback_desk import export, base\nfrom feedback_desk.desks import DESKS\n"
        "from feedback_desk.base import clock\nimport peewee\n")))
    assert {(module, line) for _rel, module, line in found} == {
        ("feedback_desk.desks.quality.models", 1), ("feedback_desk.loop.rules", 2), ("feedback_desk.export", 3),
        ("feedback_desk.desks", 4)}


def test_the_desk_check_sees_a_reach_into_another_desk():
    found = desk_reaching_in(_parsed("feedback_desk/desks/quality/x.py", (
        "from feedback_desk.desks.customers.profiles import display_name\n"
        "from feedback_desk.desks.customers import Customer\nfrom feedback_desk.desks.quality import models\n"
        "from feedback_desk.desks.quality.sheets import raise_sheet\nfrom feedback_desk.desks import registry\n"
        "import feedback_desk.desks.feedback.models\n")))
    assert {(module, line) for _rel, module, line in found} == {
        ("feedback_desk.desks.customers.profiles", 1), ("feedback_desk.desks.feedback.models", 6)}


def test_the_ui_check_sees_a_transaction():
    found = ui_writing(_parsed("ui/x.py", (
        "from feedback_desk.base.db import write_transaction\nfrom feedback_desk.base import db\n"
        "with db.write_transaction():\n    pass\nwith db.database.atomic():\n    pass\n")))
    assert {(what, line) for _rel, what, line in found} == {
        ("write_transaction", 1), ("write_transaction", 3), ("atomic", 5)}
