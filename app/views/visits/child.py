"""A child's turn at a visit: the worker hands the phone over, the child tells them something.

The tab stays signed in as the worker while the child has it, so a change another tab makes
meanwhile (the worker's PIN, the worker taken off, a new passphrase) would sign the worker out
or shut the tab at the child's tap, and the child's words went with the screen (DOMAIN rules
1 and 2). Here the child's words go first: they are sealed for the agency, whose key needs no
PIN and no passphrase, with the household this screen opened. Then the child is thanked and
asked to give the phone back; the grown-up's next tap signs the worker out, or asks for the
new passphrase, as ever.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from typing import Any, cast

import flet as ft

from app.domain.checkins import Feeling
from app.domain.people import Member, Role
from app.i18n import t
from app.services.gate import InvalidText
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.visits import visits_for
from app.sync.service import sync_for
from app.views import widgets as w
from app.views.chores.parts import picture_choice
from app.views.safety_net import safety_net
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session

log = logging.getLogger(__name__)
ROUTE = "/visit"

#: Who is telling, at which visit, and with the household the screen opened: what the words
#: are sealed with if the tab is shut under the child (see ``HearFromChildScreen``).
Telling = tuple[HouseholdService, Member, str]


def said_words(feeling: str, words: str) -> str:
    """What the child said: the feeling they picked, then their own words."""
    return ", ".join(part for part in (
        t(f"checkins.feeling.{feeling}") if feeling else "", words.strip()) if part)


def childs_tap(session: Session, handler: Callable[[], Any]) -> Callable[..., Any]:
    """The child's "Give it to ...": it runs whatever another tab changed (see the module).

    ``guarded`` checks the signed-in worker before a tap; this tap is the child's, so it only
    counts as use of the app, and an unexpected error is logged and said kindly as ever.
    """
    def failed() -> None:
        if isinstance(sys.exc_info()[1], InvalidText):
            session.notice = t("error.broken_text")
            return
        log.exception("unexpected error as a child told their worker something")
        session.notice = t("error.unexpected")

    return safety_net(handler, before=session.touch, failed=failed)


def changed_meanwhile(session: Session, household: HouseholdService) -> bool:
    """True if another tab changed the passphrase, or the worker's PIN, or took them off.

    Only asked: the tab is left as it is for the grown-up's next tap to sign out or shut.
    """
    return not session.gate.still_proved(household) or session.gone_since_sign_in()


@ft.component
@signed_in_only
def HearFromChildScreen() -> ft.Control:
    """The worker hands the phone to a child: pictures first, words if they like, sealed."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    child_id = ft.use_route_params().get("child_id", "")
    feeling, set_feeling = ft.use_state(cast(str, ""))
    words, set_words = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    given, set_given = ft.use_state(False)  # sealed while something changed: "give it back"
    # set at the first tap on "Give it to ...", before anything is sealed: a second tap in the
    # same burst (it may reach the handler of the render before, where ``busy`` is False)
    # seals nothing again; a refusal lets the child try again
    giving = ft.use_ref(False)
    telling: ft.MutableRef[Telling | None] = ft.use_ref(None)
    said_so_far = ft.use_ref("")
    let_go = ft.use_ref(False)  # Back or Lock: the child chose not to tell, nothing to seal
    said_so_far.current = said_words(feeling, words)

    def kept_if_shut() -> None:
        # Another tab's new passphrase shut this tab (its check every few seconds needs no
        # tap) while the child was telling: what they had said is sealed all the same.
        if (session.service is not None or giving.current or let_go.current
                or telling.current is None or not said_so_far.current):
            return
        opened, teller, visit_id = telling.current
        try:
            sync_for(opened).send_to_worker(teller, said_so_far.current, at_visit=visit_id)
        except (InvalidInput, NotAllowed, InvalidText):
            log.warning("a child's words could not be kept as the tab was shut")

    ft.use_effect(lambda: None, [], cleanup=kept_if_shut)
    try:
        child = household.member(child_id)
    except KeyError:
        child = None
    if given and child is not None:
        return w.screen(t("visits.children.title", name=child.name),
                        [w.para(t("visits.children.give_back", name=child.name,
                                  worker=me.name), size=20)],
                        on_back=guarded(session, lambda: go(ROUTE)),
                        on_lock=guarded(session, session.lock), identifier="visit-child-given",
                        read_aloud=True)
    visit = visits_for(household).current(me) if me.role is Role.WORKER else None
    if child is None or child.role is not Role.CHILD or visit is None:
        return w.screen(t("visits.title"), [w.message(t("visits.children.cannot"))],
                        on_back=guarded(session, lambda: go(ROUTE)),
                        on_lock=guarded(session, session.lock), identifier="visit-child-screen")
    if sync_for(household).agency_public_key() is None:  # opened directly: see children_part
        return w.screen(t("visits.title"), [w.message(t("visits.children.not_linked"),
                                                      kind="warn")],
                        on_back=guarded(session, lambda: go(ROUTE)),
                        on_lock=guarded(session, session.lock), identifier="visit-child-screen")
    telling.current = (household, child, visit.id)

    def letting_go(handler: Callable[[], None]) -> Callable[..., None]:
        tap = guarded(session, handler)

        def chosen(event: Any = None) -> None:
            let_go.current = True
            tap(event)

        return chosen

    async def send() -> None:
        if giving.current:
            return  # the second tap of a double tap: the words are sealed once
        said = said_words(feeling, words)
        if not said:
            set_error(t("visits.children.say_something"))
            return
        giving.current = True
        set_busy(True)
        sync = sync_for(household)
        try:
            sync.send_to_worker(child, said, at_visit=visit.id)
        except (InvalidInput, NotAllowed) as exc:
            giving.current = False
            set_busy(False)
            set_error(error_message(exc))
            return
        # sealed and kept: sent now if the agency can be reached, else at the next sync
        await asyncio.to_thread(sync.sync_now)
        if changed_meanwhile(session, household):
            set_given(True)
            return
        session.notice = t("visits.children.sealed", name=child.name)
        go(ROUTE)

    body: list[ft.Control] = [
        w.para(t("visits.children.ask", name=child.name), size=20),
        w.para(t("visits.children.who_sees", worker=me.name), size=17, bold=True),
        ft.Row([_feeling_button(session, f, f.value == feeling, set_feeling) for f in Feeling],
               wrap=True, spacing=8, run_spacing=8),
        w.text_field(t("visits.children.words"), words, set_words, multiline=True,
                     max_length=2000),
        *([w.message(error)] if error else []),
        w.primary(t("visits.children.send", worker=me.name), childs_tap(session, send),
                  disabled=busy),
    ]
    return w.screen(t("visits.children.title", name=child.name), body,
                    on_back=letting_go(lambda: go(ROUTE)),
                    on_lock=letting_go(session.lock), identifier="visit-child-screen",
                    read_aloud=True)


def _feeling_button(session: Session, feeling: Feeling, selected: bool,
                    choose: Callable[[str], None]) -> ft.Control:
    return picture_choice(feeling.value, t(f"checkins.feeling.{feeling.value}"), selected,
                          childs_tap(session, lambda: choose("" if selected else feeling.value)))
