"""The settle card shows every difference a worker must weigh before keeping one version:
a person taken off the household, a chore given to another child, who has signed the
agreement, the household's own settings. It names what the record is and who it is about,
says truthfully whose version is on the hub, and a double tap settles once and says so.

Driven headless over a real hub (SQLite); the crossed edits reach the hub through the real
protocol, one family device changing a record while another changed it too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.domain.agreement import AgreementVersion, Rule, Signature
from app.domain.chores import Chore, Often, Who
from app.domain.people import Avatar, Member, Role
from app.domain.safety import Point
from app.domain.safety_child import ChildSafetyPlan
from app.hub.conflict_queue import list_conflicts
from app.hub.worker.household.data import current_doc
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def crossed(family: Family, collection: str, record_id: str, first: dict[str, Any] | None,
            on_hub: dict[str, Any], from_device: dict[str, Any], author: str = "jo") -> None:
    """``first`` reaches the hub (None: it is there already); then two devices both change
    it from there."""
    if first is not None:
        family.push(collection, first, record_id=record_id, author=author)
    family.push(collection, on_hub, record_id=record_id, revision=2, base_revision=1,
                author=author)
    family.push(collection, from_device, record_id=record_id, revision=2, base_revision=1,
                author=author, expect="conflict")


def taylors(hub: RunningHub, now: datetime) -> Family:
    """Jo (a parent), Sam (6) and Mia (8), as the Taylors' phone sends them."""
    family = Family(hub, hub.household_id, now)
    family.member("jo", "Jo", Role.PARENT)
    for child, name, age in (("sam", "Sam", 6), ("mia", "Mia", 8)):
        family.push("members", Member(child, name, Role.CHILD, Avatar.FOX, iso(now),
                                      created_by="jo", age=age).to_json(), author="jo")
    return family


async def conflicts_tab(hub: RunningHub, clock: FakeClock) -> Any:
    """A signed-in tab on the household's edits to settle."""
    d = await signed_in(hub, clock)
    d.page.navigate(f"/household/{hub.household_id}/conflicts")
    await d.settle(60)
    return d


