"""The hard moments log and the programme plan in Chromium at a phone's size.

A parent writes a hard moment down with the agreed consequence and an honest repair that tells
of a smack: it is kept, and answered warmly with the law; the patterns show. The child's home,
straight after, shows nothing of it (nor of the smack told). The worker opens the programme
plan with a session held and one to come.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from flutter_page import back, button, screen, scroll_to, tap, type_into
from playwright.sync_api import Page, expect
from seed import JO, PASSPHRASE, PRIYA, SAM, seed_household, sign_in, switch_to
from text_fit import words_cut_off

from app.domain.agreement import RuleField
from app.domain.programme.moments import MomentDraft, Need, Trigger
from app.domain.programme.sessions import SessionPlan
from app.services.agreement import agreement_for
from app.services.gate import HouseholdGate
from app.services.programme.moments import moments_for
from app.services.programme.sessions import programme_for
from app.storage import KdfParams

Shot = Callable[[Page, str], Path]
WHAT = "Threw the remote when the TV went off"
KIND = "We speak kindly to each other, even when we are cross"
APART = "We take five minutes apart, then talk it through together"
REPAIR = "I lost my temper and smacked him. I said sorry and we had a cuddle."


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = seed_household(tmp_path_factory.mktemp("moments") / "household")
    gate = HouseholdGate(folder, kdf=KdfParams.fast_for_tests())
    household = gate.unlock(PASSPHRASE)
    jo, sam, mia, priya = household.members()
    agreement_for(household).save_rule(jo, None, {
        RuleField.TEXT: "Screens off at 7", RuleField.BROKEN: "No tablet the next morning"},
        "tv")
    agreement_for(household).save_rule(jo, None, {
        RuleField.TEXT: KIND, RuleField.BROKEN: APART}, "talk")
    log = moments_for(household)
    for day, hour, trigger in ((3, 18, Trigger.SCREENS), (2, 19, Trigger.BEDTIME)):
        when = (date.today() - timedelta(days=day)).isoformat()
        log.record(jo, MomentDraft(children=(sam.id,), happened_at=f"{when}T{hour}:10",
                                   what_happened="Shouting and slamming doors",
                                   trigger=trigger, needs=(Need.CALM,)))
    plan = programme_for(household)
    held = plan.plan(priya, SessionPlan("Setting limits", date.today().isoformat(),
                                        (jo.id, sam.id)))
    plan.record(priya, held.id, [jo.id], "Say the rule, then the choice")
    plan.plan(priya, SessionPlan("Talking in a circle",
                                 (date.today() + timedelta(days=7)).isoformat(),
                                 (jo.id, sam.id, mia.id)))
    gate.close()
    return folder


def test_parent_writes_a_hard_moment_a_smack_told_is_kept_and_the_child_sees_nothing(
        served_app, page: Page, shot: Shot) -> None:
    sign_in(page, served_app.url, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Hard moments")))
    screen(page, "moments-screen")
    expect(page.get_by_role("group", name=re.compile("Most happen in the evening"))
           ).to_be_attached()
    shot(page, "moments-log")
    tap(page, "Write down a hard moment")
    screen(page, "moment-add-screen")
    shot(page, "moment-form")
    # a long agreed consequence wraps: the consequence itself is there to read, not cut off
    long, short = button(page, f"{KIND}: {APART}"), button(page, "Screens")
    scroll_to(page, long)
    shot(page, "long-consequence")
    assert words_cut_off(page, long, short) is None
    tap(page, "Sam")
    type_into(page, "What happened?", WHAT)
    tap(page, "Screens")
    tap(page, "Help to calm down")
    tap(page, "Screens off at 7: No tablet the next morning")
    type_into(page, "How did you put it right?", REPAIR)
    tap(page, "Write it down")
    answer = page.locator('[flt-semantics-identifier="physical-punishment-answer"]')
    answer.wait_for(state="attached")
    expect(answer).to_contain_text("Thank you for being honest")
    expect(answer).to_contain_text("Wales: all physical punishment")
    expect(answer).to_contain_text("Your worker can see this")
    shot(page, "smack-told")
    tap(page, "Back to hard moments")
    screen(page, "moments-screen")
    expect(page.get_by_role("group", name=re.compile(
        f"{WHAT}.*Consequence: No tablet the next morning"))).to_be_attached()
    shot(page, "moment-saved")
    back(page, "moments-screen")
    screen(page, JO.home)
    switch_to(page, SAM)
    page.wait_for_timeout(500)
    shot(page, "child-home-after")
    shown = page.locator("flt-semantics-host").aria_snapshot()
    assert "Sam" in shown  # the child's own home is there to read
    for words in ("Hard moments", "hard moment", WHAT, "Shouting and slamming doors",
                  "Most happen", REPAIR, "physical punishment"):
        assert words not in shown, words

def test_worker_opens_the_programme_plan(served_app, page: Page, shot: Shot) -> None:
    sign_in(page, served_app.url, PRIYA)
    tap(page, page.get_by_role("button", name=re.compile("^Our programme")))
    screen(page, "programme-screen")
    shown = page.locator("flt-semantics-host").aria_snapshot()
    assert "1 of 2 sessions held so far." in shown and "Say the rule, then the choice" in shown
    shot(page, "programme-plan")
