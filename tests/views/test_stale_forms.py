"""Two tabs over one household: a screen opened before someone else saved never signs words
it did not show, nor saves its form over the newer change (the typed words stay)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from headless import FakeClock, run
from two_tabs import ALEX, JO, SAM_PICTURES, go_to, household, member, one_server, seed, tab

from app.domain.agreement import RuleField
from app.domain.chores import ChorePlan, Often, Who
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.services.agreement import agreement_for
from app.services.chores import chores_for
from app.services.diary import diary_for

CHANGED = "Someone changed this while you were writing. Check it and save again."


def rule(text: str, broken: str) -> dict[RuleField, str]:
    return {RuleField.TEXT: text, RuleField.BROKEN: broken}


def test_jo_is_shown_the_new_words_before_she_can_sign_them(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        agreement = agreement_for(household(gate))
        kind = agreement.save_rule(member(gate, "Jo"), None,
                                   rule("We speak kindly", "We say sorry"), "talk")
        jo, alex = await tab(main, JO), await tab(main, ALEX)
        await jo.tap("Our household agreement")
        await jo.tap("Sign: Jo")
        assert jo.has_text("We say sorry")
        await go_to(alex, f"/agreement/rule/{kind.id}")
        await alex.type("If it is broken", "No pocket money for a month")
        await alex.tap("Save rule")

        await jo.type("Your PIN", "2580")
        await jo.tap("Sign the agreement")
        await jo.settle(200)
        assert not jo.has_text("Thank you, Jo. You have signed."), jo.texts()
        assert jo.has_text("The agreement was changed while you were reading"), jo.texts()
        assert jo.has_text("No pocket money for a month") and not jo.has_text("We say sorry")
        latest = agreement.latest()
        assert latest is not None and not latest.signatures

        # now she has read them, she may sign them
        await jo.type("Your PIN", "2580")
        await jo.tap("Sign the agreement")
        await jo.settle(200)
        assert jo.has_text("Thank you, Jo. You have signed."), jo.texts()
        latest = agreement.latest()
        assert latest is not None and [s.name for s in latest.signatures] == ["Jo"]
        assert not jo.conn.errors and not alex.conn.errors

    run(go())


def test_a_child_is_shown_the_changed_rules_before_signing(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        agreement = agreement_for(household(gate))
        jo_m = member(gate, "Jo")
        kind = agreement.save_rule(jo_m, None, rule("We speak kindly", "We say sorry"), "talk")
        sam = await tab(main, JO)
        await sam.tap("Our household agreement")
        await sam.tap("Sign: Sam")
        await sam.tap("I agree")
        agreement.save_rule(jo_m, kind.id, rule("We use gentle hands", "We say sorry"), "talk")
        for picture in SAM_PICTURES:
            await sam.tap(picture)
        assert not sam.has_text("You have signed"), sam.texts()
        assert sam.has_text("The rules have changed. Look at them again."), sam.texts()
        assert sam.has_text("We use gentle hands")
        latest = agreement.latest()
        assert latest is not None and not latest.signatures
        await sam.tap("I agree")
        for picture in SAM_PICTURES:
            await sam.tap(picture)
        assert sam.has_text("Thank you, Sam! You have signed."), sam.texts()

    run(go())


def test_an_older_rule_form_does_not_put_back_the_old_words(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        agreement = agreement_for(household(gate))
        kind = agreement.save_rule(member(gate, "Jo"), None,
                                   rule("We speak kindly", "We say sorry"), "talk")
        jo, alex = await tab(main, JO), await tab(main, ALEX)
        for d in (jo, alex):
            await go_to(d, f"/agreement/rule/{kind.id}")
        await jo.type("If it is broken", "We talk it through at tea time")
        await jo.tap("Save rule")
        await alex.type("Why it matters", "Kind words make home feel safe")
        await alex.tap("Save rule")

        assert alex.has_text(CHANGED), alex.texts()
        assert alex.field("Why it matters").value == "Kind words make home feel safe"
        assert alex.field("If it is broken").value == "We talk it through at tea time"
        saved = agreement.latest()
        assert saved is not None and saved.rules[0].why == ""
        await alex.tap("Save rule")  # checked: Jo's words and Alex's both kept
        saved = agreement.latest()
        assert saved is not None
        assert (saved.rules[0].broken, saved.rules[0].why) == (
            "We talk it through at tea time", "Kind words make home feel safe")
        assert not alex.conn.errors

    run(go())


def test_an_older_chore_form_does_not_undo_the_stars(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        chores = chores_for(household(gate))
        cat = chores.add(member(gate, "Jo"), ChorePlan(
            name="Feed the cat", picture="cat", who=Who.SEVERAL,
            children=(member(gate, "Sam").id,), often=Often.DAILY, stars=0))
        jo, alex = await tab(main, JO), await tab(main, ALEX)
        await go_to(jo, f"/chores/{cat.id}")
        await go_to(alex, f"/chores/{cat.id}")
        await jo.tap("2 stars")
        await jo.tap("Save changes")
        await alex.type("Name of the job", "Feed the cat and fill her water")
        await alex.tap("Save changes")

        assert alex.has_text(CHANGED), alex.texts()
        assert alex.field("Name of the job").value == "Feed the cat and fill her water"
        now = chores.chore(cat.id)
        assert (now.name, now.stars) == ("Feed the cat", 2)
        await alex.tap("Save changes")
        now = chores.chore(cat.id)
        assert (now.name, now.stars) == ("Feed the cat and fill her water", 2)
        assert not alex.conn.errors

    run(go())


def test_an_older_diary_screen_keeps_an_entry_private(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        diary, jo_m = diary_for(household(gate)), member(gate, "Jo")
        entry = diary.write(jo_m, DiaryWords(day=date.fromtimestamp(clock()),
                                             part=DayPart.EVENING, sharing=Sharing.WORKER,
                                             was_hard="Bedtime was hard"))
        phone, tablet = await tab(main, JO), await tab(main, JO)
        await go_to(tablet, f"/diary/{entry.entry_id}/change")
        await go_to(phone, f"/diary/{entry.entry_id}/change")
        await phone.tap("Just me. Only you can see this")
        await phone.tap("Save entry")
        assert not diary.entry(jo_m, entry.entry_id).shared

        await tablet.type("What would I try next time?", "A story first")
        await tablet.tap("Save entry")
        assert tablet.has_text(CHANGED), tablet.texts()
        assert tablet.field("What would I try next time?").value == "A story first"
        latest = diary.entry(jo_m, entry.entry_id)
        assert not latest.shared and latest.words.try_next == ""
        await tablet.tap("Save entry")  # the form now shows "Just me", as the phone chose
        latest = diary.entry(jo_m, entry.entry_id)
        assert not latest.shared and latest.words.try_next == "A story first"
        assert not tablet.conn.errors

    run(go())
