"""What the hard moments screens share: the service, a moment's card, the patterns, and the
answer to an honest account of physical punishment (the agreement's words on harm and the law,
then their worker's help)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import flet as ft

from app import theme
from app.domain.programme.moments import HardMoment, MomentPatterns, time_of_day
from app.domain.programme.nation import laws_for
from app.i18n import plural, t
from app.services.programme.moments import HardMomentService, moments_for
from app.views import widgets as w
from app.views.agreement.parts import date_words
from app.views.chores.parts import and_list, heading
from app.views.state import Session
from app.views.text_size import sized, tile_width

BORDER = "#E2DBD2"


def service(session: Session) -> HardMomentService:
    """The hard moments of the household this session has unlocked."""
    return moments_for(session.require_service())


def names_by_id(session: Session) -> dict[str, str]:
    """Everyone's name, people who have left included (their moments stay)."""
    return {m.id: m.name for m in session.require_service().members(include_removed=True)}


def when_words(happened_at: str) -> str:
    """"30 November 2026 at 17:40, evening"."""
    when = datetime.fromisoformat(happened_at)
    return t("moments.card.when", day=date_words(when.date()), time=when.strftime("%H:%M"),
             part=t(f"moments.part.{time_of_day(when).value}"))


def card_lines(moment: HardMoment, names: dict[str, str]) -> list[str]:
    """A moment in plain lines: when, who, what, what set it off, needs, consequence, repair."""
    d = moment.draft
    lines = [t("moments.card.with", names=and_list([names.get(c, "?") for c in d.children])),
             d.what_happened]
    if d.trigger is not None:
        lines.append(t("moments.card.trigger", what=t(f"moments.trigger.{d.trigger.value}")))
    needs = [t(f"moments.need.{n.value}") for n in d.needs] + ([d.need_words]
                                                                if d.need_words else [])
    if needs:
        lines.append(t("moments.card.needs", what="; ".join(needs)))
    if d.consequence:
        lines.append(t("moments.card.consequence", what=d.consequence))
    if d.repair:
        lines.append(t("moments.card.repair", what=d.repair))
    if d.ending is not None:
        lines.append(t("moments.card.ending", what=t(f"moments.ending.{d.ending.value}")))
    return lines


def moment_card(moment: HardMoment, names: dict[str, str],
                on_change: Callable[..., Any] | None) -> ft.Control:
    """One moment on the log."""
    rows: list[ft.Control] = [w.para(when_words(moment.draft.happened_at), bold=True)]
    rows += [w.para(line, size=16) for line in card_lines(moment, names)]
    if moment.punishment_words:  # for the worker at a visit, and as a gentle reminder
        rows.append(w.para(t("moments.card.physical", words=quoted(moment.punishment_words)),
                           size=16, bold=True))
    if on_change is not None:
        rows.append(w.link(t("moments.change", when=when_words(moment.draft.happened_at)),
                           on_change))
    return ft.Semantics(identifier=f"moment-{moment.id}", container=True, content=ft.Container(
        ft.Column(rows, spacing=6), bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, BORDER)))


def chart_words(found: MomentPatterns) -> str:
    """What the time-of-day bars show, for screen readers and tests."""
    counts = {part.value: n for part, n in found.by_time}
    return t("moments.patterns.chart", morning=counts["morning"],
             afternoon=counts["afternoon"], evening=counts["evening"], night=counts["night"])


def _bar(label: str, count: int, most: int) -> ft.Control:
    words = tile_width(96)  # the bar gives up room to bigger words
    width = 0 if most == 0 else max(6, round(max(60, 276 - words) * count / most))
    return ft.Row([ft.Text(label, size=sized(15), width=words, color=theme.TEXT),
                   ft.Container(width=width, height=18, bgcolor=theme.BRAND, border_radius=6),
                   ft.Text(str(count), size=sized(15), color=theme.TEXT)], spacing=8)


