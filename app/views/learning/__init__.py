"""Learning together: short cards in plain words about family life, and what the law says.

Parents read the cards and turn "What I'll try" into a rule, a ritual, a job or a diary note;
the worker reads the same cards with the family and marks each topic talked about. Children
do not see this family: it has nothing on a child's home.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import plural, t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.learning.parts import service
from app.views.learning.screens import LearningScreen, TopicScreen
from app.views.learning.try_screen import TryScreen
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The "Learning together" card on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    learning = service(session)
    count = learning.covered_count()
    subtitle = (plural(count, "learning.tile.covered",
                       total=len(learning.cards()))
                if count else t("learning.tile.subtitle"))
    return [w.tile(ft.Icons.MENU_BOOK_OUTLINED, t("learning.title"), subtitle,
                   guarded(session, lambda: go("/learning")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="learning", component=LearningScreen),
        ft.Route(path="learning/:topic/try/:index", component=TryScreen),
        ft.Route(path="learning/:topic", component=TopicScreen),
    ],
    tiles=tiles,
)
