"""The household agreement's main screen for grown-ups: the current version, and requests to talk.

Parents and the worker write the rules, routines and review date of a draft, and each
person signs; a signed version is frozen and "Change the agreement" starts a new draft.
Children's "Not yet" shows here, and a parent may "Agree it for now" with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import flet as ft

from app import theme
from app.domain.agreement import AgreementVersion
from app.domain.people import Member, Role
from app.i18n import t
from app.services.agreement import AgreementService
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.child import OurRulesScreen
from app.views.agreement.parts import (
    chores_list,
    heading,
    review_words,
    rule_card,
    service_of,
    signature_rows,
    version_summary,
)
from app.views.agreement.who_signs import ForNowPart, SigningAge, not_yet_rows
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized
from app.views.way_back import go_back

#: Run a change, show its error or its "done" notice; True when it worked.
Attempt = Callable[[Callable[[], object], str], bool]


def _talk_rows(session: Session, agreement: AgreementService, me: Member,
               done: Attempt) -> list[ft.Control]:
    """The children's requests to talk about a rule, each with "We've talked about it"."""
    rows: list[ft.Control] = []
    for request in agreement.talk_requests():
        try:
            name = session.require_service().member(request.created_by).name
        except KeyError:
            name = "?"
        # keyed by the request: a second tap in the same burst finds its button gone, not
        # the next request's button moved up into its place
        rows.append(ft.Column([
            w.message(t("agreement.talk.request", name=name, rule=request.rule_text),
                      kind="warn"),
            w.secondary(t("agreement.talk.done", name=name), guarded(
                session, lambda r=request: done(lambda: agreement.mark_talked(me, r.id),
                                                "agreement.talk.noted"))),
        ], key=f"talk-{request.id}"))
    return rows


@ft.component
@signed_in_only
def AgreementScreen() -> ft.Control:
    """The household agreement for grown-ups; a child sees "Our rules" instead."""
    session = use_session()
    # typed text lives in refs so typing re-renders nothing (see agreement_rule)
    routine: ft.MutableRef[str] = ft.use_ref("")
    review: ft.MutableRef[str | None] = ft.use_ref(None)
    error, set_error = ft.use_state("")
    _tick, set_tick = ft.use_state(0)
    me = session.require_member()
    if me.role is Role.CHILD:
        return OurRulesScreen()
    agreement = service_of(session)
    people = agreement.signers()
    required, asked = agreement.by_need()
    version = agreement.latest()

    def attempt(action: Callable[[], object], done_key: str = "") -> bool:
        try:
            action()
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return False
        set_error("")
        if done_key:
            session.notice = t(done_key)
        set_tick(lambda n: n + 1)
        return True

    def add_routine() -> None:
        text = routine.current or ""
        routine.current = ""
        if not attempt(lambda: agreement.add_routine(me, text), "agreement.routine.added"):
            routine.current = text

    def save_review() -> None:
        text = review.current
        review.current = None
        if not attempt(lambda: agreement.set_review_date(me, text or ""),
                       "agreement.review.saved"):
            review.current = text

    def set_routine(text: str) -> None:
        routine.current = text

    def set_review(text: str) -> None:
        review.current = text

    def changed() -> None:
        set_error("")
        set_tick(lambda n: n + 1)

    body: list[ft.Control] = []
    if version is None:
        body.append(w.para(t("agreement.intro")))
    else:
        body += version_summary(version, [m.id for m in required])
    due = agreement.review_due()
    if due is not None:
        body.append(w.message(t("agreement.review.reminder", date=review_words(due)),
                              kind="warn"))
    body += not_yet_rows(version)
    body += _talk_rows(session, agreement, me, attempt)
    if error:
        body.append(w.message(error))
    editing = version is None or not version.frozen
    if version is not None and version.frozen:
        body.append(w.primary(t("agreement.change"), guarded(session, lambda: attempt(
            lambda: agreement.draft(me), "agreement.change.started"))))
    elif version is not None and version.signatures:
        body.append(w.message(t("agreement.change.resign"), kind="warn"))

    body.append(heading(t("agreement.rules.title")))
    rules = version.rules if version is not None else ()
    if not rules:
        body.append(w.para(t("agreement.rules.none"), muted=True))
    for rule in rules:
        action = w.link(t("agreement.rule.change"), guarded(
            session, lambda r=rule: go(f"/agreement/rule/{r.id}"))) if editing else None
        body.append(rule_card(rule, action=action))
    if editing:
        body.append(w.secondary(t("agreement.rule.add"),
                                guarded(session, lambda: go("/agreement/rule/new"))))

    body.append(heading(t("agreement.routines.title")))
    body += _routine_rows(session, agreement, me, version, editing, attempt)
    if editing:
        body += [
            w.text_field(t("agreement.routine.label"), routine.current or "", set_routine,
                         max_length=120,
                         helper=t("agreement.routine.helper"),
                         on_submit=guarded(session, add_routine)),
            w.secondary(t("agreement.routine.add"), guarded(session, add_routine)),
        ]

    body.append(heading(t("agreement.chores.title")))
    body += chores_list(version.chores if version is not None and version.frozen
                        else agreement.chores())

    body.append(heading(t("agreement.review.title")))
    if editing:
        shown = review.current if review.current is not None else _uk(version)
        body += [
            w.text_field(t("agreement.review.label"), shown, set_review, max_length=10,
                         helper=t("agreement.review.helper"),
                         on_submit=guarded(session, save_review)),
            w.secondary(t("agreement.review.save"), guarded(session, save_review)),
        ]
    elif version is not None:
        body.append(w.para(t("agreement.review.on", date=review_words(version))))

    if version is not None and not version.is_empty:
        body.append(heading(t("agreement.signatures.title")))
        body.append(w.para(t("agreement.signatures.intro"), muted=True))
        body.append(SigningAge(changed, key="agreement-signing-age"))
        body += signature_rows(session, version, people, can_sign=True,
                               asked=frozenset(m.id for m in asked))
        body.append(ForNowPart(changed, key="agreement-for-now"))
    if len(agreement.versions()) > 1 or (version is not None and version.frozen):
        body.append(w.secondary(t("agreement.versions.button"),
                                guarded(session, lambda: go("/agreement/versions"))))
    if version is not None and not version.is_empty:
        body.append(_print_button(session, version))
    return w.screen(t("agreement.title"), body,
                    on_back=guarded(session, lambda: go_back(session, "/agreement")),
                    on_lock=guarded(session, session.lock), identifier="agreement-screen")


