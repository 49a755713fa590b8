"""The chores screens: the list, adding a chore, and one chore with its changes.

Parents plan chores and see each child's week; the worker sees the same read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.chores import Chore, ChoreStatus
from app.domain.people import Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.form import ChoreForm
from app.views.chores.parts import (
    chore_row,
    heading,
    names_by_id,
    often_words,
    service,
    stars_words,
    summary,
    who_words,
)
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized


def _back_to_list(session: Session) -> Callable[..., Any]:
    return guarded(session, lambda: go("/chores"))


@ft.component
@signed_in_only
def ChoresScreen() -> ft.Control:
    """Every chore, in use, paused and retired, and a way into each child's week."""
    session = use_session()
    me = session.require_member()
    chores = service(session)
    names = names_by_id(session)
    today = chores.today()
    is_parent = me.role is Role.PARENT
    body: list[ft.Control] = []
    if is_parent:
        body.append(w.primary(t("chores.add"), guarded(session, lambda: go("/chores/add"))))
    else:
        body.append(w.para(t("chores.worker.intro"), muted=True))
    kids = chores.children()
    if kids:
        body.append(heading(t("chores.weeks")))
        body += [
            ft.ListTile(
                leading=w.picture(k.avatar.value, 40),
                title=ft.Text(t("chores.week.title", name=k.name), size=sized(18),
                              weight=ft.FontWeight.W_600),
                subtitle=ft.Text(t("chores.week.subtitle"), color=theme.MUTED),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
                on_click=guarded(session, lambda k=k: go(f"/chores/week/{k.id}")),
                min_height=64,
                bgcolor=theme.SURFACE,
            )
            for k in kids
        ]
    everything = chores.chores()
    for status in ChoreStatus:
        listed = [c for c in everything if c.status is status]
        if not listed and status is not ChoreStatus.ACTIVE:
            continue
        body.append(heading(t(f"chores.section.{status.value}")))
        if not listed:
            body.append(w.para(t("chores.none_active" if everything else "chores.none_yet"),
                               muted=True))
        body += [chore_row(c, summary(c, names, today),
                           guarded(session, lambda c=c: go(f"/chores/{c.id}")))
                 for c in listed]
    return w.screen(t("chores.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="chores-screen")


@ft.component
@signed_in_only
def AddChoreScreen() -> ft.Control:
    """A parent adds a chore."""
    session = use_session()

    def done(chore: Chore | None) -> None:
        if chore is not None:
            session.notice = t("chores.added", name=chore.name)
        go("/chores")

    if session.require_member().role is not Role.PARENT:
        body: list[ft.Control] = [w.message(t("error.not_allowed"))]
    else:
        body = [ChoreForm(None, done)]
    return w.screen(t("chores.add.title"), body, on_back=_back_to_list(session),
                    on_lock=guarded(session, session.lock), identifier="chore-add-screen")


@ft.component
@signed_in_only
def ChoreScreen() -> ft.Control:
    """One chore: a parent changes, pauses, retires or restarts it; the worker reads it."""
    session = use_session()
    chore_id = ft.use_route_params().get("chore_id", "")
    error, set_error = ft.use_state("")
    me = session.require_member()
    chores = service(session)
    try:
        chore = chores.chore(chore_id)
    except KeyError:
        return w.screen(t("chores.missing"), [w.para(t("chores.missing.body"))],
                        on_back=_back_to_list(session), on_lock=guarded(session, session.lock),
                        identifier="chore-screen")

    def change_status(status: ChoreStatus) -> None:
        action = {ChoreStatus.ACTIVE: chores.resume, ChoreStatus.PAUSED: chores.pause,
                  ChoreStatus.RETIRED: chores.retire}[status]
        try:
            action(me, chore.id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.notice = t(f"chores.now.{status.value}", name=chore.name)
        go("/chores")

    def saved(changed: Chore | None) -> None:
        if changed is not None:
            session.notice = t("chores.saved", name=changed.name)
        go("/chores")

    names = names_by_id(session)
    status_line = t(f"chores.status.{chore.status.value}")
    body: list[ft.Control] = [
        ft.Row([w.picture(chore.picture, 64),
                ft.Column([w.para(who_words(chore, names, chores.today())),
                           w.para(often_words(chore), muted=True),
                           w.para(stars_words(chore.stars) if chore.stars
                                  else t("chores.stars.none"), muted=True)],
                          spacing=2, expand=True)],
               spacing=12),
        w.message(status_line, kind="ok" if chore.status is ChoreStatus.ACTIVE else "warn"),
    ]
    if me.role is Role.PARENT:
        actions: list[ft.Control] = []
        if chore.status is not ChoreStatus.ACTIVE:
            actions.append(w.secondary(t("chores.resume"), guarded(
                session, lambda: change_status(ChoreStatus.ACTIVE))))
        if chore.status is ChoreStatus.ACTIVE:
            actions.append(w.secondary(t("chores.pause"), guarded(
                session, lambda: change_status(ChoreStatus.PAUSED))))
        if chore.status is not ChoreStatus.RETIRED:
            actions.append(w.secondary(t("chores.retire"), guarded(
                session, lambda: change_status(ChoreStatus.RETIRED))))
        body.append(ft.Row(actions, spacing=12, wrap=True))
        if error:
            body.append(w.message(error))
        body += [ft.Divider(), heading(t("chores.change")), ChoreForm(chore, saved)]
    return w.screen(chore.name, body, on_back=_back_to_list(session),
                    on_lock=guarded(session, session.lock), identifier="chore-screen")
