"""Headless tests of pairing, the sync status, what the agency sees, and messages for the worker.

Everything is real: the household's encrypted store in a temp folder, and the agency's hub
(SQLite) served by uvicorn on 127.0.0.1. The household clock is a fake one, so "10 minutes
ago" needs no waiting; requests are signed with real time, which the hub checks.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from pairing_steps import AGENCY, Hub, open_as, pair, seed, switch
from sqlalchemy import select

from app.hub.admin import list_devices, revoke_device
from app.hub.db import records
from app.sync.service import SyncStatus
from app.views.sync.set_aside import note_words
from app.views.sync.words import ago_words, status_lines, status_summary
from tests.hubkit import key_check

SECRET = "the big dog next door scares me"


def test_a_parent_pairs_in_settings_and_sees_sync_in_plain_words(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Jo")
        assert d.has_text("Not connected to an agency yet.")  # the home card
        await d.tap("Settings")
        assert d.has_text("Not connected to an agency yet.")
        await d.tap("Connect to your agency")
        assert d.has_text("Do this with your worker here. They will give you your agency's "
                          "address and a pairing code.")
        assert d.has_text("Once you connect, this is what your agency will see.")
        assert d.has_text("Kept at home")

        await d.tap("Connect")
        await until(d, lambda: d.has_text("That doesn't look like a web address."))
        await d.type("Agency address", "ftp://127.0.0.1")
        await d.type("Pairing code", "ABCDE-FGHIJ")
        await d.tap("Connect")
        await until(d, lambda: d.has_text("That doesn't look like a web address."))
        await d.type("Agency address", hub.url)
        await d.tap("Connect")
        await until(d, lambda: d.has_text("That pairing code isn't right."))
        assert d.field("Agency address").value == hub.url  # what was typed is kept
        assert list_devices(hub.engine) == []

        await d.type("Agency address", "http://192.168.1.20:8560")
        await d.type("Pairing code", hub.code())
        await d.tap("Connect")
        await until(d, lambda: d.has_text(
            "That address starts with http:// and is not on this phone, so what you send could "
            "be read on the way. Ask your worker for the address that starts with https://."))
        await d.type("Agency address", hub.url)
        await d.tap("Connect")
        await until(d, lambda: "pair-check" in d.identifiers())
        assert d.has_text(key_check(hub.engine))  # the worker compares it with theirs
        assert d.has_text("Nothing has been sent yet. If they are different, do not connect.")
        assert not d.has_text(f"Connected to {AGENCY}.")
        await d.tap("They match: connect")
        await until(d, lambda: d.has_text(f"Connected to {AGENCY}."))
        assert len(list_devices(hub.engine)) == 1
        assert d.has_text("Everything below is sent to your agency, so your worker can help.")

        await d.tap("Sync now")
        await until(d, lambda: d.has_text("Your agency is up to date."))
        assert d.has_text("Sent to your agency just now.")
        assert d.has_text("Everything has been sent.")
        assert "members" in hub.collections()

        clock.advance(10 * 60)
        await d.tap("Back")
        await d.tap("Back")
        assert "home-parent" in d.identifiers()
        assert d.has_text("Sent to your agency 10 minutes ago.")
        assert not d.conn.errors

    run(go())


def test_a_hub_that_cannot_be_reached_loses_nothing_and_a_revoked_phone_is_told(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Jo")
        await pair(d, hub)
        assert d.has_text("Everything has been sent.")
        sent = len(hub.collections())

        # something new is waiting, and the agency's hub is down
        await d.tap("Back")
        await d.tap("Back")
        await rename_sam(d, "Sammy")
        hub.server.stop()
        await d.tap("Our agency")
        assert d.has_text("1 thing waiting to send.")
        await d.tap("Sync now")
        await until(d, lambda: d.has_text(
            "Can't reach your agency. Nothing is lost; we'll try again."))
        assert d.has_text("waiting to send.")
        assert len(hub.collections()) == sent

        # the hub is back, but the agency has revoked this phone
        hub.start()
        revoke_device(hub.engine, list_devices(hub.engine)[0].id)
        await d.tap("Sync now")
        await until(d, lambda: d.has_text("This phone has been disconnected by your agency."))
        assert d.has_text("To connect it again, ask your worker for a new pairing code.")
        assert not d.has_text("Sync now") and d.has_text("Pairing code")
        assert not d.conn.errors

    run(go())


def test_a_child_sends_a_sealed_message_only_their_worker_can_read(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Sam")
        assert "worker-message-not-ready" in d.identifiers()
        assert d.has_text("You can't send a message to Priya yet. A grown-up can set it up "
                          "with Priya.")
        await switch(d, "Jo")
        await pair(d, hub)
        await d.tap("Back")
        await d.tap("Back")
        await switch(d, "Sam")

        await d.tap("A message just for Priya")
        assert "worker-message-screen" in d.identifiers()
        await d.settle(50)  # nor does the browser's history say a child wrote (rule 7)
        assert "/worker-message" not in d.addresses(), d.addresses()
        assert d.has_text("Only Priya can read this. Nobody at home can, not even grown-ups.")
        assert d.button("Read this to me")  # the promise, read to a child who cannot read it
        assert not d.has_text("My messages")  # a child sees only what they send now
        await d.tap("Send to Priya")
        assert d.has_text("Please write something first.")
        await d.type("What do you want to tell Priya?", SECRET)
        await d.tap("Send to Priya")
        await until(d, lambda: d.has_text("Thank you for telling Priya. Your message is sealed "
                                          "up safe."))
        await until(d, lambda: d.has_text("· Sent"))
        assert any(text.startswith("Today at ") for text in d.texts())
        assert not d.has_text(SECRET)
        assert d.field("What do you want to tell Priya?").value == ""

        bodies = hub.sealed_bodies()
        assert len(bodies) == 1 and SECRET.encode() not in bodies[0]

        # with the hub down, a second message waits and says so
        hub.server.stop()
        await d.type("What do you want to tell Priya?", "and the cat too")
        await d.tap("Send to Priya")
        await until(d, lambda: d.has_text("· Waiting to send"))
        assert d.has_text("· Sent")
        assert not d.conn.errors

    run(go())


def test_a_household_without_a_worker_says_your_worker(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir, worker=False)
        d = await open_as(data_dir, clock, "Jo")
        assert d.has_text("Just for your worker")
        await d.tap("Just for your worker")
        assert d.has_text("You can't send a message to your worker yet, because Homeward "
                          "isn't connected to your agency.", )
        await d.tap("Connect to your agency")
        assert "sync-screen" in d.identifiers()
        assert not d.conn.errors

    run(go())


def test_the_app_syncs_on_unlock_and_on_a_timer_and_stops_when_locked(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Jo")
        await pair(d, hub)  # pairing sends everything at once
        assert "members" in hub.collections()
        await d.tap("Back")
        await d.tap("Back")
        await rename_sam(d, "Sammy")
        await d.tap("Lock")
        assert not _hub_has_name(hub, "Sammy")  # waiting: nothing synced it yet

        d = await open_as(data_dir, clock, "Jo", sync_every=0.2)
        await until(d, lambda: _hub_has_name(hub, "Sammy"))  # synced on unlock
        await rename_sam(d, "Sol", old="Sammy")
        await until(d, lambda: _hub_has_name(hub, "Sol"))  # and again on the timer

        await d.tap("Lock")
        await asyncio.sleep(0.3)  # a sync already under way may finish
        requests = hub.requests()
        await asyncio.sleep(1.0)
        assert hub.requests() == requests  # locked: no more syncing
        assert not d.conn.errors

    run(go())


def test_a_child_asking_for_help_is_sent_at_once_not_at_the_next_round(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Jo")
        await pair(d, hub)
        await d.tap("Lock")

        d = await open_as(data_dir, clock, "Sam", sync_every=3600)
        await asyncio.sleep(0.5)  # the sync on unlock is done; the next round is an hour away
        assert "safety_alerts" not in hub.collections()
        await d.tap("I need help")
        await until(d, lambda: "safety_alerts" in hub.collections(), seconds=5)
        assert not d.conn.errors

    run(go())


async def rename_sam(d: Driver, name: str, old: str = "Sam") -> None:
    """From a parent's home, rename the child and come back home."""
    await d.tap("People in our home")
    await d.tap(old)
    await d.type("Name", name)
    await d.tap("Save name")
    await d.tap("Back")
    await d.tap("Back")
    assert "home-parent" in d.identifiers(), d.texts()


