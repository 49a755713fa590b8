"""A child's side of safety: the "I need help" screen and "My safety plan", in child words.

The help screen must always work: it shows Childline and 999 even when nobody has written
the child's plan yet, and it never hides behind a grown-up's PIN. The help button at the foot
of every screen (``open_help``) reaches Childline and 999 even when the app is locked or a
child is locked out of their pictures (``PublicHelpScreen``).
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.alerts import AlertSource
from app.domain.people import Role
from app.domain.safety import CHILD_MAY_ADD, CHILDLINE, EMERGENCY, MEIC, ChildList, tel_link
from app.domain.safety_child import ChildSafetyPlan
from app.i18n import t
from app.services.checkins import checkins_for
from app.services.household import NotAllowed
from app.views import widgets as w
from app.views.chores.parts import picture_choice
from app.views.network.parts import child_helpers
from app.views.safety.child import LIST_PICTURES, adult_row
from app.views.safety.parts import (
    AddLine,
    big_button,
    in_wales,
    safety_of,
    section_card,
    who_is_told,
)
from app.views.state import (
    HELP_ROUTE,
    Session,
    go,
    guarded,
    keep_then_help,
    signed_in_only,
    use_session,
)
from app.views.text_size import sized, tap_height

#: One-tap ideas a child can add to their own plan, by picture.
IDEA_PICTURES = {
    ChildList.CALM_IDEAS: ("hug", "music", "book", "walk", "rest", "quiet", "toys"),
    ChildList.SAFE_PLACES: ("bed", "home", "school_bag", "tree", "family"),
}

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
                ft.Text(title, size=sized(22), weight=ft.FontWeight.BOLD, color=theme.TEXT),
                ft.Text(number, size=sized(22), weight=ft.FontWeight.W_600, color=theme.TEXT),
            ], spacing=2, expand=True)]),
            ft.Text(body, size=sized(17), color=theme.TEXT),
            ft.FilledButton(call, icon=ft.Icons.CALL, url=tel_link(number),
                            height=tap_height(theme.TAP),
                            style=ft.ButtonStyle(bgcolor=colour, color="#FFFFFF",
                                                 text_style=ft.TextStyle(size=sized(18)))),
        ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=theme.SURFACE, border_radius=14, padding=12, border=ft.Border.all(1, "#E2DBD2"),
    )


@ft.component
@signed_in_only
def HelpScreen() -> ft.Control:
    """Who a child can call: Childline and 999, their trusted adults, other helpers."""
    session = use_session()
    plan = _own_plan(session)
    adults = plan.adults() if plan is not None else ()
    # Childline and 999 first: however many grown-ups a child has, they are on the first
    # screen (rule 1); each grown-up comes once, from the plan or else from the network.
    body: list[ft.Control] = [w.para(t("safety.help.intro"), size=20)]
    if session.help_told:  # just asked: who will know, as the check-in says it (rule 1)
        body.append(_told(t(session.help_told)))
    body += helplines(session)
    if adults:
        body.append(w.section(t("safety.help.your_adults"), size=19))
        body += [adult_row(adult, big=True) for adult in adults]
    else:
        body.append(w.para(t("safety.help.no_adults"), size=17, muted=True))
    body += child_helpers(session, session.require_member(),
                          [(adult.name, adult.phone) for adult in adults])
    body.append(w.para(t("safety.help.grown_up.child"), size=17))

    def back() -> None:
        session.help_told = ""  # said once, on this screen, never again (rule 7)
        go("/")

    return w.screen(t("safety.help.title"), body, on_back=guarded(session, back),
                    on_lock=guarded(session, session.lock), identifier="safety-help-screen",
                    read_aloud=True)


def _told(text: str) -> ft.Control:
    return ft.Semantics(identifier="safety-help-told", container=True, content=ft.Container(
        ft.Row([w.picture("worker", 40), ft.Text(text, size=sized(18), color=theme.TEXT,
                                                  expand=True)], spacing=12),
        bgcolor=theme.OK_BG, border_radius=16, padding=12))


def helplines(session: Session) -> list[ft.Control]:
    """Childline (and Meic in Wales) and 999: for anyone, at any time, nothing of the family."""
    meic = [_helpline("phone", t("safety.help.meic"), t("safety.help.meic_body"), MEIC,
                      t("safety.help.call", name=t("safety.help.meic")))]
    return [
        _helpline("phone", t("safety.help.childline"), t("safety.help.childline_body"),
                  CHILDLINE, t("safety.help.call", name=t("safety.help.childline"))),
        *(meic if in_wales(session) else []),
        _helpline("sos", t("safety.help.emergency"), t("safety.help.emergency_body"),
                  EMERGENCY, t("safety.help.call", name=EMERGENCY), colour=HELP_RED),
    ]


@ft.component
def PublicHelpScreen() -> ft.Control:
    """Help from any screen, even locked or before a PIN: no names, no plan, no family data."""
    session = use_session()

    def close() -> None:
        session.help_open = False

    body: list[ft.Control] = [
        w.para(t("safety.help.public_intro"), size=20),
        *helplines(session),
        w.para(t("safety.help.trusted_grown_up"), size=18),
        w.primary(t("safety.help.close"), guarded(session, close)),
    ]
    return w.screen(t("safety.help.title"), body, on_back=guarded(session, close),
                    identifier="public-help-screen")


def open_help(session: Session) -> None:
    """The help button at the foot of every screen.

    A signed-in child asked for help: that keeps an alert, and their own help screen (with
    their trusted adults) opens. Anyone else, or a child not signed in (locked out, say),
    sees Childline and 999 at once, with nothing of the family on screen.
    """
    member = session.member
    if member is not None and member.role is Role.CHILD and not session.locked:
        ask_for_help(session)
        return
    session.help_open = True


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
        # Any "I need help" is a sign of danger: it keeps an alert, as on the home screen.
        big_button("sos", t("safety.help.button"), guarded(session, lambda: ask_for_help(session)),
                   bgcolor=HELP_RED, color="#FFFFFF"),
    ]
    if plan.empty:
        body.append(w.para(t("safety.mine.empty"), size=18))
    body.append(w.para(t("safety.mine.who_sees"), size=17))
    adults: list[ft.Control] = [adult_row(a, big=True) for a in plan.adults()]
    body.append(section_card("hug", t("safety.mine.adults"),
                             adults or [w.para(t("safety.mine.nothing_yet"), muted=True)]))
    for kind in ChildList:
        items: list[ft.Control] = [
            ft.Text(item.text, size=sized(20), color=theme.TEXT) for item in plan.items(kind)
        ] or [w.para(t("safety.mine.nothing_yet"), muted=True)]
        if kind in CHILD_MAY_ADD:

            def add(text: str, kind: ChildList = kind) -> None:
                safety_of(session).add_child_item(me, me.id, kind, text)
                set_version(version + 1)

            # Pictures before words: one tap adds an idea; typing is for anything else.
            have = {item.text for item in plan.items(kind)}
            items.append(ft.Row([
                picture_choice(picture, t(f"safety.mine.idea.{picture}"), False,
                               guarded(session, lambda p=picture, a=add: a(
                                   t(f"safety.mine.idea.{p}"))))
                for picture in IDEA_PICTURES[kind]
                if t(f"safety.mine.idea.{picture}") not in have
            ], wrap=True, spacing=8, run_spacing=8))
            items.append(AddLine(t(f"safety.mine.{kind.value}.add_label"), t("safety.mine.add"),
                                 add, key=f"mine-{kind.value}"))
        body.append(section_card(LIST_PICTURES[kind], t(f"safety.mine.{kind.value}"), items))
    return w.screen(t("safety.mine.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="safety-mine-screen",
                    read_aloud=True)


def ask_for_help(session: Session) -> None:
    """A child pressed "I need help": keep a safety alert for the worker, then show help."""
    me = session.require_member()
    if me.role is not Role.CHILD:
        go(HELP_ROUTE)
        return
    keep_then_help(session, lambda: checkins_for(session.require_service()).raise_alert(
        me, AlertSource.HELP_BUTTON), told=who_will_know(session))


def who_will_know(session: Session) -> str:
    """The words telling a child who hears of their "I need help" (see ``who_is_told``)."""
    return {"now": "safety.help.told.child", "agency": "safety.help.told_agency.child",
            "visit": "safety.help.told_visit.child",
            "none": "safety.help.told_none.child"}[who_is_told(session)]


def need_help_part(session: Session) -> list[ft.Control]:
    """A child's big "I need help", near the top of their home (rule 1: easy to find)."""
    return [ft.Semantics(identifier="need-help", container=True, content=big_button(
        "sos", t("safety.help.button"), guarded(session, lambda: ask_for_help(session)),
        bgcolor=HELP_RED, color="#FFFFFF", height=96))]


def child_home_parts(session: Session) -> list[ft.Control]:
    """A child's safety part lower on their home: their plan and the scale."""
    return [
        big_button("shield", t("safety.mine.title"), guarded(session, lambda: go("/safety/mine"))),
        big_button("calm", t("safety.rate.child_card"),
                   guarded(session, lambda: go("/safety/rate"))),
    ]
