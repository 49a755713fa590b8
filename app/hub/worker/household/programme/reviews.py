"""The family's monthly reviews: its goals and the safety scale month on month, then each review.

The chart draws a line for each of the family's goals (0 to 10) and one for the safety scale:
the lowest rating anyone gave that month, because a child's low rating must not be averaged
away (a child's safety comes first). The chart is painted, so a sentence says what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence

import flet as ft
import flet_charts as fch

from app import theme
from app.domain.programme.reviews import (
    GOAL_MAX,
    GOAL_MIN,
    Review,
    School,
    goal_names,
    goal_series,
)
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import Unreadable, section_page, use_household
from app.hub.worker.household.programme.printing import PrintReview
from app.hub.worker.household.scale import PERSON_COLOURS
from app.hub.worker.words import day_words_iso, month_words, person, short_month_words
from app.i18n import plural, t
from app.views.text_size import sized

SAFETY_COLOUR = "#B3261E"
REVIEWS_SHOWN = 12
CHART_MONTHS = 12


def safety_series(reviews: list[Review]) -> list[int | None]:
    """The lowest safety-scale rating recorded in each review's month (None: nobody rated)."""
    return [min(review.figures.safety.values()) if review.figures.safety else None
            for review in reviews]


def _change(scores: Sequence[int | None]) -> str:
    known = [score for score in scores if score is not None]
    if not known:
        return t("hub.reviews.chart_unrated")
    if len(known) == 1:
        return str(known[0])
    return t("hub.reviews.chart_change", first=known[0], last=known[-1])


def review_chart_label(reviews: list[Review]) -> str:
    """What the chart shows, in words: the months, then each line from its first to last."""
    if not reviews:
        return t("hub.reviews.chart_empty")
    lines = [t("hub.reviews.chart_line", what=goal.label, change=_change(goal.scores))
             for goal in goal_series(reviews)]
    lines.append(t("hub.reviews.chart_line", what=t("hub.reviews.safety_line"),
                   change=_change(safety_series(reviews))))
    first, last = month_words(reviews[0].month), month_words(reviews[-1].month)
    months = (t("hub.reviews.chart_one", month=first) if len(reviews) == 1
              else t("hub.reviews.chart_months", count=len(reviews), first=first, last=last))
    return f"{months} " + "; ".join(lines) + "."


def _points(what: str, scores: Sequence[int | None]) -> list[fch.LineChartDataPoint]:
    return [fch.LineChartDataPoint(x, score, tooltip=f"{what}: {score}")
            for x, score in enumerate(scores) if score is not None]


def review_chart(reviews: list[Review]) -> ft.Control:
    """Goals and the safety scale month on month (oldest left), 0 at the bottom, 10 at the top."""
    goals = goal_series(reviews)  # a line and a colour for each goal, never for its words
    colours = {goal.goal_id: PERSON_COLOURS[n % len(PERSON_COLOURS)]
               for n, goal in enumerate(goals)}
    series = [fch.LineChartData(points=_points(goal.label, goal.scores),
                                color=colours[goal.goal_id], stroke_width=3,
                                point=fch.ChartCirclePoint(radius=5, color=colours[goal.goal_id]))
              for goal in goals]
    safety = _points(t("hub.reviews.safety_line"), safety_series(reviews))
    if safety:
        series.append(fch.LineChartData(
            points=safety, color=SAFETY_COLOUR, stroke_width=3, dash_pattern=[8, 4],
            point=fch.ChartSquarePoint(size=9, color=SAFETY_COLOUR)))
    below = sized(24)  # the months' room grows with the words, and the chart with it
    chart = fch.LineChart(
        data_series=series, min_y=GOAL_MIN, max_y=GOAL_MAX, min_x=-0.5,
        max_x=max(len(reviews) - 0.5, 0.5),
        left_axis=fch.ChartAxis(labels=[fch.ChartAxisLabel(value=v, label=ft.Text(str(v),
                                                                                  size=sized(13)))
                                        for v in (0, 5, 10)], label_size=sized(28)),
        bottom_axis=fch.ChartAxis(label_size=below, labels=[
            fch.ChartAxisLabel(value=x, label=ft.Text(short_month_words(review.month),
                                                      size=sized(12)))
            for x, review in enumerate(reviews)]),
        horizontal_grid_lines=fch.ChartGridLines(interval=5, color=frame.BORDER, width=1),
        vertical_grid_lines=fch.ChartGridLines(interval=1, color="#00000000", width=0),
        border=ft.Border.all(1, frame.BORDER), interactive=True, height=196 + below,
    )
    key: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.CIRCLE, size=12, color=colours[goal.goal_id]),
                ft.Text(goal.label, size=sized(14))], spacing=4, tight=True) for goal in goals]
    if safety:
        key.append(ft.Row([ft.Icon(ft.Icons.SQUARE, size=12, color=SAFETY_COLOUR),
                           ft.Text(t("hub.reviews.safety_line"),
                                   size=sized(14))], spacing=4, tight=True))
    return ft.Column([
        ft.Semantics(label=review_chart_label(reviews), exclude_semantics=True,
                     identifier="hub-review-chart",
                     content=ft.Container(chart, height=206 + below)),
        ft.Row(key, wrap=True, spacing=12),
    ], spacing=6)


