"""The programme plan: sessions to come and sessions held, planning one, and filling one in.

Parents and the worker plan together; afterwards either says who came and what the family
took from it. A child who types one of these addresses sees one line and the way home.
"""

from __future__ import annotations

from typing import Any, cast

import flet as ft

from app.domain.agreement import parse_uk_date
from app.domain.people import Role
from app.domain.programme.sessions import MAX_TOOK_AWAY, MAX_TOPIC, SessionPlan
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import idea
from app.views.chores.parts import choice, heading
from app.views.drafts import Draft
from app.views.programme.parts import (
    attendance_lines,
    names_by_id,
    service,
    session_card,
    topics,
)
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session


def _grown_up(session: Session) -> bool:
    return session.require_member().role in (Role.PARENT, Role.WORKER)


def _for_grown_ups(session: Session, identifier: str) -> ft.Control:
    return w.screen(t("programme.title"), [w.para(t("programme.for_grown_ups"))],
                    on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier=identifier)


def _people(session: Session, on_record: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Who can come to a session: the family, parents first; someone who has left is offered
    only while on the session's record (so a parent can keep them on it, or untick them)."""
    return [(m.id, m.name if m.active else t("programme.form.has_left", name=m.name))
            for m in session.require_service().members(include_removed=True)
            if m.role is not Role.WORKER and (m.active or m.id in on_record)]


@ft.component
@signed_in_only
def ProgrammeScreen() -> ft.Control:
    """Sessions to fill in, sessions to come, and sessions held with what was taken away."""
    session = use_session()
    if not _grown_up(session):
        return _for_grown_ups(session, "programme-screen")
    plan = service(session)
    names = names_by_id(session)
    worker = session.require_member().role is Role.WORKER
    body: list[ft.Control] = [w.para(t("programme.worker.intro" if worker else "programme.intro")),
                              w.primary(t("programme.add"),
                                        guarded(session, lambda: go("/programme/add")))]
    everything = plan.sessions()
    if not everything:
        body.append(w.para(t("programme.none_yet"), muted=True))
    else:
        body += [w.para(line, size=16) for line in attendance_lines(plan.attendance(), names)]
    waiting = plan.waiting_for_record()
    if waiting:
        body.append(heading(t("programme.waiting")))
        body += [session_card(s, names, guarded(session, lambda s=s: go(f"/programme/{s.id}")))
                 for s in waiting]
    upcoming = plan.upcoming()
    if upcoming:
        today = plan.today()
        body.append(heading(t("programme.upcoming")))
        body += [session_card(s, names, guarded(session, lambda s=s: go(f"/programme/{s.id}")),
                              "programme.card.fill_in" if s.day <= today
                              else "programme.card.later")
                 for s in upcoming]
    held = [s for s in reversed(everything) if s.held]
    if held:
        body.append(heading(t("programme.held")))
        body += [session_card(s, names) for s in held]
    return w.screen(t("programme.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="programme-screen")


@ft.component
@signed_in_only
def AddSessionScreen() -> ft.Control:
    """Plan a session together: the topic, the day, who is coming.

    What is typed and chosen, not yet planned, is kept for the person planning (``Draft``)
    through the auto-lock and Back, until planned or let go with Cancel.
    """
    session = use_session()
    unsaved = Draft.of(session, "programme-plan", "new")
    as_opened: dict[str, Any] = {"topic": "", "topic_key": None, "day": "", "who": []}
    kept = unsaved.read(as_opened)
    topic, set_topic = ft.use_state(cast(str, kept["topic"]))
    topic_key, set_topic_key = ft.use_state(cast(str | None, kept["topic_key"]))
    day, set_day = ft.use_state(cast(str, kept["day"]))
    who, set_who = ft.use_state(cast(list[str], kept["who"]))
    error, set_error = ft.use_state("")
    ft.use_effect(lambda: unsaved.keep(
        {"topic": topic, "topic_key": topic_key, "day": day, "who": who}, as_opened),
        [topic, topic_key, day, who])
    if not _grown_up(session):
        return _for_grown_ups(session, "programme-add-screen")

    def typed_topic(text: str) -> None:
        set_topic(text)
        set_topic_key(None)

    def chose_topic(key: str, title: str) -> None:
        set_topic(title)
        set_topic_key(key)

    def toggle(member_id: str) -> None:
        set_who([m for m in who if m != member_id] if member_id in who else [*who, member_id])

    def save() -> None:
        parsed = parse_uk_date(day)
        try:
            service(session).plan(session.require_member(), SessionPlan(
                topic=topic, day=parsed.isoformat() if parsed else day, expected=tuple(who),
                topic_key=topic_key))
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        unsaved.forget()
        session.notice = t("programme.added")
        go("/programme")

    def let_go() -> None:
        unsaved.forget()
        go("/programme")

    body: list[ft.Control] = [
        w.text_field(t("programme.form.topic"), topic, typed_topic, max_length=MAX_TOPIC,
                     helper=t("programme.form.topic_helper")),
        w.para(t("programme.form.ideas"), size=15, muted=True),
        ft.Row([idea(title, guarded(session, lambda k=key, words=title: chose_topic(k, words)))
                for key, title in topics(session)], wrap=True, spacing=8, run_spacing=8),
        w.text_field(t("programme.form.day"), day, set_day, max_length=10),
        heading(t("programme.form.who")),
        ft.Row([choice(name, member_id in who, guarded(session, lambda i=member_id: toggle(i)))
                for member_id, name in _people(session)], wrap=True, spacing=8, run_spacing=8),
    ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, let_go)),
        w.primary(t("programme.form.save"), guarded(session, save)),
    ], spacing=12))
    return w.screen(t("programme.add"), body,
                    on_back=guarded(session, lambda: go("/programme")),
                    on_lock=guarded(session, session.lock), identifier="programme-add-screen")


