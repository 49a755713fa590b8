"""Which language each browser tab speaks: the person using it, not the process.

A tab's session (the family app's or the hub worker's) says its language through a
``language`` attribute; the root of each app ties its session to its Flet page here, and
``t()`` asks this module, through ``ft.context.page``, whose words it is putting together.
Outside a tab (the command line, a report made in a chosen language) this has no answer
and the process's language is used.
"""

from __future__ import annotations

from typing import Protocol
from weakref import WeakKeyDictionary

import flet as ft

from app.i18n import use_language_source


class Speaker(Protocol):
    """Anything that knows the language of the person it serves."""

    @property
    def language(self) -> str: ...


_speakers: WeakKeyDictionary[ft.Page, Speaker] = WeakKeyDictionary()


def speak_for(page: ft.Page, speaker: Speaker) -> None:
    """Tie ``page``'s words to ``speaker``'s language for as long as the page lives."""
    _speakers[page] = speaker


def _language_of_this_tab() -> str | None:
    try:
        page = ft.context.page
    except RuntimeError:  # not inside a tab
        return None
    speaker = _speakers.get(page)
    return speaker.language if speaker is not None else None


use_language_source(_language_of_this_tab)