def patterns_card(found: MomentPatterns) -> ft.Control:
    """Patterns for the worker and parents: time of day (bars), triggers and needs (counts)."""
    rows: list[ft.Control] = [heading(t("moments.patterns.title"))]
    if found.total == 0:
        rows.append(w.para(t("moments.patterns.none"), muted=True))
    else:
        rows.append(w.para(plural(found.total, "moments.patterns.total")))
        busiest = found.busiest_time
        if busiest is not None:
            rows.append(w.para(t("moments.patterns.busiest",
                                 part=t(f"moments.part.{busiest.value}")), bold=True))
        most = max(n for _, n in found.by_time)
        # the bars are read as one sentence; their own numbers would repeat it
        rows += [w.para(t("moments.patterns.by_time"), size=16, muted=True), ft.Semantics(
            label=chart_words(found), identifier="moments-by-time", container=True,
            exclude_semantics=True,
            content=ft.Column([_bar(t(f"moments.part.{part.value}"), n, most)
                               for part, n in found.by_time], spacing=4))]
        if found.by_trigger:
            rows.append(w.para(t("moments.patterns.by_trigger"), size=16, muted=True))
            rows += [w.para(t("moments.patterns.count", what=t(f"moments.trigger.{k.value}"),
                              count=n), size=16) for k, n in found.by_trigger]
        if found.by_need:
            rows.append(w.para(t("moments.patterns.by_need"), size=16, muted=True))
            rows += [w.para(t("moments.patterns.count", what=t(f"moments.need.{k.value}"),
                              count=n), size=16) for k, n in found.by_need]
        rows.append(w.para(t("moments.patterns.calm", calm=found.ended_calm, total=found.total),
                           size=16))
    return ft.Semantics(identifier="moments-patterns", container=True, content=ft.Container(
        ft.Column(rows, spacing=6), bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, BORDER)))


def quoted(words: tuple[str, ...]) -> str:
    """Found words as the family reads them: “smacked”, “smacking”."""
    return ", ".join(f"\u201c{word}\u201d" for word in words)


def punishment_answer(session: Session, moment: HardMoment, on_done: Callable[[], Any]
                      ) -> ft.Control:
    """The answer to an honest account of physical punishment, once it is saved: thanks, what
    it does to children and the law (where the household lives first, as the agreement says
    it), what to try next time, and that their worker can see it and help."""
    laws = laws_for(session.require_service().household().nation)

    def line(text: str, **style: Any) -> ft.Control:
        return ft.Semantics(container=True, content=w.para(text, **style))

    lines: list[ft.Control] = [
        line(t("moments.told.title"), bold=True, size=18),
        line(t("moments.told.saved")),
        line(t("moments.told.noticed", words=quoted(moment.punishment_words))),
        line(t("agreement.physical.harm")),
        line(t("agreement.physical.law"), bold=True),
        *[line("\u2022 " + t(f"agreement.physical.law.{law.value}"), size=16) for law in laws],
        line(t("moments.told.next")),
        line(t("moments.told.worker"), bold=True),
        w.primary(t("moments.told.done"), on_done),
    ]
    return ft.Semantics(container=True, identifier="physical-punishment-answer",
                        content=ft.Container(ft.Column(lines, spacing=10), bgcolor=theme.WARN_BG,
                                             border_radius=12, padding=14,
                                             border=ft.Border.all(2, theme.BRAND)))


def parse_time(text: str) -> tuple[int, int] | None:
    """"17:40", "5.40" or "1740" as (hour, minute); None if it is not a time."""
    cleaned = text.strip().replace(".", ":")
    if ":" not in cleaned and cleaned.isdigit() and len(cleaned) in (3, 4):
        cleaned = f"{cleaned[:-2]}:{cleaned[-2:]}"
    hour, _, minute = cleaned.partition(":")
    if not (hour.isdigit() and minute.isdigit()):
        return None
    h, m = int(hour), int(minute)
    return (h, m) if 0 <= h < 24 and 0 <= m < 60 else None


def uk_day(day: date) -> str:
    """A date as typed in the form: "30/11/2026"."""
    return day.strftime("%d/%m/%Y")

