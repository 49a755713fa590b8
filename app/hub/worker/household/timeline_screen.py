"""A household's timeline (lately, or between two days), and its check-ins: a chart of the
last two weeks and the latest ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, cast

import flet as ft
import flet_charts as fch

from app import theme
from app.domain.checkins import Feeling
from app.hub.record_checks import local_day, on_hub_clock
from app.hub.worker import frame
from app.hub.worker.household.checkins import HubCheckIn
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import Unreadable, section_page, use_household
from app.hub.worker.household.timeline import FILTERED_LENGTH, TIMELINE_LENGTH, timeline
from app.hub.worker.session import guarded
from app.hub.worker.words import (
    ago,
    ago_iso,
    day_words,
    feeling_words,
    period,
    period_error,
    person,
)
from app.i18n import plural, t
from app.views import widgets as w
from app.views.text_size import sized

CHART_DAYS = 14
RECENT_CHECKINS = 15
OUTLINE = "#6B5E55"
#: The chart's colour for a feeling this hub does not know (a check-in read in part).
UNKNOWN_COLOUR = "#EFEBE7"
#: The chart's feelings, in order: the app's own, then one this hub does not know.
CHART_FEELINGS: tuple[Feeling | None, ...] = (*Feeling, None)
#: The chart's own colours, each far from every other (the family's soft button colours make
#: "tired" and "scared" two near-identical lavenders). Each bar shows at 3:1 against the
#: white card or its outline.
CHART_COLOURS: dict[Feeling, str] = {
    Feeling.HAPPY: "#F0E442",
    Feeling.CALM: "#009E73",
    Feeling.EXCITED: "#F7C04A",
    Feeling.TIRED: "#7A7A7A",
    Feeling.WORRIED: "#CC79A7",
    Feeling.SAD: "#0072B2",
    Feeling.ANGRY: "#D55E00",
    Feeling.SCARED: "#6A3D9A",
}


def feeling_colour(feeling: Feeling | None) -> str:
    """A feeling's colour on the chart and its key; pale for one this hub does not know."""
    return UNKNOWN_COLOUR if feeling is None else CHART_COLOURS[feeling]


def period_fields(first: str, set_first: Callable[[str], None], last: str,
                  set_last: Callable[[str], None], on_submit: Callable[..., Any]) -> ft.Control:
    """Two date boxes side by side: from and to, each saying how to write a date."""
    helper = t("hub.period.helper")
    return ft.ResponsiveRow([
        # No length limit: its counter ("3/10") would read like a date beside a date.
        ft.Container(w.text_field(t("hub.period.from"), first, set_first, helper=helper,
                                  on_submit=on_submit), col={"xs": 12, "sm": 6}),
        ft.Container(w.text_field(t("hub.period.to"), last, set_last, helper=helper,
                                  on_submit=on_submit), col={"xs": 12, "sm": 6}),
    ], spacing=12, run_spacing=8)


def shown_words(start: date | None, end: date | None, count: int) -> str:
    """Which stretch of days the timeline shows, and how many moments are in it."""
    if start is not None and end is not None:
        key = "hub.timeline.between"
    elif start is not None:
        key = "hub.timeline.since"
    else:
        key = "hub.timeline.until"
    words = t(key, start=day_words(start) if start else "", end=day_words(end) if end else "")
    return words + " " + plural(count, "hub.timeline.count")


@ft.component
def TimelineScreen() -> ft.Control:
    """What happened in the household, newest first: lately, or between two days."""
    first, set_first = ft.use_state("")
    last, set_last = ft.use_state("")
    shown, set_shown = ft.use_state(cast(tuple[date | None, date | None], (None, None)))
    error, set_error = ft.use_state("")
    # A chosen stretch reads the daily kinds of record for those days only.
    session, _, records = use_household(since=shown[0], until=shown[1])
    if records is None:
        return Unreadable()

    def show() -> None:
        try:
            chosen = period(first, last)
        except ValueError as problem:
            set_error(period_error(problem))
            return
        set_error("")
        set_shown(chosen)

    def everything() -> None:
        set_first("")
        set_last("")
        set_error("")
        set_shown((None, None))

    now = session.now()
    start, end = shown
    chosen = start is not None or end is not None
    moments = timeline(records, FILTERED_LENGTH if chosen else TIMELINE_LENGTH, start, end)
    rows: list[ft.Control] = [
        frame.line(moment.words, note=ago(moment.at, now) if not chosen else day_words(moment.at),
                   bold=moment.urgent, colour=theme.ERROR if moment.urgent else theme.TEXT)
        for moment in moments
    ]
    submit = guarded(session, show)
    choose = frame.card(t("hub.timeline.filter_title"), [
        period_fields(first, set_first, last, set_last, submit),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("hub.timeline.show"), submit),
                *([w.secondary(t("hub.timeline.show_all"), guarded(session, everything))]
                  if chosen else [])], wrap=True, spacing=12),
    ], identifier="hub-timeline-filter")
    title = shown_words(start, end, len(moments)) if chosen else t("hub.timeline.title")
    empty = t("hub.timeline.none_between") if chosen else t("hub.timeline.none")
    body = [choose, frame.card(title, rows or [frame.empty(empty)],
                               identifier="hub-timeline-list")]
    return section_page(session, records, t("hub.section.timeline"), body,
                        identifier="hub-timeline")


