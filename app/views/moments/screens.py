"""The hard moments log: the list with its patterns, writing one down, and adding to one.

Only parents and the worker reach these screens; a child who types one of their addresses
sees one line saying it is for grown-ups, and nothing of the log (the service refuses too).
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Role
from app.domain.programme.moments import HardMoment
from app.i18n import t
from app.views import widgets as w
from app.views.moments.form import MomentForm
from app.views.moments.parts import moment_card, names_by_id, patterns_card, service
from app.views.state import Session, go, guarded, signed_in_only, use_session

SHOWN = 50


def _grown_up(session: Session) -> bool:
    return session.require_member().role in (Role.PARENT, Role.WORKER)


def for_grown_ups(session: Session, identifier: str) -> ft.Control:
    """What a child sees at a hard moments address: no list, no count, the way home."""
    return w.screen(t("moments.for_grown_ups"), [w.para(t("moments.for_grown_ups"))],
                    on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier=identifier)


@ft.component
@signed_in_only
def MomentsScreen() -> ft.Control:
    """The log, newest first, with the patterns; parents and the worker add to it."""
    session = use_session()
    if not _grown_up(session):
        return for_grown_ups(session, "moments-screen")
    me = session.require_member()
    log = service(session)
    found = log.moments(me)
    names = names_by_id(session)
    body: list[ft.Control] = [
        w.para(t("moments.worker.intro") if me.role is Role.WORKER else t("moments.intro")),
        w.message(t("moments.private"), kind="warn"),
        w.primary(t("moments.add"), guarded(session, lambda: go("/moments/add"))),
        patterns_card(log.patterns(me)),
    ]
    if not found:
        body.append(w.para(t("moments.none_yet"), muted=True))
    body += [moment_card(m, names, guarded(session, lambda m=m: go(f"/moments/{m.id}")))
             for m in found[:SHOWN]]
    return w.screen(t("moments.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="moments-screen")


@ft.component
@signed_in_only
def AddMomentScreen() -> ft.Control:
    """Write a hard moment down."""
    session = use_session()
    if not _grown_up(session):
        return for_grown_ups(session, "moment-add-screen")

    def done(saved: HardMoment | None) -> None:
        if saved is not None:
            session.notice = t("moments.added")
        go("/moments")

    return w.screen(t("moments.add"), [w.message(t("moments.private"), kind="warn"),
                                       MomentForm(None, done)],
                    on_back=guarded(session, lambda: go("/moments")),
                    on_lock=guarded(session, session.lock), identifier="moment-add-screen")


@ft.component
@signed_in_only
def MomentScreen() -> ft.Control:
    """Add the repair or the ending to a moment, or put right what was written."""
    session = use_session()
    if not _grown_up(session):
        return for_grown_ups(session, "moment-screen")
    moment_id = ft.use_route_params().get("moment_id", "")
    back = guarded(session, lambda: go("/moments"))
    try:
        moment = service(session).moment(session.require_member(), moment_id)
    except KeyError:
        return w.screen(t("moments.missing"), [w.para(t("moments.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="moment-screen")

    def done(saved: HardMoment | None) -> None:
        if saved is not None:
            session.notice = t("moments.saved")
        go("/moments")

    return w.screen(t("moments.title"), [MomentForm(moment, done)], on_back=back,
                    on_lock=guarded(session, session.lock), identifier="moment-screen")
