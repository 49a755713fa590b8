"""The agency's check-ins chart tells every feeling apart by its colour.

Each bar's contrast with the card or its outline is checked in ``tests/test_colour_contrast.py``.

The chart stacks a day's check-ins by feeling, with a key. It used the family's soft button
colours, where "tired" and "scared" are two lavenders a worker could not tell apart (CIE76
difference 7), so a child's scared days could read as tired ones (rule 1).
"""

from __future__ import annotations

import itertools

import pytest

from app.domain.checkins import Feeling
from app.hub.worker.household.timeline_screen import CHART_FEELINGS, feeling_colour

#: Two colours a person can tell apart at a glance, beside each other in a key (CIE76 ΔE).
APART = 20.0


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB of an sRGB #RRGGBB colour (D65)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(a: str, b: str) -> float:
    """How far apart two colours look (CIE76 ΔE)."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def _name(feeling: Feeling | None) -> str:
    return "unknown" if feeling is None else feeling.value


@pytest.mark.parametrize(("one", "other"), itertools.combinations(CHART_FEELINGS, 2),
                         ids=lambda f: _name(f))
def test_every_two_feelings_on_the_chart_look_different(
        one: Feeling | None, other: Feeling | None) -> None:
    gap = difference(feeling_colour(one), feeling_colour(other))
    assert gap >= APART, f"{_name(one)} and {_name(other)} are only {gap:.1f} apart"

