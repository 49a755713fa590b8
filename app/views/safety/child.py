"""A child's own safety plan, as the grown-ups write it with the child."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.safety import ChildList
from app.domain.safety_child import ChildSafetyPlan, TrustedAdult
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.services.safety import SafetyService
from app.views import widgets as w
from app.views.safety.parts import (
    AddLine,
    empty_line,
    in_wales,
    points_list,
    problem_words,
    remove_button,
    safety_of,
    section_card,
)
from app.views.state import Session, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height

#: The picture beside each list of a child's plan.
LIST_PICTURES = {
    ChildList.WARNING_SIGNS: "worried",
    ChildList.CALM_IDEAS: "calm",
    ChildList.SAFE_PLACES: "home",
}


def adult_row(adult: TrustedAdult, *, on_remove: Callable[..., object] | None = None,
              big: bool = False) -> ft.Control:
    """A trusted adult with their number and a button that offers to call it."""
    words: list[ft.Control] = [
        ft.Text(adult.name, size=sized(22 if big else 18), weight=ft.FontWeight.BOLD,
                color=theme.TEXT),
    ]
    if adult.relation:
        words.append(ft.Text(adult.relation, size=sized(17 if big else 15), color=theme.MUTED))
    words.append(ft.Text(adult.phone, size=sized(20 if big else 17), color=theme.TEXT,
                         weight=ft.FontWeight.W_600))
    actions: list[ft.Control] = [
        ft.FilledButton(t("safety.help.call", name=adult.name), icon=ft.Icons.CALL,
                        url=adult.tel, height=tap_height(theme.TAP),
                        style=ft.ButtonStyle(text_style=ft.TextStyle(size=sized(18)))),
    ]
    if on_remove is not None:
        actions.append(remove_button(t("safety.remove_named", text=adult.name), on_remove))
    return ft.Container(
        ft.Column([
            ft.Row([w.picture("hug", 48 if big else 36), ft.Column(words, spacing=2, expand=True)],
                   vertical_alignment=ft.CrossAxisAlignment.START),
            ft.Row(actions, wrap=True, spacing=8),
        ], spacing=8),
        bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, "#E2DBD2"),
    )


@ft.component
@signed_in_only
def ChildPlanScreen() -> ft.Control:
    """One child's plan for a parent or the worker: trusted adults and the three lists."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    safety = safety_of(session)
    child_id = ft.use_route_params().get("child_id", "")
    version, set_version = ft.use_state(0)
    error, set_error = ft.use_state("")
    try:
        child: Member | None = household.member(child_id)
    except KeyError:
        child = None
    if child is None or child.role is not Role.CHILD or not child.active:
        return w.screen(t("safety.child.missing"), [w.para(t("safety.child.missing_body"))],
                        on_back=guarded(session, lambda: go("/safety")),
                        on_lock=guarded(session, session.lock), identifier="safety-child-screen")
    try:
        plan = safety.child_plan(me, child.id)
    except NotAllowed:
        return w.screen(t("safety.title"), [w.para(t("safety.grown_ups_only"))],
                        on_back=guarded(session, lambda: go("/")),
                        on_lock=guarded(session, session.lock), identifier="safety-child-screen")

    def changed() -> None:
        set_error("")
        set_version(version + 1)

    def attempt(change: Callable[[], object]) -> None:
        try:
            change()
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        changed()

    def remove_adult(adult_id: str) -> Callable[..., object]:
        return guarded(session, lambda: attempt(
            lambda: safety.remove_trusted_adult(me, child.id, adult_id)))

    adults: list[ft.Control] = [adult_row(a, on_remove=remove_adult(a.id)) for a in plan.adults()]
    if not adults:
        adults.append(empty_line(t("safety.child.adults.empty")))
    adults.append(AddAdult(safety, me, child.id, changed, key="add-adult"))
    body: list[ft.Control] = [w.para(t("safety.child.intro", name=child.name), muted=True)]
    if error:
        body.append(w.message(error))
    body.append(section_card("hug", t("safety.child.adults.title"), adults,
                             subtitle=t("safety.child.adults.hint", name=child.name)))
    body += [_list_card(session, safety, me, plan, kind, attempt, changed) for kind in ChildList]
    body.append(_print_button(session, plan, child))
    return w.screen(t("safety.child.title", name=child.name), body,
                    on_back=guarded(session, lambda: go("/safety")),
                    on_lock=guarded(session, session.lock), identifier="safety-child-screen")


def _list_card(session: Session, safety: SafetyService, me: Member, plan: ChildSafetyPlan,
               kind: ChildList, attempt: Callable[[Callable[[], object]], None],
               changed: Callable[[], None]) -> ft.Control:
    household = session.require_service()

    def add(text: str) -> None:
        safety.add_child_item(me, plan.child_id, kind, text)
        changed()

    def remove(item_id: str) -> None:
        attempt(lambda: safety.remove_child_item(me, plan.child_id, kind, item_id))

    return section_card(LIST_PICTURES[kind], t(f"safety.child.{kind.value}.title"), [
        *points_list(household, plan.items(kind), t(f"safety.child.{kind.value}.empty"),
                     on_remove=remove),
        AddLine(t(f"safety.child.{kind.value}.add_label"), t("safety.child.add"), add,
                key=f"add-{kind.value}"),
    ], subtitle=t(f"safety.child.{kind.value}.hint"))


@ft.component
def AddAdult(safety: SafetyService, me: Member, child_id: str, on_added: Callable[[], None],
             key: str | None = None) -> ft.Control:
    """The form for a trusted adult: name, who they are, phone number (``key``: Flet's)."""
    session = use_session()
    name, set_name = ft.use_state("")
    relation, set_relation = ft.use_state("")
    phone, set_phone = ft.use_state("")
    error, set_error = ft.use_state("")

    def add() -> None:
        try:
            safety.add_trusted_adult(me, child_id, name, relation, phone)
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        for setter in (set_name, set_relation, set_phone, set_error):
            setter("")
        on_added()

    return ft.Column([
        w.para(t("safety.child.adults.add_intro"), size=16, bold=True),
        w.text_field(t("safety.child.adults.name"), name, set_name, max_length=40),
        w.text_field(t("safety.child.adults.relation"), relation, set_relation, max_length=40,
                     helper=t("safety.child.adults.relation_help")),
        w.text_field(t("safety.child.adults.phone"), phone, set_phone, phone=True,
                     max_length=20, helper=t("safety.child.adults.phone_help")),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("safety.child.adults.add"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _print_button(session: Session, plan: ChildSafetyPlan, child: Member) -> ft.Control:
    """The child's plan as a large-print poster with pictures, made when fetched."""

    def poster() -> bytes:
        from app.reports import child_plan_poster  # the PDF library loads only when asked

        made = datetime.fromtimestamp(session.clock(), UTC)
        return child_plan_poster(plan, child.name, made, wales=wales)

    wales = in_wales(session)

    return w.download_button(t("safety.child.print", name=child.name), session.offer_download(
        f"safety-plan-{child.name}.pdf", "application/pdf", poster))
