"""What the worker-UI tests share: Priya's password and signing her in, the SQLite-only hub
those screens run on, and a household that has sent one of every kind of record.

The fixtures every module may use (``clock``, ``now``, ``worker_id``, ``okafors``) are in this
folder's ``conftest.py``. ``hub_engine`` is here instead, for a module to import when its
screens should run on SQLite only: in ``conftest.py`` it would take PostgreSQL from every
test in the folder, including those that check both databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.domain.agreement import AgreementVersion, Rule, Signature, Status
from app.domain.checkins import Feeling
from app.domain.chores import Chore, Often, TickEvent, TickKind, Who
from app.domain.circles import Agreement as CircleAgreement
from app.domain.circles import CircleKind, Turn, TurnKind, new_circle
from app.domain.diary import DayPart, DiaryEntry, DiaryWords, Sharing
from app.domain.people import Role
from app.domain.safety_child import ChildSafetyPlan, TrustedAdult
from app.hub.db import make_engine, migrate
from app.hub.worker.app import build_worker_main
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock

PASSWORD = "tea and biscuits at ten"


@pytest.fixture
def hub_engine(tmp_path: Path) -> Iterator[Engine]:
    """These screens run on SQLite only: the queries under them are tested on both databases
    in test_caseload.py, test_hub_conflicts.py and test_worker_round_trip.py."""
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


async def signed_in(hub: RunningHub, clock: FakeClock, password: str = PASSWORD) -> Driver:
    """A worker UI tab on ``hub`` with Priya signed in; ``clock`` is its idle clock too."""
    d = await Driver.start(build_worker_main(hub.engine, clock=clock, idle_clock=clock))
    await d.type("Username", "Priya")
    await d.type("Password", password)
    await d.tap("Sign in")
    await d.settle(100)
    return d


def everything(family: Family, now: datetime) -> None:
    """One of each kind of record a family sends, and one that cannot be read."""
    day = now - timedelta(days=1)
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    family.checkin("tolu", day, Feeling.HAPPY, words="We went to the park")
    family.rating("ade", 6, now - timedelta(days=3))
    family.rating("ade", 8, day)
    rule = Rule("r-1", "We speak kindly", "ade", iso(day), kept="Film night")
    version = AgreementVersion("v-1", 1, "ade", iso(day), status=Status.SIGNED, rules=(rule,),
                               signatures=(Signature("ade", "Ade", "parent", iso(day)),),
                               signed_at=iso(day))
    family.push("agreement_versions", version.to_json())
    chore = Chore("c-1", "Feed the cat", "cat", Who.ONE, ("tolu",), Often.DAILY, day.date(),
                  "ade", iso(day), stars=2)
    family.push("chores", chore.to_json())
    tick = TickEvent("t-1", TickKind.TICK, "c-1", "tolu", day.date(), "tolu", iso(day))
    family.push("chore_ticks", tick.to_json())
    circle = new_circle("ci-1", CircleKind.FAMILY_MEETING, ["ade", "tolu"], "ade", iso(day))
    circle = circle.with_agreement(CircleAgreement("a-1", "Phones off at tea", "ade", iso(day)),
                                   "ade", iso(day))
    family.push("circles", circle.to_json())
    turn = Turn("tu-1", "ci-1", 0, "tolu", TurnKind.SPOKE, "ade", iso(day), "The park")
    family.push("circle_turns", turn.to_json())
    words = DiaryWords(day.date(), DayPart.BEDTIME, went_well="Two stories and sleep",
                       sharing=Sharing.WORKER)
    family.push("diary_entries", DiaryEntry("d-1", "e-1", 1, "ade", iso(day), words).to_json())
    child_plan = ChildSafetyPlan("tolu", trusted_adults=(
        TrustedAdult("ad-1", "Gran", "grandmother", "07700 900123", "ade", iso(day)),))
    family.push("child_safety_plans", child_plan.to_json())
    family.push("checkins", {"id": "odd", "feeling": "not a feeling"})
