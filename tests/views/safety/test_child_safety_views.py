"""Headless tests of a child's safety at the edges: help from any screen (locked, or locked
out of their pictures), every sign of danger keeping an alert, faces for young children,
who will see what a child says, and the worker's changes read and acknowledged at home."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from steps import app_on, running_gate

from app.domain.alerts import AlertSource
from app.domain.safety import Section
from app.services.checkins import checkins_for
from app.services.safety import safety_for
from app.storage import HouseholdStore, StoreWriteFailed
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

HELP = "Help: Childline and 999"
HELP_UNKNOWN_NATION = "Help: Childline, Meic and 999"  # sealed: a child in Wales needs Meic


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()


def alerts(data_dir: Path, clock: FakeClock) -> list[AlertSource]:
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    priya = in_order(household)[3]
    return [a.source for a in checkins_for(household).alerts(priya)]


async def unlocked(data_dir: Path, clock: FakeClock) -> Driver:
    d = await Driver.start(app_on(data_dir, clock))
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    return d


async def as_child(d: Driver, name: str, pictures: tuple[str, ...]) -> None:
    await d.tap(f"{name}, Child")
    for picture in pictures:
        await d.tap(picture)
    await until(d, lambda: "home-child" in d.identifiers())


async def as_grown_up(d: Driver, label: str, pin: str) -> None:
    await d.tap(label)
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(100)


def _public_help_shows_no_family(d: Driver) -> None:
    assert "public-help-screen" in d.identifiers(), d.texts()
    shown = " ".join(d.texts_in("public-help-screen"))
    assert "0800 1111" in shown and "999" in shown and "a grown-up you trust" in shown
    for private in ("Sam", "Jo", "Mia", "Priya", "Taylor"):
        assert private not in shown, private


def test_help_is_one_tap_from_the_lock_screen_and_shows_no_family_data(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await Driver.start(app_on(data_dir, clock))
        assert "passphrase-screen" in d.identifiers()
        await d.tap(HELP_UNKNOWN_NATION)  # even before the household is unlocked
        _public_help_shows_no_family(d)
        await d.tap("Close")
        assert "passphrase-screen" in d.identifiers()
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
        await until(d, lambda: "who-screen" in d.identifiers())
        await d.tap("Lock")
        assert "lock-screen" in d.identifiers()
        await d.tap(HELP)
        _public_help_shows_no_family(d)
        assert not d.conn.errors

    run(go())
    assert alerts(data_dir, clock) == []  # nobody is signed in: help, no alert in a name


def test_a_child_locked_out_of_their_pictures_still_reaches_childline(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await d.tap("Sam, Child")
        for _try in range(5):
            for picture in ("Moon", "Star", "Fish"):
                await d.tap(picture)
        assert d.has_text("Let's take a little break")
        await d.tap(HELP)
        _public_help_shows_no_family(d)
        assert not d.conn.errors

    run(go())


def test_a_young_child_rates_with_faces_and_a_low_one_brings_help_and_an_alert(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await as_child(d, "Sam", ("Apple", "Sun", "Tree"))
        await d.tap("How safe do I feel?")
        assert "safety-rate-screen" in d.identifiers()
        assert d.has_text("Very safe") and not d.has_text("7 out of 10")  # faces, no numbers
        assert d.has_text("Your grown-ups will see it only if you say so")
        await d.tap("Not very safe")
        await d.type("Why? (you don't have to say)", "Shouting at bedtime")
        await d.tap("Save my rating")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        assert d.has_text("0800 1111")

    run(go())
    assert alerts(data_dir, clock) == [AlertSource.SAFETY_SCALE]


def test_a_low_rating_brings_help_even_when_it_cannot_be_saved(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phone is full: Sam's "Not safe at all" cannot be kept, yet he still gets help,
    not a notice that says nothing was lost."""
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await as_child(d, "Sam", ("Apple", "Sun", "Tree"))
        await d.tap("How safe do I feel?")
        await d.tap("Not safe at all")
        await help_on_a_full_phone(d, "Save my rating", monkeypatch)
        await d.tap("Back")
        await help_on_a_full_phone(d, "I need help", monkeypatch)  # the red button at home
        await d.tap("Back")
        await d.tap("How do I feel?")
        await d.tap("Worried")
        await d.tap("Really big")
        await help_on_a_full_phone(d, "No, I need help", monkeypatch)

    run(go())


