"""The safety scale: everyone's latest rating, a chart over time, and the 0–10 picker.

A child under eight rates with five faces (each stands for a score on the same 0–10 scale);
older children and grown-ups tap a number. A child is told who will see what they say
before they say it: the worker sees their "Why?", the grown-ups at home only if the child
chooses so. A child's 0 to 3 is a sign of danger: it keeps an alert for the worker and shows
who can help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import flet as ft
import flet_charts as fch

from app import theme
from app.domain.people import Member, Role
from app.domain.safety_scale import (
    FACE_SCORES,
    SCALE_MAX,
    SCALE_MIN,
    SafetyRating,
    is_low,
    may_read_reason,
    uses_faces,
)
from app.i18n import plural, t
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.safety.parts import name_of, problem_words, safety_of, when_words
from app.views.state import go, guarded, keep_then_help, signed_in_only, use_session
from app.views.text_size import sized, tap_height, tile_width

#: Line colours for people on the chart, in the order they first rated (all AA on white).
PERSON_COLOURS = ("#1B6E63", "#B5480E", "#5B3F99", "#1F5FA8", "#8A3B12", "#2E7D32")
#: How many of the last ratings the history list shows.
HISTORY_LENGTH = 12


def face_for(score: int) -> str:
    """The feeling picture a child sees beside a score."""
    if score <= 2:
        return "scared"
    if score <= 5:
        return "worried"
    if score <= 8:
        return "calm"
    return "happy"


def chart_label(ratings: list[SafetyRating]) -> str:
    """What the chart shows, in words, for screen readers and tests."""
    if not ratings:
        return t("safety.chart.empty")
    return plural(len(ratings), "safety.chart.label",
                  latest=ratings[-1].score)


def scale_chart(household: HouseholdService, ratings: list[SafetyRating]) -> ft.Control:
    """A line per person over time (oldest left), 0 at the bottom and 10 at the top."""
    people: dict[str, list[fch.LineChartDataPoint]] = {}
    for index, rating in enumerate(ratings):
        people.setdefault(rating.created_by, []).append(
            fch.LineChartDataPoint(index, rating.score,
                                   tooltip=f"{name_of(household, rating.created_by)}: "
                                           f"{rating.score}"))
    series = [
        fch.LineChartData(points=points, color=PERSON_COLOURS[n % len(PERSON_COLOURS)],
                          stroke_width=3, point=fch.ChartCirclePoint(
                              radius=7, color=PERSON_COLOURS[n % len(PERSON_COLOURS)]))
        for n, points in enumerate(people.values())
    ]
    chart = fch.LineChart(
        data_series=series,
        min_y=SCALE_MIN, max_y=SCALE_MAX,
        min_x=-0.5, max_x=max(len(ratings) - 0.5, 0.5),
        left_axis=fch.ChartAxis(
            labels=[fch.ChartAxisLabel(value=v, label=ft.Text(str(v), size=sized(14)))
                    for v in (0, 5, 10)],
            label_size=sized(30)),  # room for "10" at the person's text size
        bottom_axis=fch.ChartAxis(show_labels=False),
        horizontal_grid_lines=fch.ChartGridLines(interval=5, color="#E2DBD2", width=1),
        vertical_grid_lines=fch.ChartGridLines(interval=1, color="#00000000", width=0),
        border=ft.Border.all(1, "#E2DBD2"),
        interactive=True,
        height=200,
    )
    key: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.CIRCLE, size=14, color=PERSON_COLOURS[n % len(PERSON_COLOURS)]),
                ft.Text(name_of(household, member_id), size=sized(15))], spacing=4, tight=True)
        for n, member_id in enumerate(people)
    ]
    return ft.Column([
        ft.Semantics(label=chart_label(ratings), exclude_semantics=True,
                     identifier="safety-chart", content=ft.Container(chart, height=210)),
        ft.Row(key, wrap=True, spacing=14),
        w.para(t("safety.chart.how_to_read"), size=14, muted=True),
    ], spacing=8)


@ft.component
@signed_in_only
def SafetyScaleScreen() -> ft.Control:
    """Each person's latest rating, the chart over time, and the button to rate."""
    session = use_session()
    household = session.require_service()
    safety = safety_of(session)
    ratings = safety.ratings()
    latest = safety.latest_ratings()
    body: list[ft.Control] = [
        w.para(t("safety.scale.intro"), muted=True),
        w.primary(t("safety.rate.button"), guarded(session, lambda: go("/safety/rate"))),
    ]
    if not ratings:
        body.append(w.para(t("safety.scale.none_yet")))
    else:
        body.append(w.section(t("safety.scale.latest")))
        for member_id, rating in sorted(latest.items(), key=lambda kv: kv[1].created_at,
                                        reverse=True):
            body.append(_rating_row(household, member_id, rating))
        body.append(w.section(t("safety.scale.over_time")))
        body.append(scale_chart(household, ratings))
        body.append(w.section(t("safety.scale.history")))
        for rating in reversed(ratings[-HISTORY_LENGTH:]):
            words = t("safety.scale.history_line", name=name_of(household, rating.created_by),
                      score=rating.score, day=when_words(rating.created_at))
            if rating.reason and _may_read(household, rating):
                words += f" — {rating.reason}"
            body.append(ft.Text(words, size=sized(15), color=theme.TEXT))
    return w.screen(t("safety.scale.title"), body,
                    on_back=guarded(session, lambda: go("/safety")),
                    on_lock=guarded(session, session.lock), identifier="safety-scale-screen")


