"""The worker's sign-in screen: username and password, with the rate limit's words."""

from __future__ import annotations

import asyncio

import flet as ft

from app import theme
from app.hub.worker import accounts
from app.hub.worker.session import guarded, use_worker_session
from app.i18n import plural, t
from app.views import widgets as w
from app.views.language import language_row
from app.views.state import start_at_home
from app.views.text_size import sized


@ft.component
def SignInScreen() -> ft.Control:
    """Ask for the worker's username and password; say plainly when to try again."""
    session = use_worker_session()
    username, set_username = ft.use_state("")
    password, set_password = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def sign_in() -> None:
        if not username.strip() or not password:
            set_error(t("hub.signin.error.empty"))
            return
        set_busy(True)
        set_error("")
        try:
            account = await asyncio.to_thread(
                accounts.sign_in, session.engine, username, password,
                client=session.client, now=session.now())
        except accounts.TooManyTries as refused:
            set_error(plural(refused.minutes, "hub.signin.error.wait"))
            return
        except accounts.WrongCredentials:
            set_password("")
            set_error(t("hub.signin.error.wrong"))
            return
        except accounts.AccountSwitchedOff:
            set_password("")
            set_error(t("hub.signin.error.switched_off"))
            return
        finally:
            set_busy(False)
        set_password("")
        start_at_home()  # the caseload, not the page the last worker signed out from
        session.signed_in(account)

    submit = guarded(session, sign_in)
    return w.screen(t("hub.signin.title"), [
        language_row(session.language, lambda tag: guarded(
            session, lambda: session.choose_language(tag))()),
        ft.Image(src="/icons/icon-192.png", width=80, height=80,
                 semantics_label=t("hub.app_title")),
        w.para(t("hub.signin.body"), muted=True),
        # no autofocus on a first screen: see app/views/unlock.py
        w.text_field(t("hub.signin.username"), username, set_username,
                     on_submit=submit, max_length=accounts.MAX_USERNAME),
        w.text_field(t("hub.signin.password"), password, set_password, password=True,
                     on_submit=submit),
        *([w.message(error)] if error else []),
        w.primary(t("hub.signin.busy") if busy else t("hub.signin.button"), submit,
                  disabled=busy),
        ft.Text(t("hub.signin.footer"), size=sized(14), color=theme.MUTED),
    ], identifier="hub-sign-in")
