"""A double tap on a button of one line of the family's plan acts on that line, once.

"Take off" and "Mark done" stay where they are while the plan changes under them (the next
line moves up; the line itself now reads "Mark not done"), so the second tap of a burst
used to take off the next line too, or undo the tick it had just made, and both ticks went
to the agency. Each button now belongs to its line, as it reads when tapped.
"""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import into_private_time, open_as, running_gate, worry_and_grandma_pat

from app.services.household import HouseholdService
from app.services.programme.conference import TICKS, conferences_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

LINES = ("Grandma Pat has Sam on Tuesdays", "Jo goes to the parenting group",
         "Mia walks to school with her friend")


def conference_with_three_lines(data_dir: Path, clock: FakeClock, *, agreed: bool) -> None:
    """Private family time with three lines in the plan, or (``agreed``) the agency's yes."""
    gate, household = create_taylors(data_dir, clock)
    jo, _sam, _mia, priya = in_order(household)
    conferences = into_private_time(household, worry_and_grandma_pat(household))
    for line in LINES:
        conferences.add_action(jo, line, "", None)
    if agreed:
        conferences.share_plan(jo)
        conferences.decide(priya, agreed=True, why="It keeps Sam safe", review_on="2027-03-01")
    gate.close()


def test_a_double_tap_on_take_off_takes_off_one_line(data_dir: Path, clock: FakeClock) -> None:
    conference_with_three_lines(data_dir, clock, agreed=False)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Private family time")
        assert all(d.has_text(line) for line in LINES), d.texts()
        await d.double_tap("Take off")  # the first line's
        assert [line for line in LINES if d.has_text(line)] == list(LINES[1:]), d.texts()
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        current = conferences_for(household).current()
        assert current is not None
        assert [a.what for a in current.plan.actions] == list(LINES[1:])

    run(go())


def ticks_of(household: HouseholdService) -> list[dict[str, object]]:
    return list(household.store.find(TICKS))


def test_a_double_tap_on_mark_done_marks_it_done_once(data_dir: Path,
                                                      clock: FakeClock) -> None:
    conference_with_three_lines(data_dir, clock, agreed=True)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Family group conference")
        assert "conference-ticks" in d.identifiers(), d.texts()
        await d.double_tap(f"Mark done: {LINES[0]}")
        assert d.has_text(f"Done: {LINES[0]}"), d.texts()
        assert d.button(f"Mark not done: {LINES[0]}") is not None
        assert d.button(f"Mark done: {LINES[1]}") is not None
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        conferences = conferences_for(household)
        current = conferences.current()
        assert current is not None
        assert conferences.done(current.id) == {current.plan.actions[0].id}
        assert [t["done"] for t in ticks_of(household)] == [True]  # one tick goes to the agency

    run(go())
