"""The programme plan: sessions planned with the family, who came, and what they took away.

Seed 001: each programme "is individual and tailor made", planned with the family. Parents
and the worker plan sessions (a topic in the family's words or one of the programme's, a day,
who is coming) and fill each one in afterwards; the monthly review shows the month's sessions.
Children have no part here.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.agreement.parts import date_words
from app.views.feature import Feature
from app.views.programme.parts import service
from app.views.programme.screens import AddSessionScreen, ProgrammeScreen, SessionScreen
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """'Our programme' on a parent's or worker's home: what to fill in, or the next session."""
    if member.role is Role.CHILD:
        return []
    plan = service(session)
    upcoming = plan.upcoming()
    if plan.waiting_for_record():
        subtitle = t("programme.tile.waiting")
    elif upcoming:
        subtitle = t("programme.tile.next", topic=upcoming[0].plan.topic,
                     day=date_words(upcoming[0].day))
    else:
        subtitle = t("programme.tile.none")
    return [w.tile(ft.Icons.EVENT_NOTE_OUTLINED, t("programme.title"), subtitle,
                   guarded(session, lambda: go("/programme")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="programme", component=ProgrammeScreen),
        ft.Route(path="programme/add", component=AddSessionScreen),
        ft.Route(path="programme/:session_id", component=SessionScreen),
    ],
    tiles=tiles,
)
