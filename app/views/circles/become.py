"""Turning something a circle agreed into a chore, a house rule or a safety-plan step.

One small form, filled in from the agreement's words: for a chore, pick the child and a
picture (every day to start with); for a rule, a picture; for a step, who will do it.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.domain.chores import CHORE_PICTURES, MAX_CHORE_NAME, ChorePlan, Often, Who
from app.domain.circles import Agreement, Became
from app.domain.people import Role
from app.i18n import t
from app.services.circles import CircleService, rule_pictures
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import choice, picture_choice
from app.views.circles.parts import heading, service
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session

DEFAULT_RULE_PICTURE = "handshake"

Setter = Callable[[str], None]


def _picture_word(name: str) -> str:
    """The word read out for a picture: the chores' or the agreement's word for it."""
    for key in (f"chores.picture.{name}", f"agreement.picture.{name}"):
        try:
            return t(key)
        except KeyError:
            continue
    return name.replace("_", " ")


def _find(circles: CircleService, circle_id: str, agreement_id: str) -> Agreement | None:
    try:
        return circles.circle(circle_id).agreement(agreement_id)
    except (KeyError, ValueError):
        return None


@ft.component
@signed_in_only
def BecomeScreen() -> ft.Control:
    """A small form that makes one agreement into a chore, a rule or a safety-plan step."""
    session = use_session()
    params = ft.use_route_params()
    circle_id = params.get("circle_id", "")
    agreement_id = params.get("agreement_id", "")
    what_value = params.get("what", "")
    circles = service(session)
    agreement = _find(circles, circle_id, agreement_id)
    start_text = agreement.text if agreement else ""
    text, set_text = ft.use_state(
        start_text[:MAX_CHORE_NAME] if what_value == Became.CHORE.value else start_text)
    child, set_child = ft.use_state("")
    picture, set_picture = ft.use_state(
        DEFAULT_RULE_PICTURE if what_value == Became.RULE.value else "")
    who, set_who = ft.use_state("")
    error, set_error = ft.use_state("")
    me = session.require_member()
    back = guarded(session, lambda: go(f"/circles/{circle_id}"))
    lock = guarded(session, session.lock)
    what = Became(what_value) if what_value in {b.value for b in Became} else None
    if agreement is None or what is None:
        return w.screen(t("circles.missing"), [w.para(t("circles.missing.body"))],
                        on_back=back, on_lock=lock, identifier="circle-make-screen")
    title = t(f"circles.become.{what.value}.title")
    if me.role is not Role.PARENT:
        return w.screen(title, [w.message(t("error.not_allowed"))], on_back=back,
                        on_lock=lock, identifier="circle-make-screen")

    def save() -> None:
        try:
            if what is Became.CHORE:
                if not child:
                    set_error(t("circles.error.pick_child"))
                    return
                plan = ChorePlan(text, picture, Who.ONE, (child,), Often.DAILY)
                chore = circles.make_chore(me, circle_id, agreement_id, plan)
                session.notice = t("circles.become.done.chore", name=chore.name)
            elif what is Became.RULE:
                circles.make_rule(me, circle_id, agreement_id, text, picture)
                session.notice = t("circles.become.done.rule")
            else:
                circles.make_action(me, circle_id, agreement_id, text, who)
                session.notice = t("circles.become.done.action")
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        go(f"/circles/{circle_id}")

    body: list[ft.Control] = [w.message(t("circles.become.agreed", text=agreement.text),
                                        kind="ok")]
    body += _fields(session, what, text, set_text, child, set_child, picture, set_picture,
                    who, set_who)
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), back),
        w.primary(t(f"circles.become.save.{what.value}"), guarded(session, save)),
    ], spacing=12))
    return w.screen(title, body, on_back=back, on_lock=lock, identifier="circle-make-screen")


def _fields(session: Session, what: Became, text: str, set_text: Setter,
            child: str, set_child: Setter, picture: str,
            set_picture: Setter, who: str,
            set_who: Setter) -> list[ft.Control]:
    """The few questions the form asks for ``what``."""
    if what is Became.CHORE:
        kids = [m for m in session.require_service().members() if m.role is Role.CHILD]
        return [
            w.text_field(t("circles.become.chore.name"), text, set_text,
                         max_length=MAX_CHORE_NAME),
            heading(t("circles.become.chore.child")),
            ft.Row([choice(k.name, k.id == child, guarded(session, lambda k=k: set_child(k.id)))
                    for k in kids], wrap=True, spacing=8, run_spacing=8),
            heading(t("circles.become.chore.picture")),
            _pictures(session, CHORE_PICTURES, picture, set_picture),
            w.para(t("circles.become.chore.often"), muted=True, size=15),
        ]
    if what is Became.RULE:
        return [
            w.text_field(t("circles.become.rule.text"), text, set_text, multiline=True),
            heading(t("circles.become.rule.picture")),
            _pictures(session, rule_pictures(), picture, set_picture),
            w.para(t("circles.become.rule.help"), muted=True, size=15),
        ]
    return [
        w.text_field(t("circles.become.action.what"), text, set_text, multiline=True),
        w.text_field(t("circles.become.action.who"), who, set_who),
    ]


def _pictures(session: Session, names: tuple[str, ...], chosen: str,
              set_chosen: Setter) -> ft.Control:
    return ft.Row([picture_choice(p, _picture_word(p), p == chosen,
                                  guarded(session, lambda p=p: set_chosen(p)))
                   for p in names], wrap=True, spacing=8, run_spacing=8)
