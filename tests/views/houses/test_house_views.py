"""Headless tests of the Three Houses: a child is told who sees it before adding anything,
adds pictures, words and a drawing, keeps a worry for the worker and shows a good thing; a
parent sees only what was shown, on every screen and at every address; the worker looks back
and turns a worry into a safety plan step in the child's words; a child tells their meeting.
"""

from __future__ import annotations

import re
from base64 import b64encode
from pathlib import Path

import flet as ft
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from headless import Driver, FakeClock, run, until
from steps import open_as, running_gate

from app.domain.programme.three_houses import House
from app.services.programme.houses import houses_for
from app.services.safety import safety_for
from app.sync.catalogue import HOUSES_FOR_WORKER, STATE
from app.sync.tracker import STATE_ID
from app.views.features import FEATURES
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))
KEPT = "the big boy at school"
SHOWN = "my dog Biscuit"


def seed(data_dir: Path, clock: FakeClock, *, linked: bool = True) -> X25519PrivateKey:
    """The Taylors; linked to an agency whose key is returned (only its public half is kept)."""
    gate, household = create_taylors(data_dir, clock)
    agency = X25519PrivateKey.generate()
    if linked:  # the agency's key as pairing keeps it: this device can seal for the worker
        public = b64encode(agency.public_key().public_bytes_raw()).decode("ascii")
        household.store.put_many([(STATE, {"id": STATE_ID, "agency_public_key": public}, None)],
                                 track=False)
    gate.close()
    return agency


async def draw(d: Driver, points: list[tuple[int, int]]) -> None:
    """Draw one stroke on the pad with a finger."""
    [pad] = [c for c in d.controls() if isinstance(c, ft.GestureDetector)]
    first, *rest = points
    await d.session.dispatch_event(pad._i, "pan_start", {
        "k": "touch", "l": {"x": first[0], "y": first[1]}, "g": {"x": 0, "y": 0}})
    for x, y in rest:
        await d.session.dispatch_event(pad._i, "pan_update", {
            "l": {"x": x, "y": y}, "g": {"x": 0, "y": 0}})
    await d.settle()


async def add_thing(d: Driver, house: str, picture: str, *, words: str = "",
                    show: bool, drawing: list[tuple[int, int]] | None = None) -> None:
    """From the child's houses, add one thing to a house and come back."""
    await d.tap({"good": "Add a good thing", "worries": "Add a worry",
                 "dreams": "Add a dream"}[house])
    assert "houses-add-screen" in d.identifiers(), d.texts()
    await d.tap(picture)
    if words:
        await d.type("My words", words)
    if drawing:
        await draw(d, drawing)
    await d.tap("Yes, show them" if show else "No, just for Priya")
    await d.tap("Put it in my house")
    assert d.has_text("It is in your house!" if show else "Kept safe for Priya."), d.texts()
    await d.tap("Back to my houses")
    assert "houses-screen" in d.identifiers()


