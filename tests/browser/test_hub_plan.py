"""The worker's hard moments and programme plan pages in Chromium, served by ``homeward hub``.

The Okafors' phone has sent three hard moments and two programme sessions through the real
protocol; the worker opens the household, sees the pattern on its tile, then reads the
patterns and the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from flutter_page import back, screen, tap
from hub_seed import ALERTED, prepare_hub, seed_families, utc_now
from hub_steps import sign_in_at_hub
from playwright.sync_api import Page, expect
from servers import ServedApp, running_hub

from app.domain.programme.moments import Ending, HardMoment, MomentDraft, Need, Trigger
from app.domain.programme.sessions import ProgrammeSession, SessionPlan
from app.hub.admin import issue_pairing_code
from app.hub.db import open_database
from tests.hub.hub_device import HubDevice, record

Shot = Callable[[Page, str], Path]


def _push(phone: HubDevice, collection: str, doc: dict[str, object], at: datetime) -> None:
    stamp = int(at.timestamp() * 1000)
    sent = record(str(doc["id"]), collection=collection, hlc=f"{stamp:013d}-0000-phone",
                  body=doc)
    assert phone.statuses(phone.push([sent])) == ["stored"]


def seed_plan(engine_url: str, hub_url: str, household_id: str, now: datetime) -> None:
    """Three hard moments (two in the evening) and two sessions, one held."""
    engine = open_database(engine_url)
    try:
        code = issue_pairing_code(engine, household_id).code
    finally:
        engine.dispose()
    phone = HubDevice.pair(hub_url, code, mode="join")
    try:
        for n, (days, hour, trigger) in enumerate(((5, 18, Trigger.SCREENS),
                                                   (3, 19, Trigger.SCREENS),
                                                   (2, 8, Trigger.SCHOOL))):
            at = (now - timedelta(days=days)).replace(hour=hour, minute=10)
            moment = HardMoment(f"m-{n}", MomentDraft(
                ("tolu",), at.strftime("%Y-%m-%dT%H:%M"), "Shouting and slamming doors",
                trigger=trigger, needs=(Need.CALM,),
                consequence="No tablet the next morning" if n == 0 else "",
                repair="We built the tower again" if n == 0 else "",
                ending=Ending.PUT_RIGHT if n == 0 else None), "ade", at.isoformat())
            _push(phone, "hard_moments", moment.to_json(), at)
        held = ProgrammeSession("s-1", SessionPlan(
            "Setting limits", (now - timedelta(days=6)).date().isoformat(), ("ade", "tolu")),
            "ade", now.isoformat(), attended=("ade", "tolu"),
            took_away="Say the rule, then the choice")
        _push(phone, "programme_sessions", held.to_json(), now)
        later = ProgrammeSession("s-2", SessionPlan(
            "Talking in a circle", (now + timedelta(days=8)).date().isoformat(), ("ade",)),
            "ade", now.isoformat())
        _push(phone, "programme_sessions", later.to_json(), now)
    finally:
        phone.client.close()


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    folder = tmp_path_factory.mktemp("hub-plan")
    plan = prepare_hub(folder)
    with running_hub(folder, plan.database_url) as hub:
        now = utc_now()
        seed_families(plan.database_url, hub.url, plan, now)
        seed_plan(plan.database_url, hub.url, plan.alerted_id, now)
        yield hub


def test_worker_reads_hard_moment_patterns_and_the_programme_plan(
        served_app: ServedApp, page: Page, shot: Shot) -> None:
    sign_in_at_hub(page, served_app.url)
    tap(page, page.get_by_role("button", name=re.compile("^" + re.escape(ALERTED))).first)
    screen(page, "hub-household")
    moments_tile = page.get_by_role("button", name=re.compile("^Hard moments")).first
    expect(moments_tile).to_have_accessible_name(
        re.compile("3 written down · most in the evening"))
    tap(page, moments_tile)
    screen(page, "hub-moments")
    expect(page.get_by_role("group", name=re.compile(
        "3 hard moments written down. Most happen in the evening.*Screens: 2.*School: 1"))
    ).to_be_attached()
    shot(page, "hub-moments")
    back(page, "hub-moments")
    screen(page, "hub-household")
    tap(page, page.get_by_role("button", name=re.compile("^Programme plan")).first)
    screen(page, "hub-programme")
    shown = page.locator("flt-semantics-host").aria_snapshot()
    assert "1 of 2 sessions held so far." in shown and "Say the rule, then the choice" in shown
    shot(page, "hub-programme")
