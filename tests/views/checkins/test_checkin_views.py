"""Headless tests of the check-in screens: the "I need help" button on a child's home keeps
an alert; a parent's home never shows one."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import app_on

from app.domain.people import Avatar
from app.services.checkins import checkins_for
from app.services.household import HouseholdService
from app.services.setup import create_household
from app.storage import HouseholdStore, KdfParams
from app.views import checkins, safety
from app.views.checkins.parts import when_words

PASSPHRASE = "blue kettle on the windowsill"


@pytest.fixture(autouse=True)
def only_these_features(monkeypatch: pytest.MonkeyPatch) -> None:
    """Home shows only safety and check-ins, so these tests don't depend on the others'."""
    monkeypatch.setattr("app.views.home.FEATURES", (safety.FEATURE, checkins.FEATURE))


def seed(data_dir: Path) -> None:
    store, recovery_key = create_household(data_dir, "The Taylor family", PASSPHRASE,
                                           kdf=KdfParams.fast_for_tests())
    store.recovery_key_kept(recovery_key)  # as the family says at setup
    household = HouseholdService(store)
    household.add_parent("Jo", "2580")
    household.add_child("Sam", 6, Avatar.FOX, ["apple", "sun", "tree"])
    household.add_worker("Priya", "4826")
    household.finish_setup()
    store.close()


def test_the_need_help_button_on_a_childs_home_keeps_an_alert_parents_never_see(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await Driver.start(app_on(data_dir, clock))
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
        await d.settle(100)
        await d.tap("Sam, Child")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        await d.settle(100)
        await d.tap("I need help")
        await d.settle(100)
        assert d.has_text("Childline")
        await d.tap("Back")
        await d.settle(100)
        await d.tap("Someone else's turn")
        await d.settle(100)
        await d.tap("Jo, Parent or carer")
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(100)
        assert d.has_text("How everyone is feeling")
        assert not d.has_text("Safety alerts")

    run(go())
    with HouseholdStore.open(data_dir, PASSPHRASE, read_only=True) as store:
        household = HouseholdService(store)
        priya = household.members()[-1]
        alerts = checkins_for(household).alerts(priya)
    assert [a.source.value for a in alerts] == ["help_button"]


@pytest.mark.usefixtures("uk_time")
def test_a_checkins_day_and_time_are_the_familys_not_utcs() -> None:
    # Half past midnight on 15 June in the UK is 23:30 on 14 June in UTC.
    assert when_words("2026-06-14T23:30:00+00:00") == "Mon 15 Jun, 00:30"
