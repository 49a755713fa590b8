"""Family rituals: the small repeated things that make a child feel safe at home.

Parents plan rituals and say when they were done; a child can say "We did it!" for the rituals
they are part of; the worker reads. Counts only ever say what was done, never what was missed.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import plural, t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.rituals.parts import service
from app.views.rituals.screens import (
    AddRitualScreen,
    OurFamilyTimes,
    RitualScreen,
    RitualsScreen,
)
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The 'Family rituals' card on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    count = len(service(session).rituals())
    subtitle = plural(count, "rituals.tile") if count else t(
        "rituals.tile.none")
    return [w.tile(ft.Icons.FAVORITE_BORDER, t("rituals.title"), subtitle,
                   guarded(session, lambda: go("/rituals")))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """'Our family times' on a child's home, when they are part of a ritual."""
    if member.role is not Role.CHILD or not service(session).rituals_for(member.id):
        return []
    return [OurFamilyTimes(member.id)]


FEATURE = Feature(
    routes=[
        ft.Route(path="rituals", component=RitualsScreen),
        ft.Route(path="rituals/add", component=AddRitualScreen),
        ft.Route(path="rituals/:ritual_id", component=RitualScreen),
    ],
    tiles=tiles,
    child_parts=child_parts,
)
