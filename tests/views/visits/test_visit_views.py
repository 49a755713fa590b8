"""Headless tests of visit mode on the family's device: the worker starts a visit, works
through the agenda, sees a child alone, agrees an action, starts a circle and ends it; what
the family then reads, and what they never read (the worker's notes, any sign of a safety
alert)."""

from __future__ import annotations

from pathlib import Path

import flet as ft
from headless import Driver, FakeClock, run
from steps import open_as

from app.domain.checkins import Feeling
from app.domain.programme.visits import AgendaItem
from app.services.checkins import checkins_for
from tests.services.taylors import create_taylors, in_order

WORKER = "Priya, Support worker"
PARENT = "Jo, Parent or carer"


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, mia, _priya = in_order(household)
    checkins_for(household).record(sam, Feeling.SAD, 3)
    checkins_for(household).record(mia, Feeling.SCARED, 5, unsafe=True)  # keeps an alert
    gate.close()


async def visit_under_way(data_dir: Path, clock: FakeClock) -> Driver:
    """Priya signed in, a visit started with everyone at home."""
    d = await open_as(data_dir, clock, WORKER, "4826")
    await d.tap("Start a visit")
    await d.tap("Start the visit")
    return d


def test_a_worker_runs_a_visit_and_the_family_reads_what_was_agreed(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await d.tap("Start a visit")
        assert "visit-start-screen" in d.identifiers(), d.texts()
        # Who is here: names as big as the words around them (Flet's own label was 14).
        boxes = {c.semantics_label for c in d.controls() if isinstance(c, ft.Checkbox)}
        assert boxes == {"Jo", "Sam", "Mia"}
        names = {c.value: c.size for c in d.controls()
                 if isinstance(c, ft.Text) and c.value in boxes}
        assert names == {"Jo": 16, "Sam": 16, "Mia": 16}
        await d.tap("Start the visit")
        assert "visit-screen" in d.identifiers(), d.texts()
        since = " ".join(d.texts_in("visit-since_last_visit"))
        assert "everything so far" in since and "Sam's check-ins: sad 1" in since
        # The family looks at this screen too: no alert is counted or hinted at anywhere.
        assert not any("alert" in text.lower() for text in d.texts()), d.texts()
        await d.check("I saw Sam on their own")
        await d.type("Who will do it", "Jo")
        await d.select("By when", "week")
        await d.tap("Add")  # nothing typed for "What will happen": refused, nothing lost
        assert d.has_text("Please say what will happen.")
        assert d.field("Who will do it").value == "Jo"
        await d.type("What will happen", "Book the eye test")
        await d.tap("Add")
        assert d.has_text("Book the eye test")
        assert d.field("What will happen").value == "" and d.field("Who will do it").value == ""
        await d.tap("Move up: The household agreement")  # the worker's own order
        assert agenda_on_screen(d)[:3] == ["since_last_visit", "agreement", "safety"]
        await d.tap(next(t for t in d.texts() if t.startswith("In 2 weeks")))
        assert d.has_text("Next visit:")
        await d.tap("Start a family circle")  # the worker holds the feather with the family
        await d.tap("Check-in round")
        await d.tap("Start the circle")
        assert "circle-turn-screen" in d.identifiers(), d.texts()
        d.page.navigate("/visit")
        await d.settle(60)
        await d.tap("End the visit")  # the phone is the family's again: Priya is signed out
        assert "who-screen" in d.identifiers(), d.identifiers()
        assert d.has_text("The visit is saved. It will go to the agency with the next sync. "
                          "Priya is signed out."), d.texts()

        p = await open_as(data_dir, clock, PARENT, "2580")
        await p.tap("Visits")
        shown = " ".join(p.texts_in("visits-screen"))
        assert "Seen on their own: Sam" in shown
        assert "Book the eye test (Jo · " in shown, shown  # who, and by when
        assert "Next visit:" in shown and "Print this visit" in shown

        clock.advance(14 * 24 * 3600)  # the next visit begins with what was agreed last time
        d = await visit_under_way(data_dir, clock)
        since = d.texts_in("visit-since_last_visit")
        assert "Agreed at the last visit:" in since, since
        assert any(line.startswith("Book the eye test") and "Jo" in line for line in since)

    run(go())


def agenda_on_screen(d: Driver) -> list[str]:
    """The parts of the visit going on, in the order the screen shows them."""
    parts = {item.value for item in AgendaItem}
    found = [c.identifier.removeprefix("visit-") for c in d.controls()
             if isinstance(c, ft.Semantics) and c.identifier]
    return [part for part in found if part in parts]


def test_the_workers_notes_never_stay_readable_at_home(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        await d.type("Notes: Each child's voice", "Sam worries about the shouting")
        await d.tap("Save note", within="visit-children")
        await d.tap("End the visit")  # not linked to the agency: nothing to seal the notes with
        assert "visit-screen" in d.identifiers()
        assert d.has_text("not linked to the agency yet")
        await d.tap("Back")
        assert d.has_text("Carry on with the visit")  # the draft, notes and all, is kept
        await d.tap("Visits")
        assert d.has_text("No visits yet.")

    run(go())


def test_only_the_worker_has_visit_mode(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        p = await open_as(data_dir, clock, PARENT, "2580")
        assert not p.has_text("Start a visit")
        p.page.navigate("/visit")  # typed in the address bar
        await p.settle(60)
        assert p.has_text("Visits are run by the family's worker.")
        assert not p.has_text("Start the visit")

    run(go())


def test_what_the_worker_typed_is_kept_without_a_save_tap(data_dir: Path, clock: FakeClock) -> None:
    """A note typed but not saved, and an action typed but not added, are not lost when the
    worker ends the visit, goes back, or opens another screen from it."""
    seed(data_dir, clock)

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        await d.type("Notes: Each child's voice", "Sam worries about the shouting")
        await d.tap("End the visit")  # the typed note is kept, so it needs sealing: refused
        assert "visit-screen" in d.identifiers()
        assert d.has_text("not linked to the agency yet"), d.texts()
        await d.tap("Back")
        await d.tap("Carry on with the visit")
        assert d.field("Notes: Each child's voice").value == "Sam worries about the shouting"
        await d.type("Notes: The safety plan and scale", "Plan read together")
        await d.tap("Start a family circle")  # another screen, then back to the visit
        d.page.navigate("/visit")
        await d.settle(60)
        assert d.field("Notes: The safety plan and scale").value == "Plan read together"
        await d.type("Notes: What happens next", "Call the school")
        await d.tap("Lock")  # handed back to the family mid-visit
        await d.tap("Unlock")
        await d.tap(WORKER)
        await d.type("Your PIN", "4826")
        await d.tap("Sign in")
        await d.settle(60)
        await d.tap("Carry on with the visit")
        await d.settle(60)
        assert d.field("Notes: What happens next").value == "Call the school"

    run(go())


def test_an_action_typed_but_not_added_is_kept_when_the_visit_ends(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        await d.type("What will happen", "Book the eye test")
        await d.type("Who will do it", "Jo")
        await d.tap("End the visit")
        assert "who-screen" in d.identifiers(), d.texts()

        p = await open_as(data_dir, clock, PARENT, "2580")
        await p.tap("Visits")
        assert "Book the eye test (Jo)" in " ".join(p.texts_in("visits-screen"))

    run(go())


def test_a_broken_character_in_a_note_does_not_stop_the_worker_leaving(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        await d.type("Notes: Each child's voice", "Sam said \ud83d")  # cannot be stored
        await d.tap("Back")
        assert "home-worker" in d.identifiers(), d.identifiers()
        assert not d.conn.errors

    run(go())
