"""One circle: passing the talking piece, writing what was agreed, and the finished record.

The phone lies on the table while a circle runs, so whose turn it is is shown big: their
picture and name, readable from across the table. The same route shows the record of a
finished circle (read-only for the worker).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.circles import MAX_AGREEMENT, TALKING_PIECE, Became, Circle, Turn, TurnKind
from app.domain.people import Member, Role
from app.i18n import t
from app.services.circles import CircleService
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.circles.parts import (
    heading,
    kind_name,
    names_of,
    people_by_id,
    person_chip,
    prompt_child_words,
    prompt_words,
    service,
    when_words,
)
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import scale, sized, tap_height
from app.views.widgets import named


def _prompt(circle: Circle, number: int) -> list[ft.Control]:
    """The question of round ``number``, with the child's words when they differ."""
    prompt_id = circle.prompts[number]
    shown: list[ft.Control] = [
        w.para(t("circles.run.question", number=number + 1, total=len(circle.prompts)),
               muted=True, size=16),
        ft.Text(prompt_words(prompt_id), size=sized(24), weight=ft.FontWeight.BOLD,
                color=theme.TEXT),
    ]
    child = prompt_child_words(prompt_id)
    if child != prompt_words(prompt_id):
        shown.append(w.para(t("circles.for_children", words=child), size=18, muted=True))
    return shown


def _seat_states(circle: Circle, turns: list[Turn], number: int, holder: str | None
                 ) -> dict[str, str]:
    """For each person this round: 'now', 'done', 'passed' or 'waiting'."""
    states = {m: "waiting" for m in circle.present}
    for turn in turns:
        if turn.round == number:
            states[turn.member_id] = "done" if turn.kind is TurnKind.SPOKE else "passed"
    if holder is not None:
        states[holder] = "now"
    return states


def _seats(circle: Circle, states: dict[str, str], people: dict[str, Member]) -> ft.Control:
    """Everyone in the circle, the holder of the talking piece picked out."""
    notes = {"now": "circles.run.seat_now", "done": "circles.run.seat_done",
             "passed": "circles.run.seat_passed", "waiting": "circles.run.seat_waiting"}
    chips = []
    for member_id in circle.present:
        person = people[member_id]
        state = states[member_id]
        label = t(notes[state], name=person.name)
        chips.append(person_chip(person, label.split(": ", 1)[-1], label,
                                 highlight=state == "now", dim=state == "done"))
    return ft.Column([heading(t("circles.run.seats")),
                      ft.Row(chips, wrap=True, spacing=8, run_spacing=8)], spacing=8)


