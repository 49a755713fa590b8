"""A drawing pad for a child's finger or mouse: strokes of points, never an image file.

The pad is the same square the domain keeps drawings in (``CANVAS`` points a side), so a point
is where the finger was; the points are rounded and capped by the domain when saved.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import flet.canvas as cv

from app import theme
from app.domain.programme.three_houses import CANVAS, MAX_POINTS, Stroke
from app.i18n import t
from app.views import widgets as w
from app.views.houses.parts import stroke_shapes

Strokes = tuple[Stroke, ...]


def _point(event: ft.DragStartEvent[ft.GestureDetector] | ft.DragUpdateEvent[ft.GestureDetector]
           ) -> tuple[int, int]:
    spot = event.local_position
    return (min(CANVAS, max(0, round(spot.x))), min(CANVAS, max(0, round(spot.y))))


def _count(strokes: Strokes) -> int:
    return sum(len(s) for s in strokes)


def draw_pad(strokes: Strokes, change: Callable[[Callable[[Strokes], Strokes]], None]
             ) -> ft.Control:
    """A white square to draw in, and a "Start again" button.

    ``change`` is given how to change the strokes (a state setter taking a function), so
    points that arrive faster than the screen redraws are never lost. The pad stops taking
    points at the domain's limit, so what is drawn can always be saved.
    """

    def start(event: ft.DragStartEvent[ft.GestureDetector]) -> None:
        point = _point(event)
        change(lambda old: (*old, (point,)) if _count(old) < MAX_POINTS else old)

    def move(event: ft.DragUpdateEvent[ft.GestureDetector]) -> None:
        point = _point(event)

        def added(old: Strokes) -> Strokes:
            if not old or _count(old) >= MAX_POINTS or old[-1][-1] == point:
                return old
            return (*old[:-1], (*old[-1], point))

        change(added)

    pad = ft.GestureDetector(
        content=ft.Container(cv.Canvas(shapes=stroke_shapes(strokes, CANVAS), width=CANVAS,
                                       height=CANVAS),
                             width=CANVAS, height=CANVAS, bgcolor=theme.SURFACE,
                             border_radius=16, border=ft.Border.all(2, "#C9C2B8")),
        on_pan_start=start, on_pan_update=move, drag_interval=40,
    )
    return ft.Column([
        ft.Row([ft.Semantics(identifier="houses-draw-pad", label=t("houses.child.draw_label"),
                             content=pad)], alignment=ft.MainAxisAlignment.CENTER),
        ft.Row([w.secondary(t("houses.child.draw_clear"), lambda _e: change(lambda _old: ()))],
               alignment=ft.MainAxisAlignment.CENTER),
    ], spacing=8)
