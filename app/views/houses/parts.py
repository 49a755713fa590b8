"""What the Three Houses' screens share: the service, the worker's name, a thing, a house."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft
import flet.canvas as cv

from app import theme
from app.domain.programme.three_houses import CANVAS, HOUSE_PICTURES, House, HouseItem, Stroke
from app.i18n import t, t_or
from app.services.programme.houses import ThreeHousesService, houses_for
from app.views import widgets as w
from app.views.messages.screens import worker_name
from app.views.state import Session
from app.views.text_size import sized, tap_height

ROUTE = "/houses"
#: A colour for each house, from colours already checked with TEXT and MUTED on them: warm
#: yellow (a proud moment's), a calm blue-grey and a soft green.
HOUSE_BG = {House.GOOD: "#FFF4D6", House.WORRIES: "#EEF0FA", House.DREAMS: "#E6F4EA"}
INK = theme.BRAND_DARK  # the drawing pen: 9:1 on white


def service(session: Session) -> ThreeHousesService:
    """The three houses of the household this session has unlocked."""
    return houses_for(session.require_service())


def the_worker(session: Session) -> str:
    """The worker's name for a child ("Priya"), or "your worker"."""
    return worker_name(session)


def item_words(item: HouseItem) -> str:
    """What a thing says: its words, else its picture's word, else "A drawing"."""
    if item.words:
        return item.words
    if item.picture:
        # a newer Homeward may send a picture this copy has no words for
        return t_or(f"houses.pic.{item.picture}", "houses.pic_unknown")
    return t("houses.drawing")


def _paint(width: float) -> ft.Paint:
    return ft.Paint(color=INK, stroke_width=width, style=ft.PaintingStyle.STROKE,
                    stroke_cap=ft.StrokeCap.ROUND, stroke_join=ft.StrokeJoin.ROUND)


def stroke_shapes(strokes: Sequence[Stroke], size: float) -> list[cv.Shape]:
    """The strokes of a drawing as canvas shapes, scaled from the kept square to ``size``."""
    k = size / CANVAS
    shapes: list[cv.Shape] = []
    for stroke in strokes:
        if len(stroke) == 1:
            x, y = stroke[0]
            shapes.append(cv.Circle(x * k, y * k, max(2.0, 4 * k),
                                    paint=ft.Paint(color=INK, style=ft.PaintingStyle.FILL)))
            continue
        elements: list[cv.Path.PathElement] = [cv.Path.MoveTo(stroke[0][0] * k, stroke[0][1] * k)]
        elements += [cv.Path.LineTo(x * k, y * k) for x, y in stroke[1:]]
        shapes.append(cv.Path(elements, paint=_paint(max(2.0, 8 * k))))
    return shapes


def drawing(strokes: Sequence[Stroke], size: float) -> ft.Control:
    """A kept drawing, small, on white, named for screen readers."""
    return ft.Semantics(label=t("houses.drawing"), content=ft.Container(
        cv.Canvas(shapes=stroke_shapes(strokes, size), width=size, height=size),
        width=size, height=size, bgcolor=theme.SURFACE, border_radius=10,
        border=ft.Border.all(1, "#E2DBD2")))


def item_card(item: HouseItem, *, footer: Sequence[ft.Control] = ()) -> ft.Control:
    """One thing in a house: its picture, its words, its drawing."""
    parts: list[ft.Control] = []
    if item.picture:
        parts.append(w.picture(item.picture, 48))
    parts.append(ft.Text(item_words(item), size=sized(18), color=theme.TEXT, expand=True))
    column: list[ft.Control] = [ft.Row(parts, spacing=10,
                                       vertical_alignment=ft.CrossAxisAlignment.CENTER)]
    if item.strokes:
        column.append(drawing(item.strokes, 120))
    column += list(footer)
    return ft.Container(ft.Column(column, spacing=6), bgcolor=theme.SURFACE, border_radius=14,
                        padding=10, border=ft.Border.all(1, "#E2DBD2"))


def house_heading(house: House, title: str, *, size: int = 56) -> ft.Control:
    """A house's door: the house, its picture and its name."""
    return ft.Row([
        ft.Stack([w.picture("home", size), ft.Container(
            w.picture(HOUSE_PICTURES[house], size // 2), right=0, bottom=0)],
            width=size, height=size),
        ft.Semantics(header=True, expand=True, content=ft.Text(
            title, size=sized(22), weight=ft.FontWeight.BOLD, color=theme.TEXT)),
    ], spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def house_box(house: House, title: str, items: Sequence[ft.Control],
              actions: Sequence[ft.Control] = (), *, identifier: str = "") -> ft.Control:
    """A big, coloured house holding its things."""
    # no semantics container: it would fold every thing in the house into one long label
    return ft.Semantics(identifier=identifier or None, content=ft.Container(
        ft.Column([house_heading(house, title), *items, *actions], spacing=10,
                  horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=HOUSE_BG[house], border_radius=22, padding=14))


def who_sees(text: str) -> ft.Control:
    """Who will see it, in the child's words, before anything is added."""
    return ft.Semantics(identifier="houses-who-sees", container=True, content=ft.Container(
        ft.Row([w.picture("worker", 48), ft.Text(text, size=sized(18), color=theme.TEXT,
                                                  expand=True)], spacing=12),
        bgcolor=theme.OK_BG, border_radius=16, padding=12))


def big_choice(picture: str, label: str, chosen: bool,
               on_click: Callable[..., Any]) -> ft.Control:
    """A wide picture button for a yes-or-no a child makes."""
    return ft.OutlinedButton(
        # one name for the button: the words, said once (the picture is only a picture)
        content=w.option(label, ft.Row([
            w.picture(picture, 40),
            ft.Text(label, size=sized(18), color=theme.TEXT, expand=True)], spacing=10,
            vertical_alignment=ft.CrossAxisAlignment.CENTER), chosen),
        on_click=on_click, height=tap_height(72),
        style=ft.ButtonStyle(
            shape=ft.RoundedRectangleBorder(radius=18),
            bgcolor=theme.CHILD_ACCENT if chosen else theme.SURFACE,
            side=ft.BorderSide(3 if chosen else 1, theme.BRAND if chosen else "#C9C2B8"),
            padding=10))