@ft.component
@signed_in_only
def SessionScreen() -> ft.Control:
    """Fill a session in: who came and what the family took from it; or take it out.

    Who came and the words typed, not yet saved, are kept for the person filling it in
    (``Draft``) through the auto-lock and Back, until saved or the session is taken out.
    """
    session = use_session()
    session_id = ft.use_route_params().get("session_id", "")
    unsaved = Draft.of(session, "programme", session_id)
    as_opened: dict[str, Any] = {"came": None, "took_away": ""}
    kept = unsaved.read(as_opened)
    came, set_came = ft.use_state(cast(list[str] | None, kept["came"]))
    took_away, set_took_away = ft.use_state(cast(str, kept["took_away"]))
    error, set_error = ft.use_state("")
    ft.use_effect(lambda: unsaved.keep({"came": came, "took_away": took_away}, as_opened),
                  [came, took_away])
    if not _grown_up(session):
        return _for_grown_ups(session, "programme-session-screen")
    back = guarded(session, lambda: go("/programme"))
    plan = service(session)
    try:
        found = plan.session(session_id)
    except InvalidInput:
        return w.screen(t("programme.missing"), [], on_back=back,
                        on_lock=guarded(session, session.lock),
                        identifier="programme-session-screen")
    chosen = list(found.plan.expected) if came is None else came

    def toggle(member_id: str) -> None:
        set_came([m for m in chosen if m != member_id] if member_id in chosen
                 else [*chosen, member_id])

    def attempt(change: str) -> None:
        me = session.require_member()
        try:
            if change == "record":
                plan.record(me, found.id, chosen, took_away)
            else:
                plan.cancel(me, found.id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        unsaved.forget()
        session.notice = t("programme.recorded" if change == "record" else "programme.cancelled")
        go("/programme")

    if found.held:  # filled in already: what was recorded, kept as it is
        return w.screen(found.plan.topic, [
            session_card(found, names_by_id(session)),
            w.para(t("programme.held.note"), muted=True)],
            on_back=back, on_lock=guarded(session, session.lock),
            identifier="programme-session-screen")
    if found.day > service(session).today():  # nothing to fill in yet: only taking it out
        return w.screen(found.plan.topic, [
            session_card(found, names_by_id(session)),
            w.para(t("programme.error.not_yet"), muted=True),
            *([w.message(error)] if error else []),
            w.secondary(t("programme.record.cancel_session"),
                        guarded(session, lambda: attempt("cancel")))],
            on_back=back, on_lock=guarded(session, session.lock),
            identifier="programme-session-screen")
    body: list[ft.Control] = [
        session_card(found, names_by_id(session)),
        heading(t("programme.record.who")),
        ft.Row([choice(name, member_id in chosen, guarded(session, lambda i=member_id: toggle(i)))
                for member_id, name in _people(session, found.plan.expected)],
               wrap=True, spacing=8, run_spacing=8),
        w.text_field(t("programme.record.took_away"), took_away, set_took_away, multiline=True,
                     max_length=MAX_TOOK_AWAY, helper=t("programme.record.took_away_helper")),
    ]
    if error:
        body.append(w.message(error))
    body += [w.primary(t("programme.record.save"), guarded(session, lambda: attempt("record"))),
             ft.Divider(),
             w.secondary(t("programme.record.cancel_session"),
                         guarded(session, lambda: attempt("cancel")))]
    return w.screen(t("programme.record.title"), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="programme-session-screen")