def days_of(checkins: list[HubCheckIn], today: date
            ) -> list[tuple[date, Counter[Feeling | None]]]:
    """The last two weeks, oldest first: how many check-ins of each feeling on each day (on
    the hub's clock, as the family's phone and the printed reports count days; None: a
    feeling this hub does not know)."""
    start = today - timedelta(days=CHART_DAYS - 1)
    counts: dict[date, Counter[Feeling | None]] = {start + timedelta(days=n): Counter()
                                                   for n in range(CHART_DAYS)}
    for checkin in checkins:
        day = local_day(checkin.created_at)
        if day is not None and day in counts:
            counts[day][checkin.feeling] += 1
    return sorted(counts.items())


def checkin_label(records: HouseholdRecords, checkins: list[HubCheckIn], total: int) -> str:
    """What the chart shows, in words, for screen readers and tests."""
    if not total:
        return t("hub.checkins.chart_empty")
    latest = checkins[-1]
    return plural(total, "hub.checkins.chart",
                  name=person(records, latest.created_by),
                  feeling=feeling_words(latest.feeling).lower())


def checkin_chart(records: HouseholdRecords, now: datetime) -> ft.Control:
    """A bar a day for the last two weeks, split by feeling, with a key of the feelings."""
    days = days_of(records.checkins, on_hub_clock(now).date())
    groups = []
    for x, (_, counts) in enumerate(days):
        items, top = [], 0
        for feeling in CHART_FEELINGS:
            if counts[feeling]:
                items.append(fch.BarChartRodStackItem(
                    from_y=top, to_y=top + counts[feeling], color=feeling_colour(feeling),
                    border_side=ft.BorderSide(1, OUTLINE)))
                top += counts[feeling]
        groups.append(fch.BarChartGroup(x=x, rods=[fch.BarChartRod(
            from_y=0, to_y=top, stack_items=items, width=14, color="#00000000",
            border_radius=3)]))
    highest = max((sum(counts.values()) for _, counts in days), default=0)
    total = sum(sum(counts.values()) for _, counts in days)
    # The axes' room for their numbers grows with the words (at 200% a fixed 20 px cut the
    # day numbers in half), and the chart with it, so the bars keep their height.
    below = sized(20)
    chart = fch.BarChart(
        groups=groups, max_y=max(highest, 3), interactive=False,
        left_axis=fch.ChartAxis(label_size=sized(24), labels=[
            fch.ChartAxisLabel(value=v, label=ft.Text(str(v), size=sized(12)))
            for v in range(0, max(highest, 3) + 1)]),
        bottom_axis=fch.ChartAxis(label_size=below, labels=[
            fch.ChartAxisLabel(value=x, label=ft.Text(day.strftime("%d"), size=sized(11)))
            for x, (day, _) in enumerate(days) if x % 2 == 1]),
        horizontal_grid_lines=fch.ChartGridLines(interval=1, color=frame.BORDER, width=1),
        border=ft.Border.all(1, frame.BORDER), height=160 + below,
    )
    shown = [f for f in CHART_FEELINGS if any(counts[f] for _, counts in days)]
    key: list[ft.Control] = [
        ft.Row([ft.Container(width=14, height=14, bgcolor=feeling_colour(f), border_radius=3,
                             border=ft.Border.all(1, OUTLINE)),
                ft.Text(feeling_words(f), size=sized(14))], spacing=4, tight=True)
        for f in shown]
    return ft.Column([
        ft.Semantics(label=checkin_label(records, records.checkins, total), exclude_semantics=True,
                     identifier="hub-checkin-chart",
                     content=ft.Container(chart, height=170 + below)),
        ft.Row(key, wrap=True, spacing=12),
    ], spacing=6)


def checkin_words(records: HouseholdRecords, checkin: HubCheckIn) -> str:
    """Who checked in, the feeling and how big: each said only as far as it could be read."""
    if checkin.feeling is None:
        key = ("hub.checkins.line_unknown" if checkin.size is not None
               else "hub.checkins.line_unknown_no_size")
    else:
        key = "hub.checkins.line" if checkin.size is not None else "hub.checkins.line_no_size"
    return t(key, name=person(records, checkin.created_by),
             feeling=feeling_words(checkin.feeling).lower(), size=checkin.size)


def checkin_line(records: HouseholdRecords, checkin: HubCheckIn, now: datetime) -> ft.Control:
    """One check-in: who, the feeling and how big, why and their words if they gave any; and, for
    one read in part, that some of it could not be read here (never what)."""
    notes = [ago_iso(checkin.created_at, now)]
    if checkin.words:
        notes.append(f"“{checkin.words}”")
    if checkin.reasons:
        notes.append(t("hub.checkins.reasons", reasons=", ".join(
            t(f"hub.reason.{r.value}") for r in checkin.reasons)))
    if checkin.helps:
        notes.append(t("hub.checkins.helps", helps=", ".join(
            t(f"hub.help.{h.value}") for h in checkin.helps)))
    if checkin.in_part:
        notes.append(t("hub.checkins.in_part"))
    return frame.line(checkin_words(records, checkin), note=" · ".join(notes))


@ft.component
def CheckinsScreen() -> ft.Control:
    """How people have felt: two weeks as a chart, then the latest check-ins."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    now = session.now()
    recent = [checkin_line(records, c, now) for c in reversed(records.checkins[-RECENT_CHECKINS:])]
    body = [
        frame.card(t("hub.checkins.chart_title"), [checkin_chart(records, now)]),
        frame.card(t("hub.checkins.latest"), recent or [frame.empty(t("hub.checkins.none"))]),
    ]
    return section_page(session, records, t("hub.section.checkins"), body,
                        identifier="hub-checkins")
