"""The seeded household signs in: the helpers every feature's browser tests build on."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import screen, see, tap
from playwright.sync_api import Page, expect
from seed import JO, MIA, PRIYA, seed_household, sign_in, switch_to


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("seeded") / "household")


def test_parent_child_and_worker_each_reach_their_home(
    served_app, page: Page, shot: Callable[[Page, str], Path]
) -> None:
    sign_in(page, served_app.url, JO)
    expect(see(page, "Hello, Jo")).to_be_visible()
    shot(page, "parent-home")
    tap(page, page.get_by_role("button", name=re.compile("^People in our home")))
    screen(page, "people-screen")
    tap(page, "Back")  # the arrow is named for screen readers, not only by its tooltip
    screen(page, "home-parent")
    switch_to(page, MIA)
    expect(see(page, "Hi, Mia!")).to_be_visible()
    shot(page, "child-home")
    switch_to(page, PRIYA)
    expect(see(page, "Hello, Priya")).to_be_visible()
    expect(see(page, "Settings")).to_have_count(0)
    shot(page, "worker-home")
