"""Headless tests of the programme plan: the worker plans sessions with the family (a topic from
the programme or in their words, a day, who is coming), fills one in afterwards (who came,
what they took from it), and the monthly review shows the month's sessions; a child has none
of it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from headless import FakeClock, run, until
from steps import open_as

from tests.services.taylors import create_taylors

DAY = 24 * 3600


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def test_the_worker_plans_sessions_fills_one_in_and_the_review_shows_them(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)
    today = datetime.fromtimestamp(clock()).date()
    soon = today + timedelta(days=2)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Priya, Support worker", pin="4826")
        assert d.has_text("Plan your sessions together")
        await d.tap("Our programme")
        assert "programme-screen" in d.identifiers(), d.texts()
        await d.tap("Plan a session")
        await d.tap("Setting limits")  # one of the programme's topics
        assert d.field("Topic").value == "Setting limits"
        await d.type("Day (day/month/year)", uk(soon))
        await d.tap("Plan it")
        assert d.has_text("Please choose who is coming."), d.texts()
        await d.tap("Jo")
        await d.tap("Sam")
        await d.tap("Plan it")
        assert "programme-screen" in d.identifiers(), d.texts()
        assert d.has_text("Who is coming: Jo and Sam")
        await d.tap("More about: Setting limits")  # still to come: nothing to fill in yet
        assert d.has_text("This session has not happened yet"), d.texts()
        assert not d.has_text("Who came?") and not d.has_text("What did you take from it?")
        await d.tap("Back")
        await d.tap("Plan a session")
        await d.type("Topic", "Our bedtime routine")
        await d.type("Day (day/month/year)", uk(today))
        await d.tap("Jo")
        await d.tap("Mia")
        await d.tap("Plan it")
        await d.tap("Fill in: Our bedtime routine")
        assert "programme-session-screen" in d.identifiers()
        await d.tap("Mia (chosen)")  # Mia could not come after all
        await d.type("What did you take from it?", "A story, then lights out, every night")
        await d.tap("Save")
        assert "programme-screen" in d.identifiers(), d.texts()
        shown = " ".join(d.texts())
        assert "1 of 2 sessions held so far." in shown
        assert "Jo came to 1 of 1" in shown and "Mia came to 0 of 1" in shown
        assert "Who came: Jo" in shown
        assert "What we took from it: A story, then lights out, every night" in shown
        await d.tap("Back")
        assert d.has_text("Next session: Setting limits")
        await d.tap("Monthly review")
        await d.tap(next(x for x in d.texts() if x.startswith("Start the review for")))
        month = today.isoformat()[:7]
        part = " ".join(d.texts_in(f"review-programme-{month}"))
        assert "Programme sessions this month" in part, d.texts()
        assert "Our bedtime routine" in part and "lights out" in part
        if soon.month == today.month:
            assert "Setting limits" in part
        await d.tap("Save the review")
        assert "reviews-screen" in d.identifiers(), d.texts()
        assert "Our bedtime routine" in " ".join(d.texts_in(f"review-{month}"))
        assert not d.conn.errors

    run(go())


def test_a_child_has_no_programme_to_plan(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await until(d, lambda: "home-child" in d.identifiers())
        assert not d.has_text("Our programme")
        for address in ("/programme", "/programme/add", "/programme/anything"):
            d.page.navigate(address)
            await d.settle(60)
            assert "child-not-here" in d.identifiers(), d.texts()  # only a child's screens
            assert not d.has_text("Plan it") and not d.has_text("Who came?")
        assert not d.conn.errors

    run(go())
