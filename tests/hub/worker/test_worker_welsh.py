"""A worker who chooses Welsh sees the hub in Welsh, in every tab they sign in to after, with
no message left in English for want of a translation; another worker keeps English."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.hub.admin import add_worker
from app.hub.casework.allocation import allocate
from app.hub.db import workers
from app.hub.worker.app import HOUSEHOLD_PARTS, build_worker_main
from app.i18n import noting_fallbacks, t
from app.theme import TEXT_STYLES
from tests.hub.worker.worker_ui_kit import PASSWORD, everything
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

WELSH = "cy-GB"


def test_a_worker_chooses_welsh_at_sign_in_and_keeps_it(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int  # noqa: F811
) -> None:
    everything(Family(hub, hub.household_id, now), now)
    other = add_worker(hub.engine, "Sam Jones", "sam", PASSWORD)
    allocate(hub.engine, hub.household_id, other, now)

    async def go() -> None:
        d = await Driver.start(build_worker_main(hub.engine, clock=clock))
        await d.tap("Cymraeg")
        assert d.has_text(t("hub.signin.title", language=WELSH)), d.texts()
        await d.type(t("hub.signin.username", language=WELSH), "priya")
        await d.type(t("hub.signin.password", language=WELSH), PASSWORD)
        await d.tap(t("hub.signin.button", language=WELSH))
        await d.settle(100)
        assert "hub-caseload" in d.identifiers(), d.texts()
        with noting_fallbacks() as missing:
            for part in ["", *(route.path for route in HOUSEHOLD_PARTS if route.path)]:
                d.page.navigate(f"/household/{hub.household_id}/{part}".rstrip("/"))
                await d.settle(40)
            d.page.navigate("/")
            await d.settle(40)
        assert sorted(found for found in missing if found[0] == WELSH) == []
        assert not d.conn.errors
        with hub.engine.connect() as connection:
            kept = dict(connection.execute(select(workers.c.username, workers.c.language)).all())
        assert kept == {"priya": WELSH, "sam": None}

        again = await Driver.start(build_worker_main(hub.engine, clock=clock))
        assert again.has_text(t("hub.signin.title", language="en-GB"))
        await again.type("Username", "priya")
        await again.type("Password", PASSWORD)
        await again.tap("Sign in")
        await again.settle(100)
        assert again.has_text(t("hub.caseload.title", language=WELSH)), again.texts()
        english = await Driver.start(build_worker_main(hub.engine, clock=clock))
        await english.type("Username", "sam")
        await english.type("Password", PASSWORD)
        await english.tap("Sign in")
        await english.settle(100)
        assert english.has_text(t("hub.caseload.title", language="en-GB")), english.texts()
        assert not english.has_text(t("hub.caseload.title", language=WELSH))

    run(go())


def test_a_worker_chooses_a_bigger_text_size_and_keeps_it(
    hub: RunningHub, clock: FakeClock, worker_id: int  # noqa: F811
) -> None:
    async def signed_in_tab() -> Driver:
        d = await Driver.start(build_worker_main(hub.engine, clock=clock))
        await d.type("Username", "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        assert "hub-caseload" in d.identifiers(), d.texts()
        return d

    async def go() -> None:
        d = await signed_in_tab()
        assert d.page.theme.text_theme is None  # Material's own sizes at 100%
        await d.tap("Text size 200%")
        await d.settle(40)
        assert d.page.theme.text_theme.body_large.size == 2 * TEXT_STYLES["body_large"]
        with hub.engine.connect() as connection:
            kept = connection.execute(select(workers.c.text_scale)
                                      .where(workers.c.username == "priya")).scalar_one()
        assert kept == 200
        again = await signed_in_tab()
        assert again.page.theme.text_theme.body_large.size == 2 * TEXT_STYLES["body_large"]
        await again.tap("Sign out")
        await again.settle(40)
        assert again.page.theme.text_theme is None
        assert not d.conn.errors and not again.conn.errors

    run(go())