def _routine_rows(session: Session, agreement: AgreementService, me: Member,
                  version: AgreementVersion | None, editing: bool,
                  attempt: Attempt) -> list[ft.Control]:
    """Each routine, with a Remove button while the agreement is a draft."""
    routines = version.routines if version is not None else ()
    if not routines:
        return [w.para(t("agreement.routines.none"), muted=True)]
    rows: list[ft.Control] = []
    for index, text in enumerate(routines):
        name = t("agreement.routine.remove", routine=text)
        remove = ft.IconButton(
            # the name goes on the icon: a tooltip alone does not reach the browser's tree
            ft.Icon(ft.Icons.DELETE_OUTLINE, semantics_label=name), tooltip=name,
            on_click=guarded(session, lambda i=index, text=text: attempt(
                lambda: agreement.remove_routine(me, i, text), "agreement.routine.removed")),
            width=theme.TAP, height=theme.TAP,
        ) if editing else None
        rows.append(ft.Row([w.picture("clock", 32), ft.Text(text, size=sized(17), expand=True),
                            *([remove] if remove else [])],
                           vertical_alignment=ft.CrossAxisAlignment.CENTER,
                           key=f"routine-{index}-{text}"))
    return rows


def _uk(version: AgreementVersion | None) -> str:
    """The review date as day/month/year for the date box."""
    if version is None or version.review_date is None:
        return ""
    day = date.fromisoformat(version.review_date)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _print_button(session: Session, version: AgreementVersion) -> ft.Control:
    """The agreement as a large-print poster for the fridge, made when fetched."""
    household = session.require_service().household().name

    def poster() -> bytes:
        from app.reports import agreement_poster  # the PDF library loads only when asked

        made = datetime.fromtimestamp(session.clock(), UTC)
        return agreement_poster(version, household, made)

    return w.download_button(t("agreement.print"), session.offer_download(
        "agreement.pdf", "application/pdf", poster))
