"""Household settings for parents: agency, where we live, auto-lock, passphrase, recovery key.

A child (or the worker) who types the address sees only their own language and text size: on a
family tablet a child may know the passphrase, and the household's keys are the parents' to
change.
"""

from __future__ import annotations

import asyncio

import flet as ft

from app.domain.autolock import CHOICES_MINUTES
from app.domain.programme.nation import Nation
from app.i18n import plural, t
from app.services.gate import WrongPassphrase
from app.services.household import InvalidInput, NotAllowed, may_run_household
from app.services.setup import PassphraseRefused
from app.views import widgets as w
from app.views.language import settings_language_section
from app.views.settings.export import export_section
from app.views.settings.recovery import RecoveryKeySection
from app.views.setup.passphrase import clearing, passphrase_error, passphrase_fields
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.sync.settings import settings_section


@ft.component
@signed_in_only
def SettingsScreen() -> ft.Control:
    """The agency, auto-lock and passphrase, for parents; anyone else's own choices only."""
    session = use_session()
    service = session.require_service()
    me = session.require_member()
    household = service.household()
    current, set_current = ft.use_state("")
    first, set_first = ft.use_state("")
    second, set_second = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    someone_knows, set_someone_knows = ft.use_state(False)

    def choose_nation(value: str | None) -> None:
        try:
            chosen = service.set_nation(me, value or "")
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.notice = t("settings.nation.saved", nation=t(f"nation.{chosen.value}"))

    def choose_minutes(value: str | None) -> None:
        try:
            service.set_auto_lock(me, int(value or 0))
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.autolock.minutes = int(value or 0)
        session.notice = t("settings.auto_lock.saved")

    async def change() -> None:
        problem = passphrase_error(first, second, household.name)
        if not current:
            problem = t("settings.passphrase.error.current")
        if problem:
            set_error(problem)
            return
        set_busy(True)
        try:
            new_key = await asyncio.to_thread(
                lambda: session.gate.change_passphrase(service, current, first, by=me,
                                                       someone_knows=someone_knows))
        except WrongPassphrase:
            set_error(t("settings.passphrase.error.wrong"))
            return
        except NotAllowed as exc:
            set_error(error_message(exc))
            return
        except PassphraseRefused as exc:
            set_error(t(f"passphrase.problem.{exc.check.problems[0].value}"))
            return
        finally:
            set_busy(False)
        for setter in (set_current, set_first, set_second, set_error):
            setter("")
        set_someone_knows(False)
        if new_key:
            session.new_recovery_key = new_key
        session.notice = t("settings.passphrase.rekeyed" if new_key
                           else "settings.passphrase.saved")

    on_back = guarded(session, lambda: go("/"))
    on_lock = guarded(session, session.lock)
    if not may_run_household(me):
        return w.screen(t("settings.title"), settings_language_section(session, me),
                        on_back=on_back, on_lock=on_lock, identifier="settings-screen")
    body: list[ft.Control] = [
        *settings_section(session),
        ft.Divider(),
        w.section(t("settings.nation.title")),
        w.para(t("settings.nation.body"), muted=True),
        w.named_choice(ft.Dropdown(
            label=t("settings.nation.label"),
            value=household.nation.value if household.nation else None,
            options=[ft.DropdownOption(key=n.value, text=t(f"nation.{n.value}")) for n in Nation],
            on_select=lambda e: guarded(session, lambda: choose_nation(e.control.value))(),
            width=260,
        )),
        *settings_language_section(session, me),
        ft.Divider(),
        w.section(t("settings.auto_lock.title")),
        w.para(t("settings.auto_lock.body"), muted=True),
        w.named_choice(ft.Dropdown(
            label=t("settings.auto_lock.label"),
            value=str(household.auto_lock_minutes),
            options=[
                ft.DropdownOption(key=str(m), text=plural(m, "time.minutes"))
                for m in CHOICES_MINUTES
            ],
            on_select=lambda e: guarded(session, lambda: choose_minutes(e.control.value))(),
            width=260,
        )),
        ft.Divider(),
        w.section(t("settings.passphrase.title")),
        w.text_field(t("settings.passphrase.current"), current,
                     clearing(set_error, set_current), password=True),
        *passphrase_fields(first, clearing(set_error, set_first),
                           second, clearing(set_error, set_second), household.name),
        w.tick_box(t("settings.passphrase.someone_knows"), someone_knows, set_someone_knows),
        *([w.para(t("settings.passphrase.someone_knows.help"), muted=True)]
          if someone_knows else []),
        *([w.message(error)] if error else []),
        w.primary(t("unlock.busy") if busy else t("settings.passphrase.save"),
                  guarded(session, change), disabled=busy),
        ft.Divider(),
        RecoveryKeySection(),
        *export_section(session, me),
    ]
    return w.screen(t("settings.title"), body, on_back=on_back, on_lock=on_lock,
                    identifier="settings-screen")
