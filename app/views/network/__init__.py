"""The family's network: people around the family who do not use Homeward themselves.

Grandparents, aunts, friends, a teacher, and the professionals who support the family (the
TRUE model's supervising social worker, empathic listener and children's support worker, a
family group conference coordinator), each with a Call button. Parents and the worker add and
change them; children see only the people the grown-ups chose for them. The carer's support
card, a child's help screen and the worker's visit use them (``parts``).
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.chores.parts import and_list
from app.views.feature import Feature
from app.views.network.parts import service
from app.views.network.screens import AddPersonScreen, NetworkScreen, PersonScreen
from app.views.safety.parts import big_button
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """"Our network" on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    people = service(session).people(member)
    subtitle = and_list([p.name for p in people[:3]]) if people else t("network.tile.none")
    return [w.tile(ft.Icons.DIVERSITY_3_OUTLINED, t("network.title"), subtitle,
                   guarded(session, lambda: go("/network")))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """On a child's home: the grown-ups who care about them, when there are any to show."""
    if member.role is not Role.CHILD or not service(session).people(member):
        return []
    return [big_button("family", t("network.title"),
                       guarded(session, lambda: go("/network")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="network", component=NetworkScreen),
        ft.Route(path="network/add", component=AddPersonScreen),
        ft.Route(path="network/:person_id", component=PersonScreen),
    ],
    child_routes=("network",),
    tiles=tiles,
    child_parts=child_parts,
)
