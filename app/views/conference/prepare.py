"""The coordinator prepares a family group conference, and the information stage on the day.

Preparing: who is invited from the network, which worries and bottom lines (from the safety
plan) the family's plan must answer, and what the coordinator will tell the family. On the
day the information stage shows all of that to everyone in the room. What the coordinator
chose and typed and has not saved is kept for them (``Session.drafts``) until they save it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, cast

import flet as ft

from app.domain.programme.conference import Conference, Stage, Topic
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.conference import conferences_for
from app.services.programme.network import network_for
from app.views import widgets as w
from app.views.conference.plan import card, to_address
from app.views.network.parts import who_line
from app.views.state import error_message, go, guarded, signed_in_only, use_session


def _ticks(items: list[tuple[str, str]], chosen: list[str],
           set_chosen: Callable[[list[str]], None]) -> list[ft.Control]:
    def toggle(item_id: str, on: bool) -> None:
        set_chosen([i for i in chosen if i != item_id] + ([item_id] if on else []))

    return [w.tick_box(label, item_id in chosen, partial(toggle, item_id))
            for item_id, label in items]


@ft.component
@signed_in_only
def PrepareForm(conference: Conference | None, on_done: Callable[[], None]) -> ft.Control:
    """The coordinator's preparation; "Start the conference" saves it and begins the day."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    conferences = conferences_for(household)
    people = network_for(household).people(me)
    worries, lines = conferences.to_address()
    before = conference if conference is not None and conference.stage is Stage.PREPARING \
        else None
    saved: dict[str, Any] = {
        "invited": list(before.invited) if before else [],
        "worries": [x.id for x in (before.worries if before else worries)],
        "lines": [x.id for x in (before.bottom_lines if before else lines)],
        "information": before.information if before else ""}
    # what this worker chose and typed and has not saved: theirs only, never a parent's
    draft_key = f"prepare:{me.id}:{before.id if before else 'new'}"
    # (a tick for someone or something taken away since is dropped by the service on save)
    kept: dict[str, Any] = session.drafts.get(draft_key) or saved
    invited, set_invited = ft.use_state(cast(list[str], kept["invited"]))
    chosen_worries, set_worries = ft.use_state(cast(list[str], kept["worries"]))
    chosen_lines, set_lines = ft.use_state(cast(list[str], kept["lines"]))
    information, set_information = ft.use_state(cast(str, kept["information"]))
    error, set_error = ft.use_state("")

    def keep_draft() -> None:
        # kept as it changes, not on leaving: the auto-lock forgets who is here before the
        # form goes, and the words must not go with them
        now = {"invited": invited, "worries": chosen_worries, "lines": chosen_lines,
               "information": information}
        ticks_changed = any(sorted(now[part]) != sorted(saved[part])
                            for part in ("invited", "worries", "lines"))
        if ticks_changed or information != saved["information"]:
            session.drafts[draft_key] = now
        else:
            session.drafts.pop(draft_key, None)

    ft.use_effect(keep_draft, [invited, chosen_worries, chosen_lines, information])

    def save(then_start: bool) -> None:
        try:
            conferences.prepare(me, invited=invited, worries=chosen_worries,
                                bottom_lines=chosen_lines, information=information)
            if then_start:
                conferences.start_day(me)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.drafts.pop(draft_key, None)
        session.notice = t("conference.started" if then_start else "conference.prepared")
        on_done()

    def labels(topics: list[Topic]) -> list[tuple[str, str]]:
        return [(x.id, x.text) for x in topics]

    body: list[ft.Control] = [w.para(t("conference.prepare.intro"))]
    invite_rows = _ticks([(p.id, t("conference.prepare.person", name=p.name, who=who_line(p)))
                          for p in people], invited, set_invited)
    body.append(card(t("conference.prepare.invite"), [
        *(invite_rows or [w.para(t("conference.prepare.no_network"), muted=True)]),
        w.link(t("network.add"), guarded(session, lambda: go("/network/add")))]))
    if not worries and not lines:
        body += [w.message(t("conference.prepare.no_safety_plan"), kind="warn"),
                 w.secondary(t("conference.prepare.open_safety"),
                             guarded(session, lambda: go("/safety")))]
    else:
        body.append(card(t("conference.worries"),
                         _ticks(labels(worries), chosen_worries, set_worries)
                         or [w.para(t("conference.prepare.none"), muted=True)]))
        body.append(card(t("conference.bottom_lines"),
                         _ticks(labels(lines), chosen_lines, set_lines)
                         or [w.para(t("conference.prepare.none"), muted=True)]))
    body.append(card(t("conference.information"), [
        w.para(t("conference.prepare.information_help"), muted=True, size=15),
        w.text_field(t("conference.prepare.information"), information, set_information,
                     multiline=True, max_length=2000)]))
    if error:
        body.append(w.message(error))
    body += [w.secondary(t("conference.prepare.save"), guarded(session, lambda: save(False))),
             w.primary(t("conference.prepare.start"), guarded(session, lambda: save(True)))]
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def invited_line(session_names: dict[str, str], conference: Conference) -> str:
    """'Invited: Grandma Pat, Aunt Lou'."""
    return t("conference.invited", names=", ".join(
        session_names.get(i, "?") for i in conference.invited)) if conference.invited else ""


def information_stage(conference: Conference, names: dict[str, str]) -> list[ft.Control]:
    """What everyone in the room hears first: who is here, what to answer, what to know."""
    body: list[ft.Control] = [w.para(t("conference.information.intro"))]
    if conference.invited:
        body.append(w.para(invited_line(names, conference), bold=True))
    body += to_address(conference)
    if conference.information:
        body.append(card(t("conference.information"), [
            w.para(p.strip(), size=16) for p in conference.information.split("\n") if p.strip()
        ]))
    return body
