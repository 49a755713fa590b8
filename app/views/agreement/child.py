"""A child's "Our rules": short words and big pictures, and "I'd like to talk about this rule"."""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.people import Role
from app.i18n import t
from app.services.household import NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import card, picture_button, service_of
from app.views.state import Session, go, guarded, signed_in_only, use_session
from app.views.text_size import sized


def child_card(session: Session) -> ft.Control:
    """The big "Our rules" button on a child's home."""
    return ft.Container(
        w.named(t("agreement.child.title"), ft.Row(
            [w.picture("agreement", 64),
             ft.Text(t("agreement.child.title"), size=sized(24), weight=ft.FontWeight.BOLD,
                     color=theme.TEXT)],
            spacing=16, vertical_alignment=ft.CrossAxisAlignment.CENTER)),
        padding=16, bgcolor=theme.SURFACE, border_radius=20,
        border=ft.Border.all(2, theme.CHILD_ACCENT), ink=True,
        on_click=guarded(session, lambda: go("/agreement/ours")),
    )


@ft.component
@signed_in_only
def OurRulesScreen() -> ft.Control:
    """The rules the family agreed, read-only, in a child's words with pictures."""
    session = use_session()
    _tick, set_tick = ft.use_state(0)
    me = session.require_member()
    agreement = service_of(session)
    version = agreement.in_force() or agreement.latest()
    asked = {r.rule_id for r in agreement.talk_requests() if r.created_by == me.id}

    def ask(rule_id: str) -> None:
        try:
            agreement.ask_to_talk(me, rule_id)
        except (KeyError, NotAllowed):
            return
        set_tick(lambda n: n + 1)

    body: list[ft.Control] = []
    if version is None or not version.rules:
        body.append(w.para(t("agreement.child.none"), size=20))
    else:
        if not version.frozen:
            body.append(w.para(t("agreement.child.not_agreed"), size=18, muted=True))
        draft = agreement.latest()  # "Not yet" is said to the draft, which may be a newer one
        if draft is not None and any(n.member_id == me.id for n in draft.open_not_yet()):
            body.append(w.message(t("agreement.child.said_not_yet"), kind="ok"))
        for rule in version.rules:
            parts: list[ft.Control] = [
                ft.Row([w.picture(rule.picture, 72),
                        ft.Text(rule.for_children, size=sized(22), weight=ft.FontWeight.W_600,
                                color=theme.TEXT, expand=True)],
                       vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ]
            if rule.id in asked:
                parts.append(w.message(t("agreement.child.asked"), kind="ok"))
            elif me.role is Role.CHILD:
                parts.append(picture_button(t("agreement.child.talk"), "hand_up",
                                            guarded(session, lambda r=rule.id: ask(r)),
                                            size=18))
            body.append(card(ft.Column(parts, spacing=12,
                                       horizontal_alignment=ft.CrossAxisAlignment.STRETCH)))
    back = guarded(session, lambda: go("/"))
    return w.screen(t("agreement.child.title"), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="agreement-child-screen",
                    read_aloud=True)
