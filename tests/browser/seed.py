"""A ready household for browser tests: two parents' worth of people, made before the server starts.

Use it by overriding the ``app_data_dir`` fixture in a test module::

    @pytest.fixture(scope="module")
    def app_data_dir(tmp_path_factory):
        return seed_household(tmp_path_factory.mktemp("home") / "household")

then ``sign_in(page, served_app.url, JO)`` lands on Jo's home screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flutter_page import screen, tap, tap_to, type_into
from playwright.sync_api import Page

from app.domain.people import Avatar
from app.services.household import HouseholdService
from app.services.setup import create_household
from app.storage import KdfParams

PASSPHRASE = "blue kettle on the windowsill"
HOUSEHOLD = "The Taylor family"


@dataclass(frozen=True)
class Person:
    """Someone in the seeded household and how they sign in."""

    name: str
    role_words: str  # as "Who's using Homeward?" reads it out
    home: str  # the semantics identifier of their home screen
    pin: str = ""
    pictures: tuple[str, ...] = ()  # picture names as the buttons are labelled


JO = Person("Jo", "Parent or carer", "home-parent", pin="2580")
SAM = Person("Sam", "Child", "home-child", pictures=("Apple", "Sun", "Tree"))
MIA = Person("Mia", "Child", "home-child", pictures=("Star", "Moon", "Fish"))
PRIYA = Person("Priya", "Support worker", "home-worker", pin="4826")


def seed_household(folder: Path) -> Path:
    """Create the Taylor household (Jo, Sam 6, Mia 9, worker Priya) in ``folder``."""
    store, recovery_key = create_household(
        folder, HOUSEHOLD, PASSPHRASE, kdf=KdfParams.fast_for_tests()
    )
    store.recovery_key_kept(recovery_key)  # as the family says at setup
    service = HouseholdService(store)
    service.add_parent(JO.name, JO.pin)
    service.add_child(SAM.name, 6, Avatar.FOX, [p.lower() for p in SAM.pictures])
    service.add_child(MIA.name, 9, Avatar.OWL, [p.lower() for p in MIA.pictures])
    service.add_worker(PRIYA.name, PRIYA.pin)
    service.finish_setup()
    store.close()
    return folder


def unlock(page: Page, url: str) -> None:
    """Open the app and type the household passphrase; ends on "Who's using Homeward?"."""
    response = page.goto(url + "/")
    assert response is not None and response.ok
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    screen(page, "passphrase-screen")
    type_into(page, "Household passphrase", PASSPHRASE)
    tap(page, "Open Homeward")
    screen(page, "who-screen")


def choose(page: Page, person: Person) -> None:
    """On "Who's using Homeward?", pick ``person`` and give their PIN or pictures."""
    screen(page, "who-screen")
    tap(page, f"{person.name}, {person.role_words}")
    screen(page, "pin-screen")
    if person.pictures:
        for picture in person.pictures:
            tap(page, picture)
    else:
        type_into(page, "Your PIN", person.pin)
        tap(page, "Sign in")
    screen(page, person.home)


def sign_in(page: Page, url: str, person: Person) -> None:
    """Unlock the household and sign ``person`` in, landing on their home screen."""
    unlock(page, url)
    choose(page, person)


def switch_to(page: Page, person: Person) -> None:
    """From anyone's home, hand over to ``person``."""
    tap_to(page, "Someone else's turn", "who-screen")
    choose(page, person)
