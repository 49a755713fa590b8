"""Each person's text size, from 100% to 200%: chosen in People or in Settings, kept with
them, and honoured by every word of their screens (explicit sizes and the theme's)."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest
from headless import Driver, FakeClock, run, until
from steps import open_as

from app.domain.people import TEXT_SCALES, Member
from app.services.household import InvalidInput, NotAllowed
from app.theme import TEXT_STYLES, build_theme
from tests.services.taylors import create_taylors, in_order

SAM_PICTURES = ("Apple", "Sun", "Tree")


def title_size(d: Driver, title: str) -> float:
    """The font size of the screen's title (24 at 100%)."""
    sizes = {c.size for c in d.controls() if isinstance(c, ft.Text) and c.value == title}
    assert len(sizes) == 1, (title, sizes)
    return float(sizes.pop())  # type: ignore[arg-type]


def body_size(d: Driver) -> float | None:
    """The theme's size for body text, which every unsized word uses (None: Flet's own)."""
    text_theme = d.page.theme.text_theme if d.page.theme else None
    if text_theme is None or text_theme.body_large is None:
        return None
    return float(text_theme.body_large.size)  # type: ignore[arg-type]


def test_a_person_or_their_parent_chooses_a_text_size_from_the_five_offered(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, mia, _priya = in_order(household)
    assert household.set_text_size(jo, sam.id, 200).text_scale == 200
    assert household.set_text_size(mia, mia.id, 125).text_scale == 125
    assert household.member(sam.id).text_scale == 200
    for wrong in (0, 90, 130, 250):
        with pytest.raises(InvalidInput):
            household.set_text_size(jo, jo.id, wrong)
    with pytest.raises(NotAllowed):
        household.set_text_size(mia, sam.id, 100)
    assert household.member(sam.id).text_scale == 200
    assert Member.from_json(household.member(mia.id).to_json()).text_scale == 125
    assert Member.from_json({**jo.to_json(), "text_scale": None}).text_percent == 100
    assert Member.from_json({**jo.to_json(), "text_scale": 37}).text_percent == 100  # not offered
    assert household.member(sam.id).text_percent == 200
    gate.close()


def test_build_theme_scales_every_text_style_and_leaves_100_percent_as_flets() -> None:
    assert build_theme().text_theme is None
    text_theme = build_theme(1.75).text_theme
    assert text_theme is not None
    for name, size in TEXT_STYLES.items():
        assert getattr(text_theme, name).size == pytest.approx(size * 1.75)
    assert TEXT_SCALES == (100, 125, 150, 175, 200)


def test_a_child_set_to_200_percent_by_a_parent_sees_every_word_twice_as_big(
    data_dir: Path, clock: FakeClock
) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        assert "home-parent" in d.identifiers()
        d.page.navigate("/people")
        await until(d, lambda: "people-screen" in d.identifiers())
        await d.tap("Sam")
        await until(d, lambda: "person-screen" in d.identifiers())
        await d.tap("Text size 200%")
        await until(d, lambda: d.has_text("Sam's text size is changed."))
        assert title_size(d, "Sam") == 24  # Jo's own screens keep Jo's size
        assert body_size(d) is None

        d = await open_as(data_dir, clock, "Sam, Child", pictures=SAM_PICTURES)
        await until(d, lambda: "home-child" in d.identifiers())
        await until(d, lambda: body_size(d) == 32)
        assert d.session.index  # the page is alive
        headings = [c for c in d.controls() if isinstance(c, ft.Text) and c.size]
        assert headings and all(c.size >= 2 * 11 for c in headings), [
            (c.value, c.size) for c in headings if c.size < 22]

        await d.tap("Lock")
        await until(d, lambda: body_size(d) is None)  # the locked screen is everyone's
        assert not d.conn.errors

    run(go())


def test_a_parent_makes_their_own_words_bigger_in_settings_and_back(
    data_dir: Path, clock: FakeClock
) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        d.page.navigate("/settings")
        await until(d, lambda: "text-size-mine" in d.identifiers())
        before = title_size(d, "Settings")
        await d.tap("Text size 150%", within="text-size-mine")
        await until(d, lambda: body_size(d) == 24)
        assert title_size(d, "Settings") == before * 1.5
        # each choice shows its own size, whatever size the screen is at
        samples = {c.value: c.size for c in d._inside("text-size-mine")
                   if isinstance(c, ft.Text) and c.value and c.value.endswith("%")}
        assert samples == {"100%": 16, "125%": 20, "150%": 24, "175%": 28, "200%": 32}
        await d.tap("Text size 100%", within="text-size-mine")
        await until(d, lambda: body_size(d) is None)
        assert title_size(d, "Settings") == before
        assert not d.conn.errors

    run(go())


def test_a_box_says_all_of_its_hint_at_200_percent(data_dir: Path, clock: FakeClock) -> None:
    """A hint under a box ("Short and simple, like...") wraps rather than being cut short."""
    gate, household = create_taylors(data_dir, clock)
    jo = in_order(household)[0]
    household.set_text_size(jo, jo.id, 200)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        d.page.navigate("/chores/add")
        await until(d, lambda: d.has_text("Add a chore"))
        box = d.field("Name of the job")
        assert box.helper and (box.helper_max_lines or 1) >= 3, box.helper_max_lines

    run(go())
