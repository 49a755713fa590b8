"""Messages "just for my worker": written by a child or a parent, readable by nobody at home.

The words are sealed for the agency the moment they are saved; the device keeps only a stub
of when it was written and whether it has been sent. Children see the option on their home,
parents as a card; before the household is connected to its agency it shows as not ready yet.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.messages.screens import (
    ROUTE,
    WorkerMessageScreen,
    not_ready_card,
    worker_name,
)
from app.views.safety.parts import big_button
from app.views.state import Session, go, guarded
from app.views.sync.settings import sync_of


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """The big "A message just for Priya" card on a child's home."""
    if member.role is not Role.CHILD:
        return []
    name = worker_name(session)
    label = t("worker_message.child_card", name=name)
    if not sync_of(session).can_message_worker():
        # The child's own words: "your agency" is a parent's idea, not a six-year-old's.
        return [not_ready_card(label, t("worker_message.unavailable.child", name=name))]
    return [ft.Semantics(identifier="worker-message-card", container=True, content=big_button(
        "worker", label, guarded(session, lambda: go(ROUTE)), height=96))]


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """A parent's card for a message only the worker can read."""
    if member.role is not Role.PARENT:
        return []
    name = worker_name(session)
    subtitle = t("worker_message.tile", name=name) if sync_of(session).can_message_worker() else (
        t("worker_message.tile.unavailable"))
    return [w.tile(ft.Icons.MAIL_LOCK_OUTLINED, t("worker_message.title", name=name), subtitle,
                   guarded(session, lambda: go(ROUTE)))]


FEATURE = Feature(routes=[ft.Route(path="worker-message", component=WorkerMessageScreen)],
                  child_routes=("worker-message",),
                  child_parts=child_parts)


#: The parent's card, registered on its own so it can sit lower on a busy parent's home
#: than the child's card does on theirs (for a child it is a way to be heard: near the top).
PARENT_TILE = Feature(tiles=tiles)
