"""The case summary for the agency's meetings: what was recorded over a chosen period.

It is the one report that lists safety alerts, so it is never for the family's fridge and
says so in its first line (rule 7: nothing at home reveals that a child raised an alert). It
counts and charts rather than quoting: a check-in's words and a rating's reason stay in the
app, where who may read them is decided person by person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from app.domain.alerts import SafetyAlert
from app.domain.checkins import BIG_FROM, WORRYING_FEELINGS, Feeling
from app.domain.programme.reviews import Review
from app.domain.programme.visits import Visit
from app.domain.safety import SafetyPlan, Section
from app.domain.safety_scale import SafetyRating, in_time_order, latest_by_person
from app.domain.strengths import StrengthNote
from app.i18n import t
from app.reports.charts import Line, block_height, chart_with_words
from app.reports.paper import ALERT_BG, ERROR_EDGE, MUTED
from app.reports.pdf import Piece, Report
from app.reports.review import goal_lines
from app.reports.words import (
    date_words,
    day_of,
    iso_date_words,
    iso_when_words,
    month_start,
    month_words,
    name_of,
    names_of,
    short_date,
    short_month,
    when_words,
)


class Felt(Protocol):
    """What the summary reads of a check-in: the app's own, or one the agency's hub could read
    only in part (``feeling`` or ``size`` None where it could not)."""

    @property
    def feeling(self) -> Feeling | None:
        """The feeling, or None for one this hub does not know."""

    @property
    def size(self) -> int | None:
        """How big, or None if it could not be read."""

    @property
    def created_by(self) -> str:
        """Who checked in."""

    @property
    def created_at(self) -> str:
        """When, as ISO text."""


@dataclass(frozen=True)
class CaseSummary:
    """What the case summary is made from; only what falls inside ``start``..``end`` is shown."""

    household_name: str
    start: date
    end: date
    names: Mapping[str, str]
    checkins: Sequence[Felt]
    alerts: Sequence[SafetyAlert]
    ratings: Sequence[SafetyRating]
    plan: SafetyPlan | None
    visits: Sequence[Visit]
    reviews: Sequence[Review]
    strengths: Sequence[StrengthNote]
    left: frozenset[str] = frozenset()  # people taken off the household since

    def inside(self, iso: str) -> bool:
        """True when the moment or date ``iso`` falls on a day of the period."""
        return self.start <= day_of(iso) <= self.end

    def month_inside(self, month: str) -> bool:
        """True when any day of the month ("2026-11") is in the period; never for a month
        that is no month ("2026-13"), which no period holds."""
        first = month_start(month)
        if first is None:
            return False
        last = (date(first.year, 12, 31) if first.month == 12
                else date(first.year, first.month + 1, 1) - timedelta(days=1))
        return first <= self.end and last >= self.start


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_of(iso: str) -> str:
    day = day_of(iso)
    return f"{day.year:04d}-{day.month:02d}"


def _alerts(pdf: Report, summary: CaseSummary, alerts: list[SafetyAlert]) -> None:
    pdf.heading(t("reports.summary.alerts_title"))
    if not alerts:
        pdf.para(t("reports.summary.none"), colour=MUTED)
        return
    pdf.table_of(
        [t("reports.summary.alert.when"), t("reports.summary.alert.child"),
         t("reports.summary.alert.how")],
        [(iso_when_words(a.created_at), name_of(summary.names, a.child_id),
          t(f"reports.alert.{a.source.value}")) for a in alerts],
        widths=(34, 26, 40))


def _ratings(pdf: Report, summary: CaseSummary, ratings: list[SafetyRating]) -> None:
    if not ratings:
        pdf.heading(t("reports.summary.safety_title"))
        pdf.para(t("reports.summary.none"), colour=MUTED)
        return
    grouped: dict[str, list[SafetyRating]] = {}
    for rating in ratings:
        grouped.setdefault(_month_of(rating.created_at), []).append(rating)
    by_month = {m: latest_by_person(found) for m, found in grouped.items()}
    first, last = (f"{d.year:04d}-{d.month:02d}" for d in (summary.start, summary.end))
    if (summary.end.year - summary.start.year) * 12 + summary.end.month - summary.start.month < 12:
        months = _months(summary.start, summary.end)
    else:  # a long period (a typed year can be 9999) charts only the months with ratings
        months = sorted(m for m in grouped if first <= m <= last)
    people = list(dict.fromkeys(r.created_by for r in in_time_order(ratings)))
    lines = [Line(name_of(summary.names, who), tuple(
        by_month[m][who].score if who in by_month.get(m, {}) else None for m in months))
        for who in people]
    long = [month_words(m) for m in months]
    pdf.heading(t("reports.summary.safety_title"), keep=block_height(pdf, long, lines))
    chart_with_words(pdf, t("reports.summary.safety_chart"), [short_month(m) for m in months],
                     long, lines)
    pdf.para(t("reports.summary.latest"), bold=True)
    pdf.bullets([t("reports.summary.rating_before_left" if who in summary.left
                   else "reports.summary.rating", name=name_of(summary.names, who),
                   score=rating.score, date=short_date(day_of(rating.created_at)))
                 for who, rating in latest_by_person(ratings).items()])


def _checkins(pdf: Report, summary: CaseSummary, checkins: list[Felt]) -> None:
    pdf.heading(t("reports.summary.checkins_title"))
    if not checkins:
        pdf.para(t("reports.summary.none"), colour=MUTED)
        return
    rows = []
    for who in dict.fromkeys(c.created_by for c in checkins):
        theirs = [c for c in checkins if c.created_by == who]
        counts = Counter("unknown" if c.feeling is None else c.feeling.value for c in theirs)
        big = sum(1 for c in theirs if c.size is not None and c.size >= BIG_FROM
                  and c.feeling is not None and c.feeling.value in WORRYING_FEELINGS)
        rows.append((name_of(summary.names, who), str(len(theirs)),
                     t("reports.chart.list_sep").join(
                         t("reports.review.feeling_count", feeling=t(f"reports.feeling.{f}"),
                           count=n) for f, n in counts.most_common()), str(big)))
    pdf.table_of([t("reports.summary.checkin.who"), t("reports.summary.checkin.count"),
                  t("reports.summary.checkin.feelings"), t("reports.summary.checkin.big")],
                 rows, widths=(24, 14, 44, 18))


def _plan(pdf: Report, summary: CaseSummary) -> None:
    pdf.heading(t("reports.summary.plan_title"))
    plan = summary.plan
    if plan is None:
        pdf.para(t("reports.summary.no_plan"), colour=MUTED)
        return
    for section in Section:
        pdf.para(t(f"reports.summary.plan.{section.value}"), bold=True)
        points = plan.points(section)
        pdf.bullets([t("reports.summary.with_reason", text=p.text, reason=p.reason)
                     if p.reason else p.text for p in points],
                    empty=t("reports.summary.nothing_written"))
        pdf.ln(1)
    pdf.para(t("reports.summary.plan.actions"), bold=True)
    actions = plan.current_actions()
    if actions:
        pdf.table_of([t("reports.visit.action.what"), t("reports.visit.action.who"),
                      t("reports.visit.action.due")],
                     [(a.what, a.who or t("reports.visit.action.anyone"),
                       iso_date_words(a.due) if a.due else t("reports.visit.action.no_date"))
                      for a in actions], widths=(52, 24, 24))
    else:
        pdf.para(t("reports.summary.nothing_written"), colour=MUTED)


def _visits(pdf: Report, summary: CaseSummary, visits: list[Visit]) -> None:
    pdf.heading(t("reports.summary.visits_title"))
    if not visits:
        pdf.para(t("reports.summary.none"), colour=MUTED)
        return
    pdf.table_of(
        [t("reports.summary.visit.date"), t("reports.summary.visit.present"),
         t("reports.summary.visit.alone"), t("reports.summary.visit.actions")],
        [(short_date(day_of(v.started_at)), names_of(summary.names, v.present),
          names_of(summary.names, v.seen_alone),
          "\n".join(a.what for a in v.actions) or "-") for v in visits],
        widths=(18, 28, 22, 32))


def _reviews(pdf: Report, reviews: list[Review]) -> None:
    if not reviews:
        pdf.heading(t("reports.summary.reviews_title"))
        pdf.para(t("reports.summary.none"), colour=MUTED)
        return
    long, lines = [month_words(r.month) for r in reviews], goal_lines(reviews)
    pdf.heading(t("reports.summary.reviews_title"), keep=block_height(pdf, long, lines))
    chart_with_words(pdf, t("reports.review.goals_chart"),
                     [short_month(r.month) for r in reviews], long, lines)


def _strengths(pdf: Report, summary: CaseSummary, notes: list[StrengthNote]) -> None:
    pdf.heading(t("reports.summary.strengths_title"))
    pdf.bullets([t("reports.summary.strength", name=name_of(summary.names, n.child_id),
                   date=short_date(day_of(n.created_at)), words=n.words or "-",
                   kind=t(f"reports.strength.{n.kind.value}")) for n in notes],
                empty=t("reports.summary.none"))


def case_summary(summary: CaseSummary, made_at: datetime) -> bytes:
    """The case summary for the agency's meetings, over the summary's period."""
    alerts = sorted((a for a in summary.alerts if summary.inside(a.created_at)),
                    key=lambda a: a.created_at)
    ratings = in_time_order(r for r in summary.ratings if summary.inside(r.created_at))
    checkins = sorted((c for c in summary.checkins if summary.inside(c.created_at)),
                      key=lambda c: c.created_at)
    visits = sorted((v for v in summary.visits if summary.inside(v.started_at)),
                    key=lambda v: v.started_at)
    reviews = sorted((r for r in summary.reviews if summary.month_inside(r.month)),
                     key=lambda r: r.month)
    notes = sorted((n for n in summary.strengths if summary.inside(n.created_at)),
                   key=lambda n: n.created_at)

    pdf = Report(t("reports.summary.kind"), made_at)
    # the first line of the first page, before anything else: where this paper belongs
    pdf.picture_card(None, [Piece(t("reports.summary.for_meetings"), pdf.body + 1, bold=True)],
                     fill=ALERT_BG, edge=ERROR_EDGE)
    pdf.title_block(t("reports.summary.title"), summary.household_name)
    pdf.about(t("reports.summary.about", start=date_words(summary.start),
                end=date_words(summary.end), made=when_words(made_at)))

    pdf.heading(t("reports.summary.glance_title"))
    pdf.bullets([
        t("reports.summary.count.alerts", count=len(alerts)),
        t("reports.summary.count.ratings", count=len(ratings)),
        t("reports.summary.count.checkins", count=len(checkins)),
        t("reports.summary.count.visits", count=len(visits)),
        t("reports.summary.count.reviews", count=len(reviews)),
        t("reports.summary.count.strengths", count=len(notes)),
    ])
    # short tables first and the charts after them, so pages are not left half empty
    _alerts(pdf, summary, alerts)
    _checkins(pdf, summary, checkins)
    _ratings(pdf, summary, ratings)
    _plan(pdf, summary)
    _visits(pdf, summary, visits)
    _strengths(pdf, summary, notes)
    _reviews(pdf, reviews)
    return pdf.to_bytes()
