"""The family group conference screen: one screen that shows the stage the conference is at.

Preparing (the coordinator), the information stage, private family time (only the family's
plan), the plan shared and waiting for the agency's answer, and the agreed plan whose actions
are ticked over time and which prints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import flet as ft

from app.domain.people import Member, Role
from app.domain.programme.conference import Conference, Stage
from app.domain.records import local_day, read_day
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.conference import ConferenceService, conferences_for
from app.services.programme.network import network_for
from app.views import widgets as w
from app.views.chores.parts import choice, date_words
from app.views.conference.plan import card, plan_editor, plan_view, to_address
from app.views.conference.prepare import PrepareForm, information_stage
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height
from app.views.widgets import named

REVIEW_WEEKS = (4, 6, 12)


def _frame(session: Session, title: str, body: list[ft.Control], identifier: str) -> ft.Control:
    return w.screen(title, body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier=identifier)


@ft.component
@signed_in_only
def DecisionForm(session: Session, conference_id: str, on_done: Callable[[], None],
                 key: str | None = None) -> ft.Control:
    """The worker records whether the agency agrees the plan, why, and when to review it.

    What the worker chose and typed and has not saved is kept for them (``Session.drafts``)
    until they save it: theirs only, so a parent signing in next never reads a draft of it.
    """
    # this worker's, for this conference; the same over the plan's revisions, so words
    # typed are still there if the plan changed while the worker was away
    draft_key = f"decision:{session.require_member().id}:{conference_id}"
    kept: dict[str, Any] = session.drafts.get(draft_key) or {}
    agreed, set_agreed = ft.use_state(cast(bool | None, kept.get("agreed")))
    why, set_why = ft.use_state(cast(str, kept.get("why", "")))
    weeks, set_weeks = ft.use_state(cast(int, kept.get("weeks", REVIEW_WEEKS[0])))
    error, set_error = ft.use_state("")
    today = date.fromtimestamp(session.clock())

    def keep_draft() -> None:
        # kept as it changes, not on leaving: the auto-lock forgets who is here before the
        # form goes, and the words must not go with them
        if agreed is None and not why.strip() and weeks == REVIEW_WEEKS[0]:
            session.drafts.pop(draft_key, None)
        else:
            session.drafts[draft_key] = {"agreed": agreed, "why": why, "weeks": weeks}

    ft.use_effect(keep_draft, [agreed, why, weeks])

    def save() -> None:
        if agreed is None:
            set_error(t("conference.decision.choose"))
            return
        try:
            conferences_for(session.require_service()).decide(
                session.require_member(), agreed=agreed, why=why,
                review_on=(today + timedelta(weeks=weeks)).isoformat())
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.drafts.pop(draft_key, None)
        on_done()

    return card(t("conference.decision.title"), [
        w.para(t("conference.decision.question")),
        ft.Row([choice(t("conference.decision.yes"), agreed is True,
                       guarded(session, lambda: set_agreed(True))),
                choice(t("conference.decision.no"), agreed is False,
                       guarded(session, lambda: set_agreed(False)))], wrap=True, spacing=8),
        w.text_field(t("conference.decision.why"), why, set_why, multiline=True,
                     max_length=2000),
        w.section(t("conference.decision.review")),
        ft.Row([choice(t("conference.review_in", weeks=n, day=date_words(
            today + timedelta(weeks=n))), n == weeks, guarded(session, lambda n=n: set_weeks(n)))
            for n in REVIEW_WEEKS], wrap=True, spacing=8, run_spacing=8),
        *([w.message(error)] if error else []),
        w.primary(t("conference.decision.save"), guarded(session, save)),
    ], "conference-decision")


def _decision(conference: Conference) -> list[ft.Control]:
    if conference.agreed is None:
        return []
    rows: list[ft.Control] = [w.para(t("conference.decision.agreed" if conference.agreed
                                       else "conference.decision.not_agreed"), bold=True)]
    if conference.decision_why:
        rows.append(w.para(conference.decision_why, size=16))
    review_on = read_day(conference.review_on)  # None too for words that are no day
    if review_on is not None:
        rows.append(w.para(t("conference.review_on", day=date_words(review_on)), bold=True))
    return [card(t("conference.decision.title"), rows, "conference-agency")]


def _print(session: Session, conference: Conference, done: set[str]) -> ft.Control:
    household = session.require_service()
    names = network_for(household).names()

    def report() -> bytes:
        from app.reports.conference import conference_report  # fpdf2 loads when fetched

        return conference_report(conference, names, done, household.household().name,
                                 datetime.fromtimestamp(session.clock(), UTC))

    return w.download_button(t("conference.print"), session.offer_download(
        plan_file_name(conference), "application/pdf", report))


def plan_file_name(conference: Conference) -> str:
    """The printed plan's file name, by the day the conference began on this phone's clock."""
    return f"family-plan-{local_day(conference.created_at)}.pdf"


def _ticking(session: Session, conferences: ConferenceService, conference: Conference,
             done: set[str], me: Member, changed: Callable[[], None]) -> list[ft.Control]:
    if me.role is Role.CHILD or not conference.agreed:
        return []

    def tick(action_id: str, on: bool) -> None:
        conferences.tick(session.require_member(), action_id, on)
        changed()

    rows: list[ft.Control] = []
    for action in conference.plan.actions:
        finished = action.id in done
        words = t("conference.tick.undo" if finished else "conference.tick.mark")
        rows.append(ft.Row([
            ft.Container(w.para(t("conference.plan.done_line", words=action.what) if finished
                                else action.what, size=16, bold=finished), expand=True),
            ft.OutlinedButton(
                content=named(t("conference.tick.named", words=words, what=action.what),
                              ft.Text(words, size=sized(15))),
                height=tap_height(48), on_click=guarded(session, lambda a=action, f=finished: tick(
                    a.id, not f))),
        # keyed by the line as it reads now: once ticked, the row is a new one, so a second
        # tap in the same burst finds its button gone instead of reading "Mark not done"
        # and saving an undo (two ticks to the agency, and the line shown not done)
        ], vertical_alignment=ft.CrossAxisAlignment.CENTER, key=f"tick-{action.id}-{finished}"))
    return [card(t("conference.tick.title"), rows, "conference-ticks")]


def _private_time_others(me: Member) -> list[ft.Control]:
    """What the worker or a child sees in private family time: no notes, no plan to change."""
    if me.role is Role.WORKER:
        return [w.message(t("conference.private.worker_wait"), kind="warn")]
    return [w.para(t("conference.private.child"), size=20)]


@ft.component
@signed_in_only
def ConferenceScreen() -> ft.Control:
    """The family group conference, at whatever stage it is."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    conferences = conferences_for(household)
    _version, set_version = ft.use_state(0)
    error, set_error = ft.use_state("")
    conference = conferences.current()
    title = t("conference.title")

    def changed() -> None:
        set_error("")
        set_version(lambda n: n + 1)

    def attempt(change: Callable[[], object], then: Callable[[], None] = changed) -> None:
        try:
            change()
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        then()

    def private_time() -> None:
        conferences.start_private_time(me)
        go("/")  # the family starts from a home that leads with their plan
        session.switch_person()  # the worker steps out; the family signs in
        session.notice = t("conference.private.handed_over")

    if conference is None or conference.stage is Stage.PREPARING:
        if me.role is not Role.WORKER:
            return _frame(session, title, [w.para(t("conference.none_yet"))], "conference-screen")
        return _frame(session, t("conference.prepare.title"), [PrepareForm(conference, changed)],
                      "conference-prepare-screen")
    names = network_for(household).names()
    if conference.private_time:
        return _frame(session, t("conference.private.title"),
                      _private_time_body(session, conference, me, changed, error, set_error),
                      "conference-private-screen")
    body: list[ft.Control] = []
    if conference.stage is Stage.INFORMATION:
        body += information_stage(conference, names)
        if me.role is Role.WORKER:
            body += [w.para(t("conference.private.explain"), muted=True),
                     *([w.message(error)] if error else []),
                     w.primary(t("conference.private.start"), guarded(
                         session, lambda: attempt(private_time, lambda: None)))]
        return _frame(session, title, body, "conference-screen")
    done = conferences.done(conference.id)
    body += plan_view(conference, done)
    if conference.stage is Stage.SHARED:
        if me.role is Role.WORKER:
            body.append(DecisionForm(session, conference.id, changed,
                                     key=f"decide-{conference.revision}"))
        else:
            body.append(w.para(t("conference.waiting"), muted=True))
    body += _decision(conference)
    body += _ticking(session, conferences, conference, done, me, changed)
    if me.role is Role.WORKER and conference.stage is Stage.DECIDED and conference.agreed is False:
        body.append(w.secondary(t("conference.private.again"), guarded(
            session, lambda: attempt(private_time, lambda: None))))
    if error:
        body.append(w.message(error))
    if me.role is not Role.CHILD:
        body.append(_print(session, conference, done))
    return _frame(session, title, body, "conference-screen")


def _private_time_body(session: Session, conference: Conference, me: Member,
                       changed: Callable[[], None], error: str,
                       set_error: Callable[[str], None]) -> list[ft.Control]:
    if me.role is not Role.PARENT:
        return _private_time_others(me)
    conferences = conferences_for(session.require_service())

    def share() -> None:
        try:
            conferences.share_plan(session.require_member())
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.notice = t("conference.shared")
        go("/")

    return [
        w.message(t("conference.private.banner"), kind="ok"),
        *to_address(conference),
        *plan_editor(session, conference, changed),
        *([w.message(error)] if error else []),
        w.primary(t("conference.private.share"), guarded(session, share)),
    ]
