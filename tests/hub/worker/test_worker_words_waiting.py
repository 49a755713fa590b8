"""Sealed words for the worker (a child's, or a parent's message) reach their attention: the
caseload says they are waiting until someone at the agency opens them, each kind (messages,
the three houses) on its own screen. On SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from app.domain.programme.three_houses import House, ItemDraft
from app.hub.admin import register_household
from app.hub.caseload import Attention, Reason, caseload
from app.hub.casework.allocation import (
    OPENED_HOUSES,
    OPENED_SEALED,
    OPENED_VISIT_NOTES,
    note_opening,
)
from app.hub.casework.unopened import unopened_in
from app.hub.db import records
from app.hub.worker.words import reason_words
from app.services.programme.houses import houses_for
from app.sync.catalogue import HOUSES_FOR_WORKER, WORKER_MESSAGES
from tests.hub.worker.worker_ui_kit import signed_in
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.sync.household_devices import Device, first_device
from tests.views.headless import FakeClock, run

WAITING = "Sealed words for the worker came"


@pytest.fixture
def phone(hub: RunningHub, tmp_path: Path) -> Device:
    """The Okafors' paired phone, with Sam."""
    device = first_device(tmp_path / "phone", hub)
    device.person("Sam")
    device.sync_now()
    return device


def message(phone: Device, text: str) -> None:
    sam = phone.person("Sam")
    phone.sync().send_to_worker(sam, text)
    phone.sync_now()


def keep_in_houses(phone: Device, words: str) -> None:
    sam = phone.person("Sam")
    houses_for(phone.household).add(sam, sam.id, ItemDraft(House.WORRIES, "scared", words),
                                    phone.sync().agency_public_key())
    phone.sync_now()


def reasons(hub: RunningHub, now: datetime) -> tuple[Reason, ...]:
    (entry,) = [e for e in caseload(hub.engine, now) if e.household_id == hub.household_id]
    return entry.reasons


def later() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=1)


def test_sealed_words_wait_on_the_caseload_until_their_own_screen_opens_them(
    hub: RunningHub, phone: Device, worker_id: int
) -> None:
    priya = worker_id
    assert not [r for r in reasons(hub, later()) if r.kind is Attention.WORDS]

    message(phone, "Please can you come soon")
    keep_in_houses(phone, "the boys at the bus stop")
    words = [r for r in reasons(hub, later()) if r.kind is Attention.WORDS]
    assert len(words) == 1 and words[0].count == 2 and words[0].at is not None
    waiting = unopened_in(hub.engine, hub.household_id)
    assert waiting is not None and waiting.by_kind == {WORKER_MESSAGES: 1, HOUSES_FOR_WORKER: 1}

    # Visit notes and the messages screen open other words: the houses' word still waits.
    note_opening(hub.engine, priya, hub.household_id, OPENED_VISIT_NOTES, datetime.now(UTC))
    assert [r.count for r in reasons(hub, later()) if r.kind is Attention.WORDS] == [2]
    note_opening(hub.engine, priya, hub.household_id, OPENED_SEALED, datetime.now(UTC))
    assert [r.count for r in reasons(hub, later()) if r.kind is Attention.WORDS] == [1]
    note_opening(hub.engine, priya, hub.household_id, OPENED_HOUSES, datetime.now(UTC))
    assert not [r for r in reasons(hub, later()) if r.kind is Attention.WORDS]

    # A new message after the opening waits again, on its own.
    time.sleep(0.01)
    message(phone, "It happened again")
    assert [r.count for r in reasons(hub, later()) if r.kind is Attention.WORDS] == [1]


def test_a_parents_sealed_message_waits_too(hub: RunningHub, phone: Device) -> None:
    jo = phone.person("Jo")
    phone.sync().send_to_worker(jo, "Can we talk about the weekend")
    phone.sync_now()
    assert [r.count for r in reasons(hub, later()) if r.kind is Attention.WORDS] == [1]


def test_words_come_straight_after_an_alert_and_newest_first(hub: RunningHub,
                                                             phone: Device) -> None:
    message(phone, "I miss Gran")
    quiet = register_household(hub.engine, "The Adams household")
    entries = caseload(hub.engine, later())
    assert [e.household_id for e in entries] == [hub.household_id, quiet]
    assert entries[0].attention is Attention.WORDS
    # Withdrawn or deleted words are not waiting.
    with hub.engine.begin() as connection:
        connection.execute(update(records).where(
            records.c.collection.in_((WORKER_MESSAGES, HOUSES_FOR_WORKER))).values(deleted=True))
    assert caseload(hub.engine, later())[0].attention is not Attention.WORDS


def test_the_words_say_how_many_and_when_without_saying_what() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    one = Reason(Attention.WORDS, at=now - timedelta(minutes=10), count=1)
    three = Reason(Attention.WORDS, at=now - timedelta(hours=2), count=3)
    assert reason_words(one, now) == (
        "Sealed words for the worker came 10 minutes ago: not opened yet")
    assert reason_words(three, now) == (
        "3 sealed notes for the worker, the newest 2 hours ago: not opened yet")


def test_the_worker_sees_the_words_waiting_and_opening_them_clears_it(
    hub: RunningHub, phone: Device, clock: FakeClock, worker_id: int
) -> None:
    message(phone, "Please can you come soon")
    clock.advance(5)  # the worker reads after the message came

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert any(text.startswith(WAITING) for text in d.texts()), d.texts()
        assert not d.has_text("Please can you come soon")
        await d.tap("The Okafor household")
        # the household's page says it too, and on the tile that opens them
        assert any(WAITING in text for text in d.texts()), d.texts()
        assert d.has_text("1 sealed message · 1 not opened yet"), d.texts()
        await d.tap("Messages for you")
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open sealed messages")
        await d.settle(100)
        assert d.has_text("Please can you come soon")
        assert not d.conn.errors
        d = await signed_in(hub, clock)  # a new tab, later
        assert "hub-caseload" in d.identifiers()
        assert not any(text.startswith(WAITING) for text in d.texts()), d.texts()
        await d.tap("The Okafor household")
        assert d.has_text("1 sealed message") and not any(WAITING in x for x in d.texts())
        assert not d.conn.errors

    run(go())
