"""A child's side of safety: the "I need help" screen and "My safety plan", in child words.

The help screen must always work: it shows Childline and 999 even when nobody has written
the child's plan yet, and it never hides behind a grown-up's PIN.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.alerts import AlertSource
from app.domain.people import Role
from app.domain.safety import CHILD_MAY_ADD, ChildList, tel_link
from app.domain.safety_child import ChildSafetyPlan
from app.i18n import t
from app.services.checkins import checkins_for
from app.services.household import NotAllowed
from app.views import widgets as w
from app.views.safety.child import LIST_PICTURES, adult_row
from app.views.safety.parts import AddLine, big_button, safety_of, section_card
from app.views.state import Session, go, guarded, signed_in_only, use_session

CHILDLINE = "0800 1111"
EMERGENCY = "999"
HELP_RED = "#B3261E"  # white text on it is 6.5:1


def _own_plan(session: Session) -> ChildSafetyPlan | None:
    """The signed-in child's plan; None for a grown-up (they have no plan of their own)."""
    me = session.require_member()
    if me.role is not Role.CHILD:
        return None
    try:
        return safety_of(session).child_plan(me, me.id)
    except NotAllowed:
        return None


def _helpline(picture: str, title: str, body: str, number: str, call: str,
              colour: str = theme.BRAND) -> ft.Control:
    return ft.Container(
        ft.Column([
            ft.Row([w.picture(picture, 48), ft.Column([
                ft.Text(title, size=22, weight=ft.FontWeight.BOLD, color=theme.TEXT),
                ft.Text(number, size=22, weight=ft.FontWeight.W_600, color=theme.TEXT),
            ], spacing=2, expand=True)]),
            ft.Text(body, size=17, color=theme.TEXT),
            ft.FilledButton(call, icon=ft.Icons.CALL, url=tel_link(number), height=theme.TAP,
                            style=ft.ButtonStyle(bgcolor=colour, color="#FFFFFF",
                                                 text_style=ft.TextStyle(size=18))),
        ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=theme.SURFACE, border_radius=14, padding=12, border=ft.Border.all(1, "#E2DBD2"),
    )


@ft.component
@signed_in_only
def HelpScreen() -> ft.Control:
    """Who a child can call: their trusted adults, Childline and 999."""
    session = use_session()
    plan = _own_plan(session)
    adults = plan.adults() if plan is not None else ()
    body: list[ft.Control] = [w.para(t("safety.help.intro"), size=20)]
    if adults:
        body.append(w.para(t("safety.help.your_adults"), size=19, bold=True))
        body += [adult_row(adult, big=True) for adult in adults]
    else:
        body.append(w.para(t("safety.help.no_adults"), size=17, muted=True))
    body += [
        _helpline("phone", t("safety.help.childline"), t("safety.help.childline_body"),
                  CHILDLINE, t("safety.help.call", name=t("safety.help.childline"))),
        _helpline("sos", t("safety.help.emergency"), t("safety.help.emergency_body"),
                  EMERGENCY, t("safety.help.call", name=EMERGENCY), colour=HELP_RED),
        w.para(t("safety.help.grown_up"), size=17),
    ]
    return w.screen(t("safety.help.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="safety-help-screen")


@ft.component
@signed_in_only
def MyPlanScreen() -> ft.Control:
    """A child's own plan in their words and pictures; they may add calm ideas and places."""
    session = use_session()
    me = session.require_member()
    version, set_version = ft.use_state(0)
    plan = _own_plan(session)
    if plan is None:
        return w.screen(t("safety.mine.title"), [w.para(t("safety.mine.children_only"))],
                        on_back=guarded(session, lambda: go("/")),
                        on_lock=guarded(session, session.lock), identifier="safety-mine-screen")
    body: list[ft.Control] = [
        big_button("sos", t("safety.help.button"), guarded(session, lambda: go("/safety/help")),
                   bgcolor=HELP_RED, color="#FFFFFF"),
    ]
    if plan.empty:
        body.append(w.para(t("safety.mine.empty"), size=18))
    adults: list[ft.Control] = [adult_row(a, big=True) for a in plan.adults()]
    body.append(section_card("hug", t("safety.mine.adults"),
                             adults or [w.para(t("safety.mine.nothing_yet"), muted=True)]))
    for kind in ChildList:
        items: list[ft.Control] = [
            ft.Text(item.text, size=20, color=theme.TEXT) for item in plan.items(kind)
        ] or [w.para(t("safety.mine.nothing_yet"), muted=True)]
        if kind in CHILD_MAY_ADD:

            def add(text: str, kind: ChildList = kind) -> None:
                safety_of(session).add_child_item(me, me.id, kind, text)
                set_version(version + 1)

            items.append(AddLine(t(f"safety.mine.{kind.value}.add_label"), t("safety.mine.add"),
                                 add, key=f"mine-{kind.value}"))
        body.append(section_card(LIST_PICTURES[kind], t(f"safety.mine.{kind.value}"), items))
    return w.screen(t("safety.mine.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="safety-mine-screen")


def _ask_for_help(session: Session) -> None:
    """A child pressed "I need help": keep a safety alert for the worker, then show help."""
    me = session.require_member()
    try:
        if me.role is Role.CHILD:
            checkins_for(session.require_service()).raise_alert(me, AlertSource.HELP_BUTTON)
    finally:  # help is shown even if keeping the alert failed
        go("/safety/help")


def child_home_parts(session: Session) -> list[ft.Control]:
    """A child's home: "I need help" first and biggest, then their plan and the scale."""
    return [
        ft.Semantics(identifier="need-help", container=True, content=big_button(
            "sos", t("safety.help.button"), guarded(session, lambda: _ask_for_help(session)),
            bgcolor=HELP_RED, color="#FFFFFF", height=104)),
        big_button("shield", t("safety.mine.title"), guarded(session, lambda: go("/safety/mine"))),
        big_button("calm", t("safety.rate.child_card"),
                   guarded(session, lambda: go("/safety/rate"))),
    ]
