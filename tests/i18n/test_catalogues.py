"""Every language's catalogue matches UK English: same keys, same placeholders, every plural form.

Checked file by file (``-k agreement`` checks one), so a translator sees where a gap is.
A language's plural forms are the CLDR categories Babel knows for it (Welsh: zero, one, two,
few, many, other).
"""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from app.i18n import DEFAULT_LANGUAGE, available_languages, plural_form, t

I18N = Path(__file__).resolve().parents[2] / "app" / "i18n"
TRANSLATIONS = [tag for tag in available_languages() if tag != DEFAULT_LANGUAGE]
# values that name things rather than say them: the same in every language
NAMES = {"topic", "order", "picture", "kind", "id", "key"}


def _files(language: str) -> list[Path]:
    folder = I18N / language
    return [I18N / f"{language}.json", *sorted(folder.rglob("*.json"))]


def _relative(path: Path, language: str) -> str:
    return "." if path.name == f"{language}.json" else str(path.relative_to(I18N / language))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(language: str) -> set[str]:
    return set(Locale.parse(language, sep="-").plural_form.tags) | {"other"}


def _differences(english: Any, other: Any, language: str, where: str) -> list[str]:
    """What in ``other`` does not match ``english``, each as a sentence naming the place."""
    if isinstance(english, dict) and set(english) <= {"zero", "one", "two", "few", "many",
                                                      "other"} and "other" in english:
        if not isinstance(other, dict):
            return [f"{where}: needs the plural forms {sorted(_forms(language))}"]
        problems = [f"{where}: missing plural form {form!r}"
                    for form in sorted(_forms(language) - set(other))]
        allowed = set().union(*(_placeholders(text) for text in english.values())) | {"count"}
        problems += [f"{where}[{form}]: unknown placeholder {sorted(extra)}"
                     for form, text in other.items()
                     if (extra := _placeholders(text) - allowed)]
        if "other" in other and _placeholders(other["other"]) != _placeholders(english["other"]):
            problems.append(f"{where}[other]: placeholders differ from UK English")
        return problems
    if isinstance(english, dict):
        if not isinstance(other, dict):
            return [f"{where}: should be an object"]
        problems = [f"{where}.{key}: missing" for key in english if key not in other]
        problems += [f"{where}.{key}: not in UK English" for key in other if key not in english]
        for key in english.keys() & other.keys():
            if key in NAMES and english[key] != other[key]:
                problems.append(f"{where}.{key}: names a thing and must stay {english[key]!r}")
            else:
                problems += _differences(english[key], other[key], language, f"{where}.{key}")
        return problems
    if isinstance(english, list):
        if not isinstance(other, list) or len(other) != len(english):
            return [f"{where}: should be a list of {len(english)}"]
        return [problem for index, (a, b) in enumerate(zip(english, other, strict=True))
                for problem in _differences(a, b, language, f"{where}[{index}]")]
    if isinstance(english, str):
        if not isinstance(other, str) or not other.strip():
            return [f"{where}: should be words"]
        if _placeholders(english) != _placeholders(other):
            return [f"{where}: placeholders {sorted(_placeholders(other))}, "
                    f"UK English has {sorted(_placeholders(english))}"]
        return []
    return [] if english == other else [f"{where}: should stay {english!r}"]


PAIRS = [(language, _relative(path, DEFAULT_LANGUAGE))
         for language in TRANSLATIONS for path in _files(DEFAULT_LANGUAGE)]


@pytest.mark.parametrize(("language", "name"), PAIRS, ids=[f"{a}:{b}" for a, b in PAIRS])
def test_each_file_matches_uk_english(language: str, name: str) -> None:
    english_path = I18N / f"{DEFAULT_LANGUAGE}.json" if name == "." else (
        I18N / DEFAULT_LANGUAGE / name)
    other_path = I18N / f"{language}.json" if name == "." else I18N / language / name
    assert other_path.is_file(), f"{language} has no {other_path.name}"
    english = json.loads(english_path.read_text("utf-8"))
    other = json.loads(other_path.read_text("utf-8"))
    assert _differences(english, other, language, other_path.name) == []


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_language_has_no_file_uk_english_lacks(language: str) -> None:
    english = {_relative(path, DEFAULT_LANGUAGE) for path in _files(DEFAULT_LANGUAGE)}
    assert {_relative(path, language) for path in _files(language)} <= english


def test_welsh_is_one_of_the_languages() -> None:
    assert "cy-GB" in TRANSLATIONS


@pytest.mark.parametrize(("count", "form"), [(0, "zero"), (1, "one"), (2, "two"), (3, "few"),
                                             (6, "many"), (4, "other"), (11, "other")])
def test_welsh_numbers_take_cldr_forms(count: int, form: str) -> None:
    assert plural_form("cy-GB", count) == form


def test_uk_english_has_one_and_other() -> None:
    assert [plural_form("en-GB", n) for n in (0, 1, 2)] == ["other", "one", "other"]
    assert t("time.minutes", count=1) == "1 minute"
    assert t("time.minutes", count=3) == "3 minutes"


def test_a_plural_message_needs_a_count() -> None:
    with pytest.raises(TypeError):
        t("time.minutes")
