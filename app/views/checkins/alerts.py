"""The worker's "Safety alerts" card (those not marked seen yet), first on the worker's home.

Only the worker ever sees this card; the parents' home and the lock screen show nothing of
an alert. "I've seen this" is the worker's own mark: the alert itself is never changed.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.alerts import SafetyAlert
from app.i18n import plural, t
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.checkins.parts import name_of, service, when_words
from app.views.state import error_message, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height

ALERT_BG = "#FDECEA"
ALERT_EDGE = "#B3261E"


def _alert_row(household: HouseholdService, alert: SafetyAlert,
               on_seen: ft.Control) -> ft.Control:
    name = name_of(household, alert.child_id)
    return ft.Container(ft.Column([
        ft.Text(t(f"checkins.alert.{alert.source.value}", name=name), size=sized(17),
                weight=ft.FontWeight.W_600, color=theme.TEXT),
        ft.Text(when_words(alert.created_at), size=sized(15), color=theme.MUTED),
        ft.Row([on_seen], alignment=ft.MainAxisAlignment.END),
    ], spacing=4), bgcolor=theme.SURFACE, border_radius=12, padding=10)


@ft.component
@signed_in_only
def AlertsCard() -> ft.Control:
    """Unseen safety alerts for the worker, each with "I've seen this"."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    error, set_error = ft.use_state("")
    version, set_version = ft.use_state(0)
    checkins = service(session)
    waiting = checkins.unseen_alerts(me)

    def seen(alert_id: str) -> None:
        try:
            checkins.mark_alert_seen(me, alert_id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_version(version + 1)

    if checkins.alerts_go_to_agency():
        lines: list[ft.Control] = [w.para(t("checkins.alerts.at_agency"), muted=True)]
    elif not waiting:
        lines = [w.para(t("checkins.alerts.none"), muted=True)]
    else:
        lines = [w.para(plural(len(waiting), "checkins.alerts.count"), size=16)]
        for alert in reversed(waiting):
            name = name_of(household, alert.child_id)
            button = ft.OutlinedButton(
                content=w.named(t("checkins.alerts.seen_label", name=name,
                                when=when_words(alert.created_at)),
                              ft.Text(t("checkins.alerts.seen"), size=sized(16))),
                on_click=guarded(session, lambda a=alert: seen(a.id)), height=tap_height(48))
            lines.append(_alert_row(household, alert, button))
        lines.append(w.para(t("checkins.alerts.agency"), size=14, muted=True))
    if error:
        lines.append(w.message(error))
    return ft.Semantics(identifier="safety-alerts", container=True, content=ft.Container(
        ft.Column([
            ft.Row([w.picture("sos", 36), ft.Semantics(header=True, content=ft.Text(
                t("checkins.alerts.title"), size=sized(19), weight=ft.FontWeight.BOLD,
                color=theme.TEXT, expand=True))], spacing=10),
            *lines,
        ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=ALERT_BG if waiting else theme.SURFACE, border_radius=16, padding=14,
        border=ft.Border.all(2 if waiting else 1, ALERT_EDGE if waiting else "#E2DBD2")))
