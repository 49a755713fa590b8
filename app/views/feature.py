"""How a screen family plugs into the app: its routes, its home cards, its part of a child's home.

Each screen family's package (``chores``, ``agreement``, ``safety``) exposes one ``FEATURE``; the
router and the home screens are built from the list in ``app.views.features``, so adding a
feature touches no other screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import flet as ft

from app.domain.people import Member
from app.views.state import Session

HomePart = Callable[[Session, Member], list[ft.Control]]


def _nothing(_session: Session, _member: Member) -> list[ft.Control]:
    return []


@dataclass(frozen=True)
class Feature:
    """One screen family as the shell sees it."""

    routes: list[ft.Route] = field(default_factory=list)
    # the paths of ``routes`` a signed-in child may open; every other address is a grown-up's
    # and a child's tab is not routed to it (Back, or a typed address, must not lead there)
    child_routes: tuple[str, ...] = ()
    # what must come before everything else on a parent's or worker's home (safety alerts)
    urgent: HomePart = _nothing
    # cards on a parent's or a worker's home (the member says which)
    tiles: HomePart = _nothing
    # what a child's home shows: big, picture-led, few words
    child_parts: HomePart = _nothing