def test_a_child_is_told_who_sees_first_then_fills_the_three_houses(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        assert "houses-card" in d.identifiers(), d.texts()
        await d.tap("My three houses")
        assert "houses-screen" in d.identifiers(), d.texts()
        who = " ".join(d.texts_in("houses-who-sees"))
        assert "Priya will see all you put here" in who and "only see what you say" in who
        await d.tap("Add a good thing")
        # who sees it comes before the first picture, word or line
        assert d.texts().index(who) < d.texts().index("Pick a picture"), d.texts()
        await d.tap("Back to my houses")
        await add_thing(d, "good", "A dog", words=SHOWN, show=True)
        await add_thing(d, "worries", "Scared", words=KEPT, show=False)
        await add_thing(d, "dreams", "My family", show=True,
                        drawing=[(10, 10), (60, 80), (120, 90)])
        assert SHOWN in d.texts_in("house-good")
        assert not any(KEPT in x for x in d.texts()) and d.has_text("Nothing here yet.")
        dream = [c for c in d.controls() if isinstance(c, ft.Semantics)
                 and c.label == "A drawing"]
        assert dream, d.texts()
        assert not d.conn.errors

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    jo, sam, _mia, priya = in_order(household)
    shown = houses_for(household).items(jo, sam.id)
    assert [(i.house, i.words) for i in shown] == [(House.GOOD, SHOWN), (House.DREAMS, "")]
    assert shown[1].strokes == (((10, 10), (60, 80), (120, 90)),)
    [stub] = household.store.find(HOUSES_FOR_WORKER)
    assert KEPT not in str(stub)


def test_nothing_to_choose_or_nothing_linked_is_said_kindly_and_nothing_is_lost(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock, linked=False)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("My three houses")
        await d.tap("Add a worry")
        assert d.has_text("You can keep things for Priya once Homeward is linked to them.")
        await d.type("My words", "thunder")
        await d.tap("Put it in my house")
        assert d.has_text("Say if your grown-ups can see it.")
        assert d.field("My words").value == "thunder"
        await d.tap("Yes, show them")
        await d.tap("Put it in my house")
        assert d.has_text("It is in your house!")
        assert not d.conn.errors

    run(go())


def _addresses(ids: list[str]) -> list[str]:
    found = []
    for feature in FEATURES:
        for route in feature.routes:
            if route.path:
                for some_id in ids:
                    found.append("/" + re.sub(r":[a-z_]+", some_id, route.path))
    return sorted(set(found))


def test_a_parent_sees_only_what_was_shown_at_every_address(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    _jo, sam, _mia, _priya = in_order(household)
    key = household.store.get(STATE, STATE_ID)
    assert key is not None
    from base64 import b64decode

    from app.domain.programme.three_houses import ItemDraft
    houses = houses_for(household)
    houses.add(sam, sam.id, ItemDraft(House.GOOD, "dog", SHOWN, show_grown_ups=True), None)
    kept = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT),
                      b64decode(key["agency_public_key"]))
    running_gate(data_dir, clock).close()

    def nothing_of_it(d: Driver, where: str) -> None:
        shown = " ".join(d.texts())
        for words in (KEPT, "Kept safe for"):
            assert words not in shown, (where, words, d.texts())

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Three houses")
        assert "houses-family-screen" in d.identifiers(), d.texts()
        assert d.has_text(SHOWN) and d.has_text("You see only what each child chose")
        nothing_of_it(d, "houses")
        assert "Worries" not in d.texts_in(f"houses-child-{sam.id}")  # not even an empty house
        for address in [*_addresses([sam.id, kept.id, "worries"]), "/"]:
            d.page.navigate(address)
            await d.settle(60)
            nothing_of_it(d, address)
        assert not d.conn.errors

    run(go())


def test_the_worker_turns_a_worry_into_a_plan_step_with_the_childs_words(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    _jo, sam, _mia, _priya = in_order(household)
    from app.domain.programme.three_houses import ItemDraft
    houses_for(household).add(sam, sam.id, ItemDraft(
        House.WORRIES, "scared", "shouting at bedtime", show_grown_ups=True), None)
    running_gate(data_dir, clock).close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Priya, Support worker", pin="4826")
        await d.tap("Three houses")
        assert d.has_text("What they kept for you is sealed and opens at the agency")
        await d.tap("Look back at Sam's houses")
        assert "houses-history-screen" in d.identifiers(), d.texts()
        await d.tap("Make it a safety plan step")
        await d.type("What needs to happen?", "Bedtime is calm, with a story")
        await d.tap("Add to the safety plan")
        assert d.has_text("Added to the safety plan, with Sam's words."), d.texts()
        assert not d.conn.errors

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    [step] = safety_for(household).plan().current_actions()
    assert step.what == "Bedtime is calm, with a story"
    assert step.reason == "Sam said: “shouting at bedtime”"


def test_a_child_tells_their_meeting_and_the_parent_can_print_it(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("My three houses")
        await d.tap("What I want my meeting to know")
        assert "houses-meeting-screen" in d.identifiers()
        assert d.has_text("So will the people at your meeting.")
        await d.type("What I want them to know", "I want to see Nan more")
        await d.tap("My family")
        await d.tap("Send it to my meeting")
        assert d.has_text("Thank you. Your meeting will hear it.")
        assert d.has_text("I want to see Nan more")  # "last time you said"
        d.page.navigate("/")
        await d.settle(60)
        await d.tap("Someone else's turn")
        await until(d, lambda: "who-screen" in d.identifiers())
        await d.tap("Jo, Parent or carer")
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(60)
        await d.tap("Three houses")
        assert d.has_text("I want to see Nan more")
        assert d.has_text("Print Sam's page for the meeting")
        assert not d.conn.errors

    run(go())


def test_many_small_marks_on_the_pad_are_kept_not_refused(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)
    marks = [[(10 + 20 * (i % 7), 10 + 20 * (i // 7)), (15 + 20 * (i % 7), 15 + 20 * (i // 7))]
             for i in range(30)]

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("My three houses")
        await d.tap("Add a worry")
        for mark in marks:
            await draw(d, mark)
        await d.tap("No, just for Priya")
        await d.tap("Put it in my house")
        assert d.has_text("Kept safe for Priya."), d.texts()
        assert not d.conn.errors

    run(go())
