"""Two people writing the same box of the family's plan at once: neither is quietly undone.

In private family time Jo (her phone) and Alex (the tablet) both had the plan open and both
saved "What we will do if the plan is not working". Alex's save replaced Jo's words and both
tabs said "Saved.". A box whose saved words changed since it was opened now refuses the save
with the plain message, keeps what was typed, and shows what the other person saved; saving
again, having seen it, is kept. A save with no crossing is kept as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import flet as ft
from headless import Driver, FakeClock, run
from steps import new_process_gate, sign_in_on

from app.domain.programme.family_plan import FamilyPlan
from app.domain.safety import Section
from app.services.gate import HouseholdGate
from app.services.programme.conference import conferences_for
from app.services.safety import safety_for
from app.ui import build_main
from tests.services.taylors import PASSPHRASE, create_taylors

CHANGED = "Someone changed this while you were writing. Check it and save again."
IF_NOT = "What we will do if the plan is not working"
VOICE = "What the children said, and how we asked them"
LINE = "Nobody hits the children"
MEETS = f"How we will meet: {LINE}"
JOS = "We ring Grandma Pat and she has the children for the night"
ALEXS = "Alex goes for a walk and calls Priya"

Main = Callable[[ft.Page], None]


def one_server_in_private_time(data_dir: Path, clock: FakeClock) -> tuple[HouseholdGate, Main]:
    """Jo and Alex's family in private family time, with one bottom line to meet; the gate
    and the app of one running server."""
    gate, household = create_taylors(data_dir, clock, second_parent=True)
    people = {m.name: m for m in household.members()}
    jo, priya = people["Jo"], people["Priya"]
    safety = safety_for(household)
    safety.add_point(jo, Section.WORRIES, "Shouting at bedtime")
    safety.add_point(priya, Section.BOTTOM_LINES, LINE, reason="It harms children")
    conferences = conferences_for(household)
    worries, lines = conferences.to_address()
    conferences.prepare(priya, invited=[], worries=[worries[0].id],
                        bottom_lines=[lines[0].id], information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    gate.close()
    gate = new_process_gate(data_dir, clock)
    return gate, build_main(data_dir, gate=gate, clock=clock, idle_clock=clock)


async def jo_and_alex(main: Main) -> tuple[Driver, Driver]:
    """Jo's tab and Alex's tab, both signed in with the plan open."""
    jo = await sign_in_on(main, "Jo, Parent or carer", "2580")
    alex = await sign_in_on(main, "Alex, Parent or carer", "1357")
    for d in (jo, alex):
        await d.tap("Private family time")
        assert "conference-private-screen" in d.identifiers(), d.texts()
    return jo, alex


def plan_of(gate: HouseholdGate) -> FamilyPlan:
    """The family's plan as it is saved now."""
    current = conferences_for(gate.unlock(PASSPHRASE)).current()
    assert current is not None
    return current.plan


def test_a_plan_box_saved_over_someone_elses_words_is_refused_and_shows_both(
        data_dir: Path, clock: FakeClock) -> None:
    gate, main = one_server_in_private_time(data_dir, clock)

    async def go() -> None:
        jo, alex = await jo_and_alex(main)
        await jo.type(IF_NOT, JOS)
        await jo.tap(f"Save: {IF_NOT}")
        assert jo.has_text("Saved."), jo.texts()
        clock.advance(30)
        await alex.type(IF_NOT, ALEXS)
        await alex.tap(f"Save: {IF_NOT}")

        assert plan_of(gate).contingencies == JOS  # Jo's words are not undone
        assert alex.has_text(CHANGED) and not alex.has_text("Saved."), alex.texts()
        assert alex.field(IF_NOT).value == ALEXS  # what Alex typed is kept
        assert alex.has_text(JOS), alex.texts()  # and Jo's words are there to read
        await alex.tap(f"Save: {IF_NOT}")  # having seen Jo's words, Alex saves again
        assert plan_of(gate).contingencies == ALEXS
        assert alex.has_text("Saved.") and not alex.has_text(CHANGED), alex.texts()
        assert not jo.conn.errors and not alex.conn.errors

    run(go())


def test_the_childrens_words_and_a_bottom_line_refuse_a_stale_save_too(
        data_dir: Path, clock: FakeClock) -> None:
    gate, main = one_server_in_private_time(data_dir, clock)

    async def go() -> None:
        jo, alex = await jo_and_alex(main)
        await jo.type(VOICE, "Sam drew us a picture of home")
        await jo.tap(f"Save: {VOICE}")
        await jo.type(MEETS, "Jo and Alex do time-in, never a smack")
        await jo.tap(f"Save: {MEETS}")
        await alex.type(VOICE, "Mia said she wants her own room")
        await alex.tap(f"Save: {VOICE}")
        await alex.type(MEETS, "We walk away and calm down")
        await alex.tap(f"Save: {MEETS}")

        plan = plan_of(gate)
        assert plan.child_voice == "Sam drew us a picture of home"
        assert list(plan.bottom_lines_met.values()) == ["Jo and Alex do time-in, never a smack"]
        assert alex.field(VOICE).value == "Mia said she wants her own room"
        assert alex.field(MEETS).value == "We walk away and calm down"
        assert alex.has_text("Sam drew us a picture of home"), alex.texts()
        assert alex.has_text("Jo and Alex do time-in, never a smack"), alex.texts()
        assert alex.texts().count(CHANGED) == 2
        assert not alex.conn.errors

    run(go())


def test_saves_with_no_crossing_are_kept(data_dir: Path, clock: FakeClock) -> None:
    gate, main = one_server_in_private_time(data_dir, clock)

    async def go() -> None:
        jo, alex = await jo_and_alex(main)
        await jo.type(IF_NOT, f"  {JOS}  ")  # kept tidied: her next save is still hers
        await jo.tap(f"Save: {IF_NOT}")
        await alex.type(VOICE, "Mia said she wants her own room")
        await alex.tap(f"Save: {VOICE}")  # another box: nothing crossed
        await jo.type(IF_NOT, f"{JOS}, and we tell Priya")
        await jo.tap(f"Save: {IF_NOT}")

        plan = plan_of(gate)
        assert plan.contingencies == f"{JOS}, and we tell Priya"
        assert plan.child_voice == "Mia said she wants her own room"
        assert not jo.has_text(CHANGED) and not alex.has_text(CHANGED)
        assert not jo.conn.errors and not alex.conn.errors

    run(go())


def test_words_kept_over_back_are_still_checked_against_what_they_were_typed_over(
        data_dir: Path, clock: FakeClock) -> None:
    gate, main = one_server_in_private_time(data_dir, clock)

    async def go() -> None:
        jo, alex = await jo_and_alex(main)
        await alex.type(IF_NOT, ALEXS)
        await alex.tap("Back")  # not saved: kept for Alex
        await jo.type(IF_NOT, JOS)
        await jo.tap(f"Save: {IF_NOT}")
        await alex.tap("Private family time")
        assert alex.field(IF_NOT).value == ALEXS
        await alex.tap(f"Save: {IF_NOT}")

        assert plan_of(gate).contingencies == JOS
        assert alex.has_text(CHANGED) and alex.has_text(JOS), alex.texts()
        assert alex.field(IF_NOT).value == ALEXS
        assert not alex.conn.errors

    run(go())
