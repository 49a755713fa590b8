"""The safety scale's history (a chart and the latest ratings) and each child's own plan."""

from __future__ import annotations

from datetime import datetime

import flet as ft
import flet_charts as fch

from app import theme
from app.domain.safety import ChildList
from app.domain.safety_scale import SCALE_MAX, SCALE_MIN, SafetyRating, latest_by_person
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.words import ago_iso, day_words_iso, person
from app.i18n import plural, t
from app.views.text_size import sized

#: Line colours for people on the chart, in the order they first rated (all AA on white).
PERSON_COLOURS = ("#1B6E63", "#B5480E", "#5B3F99", "#1F5FA8", "#8A3B12", "#2E7D32")
HISTORY_LENGTH = 10


def scale_label(records: HouseholdRecords, ratings: list[SafetyRating]) -> str:
    """What the chart shows, in words, for screen readers and tests."""
    if not ratings:
        return t("hub.scale.chart_empty")
    latest = ratings[-1]
    return plural(len(ratings), "hub.scale.chart",
                  name=person(records, latest.created_by), score=latest.score)


def scale_chart(records: HouseholdRecords, ratings: list[SafetyRating]) -> ft.Control:
    """A line per person over time (oldest left), 0 at the bottom and 10 at the top."""
    people: dict[str, list[fch.LineChartDataPoint]] = {}
    for index, rating in enumerate(ratings):
        people.setdefault(rating.created_by, []).append(fch.LineChartDataPoint(
            index, rating.score, tooltip=f"{person(records, rating.created_by)}: {rating.score}"))
    colours = {who: PERSON_COLOURS[n % len(PERSON_COLOURS)] for n, who in enumerate(people)}
    chart = fch.LineChart(
        data_series=[fch.LineChartData(points=points, color=colours[who], stroke_width=3,
                                       point=fch.ChartCirclePoint(radius=6, color=colours[who]))
                     for who, points in people.items()],
        min_y=SCALE_MIN, max_y=SCALE_MAX, min_x=-0.5, max_x=max(len(ratings) - 0.5, 0.5),
        left_axis=fch.ChartAxis(labels=[fch.ChartAxisLabel(value=v, label=ft.Text(str(v),
                                                                                  size=sized(13)))
                                        for v in (0, 5, 10)], label_size=sized(28)),
        bottom_axis=fch.ChartAxis(show_labels=False),
        horizontal_grid_lines=fch.ChartGridLines(interval=5, color=frame.BORDER, width=1),
        vertical_grid_lines=fch.ChartGridLines(interval=1, color="#00000000", width=0),
        border=ft.Border.all(1, frame.BORDER), interactive=True, height=180,
    )
    key: list[ft.Control] = [ft.Row([ft.Icon(ft.Icons.CIRCLE, size=12, color=colours[who]),
                   ft.Text(person(records, who), size=sized(14))], spacing=4, tight=True)
           for who in people]
    return ft.Column([
        ft.Semantics(label=scale_label(records, ratings), exclude_semantics=True,
                     identifier="hub-scale-chart", content=ft.Container(chart, height=190)),
        ft.Row(key, wrap=True, spacing=12),
    ], spacing=6)


def latest_note(records: HouseholdRecords, rating: SafetyRating, now: datetime) -> str:
    """When someone's latest rating was made; for someone taken off the household since, that
    it was before (it no longer says how home is for them)."""
    when = ago_iso(rating.created_at, now)
    member = records.members.get(rating.created_by)
    if member is None or member.active:
        return when
    return f"{when} · {t('hub.scale.before_left', name=person(records, member.id))}"


def scale_card(records: HouseholdRecords, now: datetime) -> ft.Control:
    """Everyone's latest rating, the chart over time, and the last few ratings with reasons."""
    ratings = records.ratings
    if not ratings:
        return frame.card(t("hub.scale.title"), [frame.empty(t("hub.scale.none"))])
    latest = sorted(latest_by_person(ratings).values(), key=lambda r: r.created_at, reverse=True)
    rows: list[ft.Control] = [
        frame.line(t("hub.scale.latest", name=person(records, r.created_by), score=r.score),
                   note=latest_note(records, r, now), bold=True)
        for r in latest
    ]
    rows.append(scale_chart(records, ratings))
    rows.append(ft.Text(t("hub.scale.history"), size=sized(15), weight=ft.FontWeight.W_600))
    for rating in reversed(ratings[-HISTORY_LENGTH:]):
        words = t("hub.scale.line", name=person(records, rating.created_by), score=rating.score)
        if rating.reason:
            words += f": “{rating.reason}”"
        rows.append(frame.line(words, note=ago_iso(rating.created_at, now)))
    return frame.card(t("hub.scale.title"), rows, identifier="hub-scale")


def child_plan_cards(records: HouseholdRecords) -> list[ft.Control]:
    """Each child's own plan: trusted adults with numbers, warning signs, calm ideas, places."""
    cards: list[ft.Control] = []
    for plan in records.child_plans:
        rows: list[ft.Control] = []
        child = records.members.get(plan.child_id)
        if child is not None and not child.active:
            # kept as it was: the adults and places may no longer be this child's
            rows.append(frame.line(t("hub.child_plan.child_left", name=person(records, child.id)),
                                   colour=theme.MUTED))
        for adult in plan.adults():
            who = f"{adult.name} ({adult.relation})" if adult.relation else adult.name
            rows.append(frame.line(who, note=adult.phone))
        # A trusted adult taken off, by whom and when: a child's way to help does not just
        # go quiet (a parent may take anyone off; the worker sees that it happened).
        for adult in plan.trusted_adults:
            if not adult.shown:
                who = f"{adult.name} ({adult.relation})" if adult.relation else adult.name
                rows.append(frame.line(t("hub.child_plan.removed", who=who,
                                         by=person(records, adult.removed_by or ""),
                                         day=day_words_iso(adult.removed_at)),
                                       note=adult.phone, colour=theme.MUTED))
        for kind in ChildList:
            items = plan.items(kind)
            if items:
                rows.append(frame.line(t(f"hub.child_plan.{kind.value}"),
                                       note=" · ".join(point.text for point in items)))
        cards.append(frame.card(
            t("hub.child_plan.title", name=person(records, plan.child_id)),
            rows or [frame.empty(t("hub.child_plan.empty"))], bgcolor=theme.SURFACE))
    return cards