def _hub_has_name(hub: Hub, name: str) -> bool:
    with hub.engine.connect() as connection:
        return any(f'"{name}"'.encode() in bytes(r.body or b"")
                   for r in connection.execute(select(records)))


# the words on their own ------------------------------------------------------------------

NOW = 1_800_000_000.0


def status(**changes: object) -> SyncStatus:
    fields: dict[str, object] = dict(paired=True, agency_name=AGENCY, waiting=0,
                                     last_sent_at=NOW - 600, last_attempt_at=NOW - 600,
                                     problem=None, open_conflicts=0)
    fields.update(changes)
    return SyncStatus(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "just now"), (59, "just now"), (60, "1 minute ago"), (600, "10 minutes ago"),
    (3600, "1 hour ago"), (3 * 3600 + 5, "3 hours ago"), (86400, "1 day ago"),
    (5 * 86400, "5 days ago"), (-30, "just now"),
])
def test_ago_words(seconds: float, words: str) -> None:
    assert ago_words(NOW - seconds, NOW) == words


def test_status_words_for_each_state() -> None:
    def texts(s: SyncStatus) -> list[str]:
        return [line.text for line in status_lines(s, NOW)]

    assert texts(status(paired=False, agency_name=None)) == [
        "Not connected to an agency yet.",
        "Until you connect, everything stays on this phone."]
    assert texts(status(waiting=3)) == [
        f"Connected to {AGENCY}.", "Sent to your agency 10 minutes ago.",
        "3 things waiting to send."]
    assert status_summary(status(waiting=1), NOW) == (
        "Sent to your agency 10 minutes ago. 1 thing waiting to send.")
    assert "Can't reach your agency. Nothing is lost; we'll try again." in texts(
        status(problem="unreachable", waiting=2))
    assert texts(status(problem="revoked"))[0] == (
        "This phone has been disconnected by your agency.")
    assert "Nothing has been sent yet." in texts(status(last_sent_at=None))
    assert texts(status(open_conflicts=2))[-1].startswith(
        "2 changes crossed with someone else's.")
    assert [line.kind for line in status_lines(status(problem="revoked"), NOW)] == [
        "error", "error"]
    # A phone whose clock is out still sends (it goes by the agency's time), and is told;
    # it cannot know which clock is wrong, so it does not blame the phone.
    clock_off = "This phone's clock doesn't match your agency's. Sending still works."
    assert any(clock_off in line for line in texts(status(clock_out=True)))
    assert status_summary(status(clock_out=True), NOW) == (
        "Sent to your agency 10 minutes ago. This phone's clock doesn't match your agency's.")
    assert not any(clock_off in line for line in texts(status()))
    # A clock so far out that the agency's time cannot be believed: nothing can be sent.
    far_out = "nothing can be sent to your agency"
    assert any(far_out in line for line in texts(status(problem="clock")))
    assert far_out in status_summary(status(problem="clock"), NOW)
    assert not any("Sending still works" in line for line in texts(status(problem="clock")))


def test_a_visit_the_agency_refused_for_its_worker_says_why() -> None:
    """The worker at the next visit reads why the agency did not take a visit, not just that
    it could not be used."""
    words = note_words({"kind": "refused", "collection": "visits",
                        "at": "2026-06-14T10:00:00+00:00", "reason": "unknown_worker"})
    assert "The worker it names is not your family's worker." in words, words