def _may_read(household: HouseholdService, rating: SafetyRating) -> bool:
    try:
        author: Member | None = household.member(rating.created_by)
    except KeyError:
        author = None
    return may_read_reason(rating, author)


def _rating_row(household: HouseholdService, member_id: str, rating: SafetyRating
                ) -> ft.Control:
    try:
        avatar = household.member(member_id).avatar.value
    except KeyError:
        avatar = "person"
    badge = sized(52)  # grows with the words: at 200% a fixed 52 px cut a "10" in two
    score = ft.Container(
        ft.Text(str(rating.score), size=sized(24), weight=ft.FontWeight.BOLD, color="#FFFFFF"),
        bgcolor=theme.BRAND, width=badge, height=badge, border_radius=badge / 2,
        alignment=ft.Alignment.CENTER,
    )
    words: list[ft.Control] = [
        ft.Text(name_of(household, member_id), size=sized(17), weight=ft.FontWeight.W_600),
        ft.Text(t("safety.scale.out_of", score=rating.score, day=when_words(rating.created_at)),
                size=sized(14), color=theme.MUTED),
    ]
    if rating.reason and _may_read(household, rating):
        words.append(ft.Text(rating.reason, size=sized(15), color=theme.TEXT))
    return ft.Row([w.picture(avatar, 40), ft.Column(words, spacing=2, expand=True), score],
                  vertical_alignment=ft.CrossAxisAlignment.CENTER)


def _face_button(face: int, selected: bool, on_click: Callable[..., Any]) -> ft.Control:
    """One of five big faces for a young child; the label says it in words, not numbers."""
    return ft.Button(
        content=w.option(t(f"safety.rate.face.{face}"), ft.Column([
            w.picture(FACE_PICTURES[face], 52),
            ft.Text(t(f"safety.rate.face.{face}"), size=sized(15), color=theme.TEXT,
                    text_align=ft.TextAlign.CENTER),
        ], spacing=2, horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            alignment=ft.MainAxisAlignment.CENTER, tight=True), selected),
        on_click=on_click, width=tile_width(108), height=tap_height(112),
        style=ft.ButtonStyle(
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            shape=ft.RoundedRectangleBorder(radius=18),
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else "#C9C2B8"),
            padding=0,
        ),
    )


