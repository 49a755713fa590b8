"""The monthly review screens: the family's goals, the review made together, and the months.

The review asks each goal's score (0–10) and "what would make it one higher?", shows the
month's figures worked out from what the family recorded, takes each child's school
attendance and any exclusions, and what went well, the worries and the next steps. Saved
reviews never change; the months are charted one after another and each can be printed.
A review half made, and a new goal typed and not yet added, are kept for the person
writing them (``Session.drafts``) until they are saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import flet as ft
import flet_charts as fch

from app import theme
from app.domain.people import Role
from app.domain.programme.reviews import (
    GOAL_MAX,
    GOAL_MIN,
    MonthFigures,
    Review,
    School,
    goal_names,
    goal_series,
    month_of,
)
from app.i18n import plural, t
from app.i18n.dates import month_year
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.sessions import programme_for
from app.services.reviews import ReviewService, reviews_for
from app.views import widgets as w
from app.views.chores.parts import choice, heading
from app.views.programme.parts import review_part
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized

LINE_COLOURS = ("#1B6E63", "#B5480E", "#5B3F99", "#1F5FA8", "#8A3B12", "#2E7D32")


def service(session: Session) -> ReviewService:
    """The goals and reviews of the household this session has unlocked."""
    return reviews_for(session.require_service())


def this_month(session: Session) -> str:
    """The month being reviewed now."""
    return month_of(date.fromtimestamp(session.clock()))


def months_open(session: Session, reviews: ReviewService) -> list[str]:
    """The months whose review can be made now: this month, and last month too while
    neither has one (the monthly visit on 2 December reviews November)."""
    now = this_month(session)
    if reviews.review_of(now) is not None:
        return []
    first = date.fromisoformat(f"{now}-01")
    last = month_of(first - timedelta(days=1))
    return [now] if reviews.review_of(last) is not None else [now, last]


def chart_words(reviews: list[Review]) -> str:
    """What the goals chart shows, for screen readers and tests."""
    if not reviews:
        return t("reviews.chart.empty")
    latest = reviews[-1]
    named = goal_names(reviews)  # alike ones numbered
    scores = ", ".join(f"{named[g.goal_id]} {g.score}" for g in latest.goals)
    return plural(len(reviews), "reviews.chart.label",
                  latest=latest.month, scores=scores or "-")


def goals_chart(reviews: list[Review]) -> ft.Control:
    """Each goal's score month on month: a line per goal, oldest month on the left."""
    lines = goal_series(reviews)  # a line for each goal, never for its words
    series = [fch.LineChartData(
        points=[fch.LineChartDataPoint(index, score, tooltip=f"{line.label}: {score}")
                for index, score in enumerate(line.scores) if score is not None],
        color=LINE_COLOURS[n % len(LINE_COLOURS)], stroke_width=3,
        point=fch.ChartCirclePoint(radius=6, color=LINE_COLOURS[n % len(LINE_COLOURS)]))
        for n, line in enumerate(lines)]
    chart = fch.LineChart(
        data_series=series, min_y=GOAL_MIN, max_y=GOAL_MAX, min_x=-0.5,
        max_x=max(len(reviews) - 0.5, 0.5), height=200,
        left_axis=fch.ChartAxis(labels=[fch.ChartAxisLabel(value=v, label=ft.Text(str(v)))
                                        for v in (0, 5, 10)], label_size=30),
        bottom_axis=fch.ChartAxis(labels=[
            fch.ChartAxisLabel(value=i, label=ft.Text(r.month[5:] + "/" + r.month[2:4],
                                                      size=sized(12)))
            for i, r in enumerate(reviews)], label_size=24),
        horizontal_grid_lines=fch.ChartGridLines(interval=5, color="#E2DBD2", width=1),
        border=ft.Border.all(1, "#E2DBD2"),
    )
    key: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.CIRCLE, size=14, color=LINE_COLOURS[n % len(LINE_COLOURS)]),
                ft.Text(line.label, size=sized(15))], spacing=4, tight=True)
        for n, line in enumerate(lines)]
    return ft.Column([
        ft.Semantics(label=chart_words(reviews), exclude_semantics=True,
                     identifier="reviews-chart", content=ft.Container(chart, height=210)),
        ft.Row(key, wrap=True, spacing=14),
    ], spacing=8)


