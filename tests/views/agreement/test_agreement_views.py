"""Headless tests of the agreement screens: write, refuse a smack, sign, version 2, Our rules,
a child's "Not yet", agreeing it for now with a reason, and the signing age."""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from steps import first_run, open_as, sign_in_parent, start

from tests.services.taylors import create_taylors, in_order


async def parent_on_agreement(data_dir: Path, clock: FakeClock) -> Driver:
    d = await start(data_dir, clock)
    await first_run(d)
    await sign_in_parent(d)
    await d.tap("Our household agreement")
    assert "agreement-screen" in d.identifiers(), d.texts()
    return d


async def write_rule(d: Driver, text: str, consequence: str) -> None:
    await d.tap("Add a rule")
    assert "agreement-rule-screen" in d.identifiers(), d.texts()
    await d.type("The rule", text)
    await d.tap("So everyone feels safe at home")
    await d.type("If it is broken", consequence)
    await d.tap("Save rule")


def test_family_writes_signs_and_a_change_makes_version_two(data_dir: Path,
                                                            clock: FakeClock) -> None:
    async def go() -> None:
        d = await parent_on_agreement(data_dir, clock)
        await write_rule(d, "We use gentle hands", "A smack on the hand")
        assert "physical-punishment-explanation" in d.identifiers(), d.texts()
        assert d.has_text("Scotland: all physical punishment")
        assert d.has_text("\u201csmack\u201d")
        await d.tap("Time to calm down, then we talk about it")
        assert "physical-punishment-explanation" not in d.identifiers()
        await d.tap("Save rule")
        assert "agreement-screen" in d.identifiers(), d.texts()
        assert d.has_text("We use gentle hands")
        assert not d.has_text("A smack on the hand")

        assert d.has_text("Sam (invited to sign)")  # Sam is 6: asked, not needed
        await d.tap("Sign: Sam")
        await d.tap("I agree")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        assert d.has_text("Thank you, Sam! You have signed."), d.texts()
        await d.tap("Sign: Jo")
        await d.type("Your PIN", "1397")
        await d.tap("Sign the agreement")
        await d.settle(50)
        assert d.has_text("That PIN isn't right")
        await d.type("Your PIN", "2580")
        await d.tap("Sign the agreement")
        await d.settle(50)
        assert d.has_text("Thank you, Jo. You have signed."), d.texts()
        assert d.has_text("Everyone has signed"), d.texts()
        assert d.has_text("Version 1 is agreed. Everyone signed it")

        await d.tap("Change the agreement")
        assert d.has_text("Version 2 is a draft")
        await d.tap("Earlier versions")
        await d.tap("Version 1 (signed)")
        assert "agreement-version-screen" in d.identifiers()
        assert d.has_text("Signed on") and d.has_text("Jo") and d.has_text("Sam")
        assert not d.conn.errors

    run(go())


