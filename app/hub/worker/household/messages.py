"""Sealed messages: words a child or parent wrote just for their worker, opened with the agency key.

The worker enters the agency passphrase once per tab; the private key then stays in that tab's
session memory only. Wrong passphrases are counted per worker in the database
(``app.hub.accounts.tries``), so another tab gives no more tries. Messages are opened as the
screen is drawn and their words are never logged or stored anywhere else; that they were
opened, by whom and when, goes to the access log.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

import flet as ft

from app import theme
from app.hub.accounts.tries import TooManyTries, open_agency_key
from app.hub.admin import NoAgency
from app.hub.casework.allocation import OPENED_SEALED
from app.hub.credentials import WrongPassphrase
from app.hub.worker import frame
from app.hub.worker.household.data import SealedMessage
from app.hub.worker.household.gate import note
from app.hub.worker.household.parts import Unreadable, section_page, use_household
from app.hub.worker.session import WorkerSession, guarded, use_worker_session
from app.hub.worker.words import ago, ago_iso
from app.i18n import plural, t
from app.sync.sealing import CannotOpen, open_sealed
from app.views import widgets as w
from app.views.text_size import sized

ROLES = frozenset({"child", "parent", "worker"})


@dataclass(frozen=True)
class OpenedMessage:
    """A message's words, held only while the screen is drawn."""

    text: str
    from_name: str
    from_role: str
    written_at: str | None


def open_message(session: WorkerSession, message: SealedMessage) -> OpenedMessage | None:
    """Open one sealed message with the tab's agency key; None if it will not open."""
    if session.agency_key is None:
        return None
    try:
        data = json.loads(open_sealed(session.agency_key, message.sealed, message.record_id))
        return OpenedMessage(str(data["text"]), str(data.get("from_name") or ""),
                             str(data.get("from_role") or ""), data.get("written_at"))
    except (CannotOpen, ValueError, KeyError, TypeError):
        return None


def message_card(session: WorkerSession, message: SealedMessage) -> ft.Control:
    """One opened message: who wrote it and when, then their words."""
    now = session.now()
    opened = open_message(session, message)
    if opened is None:
        return frame.card(t("hub.messages.unreadable_title"), [
            frame.empty(t("hub.messages.unreadable", when=ago(message.received_at, now)))])
    role = t(f"hub.messages.role.{opened.from_role}") if opened.from_role in ROLES else ""
    who = opened.from_name or t("hub.person.someone")
    heading = t("hub.messages.from_role", name=who, role=role) if role else t(
        "hub.messages.from", name=who)
    written = ago_iso(opened.written_at, now) if opened.written_at else ago(
        message.received_at, now)
    return frame.card(heading, [
        ft.Text(t("hub.messages.written", when=written), size=sized(14), color=theme.MUTED),
        ft.Text(opened.text, size=sized(18), color=theme.TEXT),
    ])


@ft.component
def UnlockMessages(title_key: str = "hub.messages.unlock_title",
                   body_key: str = "hub.messages.unlock_body",
                   button_key: str = "hub.messages.open") -> ft.Control:
    """Ask for the agency passphrase, once for this tab (it opens every sealed word)."""
    session = use_worker_session()
    passphrase, set_passphrase = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def unlock() -> None:
        if not passphrase:
            set_error(t("hub.messages.error.empty"))
            return
        worker = session.require_worker()
        set_busy(True)
        try:
            key = await asyncio.to_thread(open_agency_key, session.engine, worker.id,
                                          passphrase, session.now())
        except TooManyTries as refused:
            set_error(plural(refused.minutes, "hub.messages.wait"))
            return
        except WrongPassphrase:
            set_error(t("hub.messages.error.wrong"))
            return
        except NoAgency:
            set_error(t("hub.messages.error.no_agency"))
            return
        finally:
            set_busy(False)
        set_passphrase("")
        set_error("")
        session.opened_agency_key(key)

    submit = guarded(session, unlock)
    return frame.card(t(title_key), [
        w.para(t(body_key), size=15),
        w.text_field(t("hub.messages.passphrase"), passphrase, set_passphrase, password=True,
                     on_submit=submit),
        *([w.message(error)] if error else []),
        w.primary(t("hub.messages.busy") if busy else t(button_key), submit,
                  disabled=busy),
    ], identifier="hub-messages-unlock")


@ft.component
def MessagesScreen() -> ft.Control:
    """The household's sealed messages: the passphrase first, then the messages, newest first."""
    session, household_id, records = use_household()
    opened = session.agency_key is not None and records is not None and bool(records.sealed)

    def note_opened() -> None:
        if opened:  # the words are on screen: that is an opening of the sealed messages
            note(session, household_id, OPENED_SEALED)

    ft.use_effect(note_opened, dependencies=[household_id, opened])
    if records is None:
        return Unreadable()
    body: list[ft.Control] = [w.para(t("hub.messages.intro"), muted=True)]
    if not records.sealed:
        body.append(frame.empty(t("hub.messages.none")))
    elif session.agency_key is None:
        body.append(w.para(plural(len(records.sealed), "hub.messages.sealed"), bold=True))
        body.append(UnlockMessages())
    else:
        body.extend(message_card(session, message) for message in reversed(records.sealed))
        body.append(w.secondary(t("hub.messages.close"),
                                guarded(session, session.forget_agency_key)))
    return section_page(session, records, t("hub.section.messages"), body,
                        identifier="hub-messages")
