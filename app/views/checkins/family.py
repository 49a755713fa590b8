"""What the grown-ups see: each child's two-week strip, a chart of "how big", and notes.

Parents and the worker read children's check-ins; a parent writes what they did in
response (a note of its own, linked to the check-in; the check-in never changes).
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import flet_charts as fch

from app import theme
from app.domain.checkins import SIZE_MAX, SIZE_MIN, CheckIn, ResponseNote
from app.domain.people import Member, Role
from app.i18n import plural, t
from app.services.checkins import checkins_for
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.checkins.parts import (
    feeling_strip,
    feeling_word,
    name_of,
    service,
    size_word,
    when_words,
)
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized
from app.views.way_back import go_back

#: How many check-ins the chart and the list show, newest last.
CHART_LENGTH = 30
LIST_LENGTH = 10
LINE = "#1B6E63"


def _children(household: HouseholdService) -> list[Member]:
    return [m for m in household.members() if m.role is Role.CHILD]


@ft.component
@signed_in_only
def FamilyFeelingsScreen() -> ft.Control:
    """How everyone is feeling: a card per child, and the parent's own check-ins."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    checkins = service(session)
    body: list[ft.Control] = []
    if me.role is Role.CHILD:
        go("/")
        return ft.Container()
    if me.role is Role.PARENT:
        body += [
            w.primary(t("checkins.me.button"), guarded(session, lambda: go("/checkins/me"))),
            w.secondary(t("checkins.feel.button"), guarded(session, lambda: go("/checkins/new"))),
        ]
    kids = _children(household)
    if not kids:
        body.append(w.para(t("checkins.family.no_children"), muted=True))
    for kid in kids:
        seen = checkins.checkins_of(me, kid.id)
        latest = (t("checkins.family.latest", feeling=feeling_word(seen[-1].feeling),
                    size=size_word(seen[-1].size).lower(), when=when_words(seen[-1].created_at))
                  if seen else t("checkins.family.none_yet"))
        body.append(ft.Container(ft.Column([
            ft.Row([w.picture(kid.avatar.value, 44),
                    ft.Column([ft.Text(kid.name, size=sized(20), weight=ft.FontWeight.BOLD),
                               ft.Text(latest, size=sized(15), color=theme.MUTED)],
                              spacing=2, expand=True)]),
            feeling_strip(checkins.strip(me, kid.id)),
            w.secondary(t("checkins.family.open", name=kid.name),
                        guarded(session, lambda k=kid: go(f"/checkins/child/{k.id}"))),
        ], spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            bgcolor=theme.SURFACE, border_radius=16, padding=14,
            border=ft.Border.all(1, "#E2DBD2")))
    if me.role is Role.WORKER:
        body += _carers_for_worker(household, me)
    return w.screen(t("checkins.family.title"), body,
                    on_back=guarded(session, lambda: go_back(session, "/checkins")),
                    on_lock=guarded(session, session.lock), identifier="checkins-family-screen")


def _carers_for_worker(household: HouseholdService, worker: Member) -> list[ft.Control]:
    carer = checkins_for(household).carer_checkins(worker)
    lines: list[ft.Control] = [w.section(t("checkins.carers.title"))]
    if not carer:
        return [*lines, w.para(t("checkins.carers.none"), muted=True)]
    latest: dict[str, int] = {}
    support: dict[str, bool] = {}
    for checkin in carer:
        latest[checkin.created_by] = checkin.score
        support[checkin.created_by] = checkin.needs_support
    for member_id, score in latest.items():
        key = "checkins.carers.low" if support[member_id] else "checkins.carers.ok"
        lines.append(w.para(t(key, name=name_of(household, member_id), score=score)))
    return lines


def size_chart(checkins: list[CheckIn]) -> ft.Control:
    """"How big" over time, oldest left, 1 at the bottom and 5 at the top."""
    shown = checkins[-CHART_LENGTH:]
    points = [fch.LineChartDataPoint(n, c.size, tooltip=f"{feeling_word(c.feeling)}: "
                                                        f"{size_word(c.size)}")
              for n, c in enumerate(shown)]
    chart = fch.LineChart(
        data_series=[fch.LineChartData(points=points, color=LINE, stroke_width=3,
                                       point=fch.ChartCirclePoint(radius=7, color=LINE))],
        min_y=SIZE_MIN - 0.3, max_y=SIZE_MAX + 0.3,
        min_x=-0.5, max_x=max(len(shown) - 0.5, 0.5),
        left_axis=fch.ChartAxis(labels=[
            fch.ChartAxisLabel(value=v, label=ft.Text(str(v), size=sized(14)))
            for v in range(SIZE_MIN, SIZE_MAX + 1)], label_size=sized(24)),
        bottom_axis=fch.ChartAxis(show_labels=False),
        horizontal_grid_lines=fch.ChartGridLines(interval=1, color="#E2DBD2", width=1),
        vertical_grid_lines=fch.ChartGridLines(interval=1, color="#00000000", width=0),
        border=ft.Border.all(1, "#E2DBD2"),
        interactive=True,
        height=180,
    )
    label = (plural(len(shown), "checkins.chart.label",
                    latest=shown[-1].size) if shown else t("checkins.chart.empty"))
    return ft.Column([
        ft.Semantics(label=label, exclude_semantics=True, identifier="checkins-chart",
                     content=ft.Container(chart, height=190)),
        w.para(t("checkins.chart.how_to_read"), size=14, muted=True),
    ], spacing=6)


@ft.component
@signed_in_only
def NoteLine(checkin_id: str, on_saved: Callable[[], None] | None = None,
             key: str | None = None) -> ft.Control:
    """A box and a button for "What I did" under one check-in."""
    session = use_session()
    text, set_text = ft.use_state("")
    error, set_error = ft.use_state("")

    def add() -> None:
        try:
            service(session).add_note(session.require_member(), checkin_id, text)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_text("")
        set_error("")
        if on_saved is not None:
            on_saved()

    return ft.Column([
        w.text_field(t("checkins.note.label"), text, set_text, max_length=300,
                     helper=t("checkins.note.helper"),
                     on_submit=guarded(session, add)),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("checkins.note.save"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _checkin_card(household: HouseholdService, checkin: CheckIn, notes: list[ResponseNote],
                  extra: list[ft.Control]) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Row([w.picture(checkin.feeling.value, 40),
                ft.Column([ft.Text(f"{feeling_word(checkin.feeling)}, "
                                   f"{size_word(checkin.size).lower()}", size=sized(18),
                                   weight=ft.FontWeight.W_600),
                           ft.Text(when_words(checkin.created_at), size=sized(14),
                                   color=theme.MUTED)],
                          spacing=2, expand=True)]),
    ]
    if checkin.reasons:
        lines.append(w.para(t("checkins.card.why", why=", ".join(
            t(f"checkins.why.{r.value}").lower() for r in checkin.reasons)), size=16))
    if checkin.words:
        lines.append(w.para(f"“{checkin.words}”", size=16))
    if checkin.helps:
        lines.append(w.para(t("checkins.card.help", help=", ".join(
            t(f"checkins.help.{h.value}").lower() for h in checkin.helps)), size=16))
    for note in notes:
        lines.append(ft.Container(w.para(t("checkins.note.line", name=name_of(
            household, note.created_by), text=note.text), size=15), bgcolor=theme.OK_BG,
            border_radius=10, padding=8))
    lines += extra
    return ft.Container(ft.Column(lines, spacing=6,
                                  horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                        bgcolor=ft.Colors.with_opacity(0.35, checkin.feeling.colour),
                        border_radius=14, padding=12, border=ft.Border.all(1, "#E2DBD2"))


@ft.component
@signed_in_only
def ChildFeelingsScreen() -> ft.Control:
    """One child's feelings: the strip, the chart, and recent check-ins with notes."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    version, set_version = ft.use_state(0)
    child_id = ft.use_route_params().get("child_id", "")
    checkins = service(session)
    back = guarded(session, lambda: go("/checkins"))
    try:
        child = household.member(child_id)
    except KeyError:
        return w.screen(t("checkins.missing"), [w.para(t("checkins.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="checkins-child-screen")
    seen = checkins.checkins_of(me, child.id)
    notes = checkins.notes(me, child.id)
    body: list[ft.Control] = [
        w.section(t("checkins.child.strip")),
        feeling_strip(checkins.strip(me, child.id)),
        w.section(t("checkins.child.chart")),
        size_chart(seen),
        w.section(t("checkins.child.recent")),
    ]
    if not seen:
        body.append(w.para(t("checkins.family.none_yet"), muted=True))
    for checkin in reversed(seen[-LIST_LENGTH:]):
        extra: list[ft.Control] = []
        if me.role is Role.PARENT:
            extra.append(NoteLine(checkin.id, lambda: set_version(version + 1),
                                  key=f"note-{checkin.id}"))
        body.append(_checkin_card(household, checkin, notes.get(checkin.id, []), extra))
    return w.screen(t("checkins.child.title", name=child.name), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="checkins-child-screen")