def school_note(school: School) -> str:
    """A child's attendance and days excluded; a figure the family left empty is not known."""
    attendance = (t("hub.reviews.attendance", percent=school.attendance)
                  if school.attendance is not None else t("hub.reviews.attendance_unknown"))
    exclusions = (plural(school.exclusions, "hub.reviews.exclusions")
                  if school.exclusions is not None else t("hub.reviews.exclusions_unknown"))
    return f"{attendance} · {exclusions}"


def figures_lines(records: HouseholdRecords, review: Review) -> list[ft.Control]:
    """The month in figures: safety ratings, school, and what the family kept up."""
    rows: list[ft.Control] = []
    figures = review.figures
    if figures.safety:
        rows.append(frame.line(t("hub.reviews.safety"), note=" · ".join(
            t("hub.scale.latest", name=person(records, who), score=score)
            for who, score in figures.safety.items())))
    rows += [frame.line(t("hub.reviews.school", name=person(records, school.child_id)),
                        note=school_note(school)) for school in review.school]
    # Gentle, as the family app is: what was done is counted, a nought is not shown.
    kept = [plural(count, f"hub.reviews.kept_{kind}")
            for kind, count in (("strengths", figures.strengths_added),
                                ("chores", figures.chores_done),
                                ("rituals", figures.rituals_done)) if count > 0]
    if kept:
        rows.append(frame.line(t("hub.reviews.kept_up"), note=" · ".join(kept)))
    return rows


def review_card(records: HouseholdRecords, review: Review, goals: dict[str, str]) -> ft.Control:
    """One month's review: goals with scores (named as the chart names them, ``goals``), what
    was said, the figures, and printing."""
    rows: list[ft.Control] = [frame.empty(t("hub.reviews.made", name=person(
        records, review.created_by), day=day_words_iso(review.created_at)))]
    for goal in review.goals:
        note = t("hub.reviews.one_higher", words=goal.one_higher) if goal.one_higher else ""
        rows.append(frame.line(t("hub.reviews.goal", text=goals.get(goal.goal_id, goal.text),
                                 score=goal.score),
                               note=note, bold=True))
    for key, words in (("went_well", review.went_well), ("worries", review.worries),
                       ("next_steps", review.next_steps)):
        if words:
            rows.append(frame.line(t(f"hub.reviews.{key}"), note=words))
    rows += figures_lines(records, review)
    rows.append(PrintReview(records, review))
    return frame.card(t("hub.reviews.title", month=month_words(review.month)), rows,
                      identifier=f"hub-review-{review.month}")


@ft.component
def ReviewsScreen() -> ft.Control:
    """The chart of the months, then each review, newest first."""
    session, _, records = use_household()
    shown, set_shown = ft.use_state(REVIEWS_SHOWN)
    if records is None:
        return Unreadable()
    reviews = sorted(records.reviews, key=lambda r: r.month)
    body: list[ft.Control] = [frame.empty(t("hub.reviews.intro"))]
    if not reviews:
        body.append(frame.empty(t("hub.reviews.none")))
    else:
        body.append(frame.card(t("hub.reviews.chart_title"),
                               [review_chart(reviews[-CHART_MONTHS:])],
                               bgcolor=theme.SURFACE))
        goal_words = goal_names(reviews)
        body += [review_card(records, review, goal_words)
                 for review in reversed(reviews[-shown:])]
        if len(reviews) > shown:  # older ones a click away, never silently left off
            body.append(frame.small_button(
                plural(min(REVIEWS_SHOWN, len(reviews) - shown), "hub.reviews.older"),
                lambda: set_shown(shown + REVIEWS_SHOWN)))
    goals = [goal for goal in records.goals if goal.active]
    if goals:
        body.append(frame.card(t("hub.reviews.goals_now"), [
            frame.line(goal.text, note=t("hub.reviews.goal_since",
                                         day=day_words_iso(goal.created_at)))
            for goal in goals]))
    return section_page(session, records, t("hub.section.reviews"), body,
                        identifier="hub-reviews")
