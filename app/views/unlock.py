"""Getting back in: the lock screen, the passphrase, and the recovery key."""

from __future__ import annotations

import asyncio

import flet as ft

from app import theme
from app.i18n import t
from app.services.gate import (
    FormatTooNew,
    StoreDamaged,
    StoreInUse,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.services.setup import PassphraseRefused
from app.views import widgets as w
from app.views.setup.passphrase import clearing, passphrase_error, passphrase_fields
from app.views.state import guarded, use_session
from app.views.text_size import sized


def _brand() -> ft.Control:
    """The Homeward mark, the same on every door screen; it shows no family data."""
    return ft.Column(
        [
            ft.Image(src="/icons/icon-192.png", width=96, height=96,
                     semantics_label=t("app.name")),
            ft.Text(t("app.name"), size=sized(30), weight=ft.FontWeight.BOLD,
                    color=theme.BRAND_DARK),
        ],
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )


@ft.component
def LockScreen() -> ft.Control:
    """Shown after "Lock" or auto-lock: no names, no pictures, nothing of the family."""
    session = use_session()

    def unlock() -> None:
        session.locked = False

    return w.screen(
        t("lock.title"),
        [
            _brand(),
            w.para(t("lock.body")),
            w.primary(t("lock.unlock"), guarded(session, unlock)),
        ],
        identifier="lock-screen",
    )


def damage_text(error: StoreDamaged) -> str:
    """Plain words for a damaged file, naming it and saying whether a good copy is kept."""
    key = "unlock.error.damaged_prev" if error.previous_available else "unlock.error.damaged"
    return t(key, file=error.file)


@ft.component
def PassphraseScreen() -> ft.Control:
    """Ask for the household passphrase once per session; offer the recovery key."""
    session = use_session()
    passphrase, set_passphrase = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    recovering, set_recovering = ft.use_state(False)

    async def unlock() -> None:
        if not passphrase:
            set_error(t("unlock.error.empty"))
            return
        set_busy(True)
        try:
            service = await asyncio.to_thread(session.gate.unlock, passphrase)
        except WrongPassphrase:
            set_error(t("unlock.error.wrong"))
            return
        except StoreDamaged as exc:
            set_error(damage_text(exc))
            return
        except FormatTooNew:
            set_error(t("unlock.error.too_new"))
            return
        except StoreInUse:  # another window, or a backup from the command line
            set_error(t("unlock.error.in_use"))
            return
        finally:
            set_busy(False)
        set_passphrase("")
        session.notice = ""  # one that waited on this screen has been read
        session.unlocked(service)

    if recovering:
        return RecoveryForm(lambda: set_recovering(False))
    return w.screen(
        t("unlock.title"),
        [
            _brand(),
            w.para(t("unlock.body")),
            # no autofocus on a first screen: a box focused before a screen reader turns on
            # Flutter's semantics keeps an editing element that has no name
            w.text_field(t("unlock.passphrase"), passphrase, set_passphrase, password=True,
                         on_submit=guarded(session, unlock)),
            *([w.message(error)] if error else []),
            w.primary(t("unlock.busy") if busy else t("unlock.button"),
                      guarded(session, unlock), disabled=busy),
            w.link(t("unlock.forgot"), guarded(session, lambda: set_recovering(True))),
        ],
        identifier="passphrase-screen",
    )


@ft.component
def RecoveryForm(on_cancel: object) -> ft.Control:
    """Use the recovery key to choose a new passphrase; nothing recorded is lost."""
    session = use_session()
    key, set_key = ft.use_state("")
    first, set_first = ft.use_state("")
    second, set_second = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def recover() -> None:
        problem = passphrase_error(first, second, "")
        if not key.strip():
            problem = t("recover.error.empty")
        if problem:
            set_error(problem)
            return
        set_busy(True)
        try:
            service, new_key = await asyncio.to_thread(session.gate.recover, key, first)
        except WrongRecoveryKey:
            set_error(t("recover.error.wrong"))
            return
        except PassphraseRefused as exc:
            set_error(t(f"passphrase.problem.{exc.check.problems[0].value}"))
            return
        except StoreDamaged as exc:
            set_error(damage_text(exc))
            return
        except FormatTooNew:
            set_error(t("unlock.error.too_new"))
            return
        except StoreInUse:
            set_error(t("unlock.error.in_use"))
            return
        finally:
            set_busy(False)
        session.unlocked(service, new_recovery_key=new_key)
        session.notice = t("recover.done")

    return w.screen(
        t("recover.title"),
        [
            w.para(t("recover.body")),
            w.text_field(t("recover.key"), key, clearing(set_error, set_key), autofocus=True),
            *passphrase_fields(first, clearing(set_error, set_first),
                               second, clearing(set_error, set_second), ""),
            *([w.message(error)] if error else []),
            w.primary(t("unlock.busy") if busy else t("recover.button"),
                      guarded(session, recover), disabled=busy),
            w.link(t("common.back"), guarded(session, on_cancel)),  # type: ignore[arg-type]
        ],
        identifier="recovery-screen",
    )