def figures_lines(figures: MonthFigures, names: dict[str, str]) -> list[ft.Control]:
    """The month's figures in plain words."""
    lines = [t("reviews.figures.safety", who=names.get(who, "?"), score=score)
             for who, score in figures.safety.items()]
    for child, feelings in figures.feelings.items():
        counts = ", ".join(f"{t(f'checkins.feeling.{f}').lower()} {n}"
                           for f, n in sorted(feelings.items(), key=lambda kv: -kv[1]))
        lines.append(t("reviews.figures.feelings", name=names.get(child, "?"), counts=counts))
    lines += [t("reviews.figures.carer", name=names.get(who, "?"), score=score)
              for who, score in figures.carer.items()]
    lines += [plural(n, f"reviews.figures.{key}")
              for key, n in (("strengths", figures.strengths_added),
                             ("chores", figures.chores_done), ("rituals", figures.rituals_done))]
    return [w.para(line, size=16) for line in lines]


def school_line(school: School, name: str) -> str:
    """A child's school in the month, in words; a box left empty is "not given", never 0."""
    if school.attendance is None and school.exclusions is None:
        return t("reviews.card.school_unknown", name=name)
    attendance = (t("reviews.card.attendance_unknown") if school.attendance is None
                  else t("reviews.card.attendance", percent=school.attendance))
    exclusions = (t("reviews.card.exclusions_unknown") if school.exclusions is None
                  else plural(school.exclusions, "reviews.card.exclusions"))
    return t("reviews.card.school", name=name, attendance=attendance, exclusions=exclusions)


def review_card(session: Session, review: Review, earlier: list[Review],
                names: dict[str, str], goals: dict[str, str]) -> ft.Control:
    """A saved review: goals (named as the chart names them, ``goals``), school, what was
    said; and a button to print it."""
    rows: list[ft.Control] = [heading(t("reviews.card.title", month=_month_words(review.month)))]
    rows += [w.para(t("reviews.card.goal", goal=goals.get(g.goal_id, g.text), score=g.score) + (
        f" — {g.one_higher}" if g.one_higher else ""), size=16) for g in review.goals]
    rows += [w.para(school_line(s, names.get(s.child_id, "?")), size=16) for s in review.school]
    for key in ("went_well", "worries", "next_steps"):
        text = getattr(review, key)
        if text:
            rows.append(w.para(t(f"reviews.card.{key}", text=text), size=16))
    rows += review_part(session, review.month)  # the month's programme sessions, as they stand
    household = session.require_service().household().name

    def report() -> bytes:
        from app.reports import review_report  # made when fetched: the PDF library loads then

        me = session.require_member()  # a carer's own wellbeing is theirs and the worker's
        return review_report(review.seen_by(me), [r.seen_by(me) for r in earlier], names,
                             household, datetime.fromtimestamp(session.clock(), UTC),
                             programme_for(session.require_service()).in_month(review.month))

    rows.append(w.download_button(t("reviews.card.print"), session.offer_download(
        f"review-{review.month}.pdf", "application/pdf", report)))
    return ft.Semantics(identifier=f"review-{review.month}", container=True, content=ft.Container(
        ft.Column(rows, spacing=6), bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, "#E2DBD2")))


def _month_words(month: str) -> str:
    return month_year(date.fromisoformat(f"{month}-01"))


