"""Message catalogues: every user-facing string in Homeward comes from here.

Each language is a JSON file beside this module named by its language tag
(``en-GB.json``), optionally with more files in a folder of the same name
(``en-GB/chores.json``), one per screen family. Adding a language is adding a file:
keys missing from it fall back to UK English, so a partial translation still shows
every screen.

A message that depends on a number is an object of CLDR plural forms instead of a string
(``{"one": "{count} star", "other": "{count} stars"}``); each language gives the forms its
grammar uses (Welsh: zero, one, two, few, many, other), and Babel's CLDR rules pick one.

Which language a message is in: the ``language`` argument if given; else the one set for
the work in hand (``speaking``, for a report made in a chosen language); else what the
registered source says (the person using this browser session); else ``HOMEWARD_LANG``;
else UK English.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale

from app.domain.people import without_direction_controls

DEFAULT_LANGUAGE = "en-GB"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")

Message = str | dict[str, str]

_speaking: ContextVar[str | None] = ContextVar("homeward_language", default=None)
_source: list[Callable[[], str | None]] = []


@cache
def _catalogue(language: str) -> dict[str, Message]:
    """Load one language's files; an unknown language gives an empty catalogue.

    Raises:
        ValueError: two files of the language define the same key.
    """
    here = resources.files(__package__)
    files = [here.joinpath(f"{language}.json")]
    folder = here.joinpath(language)
    if folder.is_dir():
        files += sorted(
            (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
            key=lambda entry: entry.name,
        )
    merged: dict[str, Message] = {}
    for entry in files:
        if not entry.is_file():
            continue
        data: dict[str, Message] = json.loads(entry.read_text("utf-8"))
        repeated = merged.keys() & data.keys()
        if repeated:
            raise ValueError(f"{entry.name} repeats keys: {sorted(repeated)}")
        merged.update(data)
    return merged


@cache
def available_languages() -> list[str]:
    """List the language tags that have a catalogue file."""
    return sorted(
        entry.name.removesuffix(".json")
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(".json")
    )


def supported(language: str | None) -> str | None:
    """``language`` if Homeward has a catalogue for it, else None."""
    return language if language in available_languages() else None


def language_name(language: str) -> str:
    """The language's own name for itself ("English", "Cymraeg"), for a chooser."""
    return str(_catalogue(language).get("language.own_name") or language)


def use_language_source(source: Callable[[], str | None]) -> None:
    """Say where the language of the person being served comes from (one source at a time)."""
    _source[:] = [source]


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Make every message in this block (and what it calls) come in ``language``."""
    token = _speaking.set(language)
    try:
        yield
    finally:
        _speaking.reset(token)


def current_language() -> str:
    """The language of the work in hand or of the person served; else the process's."""
    chosen = _speaking.get()
    if not chosen and _source:
        chosen = _source[0]()
    if chosen and chosen in available_languages():
        return chosen
    return os.environ.get("HOMEWARD_LANG", DEFAULT_LANGUAGE)


@cache
def _plural_rule(language: str) -> Callable[[int], str]:
    return Locale.parse(language, sep="-").plural_form


def plural_form(language: str, count: int) -> str:
    """The CLDR plural category ``count`` takes in ``language`` ("one", "few", ...)."""
    return _plural_rule(language)(abs(count))


_fallbacks: list[set[tuple[str, str]]] = []  # where ``noting_fallbacks`` collects


@contextmanager
def noting_fallbacks() -> Iterator[set[tuple[str, str]]]:
    """Collect (language, key) for every message shown in UK English for want of a translation."""
    found: set[tuple[str, str]] = set()
    _fallbacks.append(found)
    try:
        yield found
    finally:
        _fallbacks.remove(found)


def _message(key: str, language: str) -> tuple[Message, str]:
    """The message and the language it was found in (UK English when the language lacks it)."""
    found = _catalogue(language).get(key)
    if found is not None:
        return found, language
    for collected in _fallbacks:
        collected.add((language, key))
    return _catalogue(DEFAULT_LANGUAGE)[key], DEFAULT_LANGUAGE


def t(key: str, /, language: str | None = None, **values: Any) -> str:
    """Translate ``key`` and fill ``{placeholders}`` from ``values``.

    A plural message takes its form from ``count``.

    Raises:
        KeyError: the key is in no catalogue, so a typo fails loudly in tests.
        TypeError: a plural message was asked for without a ``count``.
    """
    message, found_in = _message(key, language or current_language())
    if isinstance(message, dict):
        if "count" not in values:
            raise TypeError(f"{key} depends on a number; give it a count")
        form = plural_form(found_in, int(values["count"]))
        message = message.get(form) or message["other"]
    if not values:
        return message
    # What fills a sentence is often a family's words: a direction control in them would turn
    # the app's own words round them ("Ruby\u202e said..." read backwards).
    return message.format(**{name: without_direction_controls(value) if isinstance(value, str)
                             else value for name, value in values.items()})


def t_or(key: str, fallback: str, /, **values: Any) -> str:
    """Translate ``key``, or ``fallback`` when no catalogue has it.

    For keys made from what a record says (a feeling, a role, a picture): a record from a
    newer Homeward may name one this copy has no words for, and that must read plainly,
    never stop a page. ``values`` fill whichever message is used.
    """
    known = key in _catalogue(DEFAULT_LANGUAGE)
    return t(key if known else fallback, **values)


def plural(count: int, key: str, **values: Any) -> str:
    """The form of ``key`` that ``count`` takes in the language in use."""
    return t(key, count=count, **values)
