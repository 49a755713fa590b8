"""What the worker typed for a family group conference and did not save is there when that
worker comes back to it, and nobody else ever sees it.

Preparing the conference, the worker ticks who is invited and writes what everyone will hear
on the day; at the end, they write why the agency agrees the family's plan, or does not yet.
A phone call, a question from the family: the phone locks itself, or the worker taps Back
(or "Add someone" to put an aunt in the network first). The words used to be gone. They are
kept for that worker, in the tab's memory only, until saved; a parent or another worker
signing in next sees none of them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import pytest
from headless import Driver, FakeClock, run
from steps import into_private_time, open_as, sign_in_parent, worry_and_grandma_pat

import app.ui
from tests.services.taylors import create_taylors, people

PRIYA = "Priya, Support worker"
SEAN = "Sean, Support worker"  # a second worker, covering Priya's leave
PAT = "Grandma Pat (Grandma · Family)"
INFO_LABEL = "Your information for the family"
INFO = "Priya has seen the bedtimes get calmer since October"
WHY_LABEL = "Why (the family will read this)"
WHY = "Sam needs a grown-up at the school gate every day, not only on Tuesdays"


def seed(data_dir: Path, clock: FakeClock, *, shared: bool) -> None:
    """The Taylors with a worry and Grandma Pat; with ``shared``, a plan waiting for the
    agency's answer."""
    gate, household = create_taylors(data_dir, clock)
    who = people(household)
    household.add_worker("Sean", "3691", by=who["Jo"])
    pat = worry_and_grandma_pat(household)
    if shared:
        conferences = into_private_time(household, pat)
        conferences.add_action(who["Jo"], "Grandma Pat has Sam on Tuesdays", "Grandma Pat",
                               None)
        conferences.share_plan(who["Jo"])
    gate.close()


async def sign_in_worker(d: Driver, who: str, pin: str) -> None:
    await d.tap(who)
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(50)


async def locked_then(d: Driver) -> None:
    """Lock the phone and open it again, for the next person to sign in."""
    await d.tap("Lock")
    await d.tap("Unlock")


async def left_alone(d: Driver, clock: FakeClock) -> None:
    clock.advance(5 * 60 + 1)  # a phone call: five minutes, and the phone locks itself
    await asyncio.sleep(0.5)
    await d.settle()
    assert "lock-screen" in d.identifiers(), d.texts()


def ticked(d: Driver, label: str) -> bool:
    return any(isinstance(c, ft.Checkbox) and c.semantics_label == label and bool(c.value)
               for c in d.controls())


def answer_chosen(d: Driver) -> bool:
    """True when "Yes, we agree" or "Not yet" is chosen (a review date always is)."""
    return d.has_text("Yes, we agree (chosen)") or d.has_text("Not yet (chosen)")


async def prepare_some(d: Driver) -> None:
    await d.tap("Family group conference")
    assert "conference-prepare-screen" in d.identifiers(), d.texts()
    await d.check(PAT)
    await d.type(INFO_LABEL, INFO)  # "Save for later" not tapped


def test_a_half_prepared_conference_outlasts_the_auto_lock_for_that_worker_only(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock, shared=False)

    async def go() -> None:
        d = await open_as(data_dir, clock, PRIYA, pin="4826")
        await prepare_some(d)
        await left_alone(d, clock)
        assert not d.has_text(INFO)
        await d.tap("Unlock")
        await sign_in_parent(d)  # Jo picks the phone up first: never the worker's words
        assert not d.has_text(INFO)
        d.page.navigate("/conference")
        await d.settle(60)
        assert not d.has_text(INFO), d.texts()
        await locked_then(d)
        await sign_in_worker(d, SEAN, "3691")  # nor another worker's
        await d.tap("Family group conference")
        assert d.field(INFO_LABEL).value == "" and not ticked(d, PAT)
        await locked_then(d)
        await sign_in_worker(d, PRIYA, "4826")  # Priya again: all of it is there
        await d.tap("Family group conference")
        assert d.field(INFO_LABEL).value == INFO and ticked(d, PAT), d.texts()

    run(go())


def test_a_half_prepared_conference_outlasts_adding_someone_and_back(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock, shared=False)

    async def go() -> None:
        d = await open_as(data_dir, clock, PRIYA, pin="4826")
        await prepare_some(d)
        await d.tap("Add someone")  # Aunt Lou should come too: into the network first
        await d.tap("Back")
        await d.tap("Back")
        await d.tap("Family group conference")
        assert d.field(INFO_LABEL).value == INFO and ticked(d, PAT), d.texts()
        await d.tap("Save for later")
        assert d.has_text("The conference is saved"), d.texts()
        await d.tap("Back")
        await d.tap("Family group conference")
        assert d.field(INFO_LABEL).value == INFO and ticked(d, PAT), d.texts()

    run(go())


async def answer_some(d: Driver) -> None:
    await d.tap("Family group conference")
    await d.tap("Not yet")
    await d.type(WHY_LABEL, WHY)  # "Save the agency's answer" not tapped


def test_the_agencys_answer_half_written_outlasts_the_auto_lock_for_that_worker_only(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock, shared=True)

    async def go() -> None:
        d = await open_as(data_dir, clock, PRIYA, pin="4826")
        await answer_some(d)
        await left_alone(d, clock)
        assert not d.has_text(WHY)
        await d.tap("Unlock")
        await sign_in_parent(d)  # Jo, waiting for the answer, must not read a draft of it
        await d.tap("Family group conference")
        assert d.has_text("The worker will tell you if the agency agrees the plan.")
        assert not d.has_text(WHY), d.texts()
        await locked_then(d)
        await sign_in_worker(d, SEAN, "3691")
        await d.tap("Family group conference")
        assert d.field(WHY_LABEL).value == "" and not answer_chosen(d), d.texts()
        await locked_then(d)
        await sign_in_worker(d, PRIYA, "4826")
        await d.tap("Family group conference")
        assert d.field(WHY_LABEL).value == WHY and d.has_text("Not yet (chosen)"), d.texts()

    run(go())


def test_the_agencys_answer_half_written_outlasts_back_and_goes_once_saved(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock, shared=True)

    async def go() -> None:
        d = await open_as(data_dir, clock, PRIYA, pin="4826")
        await answer_some(d)
        await d.tap("Back")
        await d.tap("Family group conference")
        assert d.field(WHY_LABEL).value == WHY and d.has_text("Not yet (chosen)"), d.texts()
        await d.tap("Save the agency's answer")
        assert d.has_text("The agency does not agree this plan yet."), d.texts()
        await d.tap("Give the family more private time")  # the family changes its plan
        await sign_in_parent(d)
        await d.tap("Private family time")
        await d.tap("Our plan is ready: ask the worker back in")
        await d.tap("Someone else's turn")
        await sign_in_worker(d, PRIYA, "4826")
        await d.tap("Family group conference")
        # a new answer for the plan as it is now starts empty: the old one was saved
        assert d.field(WHY_LABEL).value == "" and not answer_chosen(d), d.texts()

    run(go())
