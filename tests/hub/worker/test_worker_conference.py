"""The family's plan from its family group conference, as the worker sees it at the hub.

Private family time is private at the agency too: the plan shows once the family shares it. A
conference the hub cannot read is said, never hidden behind an older plan, and a name from
the family's network is said as a name. Driven headless over a real hub (SQLite).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import flet as ft

from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import Conference, Topic, new_conference
from app.domain.programme.network import NetworkDetails, NetworkPerson
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.documents import describe
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

NOT_READ = "1 record sent by the family could not be read here."


def _people(at: str) -> tuple[Member, Member]:
    return (Member("ade", "Ade", Role.PARENT, Avatar.PERSON, at),
            Member("priya", "Priya", Role.WORKER, Avatar.WORKER, at))


def _in_private_time(at: str, invited: tuple[str, ...] = ()) -> Conference:
    """Ade's family writing its plan, in private family time."""
    ade, priya = _people(at)
    conference = new_conference("c1", priya, at).prepared(
        priya, at, invited=invited, worries=(Topic("w1", "Shouting at bedtime"),),
        bottom_lines=(Topic("b1", "Nobody is hit"),), information="Tolu is doing well"
    ).started(priya, at).with_private_time(priya, at)
    return conference.with_plan(ade, at, lambda plan: plan.with_action(
        "a1", "Gran has the kids Fridays", "Ade", None).with_contingencies(
        "Call Gran").with_child_voice("Tolu drew a picture").with_bottom_line_met(
        "b1", "Ade walks away"))


def plan_card(d: Driver) -> list[str]:
    """Every string on the family plan's card (its identifier is on its heading only)."""
    [heading] = [c for c in d.controls() if isinstance(c, ft.Semantics)
                 and c.identifier == "hub-conference"]
    card = heading.parent
    found = []
    for control in d.controls():
        node = control.parent
        while node is not None and node is not card:
            node = node.parent
        value = getattr(control, "value", None)
        if node is card and isinstance(value, str) and value:
            found.append(value)
    return found


PLAN_WORDS = ("Gran has the kids Fridays", "Call Gran", "Tolu drew a picture", "Ade walks away")


def test_the_plan_written_in_private_family_time_is_not_shown_at_the_hub(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    at = iso(now - timedelta(hours=1))
    home.push("conferences", _in_private_time(at).to_json())

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        card = plan_card(d)
        assert "Private family time: the family is writing its plan" in card
        assert not [text for text in card if any(words in text for words in PLAN_WORDS)]
        assert "You will see the plan here when the family shares it." in card

    run(go())


def test_the_plan_shows_at_the_hub_once_the_family_shares_it(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    at = iso(now - timedelta(hours=1))
    ade, _priya = _people(at)
    home.push("conferences", _in_private_time(at).shared(ade, at).to_json())

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        card = " ".join(plan_card(d))
        assert all(words in card for words in PLAN_WORDS), card

    run(go())


def test_a_settle_card_in_private_time_shows_the_stage_not_the_plan() -> None:
    at = "2026-11-03T10:00:00+00:00"
    ade, _priya = _people(at)
    records = HouseholdRecords("h-1", "The Okafors", members={"ade": ade})
    private = describe("conferences", _in_private_time(at).to_json(), records)
    assert private[0] == "Private family time: the family is writing its plan"
    assert not [line for line in private if any(words in line for words in PLAN_WORDS)]
    shared = " ".join(describe("conferences", _in_private_time(at).shared(ade, at).to_json(),
                               records))
    assert all(words in shared for words in PLAN_WORDS), shared


def test_an_unreadable_newer_conference_is_said_not_hidden_behind_the_older_plan(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    old = iso(now - timedelta(days=30))
    ade, priya = _people(old)
    agreed = new_conference("c-old", priya, old).prepared(
        priya, old, invited=(), worries=(Topic("w1", "Shouting at bedtime"),), bottom_lines=(),
        information="").started(priya, old).with_private_time(priya, old).with_plan(
        ade, old, lambda plan: plan.with_action("a1", "Old plan action", "Ade", None)).shared(
        ade, old).decided(priya, old, agreed=True, why="ok", review_on="2030-01-01")
    home.push("conferences", agreed.to_json())
    newer = new_conference("c-new", priya, iso(now)).to_json() | {"stage": "paused"}
    home.push("conferences", newer)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        card = plan_card(d)
        assert NOT_READ in card, card

    run(go())


def test_a_conference_that_cannot_be_read_at_all_is_still_said(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    _ade, priya = _people(iso(now))
    home.push("conferences", new_conference("c-new", priya, iso(now)).to_json()
              | {"stage": "paused"})

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert NOT_READ in plan_card(d)

    run(go())


def test_a_network_name_is_said_as_a_name_where_the_invited_are_listed(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    at = iso(now - timedelta(hours=1))
    gran = NetworkPerson("n1", NetworkDetails(name="Gran\u202e\nPat"), "ade", at)
    home.push("network_people", gran.to_json())
    _ade, priya = _people(at)
    prepared = new_conference("c1", priya, at).prepared(
        priya, at, invited=("n1",), worries=(Topic("w1", "Shouting at bedtime"),),
        bottom_lines=(), information="")
    home.push("conferences", prepared.to_json())

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        invited = [text for text in d.texts() if "Invited" in text]
        assert invited == ["Invited: Gran Pat"], invited

    run(go())
    records = HouseholdRecords("h-1", "The Okafors")
    assert describe("network_people", gran.to_json(), records)[0] == "Name: Gran Pat"
