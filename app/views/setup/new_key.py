"""A recovery key shown once: at setup, after the old key was used, or after new keys were made.

The key is held in the session's memory only until the person says they have it; nothing of
it is saved in the clear. Saying so is recorded in the key file's history; until then a
reload during setup makes the key again (see ``wizard``).
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.i18n import t
from app.services.gate import RecoveryKeyHistory, WrongRecoveryKey
from app.views import widgets as w
from app.views.state import guarded, use_session
from app.views.text_size import sized


def recovery_key_card(key: str) -> ft.Control:
    """The key itself, large and framed, to copy onto paper."""
    return ft.Container(
        ft.Text(key, size=sized(22), weight=ft.FontWeight.BOLD, font_family="monospace",
                color=theme.TEXT, text_align=ft.TextAlign.CENTER),
        bgcolor=theme.SURFACE, padding=16, border_radius=12,
        border=ft.Border.all(2, theme.BRAND),
    )


def made_on_words(history: RecoveryKeyHistory) -> str:
    """When the current recovery key was made, in words, for the paper and for Settings."""
    from app.reports.words import when_words  # the reports package loads only when needed

    if history.made is None:
        return t("recovery.made_unknown")
    return t("recovery.made_on", when=when_words(history.made.astimezone()))


def made_on(history: RecoveryKeyHistory) -> ft.Control:
    """The line under a new key saying when it was made, to write beside it on the paper."""
    return w.para(made_on_words(history), muted=True)


@ft.component
def NewRecoveryKeyScreen() -> ft.Control:
    """The household's new recovery key, once; the old one no longer opens anything."""
    session = use_session()
    kept, set_kept = ft.use_state(False)

    def done() -> None:
        shown, session.new_recovery_key = session.new_recovery_key, ""
        try:
            session.gate.recovery_key_kept(shown)
        except WrongRecoveryKey:  # another window made a newer one since
            newer = session.gate.recovery_key_again()
            if newer is not None:  # not kept there either: show the current one instead
                session.new_recovery_key = newer
                session.notice = t("recovery.replaced")
                set_kept(False)

    return w.screen(t("newkey.title"), [
        w.para(t("newkey.intro")),
        recovery_key_card(session.new_recovery_key),
        made_on(session.gate.recovery_key_history()),
        w.para(t("newkey.old_paper"), muted=True),
        w.tick_box(t("setup.recovery.confirm"), kept, set_kept),
        w.primary(t("common.done"), guarded(session, done), disabled=not kept),
    ], identifier="new-recovery-key-screen")
