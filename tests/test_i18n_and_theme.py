"""Every string the app shows is in the catalogue (colours: ``test_colour_contrast.py``)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import app.domain
from app.domain.passphrase import Problem, Strength
from app.domain.people import Avatar, Role
from app.domain.pins import Picture, PinProblem
from app.i18n import DEFAULT_LANGUAGE, _catalogue, available_languages, t

APP = Path(__file__).resolve().parents[1] / "app"
CATALOGUE = _catalogue(DEFAULT_LANGUAGE)
PICTURES = Path(__file__).resolve().parents[1] / "assets" / "pictures"


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in APP.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text()))
        used |= set(re.findall(r"""InvalidInput\(\s*["']([a-z_.]+)["']""", path.read_text()))
    assert used, "the scan found no keys at all"
    assert sorted(used - CATALOGUE.keys()) == []


@pytest.mark.parametrize(
    "key",
    [f"role.{r.value}" for r in Role]
    + [f"avatar.{a.value}" for a in Avatar]
    + [f"picture.{p.value}" for p in Picture]
    + [f"passphrase.problem.{p.value}" for p in Problem]
    + [f"passphrase.strength.{s.value}" for s in Strength]
    + [f"pin.error.{p.value}" for p in PinProblem]
    + [f"people.add.{r.value}.{part}" for r in Role for part in ("title", "intro", "save")]
    + [f"people.add.{r.value}.button" for r in Role]
    + [f"home.{r.value}.intro" for r in (Role.PARENT, Role.WORKER)],
)
def test_keys_built_from_names_exist(key: str) -> None:
    assert key in CATALOGUE


def _domain_pictures() -> list[str]:
    """Every picture name a domain module offers in a ``*_PICTURES`` tuple or map."""
    names: list[str] = []
    for info in pkgutil.iter_modules(app.domain.__path__):
        module = importlib.import_module(f"app.domain.{info.name}")
        for attr, value in vars(module).items():
            if not attr.endswith("PICTURES"):
                continue
            if isinstance(value, dict):  # a map from a choice to its picture's name
                value = list(value.values())
            if isinstance(value, tuple | frozenset | list):
                names += [str(getattr(v, "value", v)) for v in value]
    return names


@pytest.mark.parametrize(
    "name",
    sorted({a.value for a in Avatar} | {p.value for p in Picture} | set(_domain_pictures())),
)
def test_every_avatar_and_picture_has_a_local_drawing(name: str) -> None:
    assert (PICTURES / f"{name}.svg").read_text().startswith("<svg")


def test_a_language_without_a_file_falls_back_to_uk_english() -> None:
    assert DEFAULT_LANGUAGE in available_languages()
    assert t("app.name", language="cy-GB") == "Homeward"
    assert t("time.seconds", count=30) == "30 seconds"
    with pytest.raises(KeyError):
        t("no.such.key")