#: The five faces, from "not safe at all" to "very safe".
FACE_PICTURES = ("scared", "worried", "calm", "happy", "excited")


def _score_button(score: int, selected: bool, on_click: Callable[..., Any]) -> ft.Control:
    """A big button for one number, with a face for children who do not read numbers yet."""
    return ft.Button(
        content=w.option(
            t("safety.rate.score", score=score),
            ft.Column([
                w.picture(face_for(score), 34),
                ft.Text(str(score), size=sized(22), weight=ft.FontWeight.BOLD, color=theme.TEXT),
            ], spacing=2, horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                alignment=ft.MainAxisAlignment.CENTER, tight=True),
            selected,
        ),
        on_click=on_click,
        width=76, height=tap_height(88),
        style=ft.ButtonStyle(
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            shape=ft.RoundedRectangleBorder(radius=18),
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else "#C9C2B8"),
            padding=0,
        ),
    )


@ft.component
@signed_in_only
def RateScreen() -> ft.Control:
    """Rate how safe things feel, 0 to 10, with an optional reason (children too)."""
    session = use_session()
    me: Member = session.require_member()
    chosen, set_chosen = ft.use_state(cast(int | None, None))
    reason, set_reason = ft.use_state("")
    for_family, set_for_family = ft.use_state(False)
    error, set_error = ft.use_state("")
    child = me.role is Role.CHILD
    faces = uses_faces(me)
    back = "/" if child else "/safety/scale"

    def save() -> None:
        if chosen is None:
            set_error(t("safety.rate.choose_first_face" if faces else "safety.rate.choose_first"))
            return
        if child and is_low(chosen):  # a sign of danger goes on to help, always
            keep_then_help(session, lambda: safety_of(session).rate(
                me, chosen, reason, reason_for_family=for_family), "safety.rate.thanks_help")
            return
        try:
            safety_of(session).rate(me, chosen, reason, reason_for_family=for_family)
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        session.notice = t("safety.rate.thanks_child" if child else "safety.rate.thanks")
        go(back)

    if faces:
        buttons = [_face_button(n, FACE_SCORES[n] == chosen,
                                guarded(session, lambda n=n: set_chosen(FACE_SCORES[n])))
                   for n in range(len(FACE_SCORES))]
    else:
        buttons = [_score_button(n, n == chosen, guarded(session, lambda n=n: set_chosen(n)))
                   for n in range(SCALE_MIN, SCALE_MAX + 1)]
    intro = "safety.rate.faces_intro" if faces else (
        "safety.rate.child_intro" if child else "safety.rate.intro")
    body: list[ft.Control] = [
        w.para(t(intro), size=20 if child else 17),
        ft.Row([
            ft.Row([w.picture("scared", 28), ft.Text(t("safety.rate.low"), size=sized(15))],
                   spacing=6, tight=True),
            ft.Row([ft.Text(t("safety.rate.high"), size=sized(15)), w.picture("happy", 28)],
                   spacing=6, tight=True),
        ], alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
        ft.Row(buttons, wrap=True, spacing=10, run_spacing=10,
               alignment=ft.MainAxisAlignment.CENTER),
    ]
    if child:
        # Who will see it, said before the child says it.
        body += [
            w.para(t("safety.rate.who_sees_child"), size=17),
            w.text_field(t("safety.rate.reason_child"), reason, set_reason, max_length=300),
            w.tick_box(t("safety.rate.share_with_family"), for_family, set_for_family),
        ]
    else:
        body += [
            w.text_field(t("safety.rate.reason"), reason, set_reason, max_length=300),
            w.para(t("safety.rate.who_sees_adult"), size=15, muted=True),
        ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([w.primary(t("safety.rate.save"), guarded(session, save))]))
    return w.screen(t("safety.rate.child_title" if child else "safety.rate.title"), body,
                    on_back=guarded(session, lambda: go(back)),
                    on_lock=guarded(session, session.lock), identifier="safety-rate-screen",
                    read_aloud=child)