def test_a_person_taken_off_and_a_chore_given_to_another_child_are_shown(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    sam = current_doc(hub.engine, hub.household_id, "sam")
    assert sam is not None
    sam_body = {**sam.body, "id": "sam"}
    crossed(family, "members", "sam", None,
            {**sam_body, "removed_at": iso(now), "removed_by": "jo"},
            {**sam_body, "text_scale": 150}, author="jo")
    chore = Chore("c-1", "Feed the cat", "cat", Who.ONE, ("sam",), Often.DAILY, now.date(),
                  "jo", iso(now), stars=1)
    crossed(family, "chores", "c-1", chore.to_json(),
            replace(chore, children=("mia",), revision=2).to_json(),
            replace(chore, stars=3, revision=2).to_json())

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("Sam's details: two versions"), d.texts()
        assert not d.has_text("A shared record")
        assert d.has_text("• Taken off the household by Jo (only in this version)")
        assert d.has_text("• Still in the household (only in this version)")
        assert d.has_text("• Text size: 150% (only in this version)")
        assert d.has_text("Age: 6")
        assert d.has_text("The chore “Feed the cat”: two versions")
        assert d.has_text("• For: Mia (only in this version)")
        assert d.has_text("• For: Sam (only in this version)")
        assert d.has_text("• Stars: 3 (only in this version)")
        assert not d.conn.errors

    run(go())


def test_who_signed_the_agreement_shows_and_the_hub_side_is_not_called_the_agencys(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    rule = Rule("r-1", "Bedtime is 8pm", "jo", iso(now), kept="A story")
    draft = AgreementVersion("v-1", 1, "jo", iso(now), rules=(rule,), review_date="2027-03-01")
    crossed(family, "agreement_versions", "v-1", draft.to_json(),
            replace(draft, signatures=(Signature("jo", "Jo", "parent", iso(now)),)).to_json(),
            # other words too: signatures on the same words are put together, never crossed
            replace(draft, review_date="2027-04-01",
                    signatures=(Signature("sam", "Sam", "child", iso(now)),)).to_json())

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("The household agreement: two versions"), d.texts()
        assert d.has_text("• Signed by Jo (only in this version)")
        assert d.has_text("• Signed by Sam (only in this version)")
        assert d.has_text("Bedtime is 8pm – when it is kept: A story")
        # the hub's version came from Jo's phone: it is what the agency has, not its own
        assert not d.has_text("The agency's version")
        assert d.has_text("What the agency has now")
        assert d.button("Keep what the agency has now") is not None
        assert not d.conn.errors

    run(go())


def test_the_last_parent_kept_says_why_and_is_not_offered_for_taking_off(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    jo = current_doc(hub.engine, hub.household_id, "jo")
    assert jo is not None
    family.push("members", {**jo.body, "id": "jo", "removed_at": iso(now), "removed_by": "jo"},
                record_id="jo", revision=2, base_revision=1, author="jo", expect="conflict")

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("Jo's details: two versions"), d.texts()
        assert d.has_text("Jo is the only parent left in this home. The family's phone took Jo"
                          " off, but then nobody could run the home. So Jo was kept. To take Jo"
                          " off, the family must first add another parent.")
        assert d.button("Keep what the agency has now") is not None
        assert not d.has_text("Use the family's version")
        assert not d.conn.errors

    run(go())


def test_the_household_settings_and_a_childs_plan_say_what_and_whose_they_are(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    household = {"id": "household", "name": "The Taylors", "auto_lock_minutes": 5,
                 "nation": "england", "language": "en-GB", "setup_complete": True,
                 "uid": "u-1"}
    crossed(family, "household", "household", household,
            {**household, "nation": "wales", "updated_by": "jo"},
            {**household, "auto_lock_minutes": 15, "language": "cy-GB", "updated_by": "jo"})
    plan = ChildSafetyPlan("sam", calm_ideas=(Point("p-1", "Lego", "jo", iso(now)),))
    crossed(family, "child_safety_plans", plan.id, plan.to_json(),
            replace(plan, revision=2).to_json(),
            replace(plan, revision=2, safe_places=(Point("p-2", "My room", "jo",
                                                         iso(now)),)).to_json())

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("The household's details: two versions"), d.texts()
        assert d.has_text("Household name: The Taylors")
        assert d.has_text("• Where they live: Wales (only in this version)")
        assert d.has_text("• Where they live: England (only in this version)")
        assert d.has_text("• Locks itself after 15 minutes (only in this version)")
        assert d.has_text("• Language of the shared screens: Cymraeg (only in this version)")
        assert not d.has_text("Uid")
        assert d.has_text("Sam's safety plan: two versions")
        assert d.has_text("• Safe place: My room (only in this version)")
        assert not d.conn.errors

    run(go())


def test_a_double_tap_on_settle_writes_once_and_says_settled(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    chore = Chore("c-1", "Bins", "bin", Who.ONE, ("sam",), Often.WEEKLY, date(2026, 1, 5),
                  "jo", iso(now), weekdays=(0,))
    crossed(family, "chores", "c-1", chore.to_json(),
            replace(chore, weekdays=(1,), revision=2).to_json(),
            replace(chore, weekdays=(3,), revision=2).to_json())

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("• On Thursday (only in this version)"), d.texts()
        await d.double_tap("Use the family's version")
        await d.settle(60)
        assert d.has_text("Settled."), d.texts()
        assert not d.has_text("Someone has settled this already.")
        assert d.has_text("Nothing to settle.")
        assert not d.conn.errors

    run(go())
    doc = current_doc(hub.engine, hub.household_id, "c-1")
    assert doc is not None and doc.revision == 3 and doc.body["weekdays"] == [3]
    assert list_conflicts(hub.engine, hub.household_id) == []


def test_two_ellas_added_on_two_phones_ask_if_they_are_one_person(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    for ella, avatar in (("ella-1", Avatar.FOX), ("ella-2", Avatar.OWL)):
        family.push("members", Member(ella, "Ella", Role.CHILD, avatar, iso(now),
                                      created_by="jo", age=5).to_json(), author="jo",
                    expect="stored" if ella == "ella-1" else "conflict")

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("Two people called Ella were added on two phones. Is this the same"
                          " person?"), d.texts()
        # The agency has no second Ella to keep: keeping "what it has" would lose her.
        assert not d.has_text("Keep what the agency has now")
        assert d.button("It is the same person: ask the family to take one off") is not None
        await d.tap("Keep both: they are two people")
        await d.settle(60)
        assert d.has_text("Settled."), d.texts()
        assert d.has_text("Nothing to settle.")
        assert not d.conn.errors

    run(go())
    doc = current_doc(hub.engine, hub.household_id, "ella-2")
    assert doc is not None and doc.body["avatar"] == "owl"
    assert list_conflicts(hub.engine, hub.household_id) == []


def test_the_same_ella_is_kept_until_the_family_takes_one_off(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = taylors(hub, now)
    for ella in ("ella-1", "ella-2"):
        family.push("members", Member(ella, "Ella", Role.CHILD, Avatar.FOX, iso(now),
                                      created_by="jo", age=5).to_json(), author="jo",
                    expect="stored" if ella == "ella-1" else "conflict")

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        await d.tap("It is the same person: ask the family to take one off")
        await d.settle(60)
        assert d.has_text("Both are kept for now, so nothing Ella did is lost. Ask the family"
                          " to take one Ella off on their phone."), d.texts()
        assert not d.conn.errors

    run(go())
    assert current_doc(hub.engine, hub.household_id, "ella-2") is not None
    assert list_conflicts(hub.engine, hub.household_id) == []
