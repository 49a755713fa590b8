"""The house rules of the code base: rooms no bigger than 20 modules, files under 400 lines,
one package per screen family that plugs in through its ``FEATURE``, and the one-way flow
view → service → storage (STYLE.md)."""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
from pathlib import Path

import app.views
from app.views.feature import Feature
from app.views.features import FEATURES

APP = Path(app.views.__file__).parent.parent
MAX_MODULES = 20
MAX_LINES = 400
# Screen families that are not reached from a home screen: the first run comes before any home.
NOT_ON_A_HOME = {"setup"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_folder_under_app_holds_more_than_20_modules() -> None:
    crowded = {
        str(folder.relative_to(APP)): n
        for folder in [APP, *(p for p in APP.rglob("*") if p.is_dir())]
        if "__pycache__" not in folder.parts and (n := len(list(folder.glob("*.py")))) > MAX_MODULES
    }
    assert not crowded, crowded


def test_every_module_under_app_is_under_400_lines() -> None:
    long = {str(p.relative_to(APP)): n for p in APP.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, long


#: What people read and write in this project (fonts, pictures and sealed test folders aside).
TEXT_SUFFIXES = {".py", ".md", ".json", ".js", ".html", ".toml", ".txt", ".sh"}
NOT_OURS = {".git", ".venv", "test-artifacts", "node_modules", "__pycache__"}


def test_every_text_file_in_the_project_is_under_400_lines() -> None:
    root = APP.parent
    files: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d not in NOT_OURS and not d.endswith(".egg-info")]
        files += [Path(folder, n) for n in names
                  if Path(n).suffix in TEXT_SUFFIXES or n == "Makefile"]
    assert any(p.name == "README.md" for p in files)
    long = {str(p.relative_to(root)): n for p in files
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_every_screen_family_is_a_package_that_says_what_it_is_for_and_plugs_in() -> None:
    families = [m.name for m in pkgutil.iter_modules(app.views.__path__) if m.ispkg]
    assert {"agreement", "checkins", "chores", "safety", "setup"} <= set(families)
    for name in families:
        package = importlib.import_module(f"app.views.{name}")
        assert package.__doc__ and len(package.__doc__.strip()) > 40, f"{name} needs a docstring"
        if name in NOT_ON_A_HOME:
            continue
        feature = getattr(package, "FEATURE", None)
        assert isinstance(feature, Feature), f"app.views.{name} exposes no FEATURE"
        assert feature in FEATURES, f"app.views.{name}.FEATURE is not in app.views.features"


def test_views_never_import_the_store_and_the_domain_imports_no_ui_or_database() -> None:
    for path in (APP / "views").rglob("*.py"):
        assert not {m for m in _imports(path) if m.startswith("app.storage")}, path
    for path in (APP / "domain").rglob("*.py"):
        banned = {m for m in _imports(path) if m.split(".")[0] in {"flet", "tinydb"}}
        assert not banned, (path, banned)


def test_every_part_of_a_childs_home_comes_from_a_family_on_the_shell() -> None:
    from app.views.features import CHILD_HOME

    with_parts = {id(f) for f in FEATURES if f.child_parts.__name__ != "_nothing"}
    assert with_parts == {id(f) for f in CHILD_HOME}


def _reads_person_at_render(function: ast.FunctionDef) -> bool:
    """True if the function's own body (not a handler nested in it) calls require_member."""
    nested = {id(n) for inner in ast.walk(function) if inner is not function
              and isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
              for n in ast.walk(inner)}
    return any(isinstance(node, ast.Attribute) and node.attr == "require_member"
               and id(node) not in nested for node in ast.walk(function))


def test_every_component_that_reads_the_person_is_guarded_against_their_leaving() -> None:
    """A component rendering with nobody signed in raises inside Flet's update loop, which
    then stops for the whole tab: the worker's home froze after "Someone else's turn"."""
    unguarded = []
    for path in sorted((APP / "views").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            names = {ast.unparse(d) for d in node.decorator_list}
            if "ft.component" in names and "signed_in_only" not in names \
                    and _reads_person_at_render(node):
                unguarded.append(f"{path.relative_to(APP)}:{node.name}")
    assert unguarded == []
