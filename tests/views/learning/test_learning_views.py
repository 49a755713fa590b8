"""Headless tests of Learning together: the law card by nation, ideas tried, topics covered."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as, running_gate

from app.domain.programme.nation import Nation
from app.services.agreement import agreement_for
from app.services.chores import chores_for
from app.services.diary import diary_for
from app.services.programme.learning import learning_for
from app.services.rituals import rituals_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

WORKER = "Priya, Support worker"
PARENT = "Jo, Parent or carer"
LAW = "Read: What the law says about smacking"


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()


def law_texts(d: Driver) -> list[str]:
    return d.texts_in("law-box")


def test_the_law_card_asks_where_the_family_lives_then_leads_with_that_law(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await d.tap("Learning together")
        assert "learning-screen" in d.identifiers(), d.texts()
        await d.tap(LAW)
        assert "learning-topic-the_law" in d.identifiers(), d.texts()
        texts = law_texts(d)
        assert texts[0].startswith("Where do you live?"), texts
        await d.tap("Scotland")
        texts = law_texts(d)
        assert texts[0].startswith("You live in Scotland."), texts
        rest = [text for text in texts if text.startswith("\u2022")]
        assert [text.split(":")[0] for text in rest] == [
            "\u2022 Wales", "\u2022 England and Northern Ireland"]
        await d.tap("We live somewhere else")
        await d.tap("Northern Ireland")
        assert law_texts(d)[0].startswith("You live in Northern Ireland.")
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        assert learning_for(household).nation() is Nation.NORTHERN_IRELAND

    run(go())


def test_settings_say_where_we_live_and_the_card_follows(data_dir: Path,
                                                         clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await d.tap("Settings")
        await d.select("Where we live", "wales")
        assert d.has_text("Saved: you live in Wales.")
        await d.tap("Back")
        await d.tap("Learning together")
        await d.tap(LAW)
        assert law_texts(d)[0].startswith("You live in Wales. Here, it is against the law")

    run(go())


def test_a_parent_turns_an_idea_into_a_draft_rule_and_a_worker_marks_the_topic(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await d.tap("Learning together")
        await d.tap("Read: Setting limits")
        await d.tap("Try this: Screens go off at seven.")
        assert "learning-try-screen" in d.identifiers(), d.texts()
        await d.type("What I'll try", "Screens go off at half past seven.")
        await d.tap("Add to our agreement")
        assert "agreement-screen" in d.identifiers(), d.texts()
        assert d.has_text("Added to your agreement as a draft rule.")
        assert d.has_text("Screens go off at half past seven.")

        # the worker, on the same family device at a visit
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await d.tap(WORKER)
        await d.type("Your PIN", "4826")
        await d.tap("Sign in")
        await d.settle(100)
        await d.tap("Learning together")
        await d.tap("Read: Setting limits")
        with pytest.raises(AssertionError, match="no button"):  # a parent's button
            d.button("Try this: Screens go off at seven.")
        assert d.has_text("Screens go off at seven.")  # read together, not turned into plans
        await d.tap("We talked about this")
        assert d.has_text("Talked about with your worker")
        await d.tap("Back")
        assert d.has_text("You have talked about 1 topic with your worker.")
        await d.tap("Back")
        assert d.has_text("1 of 12 topics talked about with the family")

        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        draft = agreement_for(household).latest()
        assert draft is not None and not draft.frozen
        assert [r.text for r in draft.rules] == ["Screens go off at half past seven."]
        assert learning_for(household).covered() == ["boundaries"]

    run(go())


def test_a_smack_in_an_idea_is_not_added_and_the_note_says_why_and_the_law_here_first(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    household.set_nation(in_order(household)[0], "wales")
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await d.tap("Learning together")
        await d.tap("Read: Setting limits")
        await d.tap("Try this: Screens go off at seven.")
        await d.type("What I'll try", "Screens go off at seven or you get a smack.")
        await d.tap("Add to our agreement")
        assert "learning-try-screen" in d.identifiers(), d.texts()
        note = d.texts_in("physical-punishment-explanation")
        said = " ".join(note)
        assert "Let's write it a different way" in said, note
        assert "Let's choose a different consequence" not in said  # it is a rule, not one
        assert "We noticed \u201csmack\u201d" in said and "not been saved" in said, note
        laws = [text.split(":")[0] for text in note if text.startswith("\u2022")]
        assert laws == ["\u2022 Wales", "\u2022 Scotland",
                        "\u2022 England and Northern Ireland"], note
        assert d.field("What I'll try").value == "Screens go off at seven or you get a smack."
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        assert agreement_for(household).latest() is None  # nothing was added

    run(go())


def test_an_idea_made_a_ritual_or_a_job_that_plans_a_smack_is_not_added_and_says_the_law(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    household.set_nation(in_order(household)[0], "scotland")
    gate.close()
    words = "Friday film night, or the slipper if he swears"

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await d.tap("Learning together")
        await d.tap("Read: Rituals: small things, done often")
        await d.tap("Try this: Friday film night")
        await d.type("What I'll try", words)
        assert d.has_text("A ritual (chosen)")  # what the idea is for, to start with
        for kind, save in ((None, "Add to our rituals"), ("A job", "Add as a job"),
                           ("A diary note", "Save in my diary")):
            if kind is not None:
                await d.tap(kind)
            await d.tap(save)
            assert "learning-try-screen" in d.identifiers(), (kind, d.texts())
            note = d.texts_in("physical-punishment-explanation")
            said = " ".join(note)
            assert "Let's write it a different way" in said, note
            assert "\u201cthe slipper\u201d" in said and "not been saved" in said, note
            laws = [text.split(":")[0] for text in note if text.startswith("\u2022")]
            assert laws == ["\u2022 Scotland", "\u2022 Wales",
                            "\u2022 England and Northern Ireland"], note
            assert d.field("What I'll try").value == words  # nothing typed is lost
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        jo = in_order(household)[0]
        assert rituals_for(household).rituals() == [] and chores_for(household).chores() == []
        assert diary_for(household).entries(jo) == []  # nothing was added anywhere

    run(go())
