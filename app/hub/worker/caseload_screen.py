"""The caseload: every household, the ones that need attention first, each saying why."""

from __future__ import annotations

import flet as ft

from app import theme
from app.hub.caseload import Attention, CaseloadEntry, caseload
from app.hub.worker import frame
from app.hub.worker.household.parts import household_route, read
from app.hub.worker.session import WorkerSession, guarded, use_worker_session
from app.hub.worker.words import reason_words
from app.i18n import plural, t
from app.views import widgets as w

#: Background and icon for each kind of attention.
LOOKS: dict[Attention, tuple[str, ft.IconData, str]] = {
    Attention.ALERT: (theme.ERROR_BG, ft.Icons.WARNING_AMBER_ROUNDED, theme.ERROR),
    Attention.LOW: (theme.ERROR_BG, ft.Icons.SHIELD_OUTLINED, theme.ERROR),
    Attention.FALLING: (theme.WARN_BG, ft.Icons.TRENDING_DOWN, theme.TEXT),
    Attention.QUIET: (theme.WARN_BG, ft.Icons.SCHEDULE, theme.TEXT),
    Attention.SETTLED: (theme.SURFACE, ft.Icons.HOME_OUTLINED, theme.BRAND),
}


def caseload_row(session: WorkerSession, index: int, entry: CaseloadEntry) -> ft.Control:
    """One household: its name, why it is here, and a tap to open it."""
    background, icon, colour = LOOKS[entry.attention]
    now = session.now()
    reasons = [reason_words(reason, now) for reason in entry.reasons] or [
        t("hub.reason.settled")]
    route = household_route(entry.household_id)
    tile = ft.ListTile(
        leading=ft.Icon(icon, color=colour, size=30),
        title=ft.Text(entry.name, size=18, weight=ft.FontWeight.W_600, color=theme.TEXT),
        subtitle=ft.Column([ft.Text(words, size=15, color=theme.TEXT) for words in reasons],
                           spacing=2),
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
        on_click=guarded(session, lambda: session.open(route)),
        min_height=72,
    )
    return ft.Semantics(identifier=f"caseload-{index}", container=True,
                        content=ft.Card(content=tile, bgcolor=background, margin=0))


@ft.component
def CaseloadScreen() -> ft.Control:
    """The households in order of need, with a way to read the hub again."""
    session = use_worker_session()
    worker = session.require_worker()
    entries = read(session, lambda: caseload(session.engine, session.now()))
    body: list[ft.Control] = [w.para(t("hub.caseload.intro", name=worker.name), muted=True)]
    if entries is None:
        body.append(w.message(t("hub.error.database")))
    elif not entries:
        body.append(frame.empty(t("hub.caseload.empty")))
    else:
        waiting = sum(1 for entry in entries if entry.attention is not Attention.SETTLED)
        body.append(w.para(plural(waiting, "hub.caseload.waiting_one",
                                  "hub.caseload.waiting_other") if waiting
                           else t("hub.caseload.all_settled"), bold=True))
        body.extend(caseload_row(session, n, entry) for n, entry in enumerate(entries))
    body.append(w.secondary(t("hub.caseload.refresh"), guarded(session, session.changed)))
    return frame.page(t("hub.caseload.title"), body, identifier="hub-caseload",
                      on_sign_out=guarded(session, session.sign_out))
