"""A screen's title never breaks inside a word.

Squeezed between Back, "Read this to me" and Lock on a 390-point phone, a child's title
broke as "Somethin / g to be proud of". A title with a word wider than the room the buttons
leave now gets a line of its own under them, as every title does above 100%.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import flet as ft
import pytest
from headless import FakeClock, run
from steps import open_as

from app.views import widgets as w
from tests.services.taylors import create_taylors
from tests.views.test_child_words import SAM, goto


def _walk(control: ft.Control) -> Iterator[ft.Control]:
    yield control
    for name in ("content", "controls"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner] if inner else []:
            if isinstance(child, ft.Control):
                yield from _walk(child)


def _title_beside_buttons(page: ft.Control, title: str) -> bool:
    """Whether ``title`` is drawn in the header's row, between its buttons."""
    (header,) = [c for c in _walk(page) if isinstance(c, ft.Row)
                 and any(isinstance(b, ft.IconButton) for b in c.controls)]  # Back is in it
    return any(isinstance(c, ft.Text) and c.value == title for c in _walk(header))


def _nothing() -> None:
    return None


@pytest.mark.parametrize(("title", "beside"), [
    ("Cyfarwyddiadau'r teulu", False),  # a long Welsh word is wider than the room left
    ("Our rules", True),                # short words stay beside the buttons
    ("Family group conference", True),
])
def test_a_title_with_a_word_too_wide_for_the_header_gets_its_own_line(
        title: str, beside: bool) -> None:
    page = w.screen(title, [], on_back=_nothing, on_lock=_nothing)
    assert _title_beside_buttons(page, title) is beside


def test_a_childs_proud_moment_title_is_not_broken_inside_a_word(
        data_dir: Path, clock: FakeClock) -> None:
    """Sam's "Something to be proud of" has Back, "Read this to me" and Lock beside it."""
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await goto(d, "/strengths/add")
        assert d.has_text("Something to be proud of"), d.texts()
        (header,) = [c for c in d.controls() if isinstance(c, ft.Row)  # Back and Lock's row
                     and {type(b) for b in c.controls} >= {ft.IconButton, ft.OutlinedButton}]
        assert d.has_text("Something to be proud of")
        assert not any(isinstance(c, ft.Text) and c.value == "Something to be proud of"
                       for c in _walk(header))

    run(go())
