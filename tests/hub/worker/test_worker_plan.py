"""The worker's pages for a household's hard moments (patterns first) and its programme plan,
headless over a real hub on SQLite, with the records a family's device sends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.domain.people import Role
from app.domain.programme.moments import Ending, HardMoment, MomentDraft, Need, Trigger
from app.domain.programme.sessions import ProgrammeSession, SessionPlan
from app.hub.admin import add_worker
from app.hub.casework.allocation import allocate
from app.hub.db import make_engine, migrate
from app.hub.worker.app import build_worker_main
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

PASSWORD = "tea and biscuits at ten"


@pytest.fixture
def hub_engine(tmp_path: Path) -> Iterator[Engine]:
    """SQLite only: the read under these screens is one plain query."""
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(float(int(time.time())))


def moment(family: Family, when: datetime, trigger: Trigger, what: str, **more: object) -> None:
    made = HardMoment(id=f"m-{when:%d%H}", draft=MomentDraft(
        children=("tolu",), happened_at=when.strftime("%Y-%m-%dT%H:%M"), what_happened=what,
        trigger=trigger, **more), created_by="ade", created_at=iso(when))  # type: ignore[arg-type]
    family.push("hard_moments", made.to_json(), at=when)


def test_the_worker_reads_hard_moment_patterns_and_the_programme_plan(
    hub: RunningHub, clock: FakeClock
) -> None:
    now = datetime.fromtimestamp(clock.now, UTC)
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, now)
    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    evening = (now - timedelta(days=3)).replace(hour=18, minute=15)
    moment(family, evening, Trigger.SCREENS, "Threw the controller when screens went off",
           needs=(Need.CALM,), consequence="No tablet the next morning",
           repair="We built the tower again", ending=Ending.PUT_RIGHT)
    moment(family, evening + timedelta(days=1), Trigger.SCREENS, "Shouted at bedtime")
    moment(family, (now - timedelta(days=5)).replace(hour=8), Trigger.SCHOOL, "Would not go in")
    held_day = (now - timedelta(days=7)).date().isoformat()
    held = ProgrammeSession("s-1", SessionPlan("Setting boundaries", held_day, ("ade", "tolu")),
                            "ade", iso(now - timedelta(days=10)), attended=("ade",),
                            took_away="Say the rule, then the choice")
    family.push("programme_sessions", held.to_json())
    later = (now + timedelta(days=6)).date().isoformat()
    family.push("programme_sessions", ProgrammeSession(
        "s-2", SessionPlan("Using rituals", later, ("ade",)), "ade", iso(now)).to_json())

    async def go() -> None:
        d = await Driver.start(build_worker_main(hub.engine, clock=clock))
        await d.type("Username", "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        await d.tap("The Okafor household")
        assert d.has_text("3 written down · most in the evening"), d.texts()
        assert d.has_text("Next: "), d.texts()  # the session still to come
        await d.tap("Hard moments")
        assert "hub-moments" in d.identifiers(), d.texts()
        patterns = " ".join(d.texts_in("moments-patterns"))
        assert "3 hard moments written down." in patterns
        assert "Most happen in the evening." in patterns
        assert "Screens: 2" in patterns and "School: 1" in patterns
        assert "1 of 3 ended calm or put right." in patterns
        assert d.has_text("Put right: We built the tower again")
        assert d.has_text("Written by Ade")
        await d.tap("Back")
        await d.tap("Programme plan")
        assert "hub-programme" in d.identifiers(), d.texts()
        shown = " ".join(d.texts())
        assert "1 of 2 sessions held so far." in shown
        assert "Ade came to 1 of 1" in shown and "Tolu came to 0 of 1" in shown
        assert "What we took from it: Say the rule, then the choice" in shown
        assert "Using rituals" in shown and "Still to come" in shown
        assert not d.conn.errors

    run(go())


def test_a_moment_that_tells_of_a_smack_is_marked_for_the_worker(
    hub: RunningHub, clock: FakeClock
) -> None:
    now = datetime.fromtimestamp(clock.now, UTC)
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, now)
    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    evening = (now - timedelta(days=2)).replace(hour=18, minute=15)
    moment(family, evening, Trigger.SCREENS, "Shouted when the TV went off",
           repair="I lost my temper and smacked him. I said sorry to Tolu for smacking him.")
    moment(family, evening - timedelta(days=1), Trigger.BEDTIME, "Would not settle",
           repair="We had a hug and a quiet talk")

    async def go() -> None:
        d = await Driver.start(build_worker_main(hub.engine, clock=clock))
        await d.type("Username", "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        await d.tap("The Okafor household")
        assert d.has_text(
            "2 written down · most in the evening · 1 tells of physical punishment"), d.texts()
        await d.tap("Hard moments")
        assert f"hub-moment-m-{evening:%d%H}" in d.identifiers(), d.texts()
        words = "\u201csmacked\u201d, \u201csmacking\u201d"
        marked = [x for x in d.texts() if "physical punishment" in x]
        assert marked == [f"Tells of physical punishment: {words}. Please talk it through with "
                          "the family, and help them find another way."], d.texts()
        # the smack only is marked: the calm moment is not
        assert d.has_text("Put right: I lost my temper and smacked him. I said sorry to Tolu "
                          "for smacking him.")  # the account itself, as written
        assert not d.conn.errors

    run(go())
