"""Every word on a screen follows the person's text size (app/views/text_size.py).

Flet has no text scaler for a page, so a font size written as a bare number stays the same
size for someone who chose 200%, and a button with a fixed height cuts off a label that
wraps. These rules keep new screens honest: explicit sizes go through ``sized()`` (a
checkbox's words through ``label_style()``: Flet's own are smaller), button
heights through ``tap_height()`` (a button holding only a picture through
``picture_height()``; ``as_is()`` marks a size shown as itself on purpose).
"""

from __future__ import annotations

import ast
from pathlib import Path

import app.views

APP = Path(app.views.__file__).parent.parent
SCREENS = [APP / "views", APP / "hub" / "worker", APP / "ui.py"]
FONT_SIZES = {("Text", "size"), ("TextStyle", "size"), ("TextField", "text_size"),
              ("Dropdown", "text_size")}
TEXT_BUTTONS = {"FilledButton", "OutlinedButton", "TextButton", "ElevatedButton", "Button",
                "FilledTonalButton"}


def _screen_files() -> list[Path]:
    return [p for root in SCREENS for p in ([root] if root.is_file() else root.rglob("*.py"))
            if p.name != "text_size.py"]


def _through(value: ast.expr, helpers: set[str]) -> bool:
    if isinstance(value, ast.Constant) and value.value is None:
        return True
    if isinstance(value, ast.IfExp):
        return _through(value.body, helpers) and _through(value.orelse, helpers)
    return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in helpers)


def _offences() -> list[str]:
    found: list[str] = []
    for path in _screen_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "ft"):
                continue
            for keyword in node.keywords:
                where = f"{path.relative_to(APP.parent)}:{keyword.value.lineno}"
                if ((node.func.attr, keyword.arg) in FONT_SIZES
                        and not _through(keyword.value, {"sized", "as_is"})):
                    found.append(f"{where} ft.{node.func.attr}({keyword.arg}=...) not sized()")
                if node.func.attr == "Checkbox" and keyword.arg == "label" and not any(
                        k.arg == "label_style" for k in node.keywords):
                    found.append(f"{where} ft.Checkbox(label=...) without label_style=")
                if (node.func.attr in TEXT_BUTTONS and keyword.arg == "height"
                        and not _through(keyword.value, {"tap_height", "picture_height"})):
                    found.append(f"{where} ft.{node.func.attr}(height=...) not tap_height()")
    return found


def test_every_font_size_and_button_height_on_a_screen_follows_the_text_size() -> None:
    assert _offences() == []


def _paragraphs_that_cannot_wrap() -> list[str]:
    found: list[str] = []
    for path in _screen_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "Row" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "ft" and node.args
                    and isinstance(node.args[0], ast.List)
                    and not any(k.arg == "wrap" for k in node.keywords)):
                continue
            found += [f"{path.relative_to(APP.parent)}:{item.lineno} w.para(...) in an ft.Row"
                      for item in node.args[0].elts
                      if isinstance(item, ast.Call) and isinstance(item.func, ast.Attribute)
                      and item.func.attr == "para"]
    return found


def test_a_paragraph_beside_a_picture_can_wrap() -> None:
    """A sentence set straight in a row beside a picture runs off the screen instead of
    wrapping ("How big is your w…" at 200%, and in Welsh at 100%): it goes in an
    ``ft.Container(..., expand=True)`` that gives it the rest of the row's width."""
    assert _paragraphs_that_cannot_wrap() == []
