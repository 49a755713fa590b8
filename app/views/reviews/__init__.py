"""The monthly review of progress, done together by the family and their worker.

Parents and the worker choose the family's own goals, make the month's review (goals rated
0–10, the month's figures, school, what went well, worries, next steps) and read the months
one after another on a chart; each review can be printed.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.reviews.screens import NewReviewScreen, ReviewsScreen, service, this_month
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """"Monthly review", saying whether this month's is still to do."""
    if member.role is Role.CHILD:
        return []
    done = service(session).review_of(this_month(session)) is not None
    return [w.tile(ft.Icons.INSIGHTS_OUTLINED, t("reviews.title"),
                   t("reviews.tile.done" if done else "reviews.tile.due"),
                   guarded(session, lambda: go("/reviews")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="reviews", component=ReviewsScreen),
        ft.Route(path="reviews/new", component=NewReviewScreen),
        ft.Route(path="reviews/new/:month", component=NewReviewScreen),
    ],
    tiles=tiles,
)
