"""The access log, for managers: who opened which family's records, or sealed messages, when.

Newest first. Only a manager may read it, decided from the database each time; anyone else
is told so plainly.
"""

from __future__ import annotations

import flet as ft

from app.hub.casework.allocation import ACCESS_LOG_SHOWN, access_lines, is_manager
from app.hub.worker import frame
from app.hub.worker.household.parts import read, sign_out_button
from app.hub.worker.session import guarded, use_worker_session
from app.hub.worker.words import ago
from app.i18n import t
from app.views import widgets as w


@ft.component
def AccessLogScreen() -> ft.Control:
    """The latest openings, newest first (managers only)."""
    session = use_worker_session()
    worker = session.worker
    if worker is None:
        return ft.Container()  # signed out this moment: the sign-in screen replaces this
    manager = read(session, lambda: is_manager(session.engine, worker.id))
    back = guarded(session, lambda: session.open("/"))
    if not manager:
        return frame.page(t("hub.access.title"), [
            w.para(t("hub.access.managers_only")),
            w.primary(t("hub.household.to_caseload"), back),
        ], identifier="hub-access-refused", on_back=back,
            on_sign_out=sign_out_button(session), wide=session.desk)
    found = read(session, lambda: access_lines(session.engine))
    now = session.now()
    body: list[ft.Control] = [frame.empty(t("hub.access.intro", count=ACCESS_LOG_SHOWN))]
    if found is None:
        body.append(w.message(t("hub.error.database")))
    else:
        rows = [frame.line(
            t(f"hub.access.opened.{line.what}", name=line.worker_name,
              household=line.household_name or t("hub.access.erased")),
            note=t("hub.access.when", when=ago(line.at, now),
                   at=f"{line.at.astimezone():%d/%m/%Y %H:%M}", username=line.username))
            for line in found]
        body.append(frame.card(t("hub.access.list"), rows or [frame.empty(t("hub.access.none"))],
                               identifier="hub-access-list"))
    return frame.page(t("hub.access.title"), body, identifier="hub-access-log", on_back=back,
                      on_sign_out=sign_out_button(session), wide=session.desk)