async def help_on_a_full_phone(d: Driver, button: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tap ``button`` while nothing can be saved: help, and plain words that it was not kept."""

    def full(*_args: object, **_kwargs: object) -> None:
        raise StoreWriteFailed("checkins", "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(HouseholdStore, "write", full)
        await d.tap(button)
        await until(d, lambda: "safety-help-screen" in d.identifiers())
    assert d.has_text("0800 1111")
    assert d.has_text("This phone could not save that. Please tell one of the people here.")
    assert not d.has_text("Nothing you saved has been lost")


async def mia_very_worried(data_dir: Path, clock: FakeClock) -> Driver:
    """Mia signed in and checking in "Worried", "Really big": asked if she is safe."""
    d = await unlocked(data_dir, clock)
    await as_child(d, "Mia", ("Star", "Moon", "Fish"))
    await d.tap("How do I feel?")
    await d.tap("Worried")
    await d.tap("Really big")
    return d


def test_a_big_worry_asks_if_the_child_is_safe_and_no_keeps_the_check_in_and_an_alert(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await mia_very_worried(data_dir, clock)
        assert "checkin-safe-screen" in d.identifiers(), d.texts()
        # not linked to the agency: no promise of "straight away" that cannot be kept
        assert d.has_text("If you say No, your worker sees it on their next visit.")
        await d.tap("No, I need help")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        await d.tap(HELP)  # the help bar: a signed-in child asking again keeps another
        await d.settle(50)

    run(go())
    assert alerts(data_dir, clock) == [AlertSource.CHECKIN, AlertSource.HELP_BUTTON]


def test_home_as_a_reason_asks_at_the_end_and_yes_saves_the_check_in(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await as_child(d, "Mia", ("Star", "Moon", "Fish"))
        await d.tap("How do I feel?")
        await d.tap("Calm")
        await d.tap("A little")
        await d.tap("Home")
        await d.tap("That's all")
        assert "checkin-safe-screen" in d.identifiers(), d.texts()
        await d.tap("Yes, I'm safe")
        await until(d, lambda: "home-child" in d.identifiers())

    run(go())
    assert alerts(data_dir, clock) == []


def test_a_childs_home_leads_with_feelings_and_strengths_and_help_stays_at_hand(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await as_child(d, "Sam", ("Apple", "Sun", "Tree"))
        texts = d.texts()
        assert texts.index("How do I feel?") < texts.index("I need help")
        assert d.has_text(HELP) or "help-bar" in d.identifiers()

    run(go())


def test_a_parent_reads_what_is_new_from_the_worker_and_says_so(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    priya = in_order(household)[3]
    safety_for(household).add_point(priya, Section.BOTTOM_LINES,
                                    "Sam is collected by Jo or Gran",
                                    "Agreed at the review on 2 December")
    safety_for(household).rate(in_order(household)[1], 6, "Dad shouts at bedtime")
    gate.close()

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await as_grown_up(d, "Jo, Parent or carer", "2580")
        assert d.has_text("New from your worker: 1")
        await d.tap("Safety plan")
        assert "new-from-worker" in d.identifiers()
        assert d.has_text("Why: Agreed at the review on 2 December")
        await d.tap("We've read this")
        await d.settle(50)
        assert "new-from-worker" not in d.identifiers()
        await d.tap("Safety scale")
        assert "safety-scale-screen" in d.identifiers()
        assert not d.has_text("Dad shouts")  # a child's why is not for the grown-ups at home

    run(go())


def test_with_no_worker_and_no_agency_a_child_is_promised_only_what_happens(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, _sam, _mia, priya = in_order(household)
    household.remove(jo, priya.id)
    gate.close()

    async def go() -> None:
        d = await mia_very_worried(data_dir, clock)
        assert d.has_text("If you say No, we show you who can help right now.")
        assert not d.has_text("straight away") and not d.has_text("your worker")
        await d.tap("No, I need help")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        assert d.has_text("0800 1111")

    run(go())
