"""Headless tests of "Read this to me": the speaker on a child's check-in and a learning card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flet_audio as fta
import pytest
from headless import Driver, FakeClock, run, until
from steps import open_as

from app import speech
from tests.services.taylors import SAM_PICTURES, create_taylors
from tests.sound import QUIET_RMS, measure

READ = "Read this to me"
STOP = "Stop reading"
SAM = "Sam, Child"


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words each reading was asked to say (the real espeak-ng still says them)."""
    said: list[str] = []
    real = speech.speak

    def speak(text: str, language: str) -> bytes:
        said.append(text)
        return real(text, language)

    monkeypatch.setattr(speech, "speak", speak)
    return said


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()


def players(d: Driver) -> list[Any]:
    """The audio controls the page holds now."""
    return [s for s in d.page._services._services if isinstance(s, fta.Audio)]


def released(d: Driver) -> int:
    """How many times the page let a sound go (a reading stopped or finished)."""
    return sum(1 for m in d.conn.messages
               if getattr(m.body, "name", None) == "release")


def has_button(d: Driver, label: str) -> bool:
    try:
        d.button(label)
    except AssertionError:
        return False
    return True


def test_a_child_hears_their_check_in_screen_read_aloud(
        data_dir: Path, clock: FakeClock, spoken: list[str]) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM, pictures=tuple(p.title() for p in SAM_PICTURES))
        assert has_button(d, READ), d.texts()  # on the child's home too
        await d.tap("How do I feel?")
        assert "checkin-feeling-screen" in d.identifiers(), d.texts()
        await d.tap(READ)
        await until(d, lambda: players(d))
        sound = players(d)[0].src
        assert isinstance(sound, bytes)
        seconds, rms = measure(sound)
        assert seconds > 0.5 and rms > QUIET_RMS
        assert has_button(d, STOP)
        await d.tap(STOP)  # a second tap stops it, and the sound is let go
        assert has_button(d, READ) and released(d) == 1
        await d.tap(READ)
        await until(d, lambda: has_button(d, STOP))
        await d.tap("Happy")  # going on to the next step stops the reading
        assert "checkin-size-screen" in d.identifiers(), d.texts()
        await until(d, lambda: released(d) == 2)
        await d.tap(READ)  # and the next step is read as it is now
        await until(d, lambda: len(spoken) == 3)
        assert not d.conn.errors

    run(go())
    first, again, second = spoken
    assert again == first
    assert first.startswith("How do you feel? Tap the picture that fits best.")
    assert "Happy." in first and "Sad." in first
    assert "Lock" not in first and "Back" not in first and READ not in first
    assert second.startswith("How big is it? How big is your happy feeling?")


def test_a_learning_card_has_a_speaker_that_reads_the_card(
        data_dir: Path, clock: FakeClock, spoken: list[str]) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", "2580")
        await d.tap("Learning together")
        await d.tap("Read: What the law says about smacking")
        assert "learning-topic-the_law" in d.identifiers(), d.texts()
        await d.tap(READ)
        await until(d, lambda: players(d))

    run(go())
    assert spoken[0].startswith("What the law says about smacking.")
    assert "Where do you live?" in spoken[0] and "\u2022" not in spoken[0]


def test_no_speaker_where_reading_aloud_is_not_set_up(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(data_dir, clock)
    monkeypatch.setattr(speech, "PROGRAM", "espeak-ng-not-installed-here")

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM, pictures=tuple(p.title() for p in SAM_PICTURES))
        await d.tap("How do I feel?")
        assert "checkin-feeling-screen" in d.identifiers(), d.texts()
        assert not has_button(d, READ)
        assert not d.conn.errors

    run(go())


def test_when_the_voice_fails_the_child_is_told_kindly(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(data_dir, clock)
    monkeypatch.setattr(speech, "PROGRAM", "false")  # a program that runs and always fails

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM, pictures=tuple(p.title() for p in SAM_PICTURES))
        await d.tap(READ)
        await until(d, lambda: d.has_text("Sorry, reading aloud did not work just now."))
        assert has_button(d, READ) and not players(d) and not d.conn.errors

    run(go())


def test_every_screen_a_young_child_reaches_from_home_can_be_read_to_them(
        data_dir: Path, clock: FakeClock) -> None:
    """Above all the screens whose words a child needs before answering: who sees a rating."""
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM, pictures=tuple(p.title() for p in SAM_PICTURES))
        for card, screen in [("How safe do I feel?", "safety-rate-screen"),
                             ("Add a proud moment", "strength-add-screen"),
                             ("Our rules", "agreement-child-screen"),
                             ("How do I feel?", "checkin-feeling-screen"),
                             ("My safety plan", "safety-mine-screen")]:
            await d.tap(card)
            assert screen in d.identifiers(), (card, d.texts())
            assert has_button(d, READ), card
            await d.tap("Back")
        assert not d.conn.errors

    run(go())
