"""Headless tests of records a parent must be able to finish: a hard moment or a session with a
child who has since left (shown as "has left", kept or unticked), a session already filled in
(Back onto it shows what was recorded, and nothing can write over it), and days that cannot
be right (refused with words that say what is wrong and how to write it)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from headless import FakeClock, run
from steps import open_as, running_gate

from app.domain.programme.moments import MomentDraft
from app.domain.programme.sessions import SessionPlan
from app.services.programme.moments import moments_for
from app.services.programme.sessions import programme_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

PARENT = "Jo, Parent or carer"
WORKER = "Priya, Support worker"


def yesterday(clock: FakeClock) -> str:
    return date.fromordinal(datetime.fromtimestamp(clock()).date().toordinal() - 1).isoformat()


def test_a_moment_and_a_session_with_a_child_who_has_left_can_be_finished(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, mia, _priya = in_order(household)
    moment = moments_for(household).record(jo, MomentDraft(
        children=(sam.id, mia.id), happened_at=f"{yesterday(clock)}T19:30",
        what_happened="Slammed the door"))
    session = programme_for(household).plan(jo, SessionPlan(
        topic="Bedtime", day=yesterday(clock), expected=(jo.id, sam.id)))
    household.remove(jo, sam.id)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, pin="2580")
        d.page.navigate(f"/moments/{moment.id}")
        await d.settle(60)
        assert d.has_text("Sam (has left)"), d.texts()
        await d.type("How did you put it right?", "We had a hug")
        await d.tap("Save")
        assert "moments-screen" in d.identifiers(), d.texts()
        assert not d.has_text("Please choose the child")
        d.page.navigate(f"/programme/{session.id}")
        await d.settle(60)
        assert d.has_text("Sam (has left)"), d.texts()
        await d.type("What did you take from it?", "Routines help")
        await d.tap("Save")
        assert "programme-screen" in d.identifiers(), d.texts()
        assert not d.has_text("Please choose people from your household")

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    kept = moments_for(household).moment(jo, moment.id)
    assert kept.draft.children == (sam.id, mia.id) and kept.draft.repair == "We had a hug"
    held = programme_for(household).session(session.id)
    assert held.attended == (jo.id, sam.id) and held.took_away == "Routines help"


def test_back_onto_a_session_already_filled_in_shows_what_was_recorded(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, mia, _priya = in_order(household)
    session = programme_for(household).plan(jo, SessionPlan(
        topic="Bedtime", day=yesterday(clock), expected=(jo.id, sam.id, mia.id)))
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, pin="4826")
        await d.tap("Our programme")
        await d.tap("Fill in: Bedtime")
        await d.tap("Mia (chosen)")
        await d.type("What did you take from it?", "Routines help Sam settle")
        await d.tap("Save")
        assert "programme-screen" in d.identifiers(), d.texts()
        d.page.navigate(f"/programme/{session.id}")  # the phone's Back
        await d.settle(60)
        assert d.has_text("This session is filled in"), d.texts()
        assert d.has_text("Who came: Jo and Sam"), d.texts()
        assert d.has_text("Routines help Sam settle"), d.texts()
        assert not d.has_text("Take this session out of the plan")
        assert not d.has_text("What did you take from it?")

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    kept = programme_for(household).session(session.id)
    assert kept.attended == (jo.id, sam.id) and kept.took_away == "Routines help Sam settle"


def test_days_that_cannot_be_right_are_refused_with_words_that_say_why(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, pin="2580")
        await d.tap("Hard moments")
        await d.tap("Write down a hard moment")
        await d.tap("Sam")
        await d.type("What happened?", "Slammed the door")
        await d.type("Day (day/month/year)", "31/12/2099")
        await d.tap("Write it down")
        assert d.has_text("That day has not come yet."), d.texts()
        await d.type("Day (day/month/year)", "31/12/1999")
        await d.tap("Write it down")
        assert d.has_text("That day is too long ago."), d.texts()
        await d.type("Day (day/month/year)", "yesterday")
        await d.tap("Write it down")
        assert d.has_text("Please write the day like 30/11/2026."), d.texts()
        await d.type("Day (day/month/year)", "01/01/2027")
        await d.type("Time (like 17:40)", "7pm")
        await d.tap("Write it down")
        assert d.has_text("Please write the time like 19:00."), d.texts()
        await d.tap("Cancel")
        await d.tap("Back")
        await d.tap("Our programme")
        await d.tap("Plan a session")
        await d.type("Topic", "Bedtime")
        await d.tap("Jo")
        await d.type("Day (day/month/year)", "31/12/2099")
        await d.tap("Plan it")
        assert d.has_text("That day is more than 2 years away."), d.texts()
        await d.type("Day (day/month/year)", "01/01/1900")
        await d.tap("Plan it")
        assert d.has_text("That day is too long ago."), d.texts()

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    jo = in_order(household)[0]
    assert moments_for(household).moments(jo) == []
    assert programme_for(household).sessions() == []
