"""The "Day in the life" diary: a parent's own record of a day, private unless shared.

A parent writes and reads their own entries, each labelled with who can read it; the worker
sees, read-only, only the entries a parent chose to share. Children have no diary screens.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import plural, t
from app.views import widgets as w
from app.views.diary.parts import (
    service,
)
from app.views.diary.screens import ChangeScreen, DiaryScreen, EntryScreen, WriteScreen
from app.views.feature import Feature
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """'My diary' on a parent's home; 'Shared diary entries' on the worker's."""
    if member.role is Role.PARENT:
        return [w.tile(ft.Icons.MENU_BOOK_OUTLINED, t("diary.title"), t("diary.tile"),
                       guarded(session, lambda: go("/diary")))]
    if member.role is Role.WORKER:
        shared = len(service(session).entries(member))
        subtitle = plural(shared, "diary.worker.tile") if (
            shared) else t("diary.worker.tile.none")
        return [w.tile(ft.Icons.MENU_BOOK_OUTLINED, t("diary.worker.title"), subtitle,
                       guarded(session, lambda: go("/diary")))]
    return []


FEATURE = Feature(
    routes=[
        ft.Route(path="diary", component=DiaryScreen),
        ft.Route(path="diary/write", component=WriteScreen),
        ft.Route(path="diary/:entry_id/change", component=ChangeScreen),
        ft.Route(path="diary/:entry_id", component=EntryScreen),
    ],
    tiles=tiles,
)
