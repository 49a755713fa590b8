"""Two languages on one phone: Sam checks in in Welsh, then Jo reads the agreement in English."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import screen, see, tap
from playwright.sync_api import Page, expect
from seed import JO, PASSPHRASE, SAM, choose, seed_household, sign_in

from app.domain.agreement import RuleField
from app.i18n import t
from app.services.agreement import agreement_for
from app.services.household import HouseholdService
from app.storage import HouseholdStore

Shot = Callable[[Page, str], Path]
WELSH = "cy-GB"


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = seed_household(tmp_path_factory.mktemp("welsh") / "household")
    with HouseholdStore.open(folder, PASSPHRASE) as store:
        household = HouseholdService(store)
        jo, sam = household.members()[:2]
        household.set_language(jo, sam.id, WELSH)
        agreement = agreement_for(household)
        agreement.draft(jo)
        agreement.save_rule(jo, None, {RuleField.TEXT: "We use kind words"}, "heart")
    return folder


def cy(key: str, **values: object) -> str:
    return t(key, language=WELSH, **values)


def test_a_child_checks_in_in_welsh_and_a_parent_reads_the_agreement_in_english(
    served_app, page: Page, shot: Shot
) -> None:
    sign_in(page, served_app.url, SAM)
    expect(see(page, cy("home.child.hello", name="Sam"))).to_be_visible()
    shot(page, "child-home-welsh")
    tap(page, cy("checkins.child_card"))
    screen(page, "checkin-feeling-screen")
    expect(see(page, cy("checkins.who_sees_child"))).to_be_visible()
    shot(page, "feelings-welsh")
    tap(page, cy("checkins.feeling.happy"))
    screen(page, "checkin-size-screen")
    shot(page, "how-big-welsh")
    tap(page, cy("checkins.size.2"))
    screen(page, "checkin-extras-screen")
    tap(page, cy("checkins.done"))
    screen(page, "home-child")
    expect(see(page, cy("checkins.thanks_child"))).to_be_visible()
    assert "How do I feel?" not in page.content()

    tap(page, cy("home.switch_person"))
    screen(page, "who-screen")  # the shared screen is in the household's English
    expect(see(page, "Who's using Homeward?")).to_be_visible()
    choose(page, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Our household agreement")))
    screen(page, "agreement-screen")
    expect(see(page, "We use kind words")).to_be_visible()
    assert cy("agreement.title") not in page.content()
    shot(page, "agreement-english")
