"""Settings › the recovery key: when the current one was made, and making a new one.

For a lost paper, or a key the wrong person may have seen. The passphrase is asked first; the
new key is then shown once over the screen (``NewRecoveryKeyScreen``), the old one stops
working at once, and the date shown here lets a worker check their copy is the current one.
"""

from __future__ import annotations

import asyncio

import flet as ft

from app.i18n import t
from app.services.gate import NotAllowed, WrongPassphrase
from app.views import widgets as w
from app.views.setup.new_key import made_on_words
from app.views.state import error_message, guarded, use_session


@ft.component
def RecoveryKeySection() -> ft.Control:
    """When the recovery key was made, and a button to make a new one (passphrase first)."""
    session = use_session()
    passphrase, set_passphrase = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def make_new() -> None:
        if not passphrase:
            set_error(t("settings.recovery.error.empty"))
            return
        # Who asks is read at the tap, not as the screen is drawn: drawn with nobody signed in
        # (the lock, "Someone else's turn"), reading them stopped the whole tab.
        me = session.require_member()
        set_busy(True)
        try:
            new_key = await asyncio.to_thread(
                lambda: session.gate.new_recovery_key(passphrase, by=me))
        except WrongPassphrase:
            set_error(t("settings.recovery.error.wrong"))
            return
        except NotAllowed as exc:
            set_error(error_message(exc))
            return
        finally:
            set_busy(False)
        set_passphrase("")
        set_error("")
        session.new_recovery_key = new_key  # shown once, over the screen

    return ft.Column([
        w.section(t("settings.recovery.title")),
        w.para(t("settings.recovery.body"), muted=True),
        w.para(made_on_words(session.gate.recovery_key_history())),
        w.para(t("settings.recovery.when_new"), muted=True),
        w.text_field(t("settings.recovery.passphrase"), passphrase, set_passphrase,
                     password=True),
        *([w.message(error)] if error else []),
        w.primary(t("unlock.busy") if busy else t("settings.recovery.button"),
                  guarded(session, make_new), disabled=busy),
    ])
