"""Household settings, for parents: the agency, how soon Homeward locks itself, the passphrase."""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.settings.screen import SettingsScreen
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The "Settings" card, on a parent's home only."""
    if member.role is not Role.PARENT:
        return []
    return [w.tile(ft.Icons.SETTINGS_OUTLINED, t("settings.title"), t("home.settings.subtitle"),
                   guarded(session, lambda: go("/settings")))]


FEATURE = Feature(routes=[ft.Route(path="settings", component=SettingsScreen)], tiles=tiles)
