"""Keys and taps that arrive together, as a phone on a slow link or a quick child sends them.

A letter typed while the app is still answering the one before is kept.

Flet reports each change as two messages (the box's new value, then the change event) and
renders a screen again in a task of its own, after the handler. On a busy server, or when a
phone on a slow link sends two keys in one burst, the next key's value arrives between the
handler and that render. The render must not send the box back the older value: that
took a letter out of a diary entry, or out of one of two passphrase boxes so that they no
longer matched although both showed the same dots. And a tap that comes in the same
burst as the last key is handled with that key (it was not: the button as last
rendered held the state from before it, until events were handled in order:
``app/views/event_order.py``).
"""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

from headless import Driver, FakeClock, run
from steps import PASSPHRASE, first_run, restart_and_unlock, start

import app.views


async def keys_in_one_burst(d: Driver, label: str, before: str, after: str) -> None:
    """``before`` is reported and handled; ``after`` arrives before the screen is rendered."""
    field = d.field(label)
    d.session.apply_patch(field._i, {"value": before})
    await d.session.dispatch_event(field._i, "change", None)
    d.session.apply_patch(d.field(label)._i, {"value": after})
    await d.settle()


def sent_after(d: Driver, since: int) -> list[object]:
    """Every value the server told a text box to hold since message ``since``."""
    found: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k == "value")
            for v in node.values():
                walk(v)
        elif isinstance(node, list | tuple):  # a patch: [operation, id, "value", new value]
            found.extend(node[i + 1] for i, v in enumerate(node[:-1]) if v == "value")
            for v in node:
                walk(v)
        elif hasattr(node, "__dict__"):
            walk(vars(node))

    for message in d.conn.messages[since:]:
        walk(message.body)
    return found


async def unlocks_with(data_dir: Path, clock: FakeClock, passphrase: str) -> None:
    """A new tab opens the household with ``passphrase``."""
    d = await start(data_dir, clock)
    await d.type("Household passphrase", passphrase)
    await d.tap("Open Homeward")
    await d.settle(100)
    assert not d.has_text("That passphrase didn't work"), d.texts()


def test_a_name_typed_in_a_burst_keeps_its_last_letter(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        since = len(d.conn.messages)
        await keys_in_one_burst(d, "Your household's name", "The Taylor famil", "The Taylor family")
        assert "The Taylor famil" not in sent_after(d, since), "the box was sent back a letter"
        assert d.field("Your household's name").value == "The Taylor family"
        await d.session.dispatch_event(d.field("Your household's name")._i, "change", None)
        await d.settle()
        await d.tap("Next")
        assert "setup-passphrase" in d.identifiers(), d.texts()

    run(go())


def test_two_passphrases_typed_in_bursts_still_match(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await d.type("Your household's name", "The Taylor family")
        await d.tap("Next")
        since = len(d.conn.messages)
        await keys_in_one_burst(d, "New passphrase", PASSPHRASE[:-1], PASSPHRASE)
        await d.session.dispatch_event(d.field("New passphrase")._i, "change", None)
        await d.settle()
        await keys_in_one_burst(d, "Type the passphrase again", PASSPHRASE[:-1], PASSPHRASE)
        await d.session.dispatch_event(d.field("Type the passphrase again")._i, "change", None)
        await d.settle()
        assert PASSPHRASE[:-1] not in sent_after(d, since), "a box was sent back a letter"
        await d.tap("Create our household")
        await d.settle(200)
        assert "setup-recovery" in d.identifiers(), d.texts()

    run(go())


def test_a_tap_that_comes_with_the_last_key_uses_it(data_dir: Path, clock: FakeClock) -> None:
    """The last key and the tap in one burst: the tap's handler sees the whole passphrase."""
    async def go() -> None:
        d = await start(data_dir, clock)
        await d.type("Your household's name", "The Taylor family")
        await d.tap("Next")
        await d.type("New passphrase", PASSPHRASE)
        await d.type("Type the passphrase again", PASSPHRASE[:-1])
        again = d.field("Type the passphrase again")
        d.session.apply_patch(again._i, {"value": PASSPHRASE})
        key = asyncio.create_task(d.session.dispatch_event(again._i, "change", None))
        button = d.button("Create our household", None)
        tap = asyncio.create_task(d.session.dispatch_event(button._i, "click", None))
        await asyncio.gather(key, tap)
        await d.settle(200)
        assert not d.has_text("The two passphrases are not the same."), d.texts()
        assert "setup-recovery" in d.identifiers(), d.texts()

    run(go())
    run(unlocks_with(data_dir, clock, PASSPHRASE))


def test_a_child_who_taps_three_pictures_at_once_is_signed_in(data_dir: Path,
                                                              clock: FakeClock) -> None:
    """Each tap's handler was the picture button as first rendered, so it saw no picture
    chosen yet: three quick taps kept one, and the child stayed at their pictures."""
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await d.tap("Sam, Child")
        taps = [asyncio.create_task(d.session.dispatch_event(d.button(p, None)._i, "click", None))
                for p in ("Apple", "Sun", "Tree")]
        await asyncio.gather(*taps)
        await d.settle(100)
        assert "home-child" in d.identifiers(), d.texts()

    run(go())


def test_every_text_box_on_a_screen_is_made_by_widgets() -> None:
    """A bare ``ft.TextField`` would send older letters back again (``widgets._text_box``)."""
    views = Path(app.views.__file__).parent
    bare = [f"{path.relative_to(views)}:{node.lineno}"
            for path in views.rglob("*.py") if path.name != "widgets.py"
            for node in ast.walk(ast.parse(path.read_text(), str(path)))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "TextField"]
    assert bare == []
