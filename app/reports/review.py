"""The monthly review to print: this month's goals and figures, and charts of the goals and
the safety scale month on month, each chart followed by what it shows in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from app.domain.programme.reviews import MonthFigures, Review, goal_names, goal_series
from app.domain.programme.sessions import ProgrammeSession
from app.i18n import plural, t, t_or
from app.reports.charts import Line, block_height, chart_with_words
from app.reports.paper import MUTED
from app.reports.pdf import Report
from app.reports.words import month_start, month_words, name_of, short_month, when_words

#: A year of reviews at most: more months than this crowd a chart past reading.
MAX_MONTHS = 12


def months_up_to(review: Review, earlier: Sequence[Review]) -> list[Review]:
    """This review and up to a year of earlier ones, one per month, oldest first.

    A review whose month is no month has no place on a chart: an earlier one is left out,
    and this one, if so, is charted alone.
    """
    if month_start(review.month) is None:
        return [review]
    by_month = {r.month: r for r in earlier
                if month_start(r.month) is not None and r.month < review.month}
    by_month[review.month] = review
    return [by_month[month] for month in sorted(by_month)][-MAX_MONTHS:]


def goal_lines(reviews: Sequence[Review]) -> list[Line]:
    """One line per goal (named as it was last worded, goals worded alike numbered as on
    screen), its score in each month."""
    return [Line(goal.label, goal.scores) for goal in goal_series(reviews)]


def safety_lines(reviews: Sequence[Review], names: Mapping[str, str]) -> list[Line]:
    """One line per person who rated the safety scale, their latest score each month."""
    people = list(dict.fromkeys(who for r in reviews for who in r.figures.safety))
    return [Line(name_of(names, who), tuple(r.figures.safety.get(who) for r in reviews))
            for who in people]


def figures_words(figures: MonthFigures, names: Mapping[str, str]) -> list[str]:
    """The month in numbers, one plain sentence each."""
    lines = []
    for child, feelings in figures.feelings.items():
        counts = t("reports.chart.list_sep").join(
            t("reports.review.feeling_count", count=n,
              feeling=t_or(f"reports.feeling.{f}", "reports.feeling.another", name=f))
            for f, n in sorted(feelings.items(), key=lambda kv: -kv[1]))
        lines.append(t("reports.review.feelings", name=name_of(names, child), counts=counts))
    lines += [t("reports.review.carer", name=name_of(names, who), score=f"{score:g}")
              for who, score in figures.carer.items()]
    lines += [plural(n, f"reports.review.{key}")
              for key, n in (("strengths", figures.strengths_added),
                             ("chores", figures.chores_done),
                             ("rituals", figures.rituals_done))]
    return lines


def session_words(sessions: Sequence[ProgrammeSession], names: Mapping[str, str]) -> list[str]:
    """The month's programme sessions: the day, the topic, who came, what the family took."""
    lines = []
    for s in sessions:
        came = (t("reports.review.session_came", names=", ".join(
            name_of(names, m) for m in s.attended)) if s.attended
            else t("reports.review.session_not_recorded") if s.attended is None
            else t("programme.card.nobody_came"))
        line = t("reports.review.session", day=s.day.strftime("%d/%m/%Y"), topic=s.plan.topic,
                 came=came)
        lines.append(f"{line} {t('programme.card.took_away', words=s.took_away)}"
                     if s.took_away else line)
    return lines


def review_report(review: Review, earlier: Sequence[Review], names: Mapping[str, str],
                  household_name: str, made_at: datetime,
                  sessions: Sequence[ProgrammeSession] = ()) -> bytes:
    """The monthly review with charts of goals and the safety scale month on month, and the
    month's programme sessions as they stand when it is printed."""
    months = months_up_to(review, earlier)
    pdf = Report(t("reports.review.kind", month=month_words(review.month)), made_at)
    pdf.title_block(t("reports.review.title", month=month_words(review.month)), household_name)
    pdf.about(t("reports.review.about", first=month_words(months[0].month),
                made=when_words(made_at)) if len(months) > 1 else
              t("reports.review.about_first", made=when_words(made_at)))

    pdf.heading(t("reports.review.goals_title"))
    if review.goals:
        named = goal_names(months)  # as on the chart
        pdf.table_of(
            [t("reports.review.goal"), t("reports.review.score"), t("reports.review.one_higher")],
            [(named.get(g.goal_id, g.text), t("reports.review.out_of_10", score=g.score),
              g.one_higher or "-") for g in review.goals],
            widths=(42, 16, 42))
    else:
        pdf.para(t("reports.review.no_goals"), colour=MUTED)

    # what the family and worker said comes before the numbers: it is the review
    for key, words in (("went_well", review.went_well), ("worries", review.worries),
                       ("next_steps", review.next_steps)):
        pdf.heading(t(f"reports.review.{key}"))
        if words:
            for paragraph in words.split("\n"):
                if paragraph.strip():
                    pdf.para(paragraph.strip())
        else:
            pdf.para(t("reports.review.nothing_written"), colour=MUTED)

    pdf.heading(t("reports.review.figures_title"))
    pdf.bullets(figures_words(review.figures, names))

    if sessions:
        pdf.heading(t("programme.review.title"))
        pdf.bullets(session_words(sessions, names))

    if review.school:
        pdf.heading(t("reports.review.school_title"))
        pdf.table_of(
            [t("reports.review.child"), t("reports.review.attendance"),
             t("reports.review.exclusions")],
            [(name_of(names, s.child_id),
              t("reports.review.percent", value=s.attendance) if s.attendance is not None
              else t("reports.not_set"),
              str(s.exclusions) if s.exclusions is not None else t("reports.not_set"))
             for s in review.school],
            widths=(40, 30, 30))

    short = [short_month(r.month) for r in months]
    long = [month_words(r.month) for r in months]
    goals = goal_lines(months)
    pdf.heading(t("reports.review.charts_title"), keep=block_height(pdf, long, goals))
    chart_with_words(pdf, t("reports.review.goals_chart"), short, long, goals)
    chart_with_words(pdf, t("reports.review.safety_chart"), short, long,
                     safety_lines(months, names))
    return pdf.to_bytes()
