"""The parts of a visit in progress, one card each, in the order the worker chose.

Each card says what there is to talk about (from the records, in plain words) and has a box
for the worker's note. "Since last visit" is worked out from what was recorded after the
last visit ended. Safety alerts are never mentioned here: the family looks at this screen
with the worker (rule 7), and the worker has their own list of alerts. Children's cards say
who was seen alone and let a child tell the worker something in pictures or words, sealed for
the agency.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.programme.visits import AgendaItem, Visit, VisitAction
from app.domain.records import local_day
from app.i18n import plural, t
from app.services.visits import SinceLastVisit, visits_for
from app.views import widgets as w
from app.views.chores.parts import date_words, heading
from app.views.state import CHILD_AT_VISIT_ROUTE, Session, go, guarded
from app.views.text_size import sized
from app.views.way_back import open_from

#: Where each part of the agenda can be looked at together, on the family's own screens.
OPEN_ROUTES: dict[AgendaItem, tuple[str, str]] = {
    AgendaItem.SAFETY: ("/safety", "visits.open.safety"),
    AgendaItem.AGREEMENT: ("/agreement", "visits.open.agreement"),
    AgendaItem.CARER: ("/checkins", "visits.open.carer"),
    AgendaItem.STRENGTHS: ("/strengths", "visits.open.strengths"),
}


def since_lines(since: SinceLastVisit, names: dict[str, str]) -> list[ft.Control]:
    """What happened since the last visit, a line each, from the records."""
    lines: list[str] = [t("visits.since.first") if since.since is None else t(
        "visits.since.from", day=date_words(date.fromisoformat(local_day(since.since))))]
    for child, feelings in since.checkins.items():
        counts = ", ".join(f"{t(f'checkins.feeling.{f}').lower()} {n}"
                           for f, n in feelings.most_common())
        lines.append(t("visits.since.checkins", name=names.get(child, "?"), counts=counts))
    for rating in since.low_ratings:
        lines.append(t("visits.since.low", name=names.get(rating.created_by, "?"),
                       score=rating.score))
    for key, count in (("ratings", since.ratings), ("strengths", since.strengths),
                       ("chores", since.chores_done), ("rituals", since.rituals_done),
                       ("circles", since.circles), ("diary", since.diary_shared)):
        if count:
            lines.append(plural(count, f"visits.since.{key}"))
    if since.agreed_last_time:
        lines.append(t("visits.since.agreed"))
        lines += [f"{action.what} ({note})" if (note := action_note(action)) else action.what
                  for action in since.agreed_last_time]
    return [w.para(line, size=16) for line in lines]


def action_note(action: VisitAction) -> str:
    """Who does an action and by when, in words ("Jo · Friday 22 January"); a day that
    cannot be read (a visit synced from another device) is left out."""
    try:
        due = date_words(date.fromisoformat(action.due)) if action.due else ""
    except (TypeError, ValueError):
        due = ""
    return " · ".join(part for part in (action.who, due) if part)


def children_part(session: Session, visit: Visit, members: list[Member],
                  attempt: Callable[[Callable[[Visit], Visit]], None],
                  linked: bool) -> list[ft.Control]:
    """Each child present: seen alone or not, and a way for them to tell the worker.

    A child is asked to tell the worker something only on a phone ``linked`` to the agency:
    their words are sealed with its key, and a child who has just confided must not be told
    their words could not be kept. On a phone not linked, the worker is told why instead.
    """
    rows: list[ft.Control] = []

    def seen_alone(child: Member, on: bool) -> None:
        guarded(session, lambda: attempt(lambda v: v.with_seen_alone(child, on)))()

    for child in (m for m in members if m.role is Role.CHILD and m.id in visit.present):
        alone = child.id in visit.seen_alone
        rows += [
            ft.Row([w.picture(child.avatar.value, 40),
                    ft.Text(child.name, size=sized(18), weight=ft.FontWeight.W_600, expand=True)]),
            w.tick_box(t("visits.children.alone", name=child.name), alone,
                       partial(seen_alone, child)),
            *([w.secondary(t("visits.children.hear", name=child.name), guarded(
                session, lambda c=child: go(f"{CHILD_AT_VISIT_ROUTE}/{c.id}")))] if linked else []),
        ]
    if rows and not linked:
        rows.append(w.message(t("visits.children.not_linked"), kind="warn"))
    return rows or [w.para(t("visits.children.none"), muted=True)]


def action_rows(visit: Visit, attempt: Callable[[Callable[[Visit], Visit]], None],
                session: Session) -> list[ft.Control]:
    """The actions agreed so far, each with who and by when, and a way to take one back."""
    rows: list[ft.Control] = []
    for action in visit.actions:
        note = action_note(action)
        # keyed by the action: a second tap in the same burst finds its button gone, not the
        # next action's button moved up into its place; and one that still reaches an action
        # already taken back does nothing
        rows.append(ft.Row([
            ft.Column([ft.Text(action.what, size=sized(17), color=theme.TEXT),
                       *([ft.Text(note, size=sized(14), color=theme.MUTED)] if note else [])],
                      spacing=2, expand=True),
            w.link(t("visits.actions.remove"), guarded(session, partial(
                attempt, partial(_take_back, action.id))),
                   name=t("visits.actions.remove.for", what=action.what)),
        ], key=f"action-{action.id}"))
    return rows or [w.para(t("visits.actions.none"), muted=True)]


def _take_back(action_id: str, visit: Visit) -> Visit:
    """The visit without this action; as it was if the action has gone already."""
    if not any(action.id == action_id for action in visit.actions):
        return visit
    return visit.without_action(action_id)


def item_card(item: AgendaItem, position: int, count: int, body: list[ft.Control],
              move: Callable[[int], None], session: Session) -> ft.Control:
    """One part of the agenda, with its place in the order and buttons to move it."""
    movers: list[ft.Control] = []
    for step, icon, key in ((-1, ft.Icons.ARROW_UPWARD, "visits.move_up"),
                            (1, ft.Icons.ARROW_DOWNWARD, "visits.move_down")):
        if 0 <= position + step < count:
            name = t(key, item=t(f"visits.item.{item.value}"))
            movers.append(ft.IconButton(
                # the name goes on the icon: a tooltip's words would also join the card's
                icon=ft.Icon(icon, semantics_label=name),
                on_click=guarded(session, lambda step=step: move(step)),
                width=theme.TAP, height=theme.TAP))
    return ft.Semantics(identifier=f"visit-{item.value}", key=f"visit-{item.value}",
                        container=True, content=ft.Container(
        ft.Column([ft.Row([ft.Container(heading(t(f"visits.item.{item.value}")), expand=True),
                           *movers]), *body], spacing=10,
                  horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, "#E2DBD2")))


def opener(session: Session, item: AgendaItem) -> list[ft.Control]:
    """A way to open the family's own screen for this part, to look at it together."""
    if item not in OPEN_ROUTES:
        return []
    route, label = OPEN_ROUTES[item]
    return [w.secondary(t(label), guarded(session, lambda: open_from(session, route, "/visit")))]


def since_for(session: Session, me: Member) -> SinceLastVisit:
    """Since the last visit, for the worker signed in."""
    return visits_for(session.require_service()).since_last_visit(me)
