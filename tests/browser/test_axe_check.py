"""The accessibility check every screenshot runs: it fails on what a screen reader cannot use
and says where, and it lets a well-made page pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from tests.browser.axe import check_page, run_axe

UNNAMED = """<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>Who</h1>
<div role="button" tabindex="0" flt-semantics-identifier="who-screen" style="width:56px;
height:56px"></div></main></body></html>"""
NAMED = UNNAMED.replace('role="button"', 'role="button" aria-label="Back"')
HEAD = """<!doctype html><html lang="en-GB"><head><title>t</title></head>"""
OUT_OF_ORDER = HEAD + """<body><main><h1>Who</h1>
<flt-semantics-host>
<div role="button" tabindex="0" style="position:absolute;top:300px;left:0;width:90px;height:48px"
>Next</div>
<div role="button" tabindex="0" style="position:absolute;top:100px;left:0;width:90px;height:48px"
>Back</div>
</flt-semantics-host></main></body></html>"""


def test_an_unnamed_button_fails_with_its_rule_place_and_what_readers_hear(
        context: BrowserContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOMEWARD_AXE", raising=False)
    page = context.new_page()
    page.set_content(UNNAMED)
    with pytest.raises(AssertionError) as failure:
        check_page(page, tmp_path / "01-who.png")
    told = str(failure.value)
    assert "aria-command-name (serious)" in told
    assert "role='button' name=''" in told and "in='who-screen'" in told
    assert (tmp_path / "01-who.axe.json").is_file()


def test_a_named_button_passes(context: BrowserContext, tmp_path: Path) -> None:
    page = context.new_page()
    page.set_content(NAMED)
    assert check_page(page, tmp_path / "01-who.png") == []
    assert not (tmp_path / "01-who.axe.json").exists()


def test_focus_that_jumps_back_up_the_screen_is_found(context: BrowserContext) -> None:
    page = context.new_page()
    page.set_content(OUT_OF_ORDER)
    found = {v.rule: v for v in run_axe(page)}
    assert "homeward-focus-order" in found
    assert found["homeward-focus-order"].nodes[0]["info"]["name"] == "Back"
