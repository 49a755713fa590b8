"""The visits so far, newest first: who was there, the actions agreed, when the next one is.

Anyone at home may read these (what a child said alone at a visit is sealed for the agency,
never here); each visit can be printed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import flet as ft

from app import theme
from app.domain.programme.visits import Visit
from app.domain.records import read_day
from app.i18n import t
from app.services.visits import visits_for
from app.views import widgets as w
from app.views.chores.parts import date_words
from app.views.state import Session, go, guarded, signed_in_only, use_session
from app.views.text_size import sized
from app.views.visits.agenda import action_note


def visit_card(session: Session, visit: Visit, names: dict[str, str]) -> ft.Control:
    """One visit in plain words, with a button to print it."""
    started = datetime.fromisoformat(visit.started_at).astimezone()
    lines: list[ft.Control] = [
        ft.Text(t("visits.history.on", day=date_words(started.date())), size=sized(18),
                weight=ft.FontWeight.W_600, color=theme.TEXT),
        w.para(t("visits.here_today", names=", ".join(names.get(p, "?") for p in visit.present)),
               size=15),
    ]
    if visit.seen_alone:
        lines.append(w.para(t("visits.history.alone", names=", ".join(
            names.get(c, "?") for c in visit.seen_alone)), size=15))
    lines += [w.para(f"• {a.what}" + (f" ({note})" if (note := action_note(a)) else ""),
                     size=15) for a in visit.actions]
    next_visit = read_day(visit.next_visit)  # None too for words that are no day
    if next_visit is not None:
        lines.append(w.para(t("visits.next.chosen", day=date_words(next_visit)), size=15,
                            bold=True))
    household = session.require_service().household().name

    def report() -> bytes:
        from app.reports import visit_report  # made when fetched: the PDF library loads then

        made = datetime.fromtimestamp(session.clock(), UTC)
        return visit_report(visit, names, household, made)

    lines.append(w.download_button(t("visits.history.print"), session.offer_download(
        f"visit-{started.date().isoformat()}.pdf", "application/pdf", report)))
    return ft.Container(ft.Column(lines, spacing=6), bgcolor=theme.SURFACE, border_radius=14,
                        padding=12, border=ft.Border.all(1, "#E2DBD2"))


@ft.component
@signed_in_only
def VisitsScreen() -> ft.Control:
    """Every visit, newest first."""
    session = use_session()
    household = session.require_service()
    names = {m.id: m.name for m in household.members(include_removed=True)}
    found = visits_for(household).visits()
    body: list[ft.Control] = [w.para(t("visits.history.intro"), muted=True)]
    body += [visit_card(session, v, names) for v in found] or [
        w.para(t("visits.history.none"))]
    return w.screen(t("visits.history.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="visits-screen")
