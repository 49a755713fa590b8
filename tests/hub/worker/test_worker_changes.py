"""A worker's changes in the worker UI, pulled by the family's phone as their devices would
get them: bottom lines and next steps on the safety plan, and edits made on a phone and at the
hub at the same time, settled once (the family's version can win).

Driven headless over a real hub (SQLite); records reach the hub through the real protocol.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.people import Role
from app.domain.safety import Point, SafetyPlan
from app.hub.conflict_queue import list_conflicts, resolve_conflict
from app.hub.sync import write_as_worker
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def test_bottom_lines_and_next_steps_are_written_for_the_phones_to_pull(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    plan = SafetyPlan(worries=(Point("w-1", "Shouting at bedtime", "ade", iso(now)),),
                      revision=2)
    family.push("safety_plans", plan.to_json(), record_id="family")

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Safety plan and scale")
        assert d.has_text("Shouting at bedtime")
        await d.tap("Add bottom line")
        assert d.has_text("Please type a few words first.")
        await d.type("New bottom line", "Tolu is collected from school by Ade or Gran")
        await d.type("Why this bottom line? (the family will read this)",
                     "Agreed at the review")
        await d.tap("Add bottom line")
        assert d.has_text("Bottom line added.")
        assert d.field("New bottom line").value == ""
        await d.type("What needs to happen", "Book a family meeting")
        await d.type("Who will do it", "Ade")
        await d.select("By when", "week")
        await d.tap("Add next step")
        assert d.has_text("Please say why, in a few plain words")  # the family is told why
        await d.type("Why this step? (the family will read this)", "To agree the new plan")
        await d.tap("Add next step")
        assert d.has_text("Book a family meeting")
        assert d.has_text("Not read at home yet")
        await d.tap("Remove: Tolu is collected from school by Ade or Gran")
        assert d.has_text("Bottom line taken off the plan.")
        assert not d.conn.errors

    run(go())
    pulled, _ = family.phone.pull_all()
    latest = [r for r in pulled if r["collection"] == "safety_plans"][-1]
    assert latest["revision"] == 4 and latest["author"] == f"agency:{worker_id}"
    got = SafetyPlan.from_json(latest["body"])
    assert [p.text for p in got.worries] == ["Shouting at bedtime"]
    assert [(p.text, p.shown) for p in got.bottom_lines] == [
        ("Tolu is collected from school by Ade or Gran", False)]
    (step,) = got.actions
    assert (step.what, step.who) == ("Book a family meeting", "Ade")
    assert step.due == (now.date() + timedelta(days=7)).isoformat()


def test_a_crossed_edit_shows_both_versions_and_the_family_version_can_win(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    first = SafetyPlan(working_well=(Point("p-1", "Homework after tea", "ade", iso(now)),))
    family.push("safety_plans", first.to_json(), record_id="family")
    agency = SafetyPlan(working_well=first.working_well, bottom_lines=(
        Point("b-1", "No smoking in the house", f"agency:{worker_id}", iso(now)),))
    write_as_worker(hub.engine, hub.household_id, collection="safety_plans", record_id="family",
                    body=agency.to_json(), shard=None, worker_id=worker_id, now=now)
    mine = SafetyPlan(working_well=(*first.working_well,
                                    Point("p-2", "Walks on Sunday", "ade", iso(now))))
    family.push("safety_plans", mine.to_json(), record_id="family", revision=2,
                base_revision=1, author="ade", expect="conflict")

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert d.has_text("1 edit was made on a phone and on the hub at the same time.")
        await d.tap("Edits to settle")
        assert d.has_text("The safety plan: two versions")
        assert d.has_text("• Bottom line: No smoking in the house (only in this version)")
        assert d.has_text("• Working well: Walks on Sunday (only in this version)")
        assert d.has_text("Working well: Homework after tea")
        assert d.has_text("From the family's phone, by Ade, ")
        await d.tap("Use the family's version")
        await d.settle(60)
        assert d.has_text("Settled.") and d.has_text("Nothing to settle.")
        assert not d.conn.errors

    run(go())
    pulled, _ = family.phone.pull_all()
    latest = [r for r in pulled if r["id"] == "family"][-1]
    assert latest["revision"] == 3 and latest["author"] == f"agency:{worker_id}"
    assert [p.text for p in SafetyPlan.from_json(latest["body"]).working_well] == [
        "Homework after tea", "Walks on Sunday"]
    assert list_conflicts(hub.engine, hub.household_id) == []

def test_an_edit_settled_in_another_tab_says_so_instead_of_failing(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    family.push("chores", {"id": "c-1", "name": "Bins"}, record_id="c-1")
    write_as_worker(hub.engine, hub.household_id, collection="chores", record_id="c-1",
                    body={"id": "c-1", "name": "Bins out on Monday"}, shard=None,
                    worker_id=worker_id, now=now)
    family.push("chores", {"id": "c-1", "name": "Bins on Tuesday"}, record_id="c-1",
                revision=2, base_revision=1, expect="conflict")

    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate(f"/household/{hub.household_id}/conflicts")
        await d.settle(40)
        assert d.has_text("The chore “Bins out on Monday”: two versions"), d.texts()
        (conflict,) = list_conflicts(hub.engine, hub.household_id)
        resolve_conflict(hub.engine, conflict.id, keep="hub", worker_id=worker_id, now=now)
        await d.tap("Use the family's version")
        await d.settle(40)
        assert d.has_text("Someone has settled this already.")
        assert d.has_text("Nothing to settle.")
        assert not d.conn.errors

    run(go())
