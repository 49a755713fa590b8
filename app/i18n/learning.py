"""The learning cards' files: one JSON file per topic in ``<language>/learning/``.

A topic missing from a language falls back to its UK English file, as messages do, so a
partial translation still shows every card. A new topic is a new file.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from app.i18n import DEFAULT_LANGUAGE, current_language

FOLDER = "learning"


@cache
def _topic_files(language: str) -> dict[str, dict[str, Any]]:
    """The card files of one language by topic; an unknown language has none.

    Raises:
        ValueError: two files name the same topic.
    """
    folder = resources.files(__package__).joinpath(language, FOLDER)
    if not folder.is_dir():
        return {}
    cards: dict[str, dict[str, Any]] = {}
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not entry.name.endswith(".json"):
            continue
        data: dict[str, Any] = json.loads(entry.read_text("utf-8"))
        topic = str(data["topic"])
        if topic in cards:
            raise ValueError(f"{entry.name} repeats the topic {topic!r}")
        cards[topic] = data
    return cards


def card_files(language: str | None = None) -> list[dict[str, Any]]:
    """Every topic's card as read from its file, in the language asked for where it exists."""
    lang = language or current_language()
    merged = dict(_topic_files(DEFAULT_LANGUAGE))
    merged.update(_topic_files(lang))
    return sorted(merged.values(), key=lambda data: (int(data["order"]), str(data["topic"])))
