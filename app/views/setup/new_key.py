"""A recovery key shown once: at setup, after the old key was used, or after new keys were made.

The key is held in the session's memory only until the person says they have it; nothing of
it is saved in the clear.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.i18n import t
from app.views import widgets as w
from app.views.state import guarded, use_session


def recovery_key_card(key: str) -> ft.Control:
    """The key itself, large and framed, to copy onto paper."""
    return ft.Container(
        ft.Text(key, size=22, weight=ft.FontWeight.BOLD, font_family="monospace",
                color=theme.TEXT, text_align=ft.TextAlign.CENTER),
        bgcolor=theme.SURFACE, padding=16, border_radius=12,
        border=ft.Border.all(2, theme.BRAND),
    )


@ft.component
def NewRecoveryKeyScreen() -> ft.Control:
    """The household's new recovery key, once; the old one no longer opens anything."""
    session = use_session()
    kept, set_kept = ft.use_state(False)

    def done() -> None:
        session.new_recovery_key = ""

    return w.screen(t("newkey.title"), [
        w.para(t("newkey.intro")),
        recovery_key_card(session.new_recovery_key),
        w.para(t("newkey.old_paper"), muted=True),
        ft.Container(
            ft.Checkbox(label=t("setup.recovery.confirm"), value=kept,
                        on_change=lambda e: set_kept(bool(e.control.value))),
            height=theme.TAP,
        ),
        w.primary(t("common.done"), guarded(session, done), disabled=not kept),
    ], identifier="new-recovery-key-screen")
