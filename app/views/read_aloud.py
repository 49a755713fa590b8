"""The "Read this to me" speaker button: reads a screen's words aloud in the person's language.

The words are taken from the screen as it is when the button is tapped (titles, paragraphs,
the words on buttons, in the order a screen reader would meet them), spoken on this device
by ``app.speech`` and played through Flet's audio control. The sound lives in memory for as
long as it plays; nothing spoken is stored. A second tap stops the reading.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from typing import Any

import flet as ft
import flet_audio as fta
from flet.controls.base_control import BaseControl

from app import speech, theme
from app.i18n import current_language, t
from app.views.state import guarded, use_session

log = logging.getLogger(__name__)
TEXT_BUTTONS = (ft.Button, ft.FilledButton, ft.OutlinedButton, ft.TextButton)
#: Parts of a control that are not its words on screen (hover hints, the control's owner).
NOT_WORDS = frozenset({"tooltip", "badge", "parent", "page"})
FINISHED = (fta.AudioState.COMPLETED, fta.AudioState.STOPPED, fta.AudioState.DISPOSED)


def words_in(controls: Iterable[Any]) -> list[str]:
    """The words a person sees in ``controls``, in reading order.

    A labelled ``ft.Semantics`` counts as its label alone, and a Text as its spoken form
    (``semantics_label``: that is how this app names a picture button once); a part hidden
    from screen readers, an icon-only button and a picture are not read.
    """
    found: list[str] = []
    seen: set[int] = set()
    for word in _walk(list(controls), seen):
        word = " ".join(word.split()).lstrip("\u2022 ")  # a list's bullet is not a word
        if word and (not found or found[-1] != word):
            found.append(word)
    return found


def _walk(node: Any, seen: set[int]) -> Iterator[str]:
    if isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item, seen)
        return
    if not isinstance(node, BaseControl) or id(node) in seen:
        return
    seen.add(id(node))
    if getattr(node, "visible", True) is False or isinstance(node, ft.IconButton):
        return
    if isinstance(node, ft.Semantics) and (node.label or node.exclude_semantics):
        if isinstance(node.label, str):
            yield node.label
        return
    if isinstance(node, ft.Text) and isinstance(node.value, str):
        # a button's name is its words' spoken form; the rest of its words say nothing
        yield node.value if node.semantics_label is None else node.semantics_label
        return
    if isinstance(node, TEXT_BUTTONS) and isinstance(node.content, str):
        yield node.content
        return
    if isinstance(node, ft.TextField) and isinstance(node.label, str):
        yield node.label
        return
    if isinstance(node, ft.Component):
        yield from _walk(node._b, seen)
        return
    if is_dataclass(node):
        for part in fields(node):
            if part.name not in NOT_WORDS and not part.metadata.get("skip", False):
                yield from _walk(getattr(node, part.name, None), seen)


def spoken(words: Iterable[str]) -> str:
    """The words as sentences, so the voice pauses between a title, a line and a button."""
    return " ".join(w if w[-1:] in ".?!:;," else w + "." for w in words if w)


@ft.component
def ReadAloud(words: Callable[[], list[str]], key: str | None = None) -> ft.Control:
    """The speaker button; ``words`` gives the screen's words at the moment it is tapped.

    On a device without ``espeak-ng`` there is no button: nothing offers what cannot work.
    ``key`` is taken by Flet's component decorator: a new key (a new screen) starts afresh.
    """
    session = use_session()
    player: ft.MutableRef[fta.Audio | None] = ft.use_ref(None)
    making: ft.MutableRef[bool] = ft.use_ref(False)  # the sound is being made: ignore taps
    reading, set_reading = ft.use_state(False)

    def finished(event: fta.AudioStateChangeEvent) -> None:
        if event.state in FINISHED and player.current is event.control:
            player.current = None
            set_reading(False)

    async def let_go() -> None:
        audio, player.current = player.current, None
        if audio is not None:
            try:
                await audio.release()
            except (RuntimeError, TimeoutError) as exc:  # the tab has gone: nothing plays
                log.info("could not let the sound go: %s", exc)

    # Leaving the screen (or its step: the frame keys this by screen) stops the reading.
    ft.on_unmounted(let_go)

    async def read() -> None:
        if making.current:
            return
        if player.current is not None:  # a second tap stops the reading
            set_reading(False)
            await let_go()
            return
        making.current = True
        try:
            sound = await asyncio.to_thread(speech.speak, spoken(words()), current_language())
        except speech.SpeechUnavailable:
            session.notice = t("speech.not_set_up")
            return
        except speech.SpeechFailed as exc:
            log.warning("reading aloud failed: %s", exc)
            session.notice = t("speech.failed")
            return
        finally:
            making.current = False
        audio = fta.Audio(src=sound, on_state_change=finished)  # joins the page's services
        player.current = audio
        set_reading(True)
        try:
            # resume(), not play(): play() first seeks to 0 and, in the web client, waits for
            # a "seek complete" that never comes (checked in Chromium: it timed out after 30 s).
            await audio.resume()
        except (RuntimeError, TimeoutError) as exc:  # the browser refused to play it
            log.warning("the audio player could not play: %s", exc)
            if player.current is audio:
                set_reading(False)
                await let_go()
            session.notice = t("speech.failed")

    if not speech.can_speak():
        return ft.Container(visible=False)
    label = t("speech.stop" if reading else "speech.read")
    return ft.IconButton(
        # the name goes on the icon: a tooltip alone does not reach the browser's tree
        icon=ft.Icon(ft.Icons.STOP_CIRCLE_OUTLINED if reading else ft.Icons.VOLUME_UP,
                     semantics_label=label),
        tooltip=label,
        on_click=guarded(session, read),
        icon_color=theme.BRAND_DARK,
        icon_size=30,
        width=theme.TAP,
        height=theme.TAP,
    )
