"""A button's spoken name: one button node for a screen reader, whatever is drawn inside.

In the browser any ``ft.Semantics`` inside a button splits it in two: a labelled one became a
node of its own (a group) that took the keyboard's focus and the tap, and left the button
itself with no name. So the name goes on a Text (its ``semantics_label``), which Flutter
merges into the button; pictures and the other words are left out of what is read.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.i18n import t


def named(label: str, content: ft.Control) -> ft.Control:
    """Inside a button (or a tappable box): ``content`` shown, ``label`` its one spoken name.

    The first visible Text in ``content`` says ``label`` and every other Text says nothing;
    pictures and icons are not read, and any ``ft.Semantics`` inside gives way to what it
    holds. With no words to carry it, an empty Text of no size does. What is drawn is
    unchanged.
    """
    texts: list[ft.Text] = []
    content = _quiet(content, texts)
    speaker = next((text for text in texts if text.visible is not False), None)
    if speaker is not None:
        speaker.semantics_label = label
        return content
    return ft.Stack(
        [content, ft.Container(ft.Text("", semantics_label=label), width=0, height=0)],
        clip_behavior=ft.ClipBehavior.NONE,  # a tick on a picture's corner stays whole
    )


def option(label: str, content: ft.Control, chosen: bool) -> ft.Control:
    """Inside a choice's button: ``content`` drawn, ``label`` read out as the button's name.

    The chosen one says so in its name ("Star (chosen)") and wears a tick, so the yellow
    fill is never the only sign: not for a screen reader, nor for eyes that miss the colour.
    The tick goes at the end of a row of words, or on the corner of a picture. The words
    go in the name, not as ``selected=``: an ``ft.Semantics`` inside a button splits it.
    """
    if chosen:
        if isinstance(content, ft.Row):
            content.controls.append(ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.BRAND_DARK,
                                            size=28))
        else:  # on the corner, half in the button's margin; a white ring keeps it clear
            tick = ft.Icon(ft.Icons.CHECK_CIRCLE, color=theme.BRAND_DARK, size=22)
            content = ft.Stack([content, ft.Container(tick, right=-6, top=-6,
                                                      bgcolor=theme.SURFACE, border_radius=11)],
                               clip_behavior=ft.ClipBehavior.NONE)
    return named(label + (t("checkins.chosen") if chosen else ""), content)


def _quiet(control: ft.Control, texts: list[ft.Text]) -> ft.Control:
    """``control`` with nothing in it read out; its Texts, in order, added to ``texts``."""
    if isinstance(control, ft.Semantics):
        inner = control.content if control.content is not None else ft.Container()
        if control.expand and not getattr(inner, "expand", None):
            inner.expand = control.expand  # it takes the room the wrapper took in a row
        return _quiet(inner, texts)
    if isinstance(control, ft.Text):
        control.semantics_label = ""
        texts.append(control)
    elif isinstance(control, ft.Image):
        control.exclude_from_semantics = True
    elif isinstance(control, ft.Icon):
        control.semantics_label = None
    held = getattr(control, "content", None)
    if isinstance(held, ft.Control):
        control.content = _quiet(held, texts)  # type: ignore[attr-defined]
    children = getattr(control, "controls", None)
    if isinstance(children, list):
        control.controls = [_quiet(child, texts)  # type: ignore[attr-defined]
                            for child in children]
    return control
