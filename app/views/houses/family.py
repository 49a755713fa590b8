"""The grown-ups' side of the Three Houses, and each child's houses over time.

A parent sees only what each child chose to show; the worker, on the family's device, sees the
same (what a child kept for them is sealed and opens only at the agency). Looking back, the
worker, with the child, turns a worry or a dream into a step of the family's safety plan, and
the step quotes the child.
"""

from __future__ import annotations

from datetime import date

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.programme.three_houses import House, HouseItem, may_make_step
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import date_words
from app.views.houses.child import child_houses
from app.views.houses.meeting import meeting_part
from app.views.houses.parts import ROUTE, house_box, item_card, service
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized


def _children(session: Session) -> list[Member]:
    return [m for m in session.require_service().members() if m.role is Role.CHILD]


def _day(day: str) -> str:
    return date_words(date.fromisoformat(day))


def _child_part(session: Session, me: Member, child: Member) -> list[ft.Control]:
    houses = service(session)
    times = houses.history(me, child.id)
    part: list[ft.Control] = [ft.Row([w.picture(child.avatar.value, 40), ft.Semantics(
        header=True, content=ft.Text(t("houses.family.child", name=child.name), size=sized(21),
                                     weight=ft.FontWeight.BOLD, color=theme.TEXT))],
        spacing=10)]
    if not times:
        part.append(w.para(t("houses.family.none", name=child.name), muted=True))
    else:
        latest = times[0]
        part.append(w.para(t("houses.family.latest", day=_day(latest.day)), muted=True))
        for house in House:
            inside = latest.in_house(house)
            if inside:
                part.append(house_box(house, t(f"houses.house.{house.value}"),
                                      [item_card(i) for i in inside]))
        part.append(w.link(t("houses.family.history", name=child.name), guarded(
            session, lambda c=child: go(f"{ROUTE}/child/{c.id}"))))
    part += meeting_part(session, me, child)
    return [ft.Semantics(identifier=f"houses-child-{child.id}", container=True,
                         content=ft.Column(part, spacing=10,
                                           horizontal_alignment=ft.CrossAxisAlignment.STRETCH))]


@ft.component
@signed_in_only
def HousesScreen() -> ft.Control:
    """A child's own houses; for a grown-up, what each child showed them."""
    session = use_session()
    me = session.require_member()
    if me.role is Role.CHILD:
        return child_houses(session)
    intro = "houses.family.intro.worker" if me.role is Role.WORKER else "houses.family.intro.parent"
    body: list[ft.Control] = [w.para(t(intro))]
    for child in _children(session):
        body += _child_part(session, me, child)
    return w.screen(t("houses.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="houses-family-screen")


@ft.component
@signed_in_only
def PlanStep(item: HouseItem, child: Member, key: str | None = None) -> ft.Control:
    """The worker's "Make it a safety plan step": what needs to happen, quoting the child."""
    session = use_session()
    open_, set_open = ft.use_state(False)
    what, set_what = ft.use_state("")
    error, set_error = ft.use_state("")
    done, set_done = ft.use_state(bool(item.plan_step_id))

    def save() -> None:
        try:
            service(session).make_plan_step(session.require_member(), item.id, what)
        except (InvalidInput, NotAllowed, KeyError) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_done(True)

    if done:
        return w.message(t("houses.step.saved", name=child.name) if not item.plan_step_id
                         else t("houses.history.in_plan"), kind="ok")
    if not open_:
        return w.secondary(t("houses.step.make"), guarded(session, lambda: set_open(True)))
    return ft.Column([
        w.text_field(t("houses.step.what"), what, set_what, max_length=300),
        *([w.message(error)] if error else []),
        w.primary(t("houses.step.save"), guarded(session, save)),
    ], spacing=8)


@ft.component
@signed_in_only
def HistoryScreen() -> ft.Control:
    """A child's houses over time, newest first; the worker can make plan steps here."""
    session = use_session()
    me = session.require_member()
    child_id = ft.use_route_params().get("child_id", "")
    child = next((c for c in _children(session) if c.id == child_id), None)
    back = guarded(session, lambda: go(ROUTE))
    if child is None or (me.role is Role.CHILD and me.id != child_id):
        return w.screen(t("houses.title"), [w.para(t("houses.grown_ups_only"))],
                        on_back=back, identifier="houses-history-screen")
    body: list[ft.Control] = []
    times = service(session).history(me, child.id)
    if not times:
        body.append(w.para(t("houses.history.none"), muted=True))
    for sitting in times:
        body.append(ft.Semantics(header=True, content=ft.Text(
            _day(sitting.day), size=sized(20), weight=ft.FontWeight.BOLD, color=theme.TEXT)))
        for house in House:
            inside = sitting.in_house(house)
            if not inside:
                continue
            cards: list[ft.Control] = []
            for item in inside:
                footer: list[ft.Control] = []
                if house is not House.GOOD and may_make_step(me):
                    footer.append(PlanStep(item, child, key=f"step-{item.id}"))
                elif item.plan_step_id:
                    footer.append(w.para(t("houses.history.in_plan"), size=15, muted=True))
                cards.append(item_card(item, footer=footer))
            words = (f"houses.child.house.{house.value}" if me.role is Role.CHILD
                     else f"houses.house.{house.value}")
            body.append(house_box(house, t(words), cards))
    title = t("houses.history.title", name=child.name)
    return w.screen(title, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier="houses-history-screen", read_aloud=me.role is Role.CHILD)
