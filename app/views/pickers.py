"""Picture pickers for children: an avatar chooser and the three-picture PIN pad."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from app import theme
from app.domain.people import CHILD_AVATARS, Avatar
from app.domain.pins import PICTURE_PIN_LENGTH, Picture
from app.i18n import t
from app.views import widgets as w
from app.views.text_size import sized, tap_height


def _picture_button(
    name: str, label: str, on_click: Callable[..., Any], *, selected: bool = False,
    size: int = 88, disabled: bool = False,
) -> ft.Control:
    """A big square picture button whose accessible name is the picture's word.

    The label sits inside the tappable container, so Flutter merges it into the one
    button node a screen reader (and a test) finds, as it does for a text button.
    """
    return ft.OutlinedButton(
        content=w.option(label, w.picture(name, int(size * 0.6)), selected),
        on_click=on_click,
        disabled=disabled,
        width=size,
        height=tap_height(size),
        style=ft.ButtonStyle(
            shape=ft.RoundedRectangleBorder(radius=20),
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else "#C9C2B8"),
            padding=0,
        ),
    )


def avatar_picker(chosen: Avatar | None, on_choose: Callable[[Avatar], None]) -> ft.Control:
    """A grid of animal avatars for a child to choose from."""
    return ft.Column(
        [
            ft.Text(t("people.avatar.choose"), size=sized(17), color=theme.TEXT),
            ft.Row(
                [
                    _picture_button(
                        avatar.value,
                        t(f"avatar.{avatar.value}"),
                        lambda _e, a=avatar: on_choose(a),
                        selected=avatar == chosen,
                        size=72,
                    )
                    for avatar in CHILD_AVATARS
                ],
                wrap=True,
                spacing=10,
                run_spacing=10,
            ),
        ]
    )


def picture_slots(chosen: Sequence[str], *, hidden: bool) -> ft.Control:
    """Three boxes showing how many pictures are chosen (the pictures too, when setting a PIN)."""
    boxes: list[ft.Control] = []
    for index in range(PICTURE_PIN_LENGTH):
        filled = index < len(chosen)
        inside: ft.Control | None = None
        if filled:
            inside = (
                ft.Icon(ft.Icons.CIRCLE, size=22, color=theme.BRAND_DARK)
                if hidden
                else w.picture(chosen[index], 40)
            )
        boxes.append(
            ft.Container(
                inside,
                width=64,
                height=64,
                alignment=ft.Alignment.CENTER,
                border_radius=16,
                border=ft.Border.all(2, theme.BRAND if filled else "#C9C2B8"),
                bgcolor=theme.SURFACE,
            )
        )
    return ft.Semantics(
        label=t("pin.pictures.progress", count=len(chosen), total=PICTURE_PIN_LENGTH),
        content=ft.Row(boxes, alignment=ft.MainAxisAlignment.CENTER, spacing=12),
    )


def picture_pad(
    chosen: Sequence[str],
    on_change: Callable[[list[str]], None],
    *,
    hidden: bool = False,
    disabled: bool = False,
) -> ft.Control:
    """The nine pictures in a 3×3 grid, the slots above, and a "start again" button."""

    def add(picture: Picture) -> None:
        if len(chosen) < PICTURE_PIN_LENGTH:
            on_change([*chosen, picture.value])

    pictures = list(Picture)
    rows = [
        ft.Row(
            [
                _picture_button(
                    p.value,
                    t(f"picture.{p.value}"),
                    lambda _e, p=p: add(p),
                    disabled=disabled or len(chosen) >= PICTURE_PIN_LENGTH,
                    size=92,
                )
                for p in pictures[start : start + 3]
            ],
            alignment=ft.MainAxisAlignment.CENTER,
            spacing=12,
        )
        for start in range(0, len(pictures), 3)
    ]
    return ft.Column(
        [
            picture_slots(chosen, hidden=hidden),
            *rows,
            ft.Row(
                [
                    ft.TextButton(
                        t("pin.pictures.again"),
                        icon=ft.Icons.UNDO,
                        on_click=lambda _e: on_change([]),
                        disabled=not chosen,
                        height=tap_height(48),
                    )
                ],
                alignment=ft.MainAxisAlignment.CENTER,
            wrap=True,),
        ],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )
