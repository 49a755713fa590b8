"""Headless tests of "Print it for the fridge" on the family's device: the agreement screen and
a child's safety plan each offer their poster, made when the link is fetched, with the words
the family wrote in it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import flet as ft
from headless import Driver, FakeClock, run, until
from steps import app_on

from app.domain.agreement import RuleField
from app.domain.safety import ChildList
from app.downloads import ROUTE, Shelf
from app.services.agreement import agreement_for
from app.services.safety import safety_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order


def seed(data_dir: Path, clock: FakeClock) -> str:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, _mia, _priya = in_order(household)
    agreement = agreement_for(household)
    agreement.draft(jo)
    agreement.save_rule(jo, None, {RuleField.TEXT: "We use kind words"}, "heart")
    safety = safety_for(household)
    safety.add_trusted_adult(jo, sam.id, "Nana Rose", "Grandma", "07700 900123")
    safety.add_child_item(jo, sam.id, ChildList.CALM_IDEAS, "Cuddle the blue blanket")
    gate.close()
    return sam.id


def pdf_words(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "poster.pdf"
    source.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(source), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())


def fetch(d: Driver, shelf: Shelf, label: str) -> bytes:
    [button] = [c for c in d.controls() if isinstance(c, ft.OutlinedButton)
                and c.content == label]
    assert button.url is not None
    found = shelf.take(str(button.url.url).removeprefix(ROUTE + "/"))
    assert found is not None and found[1] == "application/pdf"
    return found[2]


def test_the_agreement_and_a_childs_plan_print_for_the_fridge(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    sam_id = seed(data_dir, clock)
    shelf = Shelf()

    async def go() -> None:
        d = await Driver.start(app_on(data_dir, clock,
                                          downloads=shelf))
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
        await until(d, lambda: "who-screen" in d.identifiers())
        await d.tap("Jo, Parent or carer")
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(100)
        d.page.navigate("/agreement")
        await d.settle(60)
        poster = pdf_words(fetch(d, shelf, "Print it for the fridge"), tmp_path)
        assert "Our household agreement" in poster and "We use kind words" in poster
        d.page.navigate(f"/safety/child/{sam_id}")
        await d.settle(60)
        plan = pdf_words(fetch(d, shelf, "Print Sam's plan for the fridge"), tmp_path)
        assert "Nana Rose" in plan and "07700 900123" in plan
        assert "Cuddle the blue blanket" in plan and "0800 1111" in plan

    run(go())
