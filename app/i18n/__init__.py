"""Message catalogues: every user-facing string in Homeward comes from here.

Each language is a JSON file beside this module named by its language tag
(``en-GB.json``), optionally with more files in a folder of the same name
(``en-GB/chores.json``), one per screen family. Adding a language is adding a file:
keys missing from it fall back to UK English, so a partial translation still shows
every screen.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_LANGUAGE = "en-GB"


@cache
def _catalogue(language: str) -> dict[str, str]:
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
    merged: dict[str, str] = {}
    for entry in files:
        if not entry.is_file():
            continue
        data: dict[str, str] = json.loads(entry.read_text("utf-8"))
        repeated = merged.keys() & data.keys()
        if repeated:
            raise ValueError(f"{entry.name} repeats keys: {sorted(repeated)}")
        merged.update(data)
    return merged


def available_languages() -> list[str]:
    """List the language tags that have a catalogue file."""
    return sorted(
        entry.name.removesuffix(".json")
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(".json")
    )


def current_language() -> str:
    """The language chosen for this process (``HOMEWARD_LANG``), else UK English."""
    return os.environ.get("HOMEWARD_LANG", DEFAULT_LANGUAGE)


def t(key: str, /, language: str | None = None, **values: Any) -> str:
    """Translate ``key`` and fill ``{placeholders}`` from ``values``.

    Raises:
        KeyError: the key is in no catalogue, so a typo fails loudly in tests.
    """
    lang = language or current_language()
    text = _catalogue(lang).get(key)
    if text is None:
        text = _catalogue(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def plural(count: int, one_key: str, other_key: str, **values: Any) -> str:
    """Pick the singular or plural message for ``count``."""
    return t(one_key if count == 1 else other_key, count=count, **values)