@ft.component
@signed_in_only
def TurnPart(circle: Circle, on_changed: Callable[[], None],
             on_agree: Callable[[], None]) -> ft.Control:
    """Whose turn it is, big, with "I've had my turn" and "Pass"."""
    session = use_session()
    circles = service(session)
    people = people_by_id(session)
    words, set_words = ft.use_state("")
    error, set_error = ft.use_state("")
    turns = circles.turns(circle.id)
    now = circles.progress(circle.id)
    holder = people[now.holder] if now.holder else None
    if holder is None:  # every round is done: the caller shows the agreement part
        return ft.Container()

    def take(kind: TurnKind) -> None:
        me = session.require_member()
        try:
            if kind is TurnKind.SPOKE:
                circles.speak(me, circle.id, holder.id, words)
            else:
                circles.pass_turn(me, circle.id, holder.id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            on_changed()
            return
        set_words("")
        set_error("")
        on_changed()

    following = [people[m].name for m in now.waiting]
    body: list[ft.Control] = [
        *_prompt(circle, now.round),
        ft.Container(
            ft.Column([
                ft.Row([w.picture(holder.avatar.value, 112), w.picture(TALKING_PIECE, 48)],
                       alignment=ft.MainAxisAlignment.CENTER, spacing=4,
                       vertical_alignment=ft.CrossAxisAlignment.END),
                ft.Text(t("circles.run.turn", name=holder.name), size=sized(38),
                        weight=ft.FontWeight.BOLD, color=theme.TEXT,
                        text_align=ft.TextAlign.CENTER),
            ], horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=4),
            bgcolor=theme.CHILD_ACCENT, border_radius=24, padding=16,
        ),
    ]
    if now.second_chance:
        body.append(w.message(t("circles.run.again", name=holder.name), kind="warn"))
    body += [
        w.text_field(t("circles.run.words", name=holder.name), words, set_words,
                     multiline=True, helper=t("circles.run.words_help")),
    ]
    if error:
        body.append(w.message(error))
    body += [
        ft.Row([
            w.primary(t("circles.run.done"), guarded(session, lambda: take(TurnKind.SPOKE))),
            ft.OutlinedButton(
                content=named(t("circles.run.pass"),
                              ft.Text(t("circles.run.pass"), size=sized(18), color=theme.TEXT)),
                on_click=guarded(session, lambda: take(TurnKind.PASSED)),
                height=tap_height(theme.TAP), width=None if scale() > 1 else 110,
            ),
        # each turn's own buttons: a second tap in the same burst finds them gone, and does
        # not use up the next person's turn
        ], spacing=12, key=f"turn-{len(turns)}"),
        w.para(t("circles.run.next", name=following[0]) if following
               else t("circles.run.last"), muted=True),
        _seats(circle, _seat_states(circle, turns, now.round, holder.id), people),
        w.link(t("circles.run.end_early"), guarded(session, on_agree)),
    ]
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def agreement_rows(session: Session, circles: CircleService, circle: Circle,
                   can_make: bool) -> list[ft.Control]:
    """What was agreed, each with what it became or (for a parent) buttons to make it so."""
    rows: list[ft.Control] = []
    makes = [Became.CHORE, Became.RULE, Became.ACTION]
    for agreement in circle.agreements:
        parts: list[ft.Control] = [ft.Row([
            ft.Icon(ft.Icons.HANDSHAKE_OUTLINED, color=theme.BRAND),
            ft.Text(agreement.text, size=sized(18), color=theme.TEXT, expand=True),
        ], vertical_alignment=ft.CrossAxisAlignment.START)]
        if agreement.became is not None:
            parts.append(w.message(t(f"circles.became.{agreement.became.value}"), kind="ok"))
        elif can_make:
            parts.append(w.para(t("circles.agree.make"), muted=True, size=15))
            parts.append(ft.Row([
                ft.OutlinedButton(
                    content=named(t(f"circles.make.{what.value}.label", text=agreement.text),
                                  ft.Text(t(f"circles.make.{what.value}"), size=sized(16),
                                          color=theme.TEXT)),
                    height=tap_height(48),
                    on_click=guarded(session, lambda a=agreement, what=what: go(
                        f"/circles/{circle.id}/make/{a.id}/{what.value}")),
                ) for what in makes
            ], wrap=True, spacing=8, run_spacing=8))
        rows.append(ft.Container(ft.Column(parts, spacing=8), bgcolor=theme.SURFACE,
                                 border_radius=14, padding=12))
    return rows


@ft.component
@signed_in_only
def AgreePart(circle: Circle, on_changed: Callable[[], None]) -> ft.Control:
    """Write down what the family agreed, then finish the circle."""
    session = use_session()
    circles = service(session)
    text, set_text = ft.use_state("")
    error, set_error = ft.use_state("")

    def act(action: Callable[[], Any]) -> None:
        try:
            action()
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_text("")
        on_changed()

    me = session.require_member()

    def finish() -> None:
        circles.finish(me, circle.id)
        session.notice = t("circles.finished.notice")

    body: list[ft.Control] = [
        ft.Row([w.picture("heart", 48),
                ft.Container(w.para(t("circles.agree.intro"), size=18), expand=True)],
               spacing=12),
        *agreement_rows(session, circles, circle, True),
    ]
    if not circle.agreements:
        body.append(w.para(t("circles.agree.none"), muted=True))
    body += [
        w.text_field(t("circles.agree.field"), text, set_text, multiline=True,
                     max_length=MAX_AGREEMENT, helper=t("circles.agree.help")),
    ]
    if error:
        body.append(w.message(error))
    body += [
        w.secondary(t("circles.agree.add"), guarded(
            session, lambda: act(lambda: circles.agree(me, circle.id, text)))),
        w.primary(t("circles.agree.finish"), guarded(session, lambda: act(finish))),
    ]
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _record(session: Session, circles: CircleService, circle: Circle,
            people: dict[str, Member], can_make: bool) -> list[ft.Control]:
    """A circle as the history shows it: when, who, each question's turns, what was agreed."""
    turns = circles.turns(circle.id)
    starter = people.get(circle.started_by)
    body: list[ft.Control] = [
        w.para(when_words(circle.started_at), bold=True),
        w.para(t("circles.detail.started_by", name=starter.name if starter else "?"),
               muted=True, size=15),
    ]
    if not circle.finished:
        body.append(w.message(t("circles.detail.still_going"), kind="warn"))
    body += [heading(t("circles.detail.who")),
             w.para(names_of(circle.present, people)),
             heading(t("circles.detail.agreed"))]
    # what was agreed comes before the questions: it is what the family and worker look for
    body += agreement_rows(session, circles, circle, can_make) or [
        w.para(t("circles.detail.nothing_agreed"), muted=True)]
    body.append(heading(t("circles.detail.questions")))
    for number, prompt_id in enumerate(circle.prompts):
        lines: list[ft.Control] = [w.para(prompt_words(prompt_id), bold=True)]
        for turn in (x for x in turns if x.round == number):
            who = people[turn.member_id].name if turn.member_id in people else "?"
            said = turn.words or t(f"circles.detail.{turn.kind.value}")
            lines.append(w.para(f"{who}: {said}", size=16))
        body.append(ft.Container(ft.Column(lines, spacing=4), bgcolor=theme.SURFACE,
                                 border_radius=14, padding=12))
    return body


@ft.component
@signed_in_only
def CircleScreen() -> ft.Control:
    """A running circle for a parent or the worker; the record of it for everyone else and
    once finished."""
    session = use_session()
    circle_id = ft.use_route_params().get("circle_id", "")
    _version, set_version = ft.use_state(0)
    agreeing, set_agreeing = ft.use_state(False)
    me = session.require_member()
    circles = service(session)
    back = guarded(session, lambda: go("/circles"))
    lock = guarded(session, session.lock)
    try:
        circle = circles.circle(circle_id)
    except KeyError:
        return w.screen(t("circles.missing"), [w.para(t("circles.missing.body"))],
                        on_back=back, on_lock=lock, identifier="circle-missing-screen")

    def changed() -> None:
        set_version(lambda v: v + 1)

    if circles.may_run(me) and not circle.finished:
        # once something is agreed the questions are over, even if they stopped early
        if agreeing or circle.agreements or circles.progress(circle.id).rounds_done:
            return w.screen(t("circles.agree.title"), [AgreePart(circle, changed)],
                            on_back=back, on_lock=lock, identifier="circle-agree-screen")
        return w.screen(kind_name(circle.kind),
                        [TurnPart(circle, changed, lambda: set_agreeing(True))],
                        on_back=back, on_lock=lock, identifier="circle-turn-screen")
    people = people_by_id(session)
    return w.screen(kind_name(circle.kind), _record(session, circles, circle, people,
                                                             me.role is Role.PARENT),
                    on_back=back, on_lock=lock, identifier="circle-record-screen")