def test_child_reads_our_rules_and_asks_to_talk(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await parent_on_agreement(data_dir, clock)
        await write_rule(d, "Screens go off at 7pm", "Screens off for the rest of the evening")
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await d.tap("Sam, Child")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        await d.tap("Our rules")
        assert "agreement-child-screen" in d.identifiers(), d.texts()
        assert d.has_text("Screens go off at 7pm")
        assert not d.has_text("Change this rule")
        await d.tap("I'd like to talk about this rule")
        assert d.has_text("You asked to talk about this")
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await sign_in_parent(d)
        assert d.has_text("1 child would like to talk about a rule"), d.texts()
        await d.tap("Our household agreement")
        assert d.has_text('Sam would like to talk about the rule "Screens go off at 7pm".')
        await d.tap("We've talked with Sam about it")
        assert not d.has_text("Sam would like to talk")
        assert not d.conn.errors

    run(go())


async def sam_says_not_yet(d: Driver) -> None:
    await d.tap("Sign: Sam")
    assert "agreement-sign-screen" in d.identifiers(), d.texts()
    d.button("Read this to me")  # a child who cannot read yet hears what they agree to
    await d.tap("Not yet")
    assert d.has_text("A grown-up will talk with you"), d.texts()
    for picture in ("Apple", "Sun", "Tree"):
        await d.tap(picture)
    assert "agreement-screen" in d.identifiers(), d.texts()


async def jo_signs(d: Driver) -> None:
    await d.tap("Sign: Jo")
    await d.type("Your PIN", "2580")
    await d.tap("Sign the agreement")
    await d.settle(50)
    assert d.has_text("Thank you, Jo. You have signed."), d.texts()


def test_a_childs_not_yet_is_heard_and_a_parent_agrees_it_for_now_with_a_reason(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await parent_on_agreement(data_dir, clock)
        await write_rule(d, "Screens go off at 7pm", "Screens off for the rest of the evening")
        await sam_says_not_yet(d)
        assert d.has_text("Thank you, Sam. You said \u201cNot yet\u201d."), d.texts()
        assert "agreement-not-yet" in d.identifiers()
        assert d.has_text("Sam wants to talk about it")
        await d.tap("Back")
        assert d.has_text("1 child wants to talk before signing"), d.texts()
        await d.tap("Our household agreement")

        await jo_signs(d)
        assert not d.has_text("Everyone has signed")  # Sam was heard: it waits for a parent
        assert d.has_text("Version 1 is a draft") and d.has_text("Sam wants to talk about it")
        assert "agreement-for-now" in d.identifiers(), d.texts()
        assert d.has_text("Still to sign: Sam.")
        await d.tap("Agree it for now")
        await d.tap("Agree it for now with this reason")
        assert d.has_text("Please write why you are agreeing it now."), d.texts()
        await d.type("Why are you agreeing it now?",
                     "Sam is too young to sign, so we read it to him")
        await d.tap("Agree it for now with this reason")
        assert d.has_text("The agreement has started for now"), d.texts()
        assert d.has_text("Version 1 is agreed for now")
        assert "agreement-for-now-reason" in d.identifiers()
        assert d.has_text("Jo agreed it for now, because: \u201cSam is too young to sign, so we "
                          "read it to him\u201d")
        assert d.has_text("Not signed when it was agreed: Sam.")
        assert not d.has_text("Sam wants to talk about it") and not d.has_text("Still to sign")

        await d.tap("Earlier versions")
        assert d.has_text("Agreed for now on"), d.texts()
        await d.tap("Version 1 (signed)")
        assert "agreement-version-screen" in d.identifiers()
        assert d.has_text("Version 1 is agreed for now")
        assert d.has_text("Sam is too young to sign, so we read it to him")
        assert d.has_text("Not signed when it was agreed: Sam.")
        assert d.has_text("Sam said \u201cNot yet\u201d on")
        assert not d.conn.errors

    run(go())


def test_a_parent_sets_the_signing_age_and_the_draft_starts_once_nobody_needed_is_missing(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await parent_on_agreement(data_dir, clock)
        await write_rule(d, "We use gentle hands", "Time to calm down, then we talk about it")
        assert "agreement-signing-age" in d.identifiers()
        assert d.has_text("Children aged 7 and over sign too")
        await d.select("Children need to sign from age", "6")
        assert d.has_text("Saved. Children aged 6 and over need to sign."), d.texts()
        assert not d.has_text("(invited to sign)")  # Sam is 6: now he needs to sign
        await jo_signs(d)
        assert d.has_text("Version 1 is a draft") and not d.has_text("Everyone has signed")
        await d.select("Children need to sign from age", "7")
        assert d.has_text("so the agreement has started"), d.texts()
        assert d.has_text("Version 1 is agreed. Everyone who needed to sign had signed")
        assert d.has_text("Not signed when it was agreed: Sam.")
        await d.tap("Sign: Sam")  # invited, and still welcome to sign
        assert not d.has_text("Not yet")  # the version has started: only "I agree" is asked
        await d.tap("I agree")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        assert d.has_text("Thank you, Sam! You have signed."), d.texts()
        assert not d.conn.errors

    run(go())


def test_a_refused_smack_shows_the_law_where_the_household_lives_first(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    household.set_nation(in_order(household)[0], "england")
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Our household agreement")
        await write_rule(d, "We use gentle hands", "A smack on the hand")
        note = d.texts_in("physical-punishment-explanation")
        laws = [text.split(":")[0] for text in note if text.startswith("\u2022")]
        assert laws == ["\u2022 England and Northern Ireland", "\u2022 Scotland",
                        "\u2022 Wales"], note

    run(go())
