"""Who signs the agreement: the signing age, a child's "Not yet", and "Agree it for now".

Children under the household's signing age are invited to sign but not needed. A child's
"Not yet" is shown to the grown-ups as "<name> wants to talk about it"; it is heard, and no
veto: once every parent has signed, a parent may agree the version for now, writing down
why (the rule itself is in ``app.domain.agreement``).
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app import theme
from app.domain.agreement import MAX_REASON, SIGN_FROM_AGES, AgreementVersion
from app.domain.people import Member, Role
from app.i18n import plural, t
from app.services.agreement import AgreementService
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import heading, service_of, when_words
from app.views.state import error_message, guarded, signed_in_only, use_session


def not_yet_rows(version: AgreementVersion | None) -> list[ft.Control]:
    """Each child whose "Not yet" on the draft still stands: "<name> wants to talk about it"."""
    if version is None or version.frozen:
        return []  # once agreed, the version itself says who had not signed, and why
    rows = [w.message(t("agreement.not_yet.request", name=said.name,
                        when=when_words(said.said_at)), kind="warn")
            for said in version.open_not_yet()]
    return [ft.Semantics(identifier="agreement-not-yet", container=True,
                         content=ft.Column(rows, spacing=theme.GAP))] if rows else []


def not_yet_words(version: AgreementVersion | None) -> str:
    """ "1 child wants to talk before signing" for the home card, or nothing."""
    count = 0 if version is None or version.frozen else len(version.open_not_yet())
    return plural(count, "agreement.tile.not_yets") if count else ""


def not_yet_history(version: AgreementVersion) -> list[ft.Control]:
    """Who said "Not yet" to a version, when, and whether they signed after all."""
    rows: list[ft.Control] = []
    for said in version.not_yet:
        when = when_words(said.said_at)
        text = (t("agreement.not_yet.history_signed", name=said.name, when=when,
                  signed=when_words(said.signed_at)) if said.signed_at
                else t("agreement.not_yet.history", name=said.name, when=when))
        rows.append(w.para(text, size=15, muted=True))
    return rows


def still_to_sign(agreement: AgreementService, version: AgreementVersion) -> list[Member]:
    """The parents and children who have not signed this version."""
    return [m for m in agreement.signers()
            if m.role is not Role.WORKER and version.signed_by(m.id) is None]


@ft.component
@signed_in_only
def SigningAge(on_changed: Callable[[], None], key: str | None = None) -> ft.Control:
    """Who must sign, in words; a parent also chooses the age from which children must.

    ``key`` is Flet's, so the component keeps its state when rows above it come and go.
    """
    session = use_session()
    agreement = service_of(session)
    me = session.require_member()
    error, set_error = ft.use_state("")
    age = agreement.sign_from_age()

    def choose(value: str | None) -> None:
        try:
            took_effect = agreement.set_sign_from_age(me, int(value or 0))
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        session.notice = t("agreement.sign_age.saved", age=int(value or 0)) + (
            " " + t("agreement.sign_age.took_effect") if took_effect is not None else "")
        on_changed()

    body: list[ft.Control] = [w.para(t("agreement.who_signs", age=age), muted=True)]
    if me.role is Role.PARENT:
        body.append(w.named_choice(ft.Dropdown(
            label=t("agreement.sign_age.label"), value=str(age),
            options=[ft.DropdownOption(key=str(n), text=str(n)) for n in SIGN_FROM_AGES],
            on_select=lambda e: guarded(session, lambda: choose(e.control.value))(),
            width=260,
        )))
    if error:
        body.append(w.message(error))
    return ft.Semantics(identifier="agreement-signing-age", container=True,
                        content=ft.Column(body, spacing=8))


@ft.component
@signed_in_only
def ForNowPart(on_done: Callable[[], None], key: str | None = None) -> ft.Control:
    """ "Agree it for now": a parent writes why, and the draft takes effect with the reason.

    ``key`` is Flet's, so what is typed stays when rows above it come and go.
    """
    session = use_session()
    agreement = service_of(session)
    me = session.require_member()
    opened, set_opened = ft.use_state(False)
    reason, set_reason = ft.use_state("")
    error, set_error = ft.use_state("")
    version = agreement.latest()
    if version is None or not agreement.may_agree_for_now(me):
        return ft.Container()

    def agree() -> None:
        try:
            agreement.agree_for_now(me, reason)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_reason("")
        set_opened(False)
        session.notice = t("agreement.for_now.done")
        on_done()

    def close() -> None:
        set_error("")
        set_opened(False)

    names = ", ".join(m.name for m in still_to_sign(agreement, version))
    body: list[ft.Control] = [heading(t("agreement.for_now.title")),
                              w.para(t("agreement.for_now.intro", names=names))]
    if not opened:
        body.append(w.secondary(t("agreement.for_now.open"),
                                guarded(session, lambda: set_opened(True))))
    else:
        body += [
            w.text_field(t("agreement.for_now.label"), reason, set_reason, multiline=True,
                         max_length=MAX_REASON, helper=t("agreement.for_now.helper")),
            *([w.message(error)] if error else []),
            w.primary(t("agreement.for_now.submit"), guarded(session, agree)),
            w.link(t("agreement.for_now.cancel"), guarded(session, close)),
        ]
    return ft.Semantics(identifier="agreement-for-now", container=True,
                        content=ft.Column(body, spacing=12,
                                          horizontal_alignment=ft.CrossAxisAlignment.STRETCH))