@ft.component
@signed_in_only
def ReviewsScreen() -> ft.Control:
    """Goals, this month's review (to do or done), the chart, and every review."""
    session = use_session()
    me = session.require_member()
    reviews = service(session)
    error, set_error = ft.use_state("")
    _version, set_version = ft.use_state(0)
    names = {m.id: m.name for m in session.require_service().members(include_removed=True)}
    grown_up = me.role in (Role.PARENT, Role.WORKER)
    if not grown_up:
        return _for_grown_ups(session)

    def attempt(change: Callable[[], object]) -> bool:
        try:
            change()
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return False
        set_error("")
        set_version(lambda n: n + 1)
        return True

    done = reviews.reviews()
    goals = reviews.goals()
    body: list[ft.Control] = [w.para(t("reviews.intro"), muted=True), heading(t("reviews.goals"))]
    for g in goals:
        # keyed by the goal: a second tap in the same burst finds its button gone, not the
        # next goal's button moved up into its place (a retired goal cannot come back)
        body.append(ft.Row([ft.Text(g.text, size=sized(17), expand=True, color=theme.TEXT), *(
            [w.link(t("reviews.goal.retire"), guarded(session, lambda g=g: attempt(
                lambda: reviews.retire_goal(me, g.id))))] if grown_up else [])],
            key=f"goal-{g.id}"))
    if grown_up:
        # keyed by the goals there are: once one is added, the box starts again empty
        body.append(NewGoal(session, lambda text: attempt(lambda: reviews.add_goal(me, text)),
                            f"review-goal:{me.id}", key=f"new-goal-{len(goals)}"))
    if error:
        body.append(w.message(error))
    if grown_up:
        body += [w.primary(t("reviews.start", month=_month_words(open_month)),
                           guarded(session, lambda m=open_month: go(f"/reviews/new/{m}")))
                 for open_month in months_open(session, reviews)]
    if done:
        body += [heading(t("reviews.over_time")), goals_chart(done)]
        goal_words = goal_names(done)
        body += [review_card(session, r, done[:i], names, goal_words)
                 for i, r in reversed(list(enumerate(done)))]
    return w.screen(t("reviews.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="reviews-screen")


@ft.component
def NewGoal(session: Session, on_add: Callable[[str], bool], draft_key: str,
            key: str | None = None) -> ft.Control:
    """"A new goal" and its "Add goal"; ``on_add`` says whether the goal was kept.

    Its own component: a key typed renders this box again, not the whole screen and its
    chart. Words typed and not added are kept under ``draft_key`` (one person's) as they
    are typed, as the family plan's boxes keep theirs, and are there when that person
    comes back (after the auto-lock, or Back).
    """
    text, set_text = ft.use_state(cast(str, session.drafts.get(draft_key, "")))

    def typed(value: str) -> None:
        set_text(value)
        # kept as typed, not on leaving: the auto-lock forgets who is here before the box goes
        if value.strip():
            session.drafts[draft_key] = value
        else:
            session.drafts.pop(draft_key, None)

    def add() -> None:
        if on_add(text):
            session.drafts.pop(draft_key, None)

    return ft.Column([
        w.text_field(t("reviews.goal.new"), text, typed, max_length=200,
                     helper=t("reviews.goal.helper")),
        ft.Row([w.secondary(t("reviews.goal.add"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
@signed_in_only
def NewReviewScreen() -> ft.Control:
    """A month's review, done together: the address's month if its review can be made now
    (see ``months_open``), else this month's."""
    session = use_session()
    me = session.require_member()
    reviews = service(session)
    household = session.require_service()
    month = ft.use_route_params().get("month", "")
    if month not in months_open(session, reviews):
        month = this_month(session)
    goals = reviews.goals()
    # what this person chose and typed and has not saved: theirs only, for this month
    draft_key = f"review:{me.id}:{month}"
    kept: dict[str, Any] = session.drafts.get(draft_key) or {}
    scores, set_scores = ft.use_state(cast(dict[str, int], kept.get("scores") or {}))
    higher, set_higher = ft.use_state(cast(dict[str, str], kept.get("higher") or {}))
    school, set_school = ft.use_state(cast(dict[str, tuple[str, str]],
                                           kept.get("school") or {}))
    said, set_said = ft.use_state(cast(dict[str, str], kept.get("said") or {}))
    error, set_error = ft.use_state("")
    finished = ft.use_ref(False)

    def keep_draft() -> None:
        # kept as it changes, not on leaving: the auto-lock forgets who is here before the
        # screen goes, and the words must not go with them
        if finished.current:
            return
        draft = {"scores": scores, "higher": higher, "school": school, "said": said}
        if _started(draft):
            session.drafts[draft_key] = draft
        else:
            session.drafts.pop(draft_key, None)

    ft.use_effect(keep_draft, [scores, higher, school, said])
    children = [m for m in household.members() if m.role is Role.CHILD]
    names = {m.id: m.name for m in household.members(include_removed=True)}
    if me.role is Role.CHILD:
        return _for_grown_ups(session)

    def save() -> None:
        try:
            typed = {c.id: school.get(c.id, ("", "")) for c in children}
            # an empty box is a figure nobody gave (None), not a nought
            entries = [School(child, _number(att), _number(exc))
                       for child, (att, exc) in typed.items()]
            reviews.make_review(me, month, [(g.id, scores[g.id], higher.get(g.id, ""))
                                            for g in goals if g.id in scores], entries,
                                said.get("went_well", ""), said.get("worries", ""),
                                said.get("next_steps", ""))
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        except ValueError:
            set_error(t("reviews.error.number"))
            return
        finished.current = True
        session.drafts.pop(draft_key, None)
        session.notice = t("reviews.saved")
        go("/reviews")

    def typed_higher(goal_id: str) -> Callable[[str], None]:
        return lambda text: set_higher(lambda now: {**now, goal_id: text})

    def typed_school(child_id: str, part: int) -> Callable[[str], None]:
        def change(text: str) -> None:
            def updated(now: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
                att, exc = now.get(child_id, ("", ""))
                return {**now, child_id: (text, exc) if part == 0 else (att, text)}

            set_school(updated)

        return change

    def typed_said(key: str) -> Callable[[str], None]:
        return lambda text: set_said(lambda now: {**now, key: text})

    body: list[ft.Control] = [w.para(t("reviews.new.intro"))]
    for g in goals:
        body += [heading(g.text), ft.Row([
            choice(str(n), scores.get(g.id) == n, guarded(session, lambda g=g, n=n: set_scores(
                lambda now: {**now, g.id: n})),
                   semantics_label=t("reviews.new.score", goal=g.text, score=n))
            for n in range(GOAL_MIN, GOAL_MAX + 1)], wrap=True, spacing=6, run_spacing=6),
            w.text_field(t("reviews.new.one_higher"), higher.get(g.id, ""), typed_higher(g.id),
                         max_length=2000)]
    if not goals:
        body.append(w.para(t("reviews.new.no_goals"), muted=True))
    body += [heading(t("reviews.new.figures")),
             *figures_lines(reviews.figures(month).seen_by(me), names),
             *review_part(session, month)]
    for child in children:
        att, exc = school.get(child.id, ("", ""))
        body += [heading(t("reviews.new.school", name=child.name)),
                 w.text_field(t("reviews.new.attendance"), att, typed_school(child.id, 0),
                              numeric=True, max_length=3),
                 w.text_field(t("reviews.new.exclusions"), exc, typed_school(child.id, 1),
                              numeric=True, max_length=2)]
    for key in ("went_well", "worries", "next_steps"):
        body.append(w.text_field(t(f"reviews.new.{key}"), said.get(key, ""), typed_said(key),
                                 multiline=True, max_length=2000))
    if error:
        body.append(w.message(error))
    body.append(w.primary(t("reviews.new.save"), guarded(session, save)))
    return w.screen(t("reviews.new.title", month=_month_words(month)), body,
                    on_back=guarded(session, lambda: go("/reviews")),
                    on_lock=guarded(session, session.lock), identifier="review-new-screen")


def _for_grown_ups(session: Session) -> ft.Control:
    """What a child sees at a review address: who makes the review, and the way home."""
    return w.screen(t("reviews.title"), [w.message(t("reviews.error.not_allowed"))],
                    on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="reviews-screen")


def _started(draft: dict[str, Any]) -> bool:
    """True once a score is chosen or anything is typed in the review."""
    typed = [*draft["higher"].values(), *draft["said"].values(),
             *(text for pair in draft["school"].values() for text in pair)]
    return bool(draft["scores"]) or any(text.strip() for text in typed)


def _number(text: str) -> int | None:
    """A whole number typed in a box, or None when the box is empty."""
    return int(text) if text.strip() else None
