"""Family rituals: the list with gentle counts, adding and changing one, and the child's part.

Parents plan rituals and say when they were done; a child can say "We did it!" for the
rituals they are part of; the worker reads. Counts only ever say what was done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.people import Role
from app.domain.rituals import Ritual, may_tick
from app.i18n import plural, t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.rituals.form import RitualForm
from app.views.rituals.parts import DONE_GREEN, count_words, line, service
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height
from app.views.widgets import named


def _done_badge(words: str, size: int) -> ft.Control:
    return ft.Row([ft.Icon(ft.Icons.CHECK_CIRCLE, color=DONE_GREEN, size=size + 12),
                   ft.Text(words, size=sized(size), weight=ft.FontWeight.BOLD, color=DONE_GREEN,
                           expand=True)], spacing=8)


def _tick_button(label: str, words: str, on_click: Callable[..., Any], *,
                 big: bool = False) -> ft.Control:
    return ft.FilledButton(
        content=named(label, ft.Row([
            ft.Icon(ft.Icons.CHECK, size=30 if big else 22, color="#FFFFFF"),
            ft.Text(words, size=sized(22 if big else 18), weight=ft.FontWeight.BOLD,
                    color="#FFFFFF"),
        ], alignment=ft.MainAxisAlignment.CENTER, spacing=8, tight=True)),
        on_click=on_click, height=tap_height(72 if big else theme.TAP),
        style=ft.ButtonStyle(shape=ft.RoundedRectangleBorder(radius=18 if big else 12)),
    )


def _card(content: ft.Control, *, done: bool = False) -> ft.Control:
    return ft.Container(content, bgcolor=theme.OK_BG if done else theme.SURFACE,
                        border_radius=18, padding=14,
                        border=ft.Border.all(2 if done else 1, DONE_GREEN if done else "#E2DBD2"))


@ft.component
@signed_in_only
def RitualCard(ritual: Ritual) -> ft.Control:
    """A ritual on the grown-ups' list: what, when, who, how often it was done."""
    session = use_session()
    rituals = service(session)
    me = session.require_member()
    error, set_error = ft.use_state("")
    _ticked, set_ticked = ft.use_state(0)
    counts = rituals.counts(ritual.id)

    def tick() -> None:
        try:
            rituals.done_today(session.require_member(), ritual.id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_ticked(lambda n: n + 1)

    rows: list[ft.Control] = [
        ft.Row([w.picture(ritual.plan.picture, 56), ft.Column([
            ft.Text(ritual.name, size=sized(20), weight=ft.FontWeight.BOLD, color=theme.TEXT),
            ft.Text(line(session, ritual), size=sized(16), color=theme.MUTED),
        ], spacing=2, expand=True)], spacing=12),
        *[ft.Text(words, size=sized(16), color=theme.TEXT) for words in count_words(counts)],
    ]
    if counts.today:
        rows.append(_done_badge(t("rituals.done_today"), 18))
    elif may_tick(ritual, me):
        rows.append(_tick_button(t("rituals.tick_label", name=ritual.name),
                                 t("rituals.tick"), guarded(session, tick)))
    if error:
        rows.append(w.message(error))
    if me.role is Role.PARENT:
        rows.append(w.link(t("rituals.change_label", name=ritual.name), guarded(
            session, lambda: go(f"/rituals/{ritual.id}"))))
    return _card(ft.Column(rows, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                 done=counts.today)


@ft.component
@signed_in_only
def RitualsScreen() -> ft.Control:
    """Every ritual the family keeps, with gentle counts; parents add and tick."""
    session = use_session()
    me = session.require_member()
    found = service(session).rituals()
    body: list[ft.Control] = [w.para(t("rituals.intro"))]
    if me.role is Role.PARENT:
        body.append(w.primary(t("rituals.add"), guarded(session, lambda: go("/rituals/add"))))
    else:
        body.append(w.para(t("rituals.worker.intro"), muted=True))
    if not found:
        body.append(w.para(t("rituals.none_yet"), muted=True))
    body += [RitualCard(r) for r in found]
    return w.screen(t("rituals.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="rituals-screen")


@ft.component
@signed_in_only
def AddRitualScreen() -> ft.Control:
    """A parent adds a ritual."""
    session = use_session()

    def done(ritual: Ritual | None) -> None:
        if ritual is not None:
            session.notice = t("rituals.added", name=ritual.name)
        go("/rituals")

    body: list[ft.Control] = ([RitualForm(None, done)]
                              if session.require_member().role is Role.PARENT
                              else [w.message(t("error.not_allowed"))])
    return w.screen(t("rituals.add"), body, on_back=guarded(session, lambda: go("/rituals")),
                    on_lock=guarded(session, session.lock), identifier="ritual-add-screen")


@ft.component
@signed_in_only
def RitualScreen() -> ft.Control:
    """A parent changes or stops a ritual."""
    session = use_session()
    ritual_id = ft.use_route_params().get("ritual_id", "")
    error, set_error = ft.use_state("")
    back = guarded(session, lambda: go("/rituals"))
    try:
        ritual = service(session).ritual(ritual_id)
    except KeyError:
        ritual = None
    if ritual is None or session.require_member().role is not Role.PARENT:
        return w.screen(t("rituals.missing"), [w.para(t("rituals.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="ritual-screen")

    def done(saved: Ritual | None) -> None:
        if saved is not None:
            session.notice = t("rituals.saved", name=saved.name)
        go("/rituals")

    def stop() -> None:
        try:
            service(session).stop(session.require_member(), ritual_id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.notice = t("rituals.stopped", name=ritual.name)
        go("/rituals")

    body: list[ft.Control] = [RitualForm(ritual, done), ft.Divider(),
                              w.para(t("rituals.stop.body"), muted=True),
                              w.secondary(t("rituals.stop"), guarded(session, stop))]
    if error:
        body.append(w.message(error))
    return w.screen(ritual.name, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier="ritual-screen")


@ft.component
@signed_in_only
def OurFamilyTimes(child_id: str) -> ft.Control:
    """On a child's home: their family rituals, each with a big "We did it!" button."""
    session = use_session()
    rituals = service(session)
    _ticked, set_ticked = ft.use_state(0)
    mine = rituals.rituals_for(child_id)

    def tick(ritual: Ritual) -> None:
        try:
            rituals.done_today(session.require_member(), ritual.id)
        except (InvalidInput, NotAllowed):
            return  # nothing to show a child: the card simply stays as it was
        set_ticked(lambda n: n + 1)

    parts: list[ft.Control] = [ft.Semantics(header=True, content=ft.Text(
        t("rituals.child.title"), size=sized(26), weight=ft.FontWeight.BOLD, color=theme.TEXT))]
    for ritual in mine:
        counts = rituals.counts(ritual.id)
        rows: list[ft.Control] = [ft.Row([
            w.picture(ritual.plan.picture, 72),
            ft.Column([ft.Text(ritual.name, size=sized(22), weight=ft.FontWeight.BOLD,
                               color=theme.TEXT),
                       *([ft.Text(ritual.plan.when, size=sized(18), color=theme.TEXT)]
                         if ritual.plan.when else [])], spacing=2, expand=True),
        ], spacing=14)]
        if counts.this_week:
            rows.append(ft.Text(plural(counts.this_week, "rituals.child.week"),
                                size=sized(18), color=theme.TEXT))
        if counts.today:
            rows.append(_done_badge(t("rituals.child.done"), 22))
        else:
            rows.append(_tick_button(t("rituals.child.tick_label", name=ritual.name),
                                     t("rituals.child.tick"),
                                     guarded(session, lambda r=ritual: tick(r)), big=True))
        parts.append(_card(ft.Column(rows, spacing=10,
                                     horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                           done=counts.today))
    return ft.Column(parts, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
