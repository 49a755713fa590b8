"""First run: name the household, choose the passphrase, keep the recovery key, add people.

Or, on a second phone or tablet: choose this device's passphrase, keep its recovery key, and
join the household another device set up (``join``).
"""

from __future__ import annotations

import asyncio

import flet as ft

from app import theme
from app.domain.people import Member, Role, clean_name
from app.i18n import t
from app.services.gate import StoreExists, StoreInUse, WrongRecoveryKey
from app.services.household import InvalidInput
from app.services.setup import HouseholdNameMissing, PassphraseRefused
from app.views import widgets as w
from app.views.language import language_row
from app.views.people.form import PersonForm
from app.views.setup.join import JoinStep
from app.views.setup.new_key import made_on, recovery_key_card
from app.views.setup.passphrase import clearing, passphrase_error, passphrase_fields
from app.views.state import error_message, guarded, use_session
from app.views.text_size import sized


@ft.component
def SetupWizard() -> ft.Control:
    """The first-run steps, resumable: a household made already starts where it was left.

    That is a new recovery key if nobody said they kept the last one, else its people.
    """
    session = use_session()
    resumed = session.service is not None
    has_parent = resumed and any(
        m.role is Role.PARENT for m in session.require_service().members()
    )
    # A device made for joining has no household of its own until it has joined.
    joining = resumed and not session.require_service().household().name
    # A reload before "I have written it down" lost the key shown: make it again, once per
    # showing of this wizard (the one shown before stops working).
    made_again: ft.MutableRef[str | None] = ft.use_ref(None)
    if made_again.current is None:  # the first showing only
        made_again.current = (session.gate.recovery_key_again() or "") if resumed else ""
    recovery_key, set_recovery_key = ft.use_state(made_again.current)
    if not resumed:
        first_step = "welcome"
    elif recovery_key:
        first_step = "join-recovery" if joining else "recovery"
    else:
        first_step = "join" if joining else "people" if has_parent else "parent"
    step, set_step = ft.use_state(first_step)
    name, set_name = ft.use_state("")
    first, set_first = ft.use_state("")
    second, set_second = ft.use_state("")
    kept, set_kept = ft.use_state(False)
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    def go(next_step: str) -> None:
        set_error("")
        set_step(next_step)

    def check_name() -> None:
        if not clean_name(name):
            set_error(t("setup.error.name_missing"))
            return
        go("passphrase")

    async def create() -> None:
        for_joining = step == "join-passphrase"
        problem = passphrase_error(first, second, "" if for_joining else name)
        if problem:
            set_error(problem)
            return
        set_busy(True)
        try:
            if for_joining:
                service, key = await asyncio.to_thread(session.gate.create_for_joining, first)
            else:
                service, key = await asyncio.to_thread(session.gate.create, name, first)
        except (PassphraseRefused, HouseholdNameMissing) as exc:
            set_error(t("setup.error.passphrase") if isinstance(exc, PassphraseRefused)
                      else t("setup.error.name_missing"))
            return
        except StoreInUse:  # `homeward init` or a restore from the command line, just now
            set_error(t("unlock.error.in_use"))
            return
        except StoreExists:  # set up in another tab meanwhile: open that one, don't crash
            session.notice = t("setup.error.made_meanwhile")  # the passphrase screen shows it
            return
        finally:
            set_busy(False)
        set_first("")
        set_second("")
        set_recovery_key(key)
        if not for_joining:  # a joining device takes the household's from the agency
            service.set_household_language(None, session.language)
        session.service = service
        go("join-recovery" if for_joining else "recovery")

    def kept_it(after: str) -> None:
        try:
            session.gate.recovery_key_kept(recovery_key)
        except WrongRecoveryKey:  # another window made a newer one since
            newer = session.gate.recovery_key_again()
            if newer is not None:  # not kept there either: this tab shows the current one
                set_recovery_key(newer)
                set_kept(False)
                set_error(t("recovery.replaced"))
                return
            session.notice = t("recovery.kept_elsewhere")  # the paper from this tab is no use
        set_recovery_key("")  # forgotten once kept: nothing of it stays in memory
        made_again.current = ""
        go(after)

    def finish() -> None:
        try:
            session.require_service().finish_setup()
        except InvalidInput as exc:
            set_error(error_message(exc))
            return
        session.unlocked(session.require_service())

    # On a step with boxes the refusal sits above the button, below the boxes: typing takes
    # it away (``clearing``), and taking away a notice above a box being typed in would
    # rebuild the box and lose its focus mid-word.
    refusal = [w.message(error)] if error else []
    typed_here = step in ("welcome", "passphrase", "join-passphrase")
    notice = refusal[0] if refusal and not typed_here else None
    body: list[ft.Control]
    if step == "welcome":
        title = t("setup.welcome.title")
        body = [
            language_row(session.language, session.choose_language),
            w.para(t("setup.welcome.intro")),
            # no autofocus on a first screen: see app/views/unlock.py
            w.text_field(t("setup.household_name"), name, clearing(set_error, set_name),
                         max_length=60, helper=t("setup.household_name.helper"),
                         on_submit=guarded(session, check_name)),
            *refusal,
            w.primary(t("common.next"), guarded(session, check_name)),
            ft.Divider(),
            w.para(t("device.join.offer")),
            w.secondary(t("device.join.button"), guarded(session, lambda: go("join-passphrase"))),
        ]
    elif step in ("passphrase", "join-passphrase"):
        for_joining = step == "join-passphrase"
        title = t("device.join.passphrase.title" if for_joining else "setup.passphrase.title")
        body = [
            w.para(t("device.join.passphrase.intro" if for_joining
                     else "setup.passphrase.intro")),
            *passphrase_fields(first, clearing(set_error, set_first),
                               second, clearing(set_error, set_second),
                               "" if for_joining else name),
            *refusal,
            w.primary(t("setup.passphrase.busy") if busy else t(
                "device.join.passphrase.save" if for_joining else "setup.passphrase.save"),
                guarded(session, create), disabled=busy),
            w.link(t("common.back"), guarded(session, lambda: go("welcome"))),
        ]
    elif step == "join":
        title = t("device.join.title")
        body = [JoinStep()]
    elif step in ("recovery", "join-recovery"):
        title = t("setup.recovery.title")
        after = "join" if step == "join-recovery" else "parent"
        body = [
            *([w.message(t("recovery.made_again"), kind="warn")]
              if made_again.current and not error else []),
            w.para(t("device.join.recovery.intro" if step == "join-recovery"
                     else "setup.recovery.intro")),
            recovery_key_card(recovery_key),
            made_on(session.gate.recovery_key_history()),
            w.para(t("setup.recovery.warning"), muted=True),
            w.tick_box(t("setup.recovery.confirm"), kept, set_kept),
            w.primary(t("common.next"), guarded(session, lambda: kept_it(after)),
                      disabled=not kept),
        ]
    elif step == "parent":
        title = t("setup.parent.title")
        body = [PersonForm(Role.PARENT.value, lambda _m: go("people"), can_cancel=False)]
    elif step.startswith("add-"):
        role = step.removeprefix("add-")
        title = t(f"people.add.{role}.title")
        body = [PersonForm(role, lambda _m: go("people"))]
    else:
        title = t("setup.people.title")
        body = [
            w.para(t("setup.people.intro")),
            *[_person_row(m) for m in session.require_service().members()],
            w.secondary(t("people.add.child.button"), guarded(session, lambda: go("add-child"))),
            w.secondary(t("people.add.parent.button"),
                        guarded(session, lambda: go("add-parent"))),
            w.secondary(t("people.add.worker.button"),
                        guarded(session, lambda: go("add-worker"))),
            w.primary(t("setup.people.finish"), guarded(session, finish)),
        ]
    return w.screen(title, body, notice=notice, identifier=f"setup-{step}")


def _person_row(member: Member) -> ft.Control:
    """One line in the list of people added so far."""
    return ft.ListTile(
        leading=w.picture(member.avatar.value, 40),
        title=ft.Text(member.name, size=sized(18)),
        subtitle=ft.Text(t(f"role.{member.role.value}"), color=theme.MUTED),
    )
