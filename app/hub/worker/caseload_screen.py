"""The caseload: the households a worker looks after (a manager: all), most pressing first.

Each household says why it is where it is, what is going well and what is due. On a phone the
caseload is a screen of its own; at a desk it stays on the left (``desk``) and this route
shows a welcome beside it instead.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.hub.caseload import Attention, CaseloadEntry, caseload
from app.hub.casework.allocation import is_manager
from app.hub.worker import frame
from app.hub.worker.household.parts import household_route, read
from app.hub.worker.session import WorkerSession, guarded, use_worker_session
from app.hub.worker.words import due_words, going_well_words, reason_words
from app.i18n import plural, t
from app.views import widgets as w
from app.views.language import language_row, text_size_choice
from app.views.text_size import scale, sized

#: Background and icon for each kind of attention.
LOOKS: dict[Attention, tuple[str, ft.IconData, str]] = {
    Attention.ALERT: (theme.ERROR_BG, ft.Icons.WARNING_AMBER_ROUNDED, theme.ERROR),
    Attention.WORDS: (theme.WARN_BG, ft.Icons.MAIL_LOCK_OUTLINED, theme.TEXT),
    Attention.LOW: (theme.ERROR_BG, ft.Icons.SHIELD_OUTLINED, theme.ERROR),
    Attention.FALLING: (theme.WARN_BG, ft.Icons.TRENDING_DOWN, theme.TEXT),
    Attention.QUIET: (theme.WARN_BG, ft.Icons.SCHEDULE, theme.TEXT),
    Attention.SETTLED: (theme.SURFACE, ft.Icons.HOME_OUTLINED, theme.BRAND),
}
SELECTED_BORDER = theme.BRAND


def my_caseload(session: WorkerSession) -> tuple[bool, list[CaseloadEntry]]:
    """(is a manager, the caseload): a worker's allocated households, a manager's all."""
    worker = session.worker
    if worker is None:  # signed out while this screen was being drawn again: it is going
        return False, []
    manager = is_manager(session.engine, worker.id)
    entries = caseload(session.engine, session.now(),
                       allocated_to=None if manager else worker.id)
    return manager, entries


def _line(icon: ft.IconData, colour: str, words: str) -> ft.Control:
    return ft.Row([ft.Icon(icon, color=colour, size=18),
                   ft.Text(words, size=sized(15), color=theme.TEXT, expand=True)],
                  spacing=6, vertical_alignment=ft.CrossAxisAlignment.START)


def entry_lines(session: WorkerSession, entry: CaseloadEntry) -> list[ft.Control]:
    """What needs attention, then what is going well, then what is due."""
    now = session.now()
    lines = [_line(ft.Icons.PRIORITY_HIGH if entry.reasons else ft.Icons.CHECK,
                   theme.ERROR if entry.attention is not Attention.SETTLED else theme.BRAND,
                   reason_words(reason, now))
             for reason in entry.reasons] or [
        _line(ft.Icons.CHECK, theme.BRAND, t("hub.reason.settled"))]
    lines += [_line(ft.Icons.THUMB_UP_OUTLINED, theme.BRAND, going_well_words(good))
              for good in entry.going_well]
    lines += [_line(ft.Icons.EVENT_OUTLINED, theme.TEXT, due_words(item)) for item in entry.due]
    return lines


def caseload_row(session: WorkerSession, index: int, entry: CaseloadEntry,
                 selected: bool = False) -> ft.Control:
    """One household: its name, why it is here, what is going well and due; a tap opens it."""
    background, icon, colour = LOOKS[entry.attention]
    route = household_route(entry.household_id)
    sign = ft.Icon(icon, color=colour, size=30)
    name: ft.Control = ft.Text(entry.name, size=sized(18), weight=ft.FontWeight.W_600,
                               color=theme.TEXT, expand=True)
    beside = scale() == 1.0
    if not beside:  # above 100% the sign goes before the name: beside the lines, they
        name = ft.Row([sign, name], spacing=8)  # stood two or three words a line
    tile = ft.ListTile(
        leading=sign if beside else None,
        title=name,
        subtitle=ft.Column(entry_lines(session, entry), spacing=2),
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
        on_click=guarded(session, lambda: session.open(route)),
        min_height=72, selected=selected,
    )
    border = ft.RoundedRectangleBorder(
        radius=12, side=ft.BorderSide(3 if selected else 0,
                                      SELECTED_BORDER if selected else "#00000000"))
    return ft.Semantics(identifier=f"caseload-{index}", container=True, selected=selected,
                        content=ft.Card(content=tile, bgcolor=background, margin=0,
                                        shape=border))


def caseload_body(session: WorkerSession, found: tuple[bool, list[CaseloadEntry]] | None,
                  selected: str = "") -> list[ft.Control]:
    """The caseload's words and rows (``selected``: the household open beside it)."""
    worker = session.worker
    if worker is None:  # signed out while this screen was being drawn again: it is going
        return []
    if found is None:
        return [w.message(t("hub.error.database"))]
    manager, entries = found
    intro = t("hub.caseload.intro_manager" if manager else "hub.caseload.intro",
              name=worker.name)
    body: list[ft.Control] = [w.para(intro, muted=True)]
    if not entries:
        body.append(frame.empty(t("hub.caseload.empty" if manager
                                  else "hub.caseload.none_allocated")))
    else:
        waiting = sum(1 for entry in entries if entry.attention is not Attention.SETTLED)
        body.append(w.para(plural(waiting, "hub.caseload.waiting") if waiting
                           else t("hub.caseload.all_settled"), bold=True))
        body.extend(caseload_row(session, n, entry, entry.household_id == selected)
                    for n, entry in enumerate(entries))
    actions: list[ft.Control] = [w.secondary(t("hub.caseload.refresh"),
                                             guarded(session, session.changed))]
    if manager:
        actions.append(w.secondary(t("hub.access.open"),
                                   guarded(session, lambda: session.open("/access-log"))))
    body.append(ft.Row(actions, wrap=True, spacing=12))
    body.append(language_row(session.language, lambda tag: guarded(
        session, lambda: session.choose_language(tag))()))
    body.append(text_size_choice(session.text_scale, lambda percent: guarded(
        session, lambda: session.choose_text_size(percent))(), heading=t("text_size.mine")))
    return body


def desk_welcome() -> ft.Control:
    """Beside the caseload at a desk, before a family is chosen."""
    return frame.page(t("hub.desk.title"), [
        w.para(t("hub.desk.body")),
        frame.empty(t("hub.desk.hint")),
    ], identifier="hub-desk-welcome", wide=True)


@ft.component
def CaseloadScreen() -> ft.Control:
    """The households in order of need, with a way to read the hub again."""
    session = use_worker_session()
    if session.worker is None:
        return ft.Container()  # signed out this moment: the sign-in screen replaces this
    if session.desk:
        return desk_welcome()  # the caseload itself is already on the left
    found = read(session, lambda: my_caseload(session))
    return frame.page(t("hub.caseload.title"), caseload_body(session, found),
                      identifier="hub-caseload", on_sign_out=guarded(session, session.sign_out))
