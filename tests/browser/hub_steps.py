"""Steps the browser tests share with the agency's hub: one family's hub, the family's phone
paired to it before the app is served, and signing in to the hub's worker UI."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flutter_page import screen, tap, type_into
from hub_seed import AGENCY, WORKER
from playwright.sync_api import Page, expect
from seed import JO, PASSPHRASE, seed_household
from servers import ServedApp, running_hub

from app.hub.admin import add_worker, create_agency, issue_pairing_code, register_household
from app.hub.casework.allocation import allocate
from app.hub.db import open_database
from app.services.gate import HouseholdGate
from app.storage import KdfParams
from app.sync.service import sync_for
from tests.hubkit import AGENCY_PASSPHRASE, key_check

TAYLORS = "The Taylor household"


@contextmanager
def taylors_agency(folder: Path) -> Iterator[tuple[ServedApp, str]]:
    """The agency's hub, serving, with the Taylors on the worker's caseload and a pairing
    code for their phone: (the hub, the code)."""
    url = f"sqlite:///{folder / 'hub.sqlite3'}"
    engine = open_database(url)
    create_agency(engine, AGENCY, AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    worker_id = add_worker(engine, *WORKER)
    household_id = register_household(engine, TAYLORS)
    allocate(engine, household_id, worker_id, datetime.now(UTC))
    code = issue_pairing_code(engine, household_id).code
    engine.dispose()
    with running_hub(folder, url) as hub:
        yield hub, code


def paired_taylors(folder: Path, hub: ServedApp, code: str) -> Path:
    """The Taylors' phone in ``folder``, connected to the agency by Jo before it is served."""
    seed_household(folder)
    gate = HouseholdGate(folder, kdf=KdfParams.fast_for_tests())
    household = gate.unlock(PASSPHRASE)
    jo = next(m for m in household.members() if m.name == JO.name)
    engine = open_database(f"sqlite:///{hub.data_dir / 'hub.sqlite3'}")
    check = key_check(engine)
    engine.dispose()
    assert sync_for(household).pair(jo, hub.url, code, agency_key_check=check).problem is None
    gate.close()
    return folder


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedApp, str]]:
    """The agency's hub, serving, with the Taylors on Priya's caseload (for a test module
    that imports it, with ``app_data_dir``)."""
    with taylors_agency(tmp_path_factory.mktemp("hub")) as served:
        yield served


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory,
                 agency: tuple[ServedApp, str]) -> Path:
    """The Taylors' phone, connected to the agency by Jo before it is served."""
    return paired_taylors(tmp_path_factory.mktemp("phone") / "household", *agency)


def sign_in_at_hub(page: Page, url: str,
                   shot: Callable[[Page, str], Path] | None = None) -> None:
    """Open the hub's worker UI and sign in as the worker, landing on the caseload."""
    page.goto(url + "/")
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    screen(page, "hub-sign-in")
    type_into(page, "Username", WORKER[1])
    type_into(page, "Password", WORKER[2])
    if shot is not None:
        shot(page, "sign-in")
    tap(page, "Sign in")
    screen(page, "hub-caseload")


def sync_from_home(page: Page) -> None:
    """From a parent's home, open "Our agency", press Sync now and wait until all is sent."""
    tap(page, page.get_by_role("button", name=re.compile("^Our agency")).first)
    screen(page, "sync-screen")
    tap(page, "Sync now")
    expect(page.locator('[flt-semantics-identifier="sync-status"]')).to_contain_text(
        "Everything has been sent.")


def open_taylors_at_hub(page: Page, url: str) -> None:
    """Sign in to the hub as the worker and open the Taylors' household page."""
    sign_in_at_hub(page, url)
    tap(page, page.get_by_role("button", name=re.compile(f"^{TAYLORS}")).first)
    screen(page, "hub-household")
