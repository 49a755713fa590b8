"""Two goals worded alike stay two lines on the monthly reviews' charts.

A family may have "Bedtime without shouting" for Sam and the same words for Mia, or retire a
goal and add its words again. The agency's chart keyed its lines by the words, so Sam's low
scores vanished under Mia's ("from 8 to 9"), and the screen and the printed review disagreed
(rule 1: a worker weighing progress must see every goal). Lines are now the goal's own, and
goals worded alike are numbered the same way on the chart's key and in its spoken label, on
the agency's chart, the family's chart and the printed review alike.
"""

from __future__ import annotations

from collections.abc import Iterator

import flet as ft

from app.domain.programme.reviews import Review
from app.hub.worker.household.programme.reviews import (
    goal_series,
    review_chart,
    review_chart_label,
)
from app.views.reviews.screens import chart_words, goals_chart

BEDTIME = "Bedtime without shouting"


def rev(month: str, goals: list[tuple[str, str, int]]) -> Review:
    """A month's review rating each (goal id, words, score)."""
    return Review.from_json({"id": month, "month": month, "created_by": "p1",
                             "created_at": f"{month}-20T10:00:00+00:00",
                             "goals": [{"goal_id": g, "text": w, "score": s}
                                       for g, w, s in goals]})


SAM_AND_MIA = [rev("2026-09", [("g-sam", BEDTIME, 2), ("g-mia", BEDTIME, 8)]),
               rev("2026-10", [("g-sam", BEDTIME, 3), ("g-mia", BEDTIME, 9)])]


def key_of(chart: ft.Control) -> list[tuple[str, str]]:
    """Each key entry's words and colour, in order."""
    assert isinstance(chart, ft.Column)
    key = chart.controls[1]
    assert isinstance(key, ft.Row)
    found = []
    for entry in key.controls:
        assert isinstance(entry, ft.Row)
        icon, words = entry.controls
        assert isinstance(icon, ft.Icon) and isinstance(words, ft.Text)
        found.append((str(words.value), str(icon.color)))
    return found


def labels(control: ft.Control) -> Iterator[str]:
    if isinstance(control, ft.Semantics) and control.label:
        yield control.label
    for child in getattr(control, "controls", None) or []:
        yield from labels(child)


def test_two_goals_with_the_same_words_are_two_lines() -> None:
    series = goal_series(SAM_AND_MIA)
    assert [(line.label, line.scores) for line in series] == [
        (f"{BEDTIME} (1)", (2, 3)), (f"{BEDTIME} (2)", (8, 9))]


def test_the_agency_chart_and_its_words_show_both_goals_told_apart() -> None:
    said = review_chart_label(SAM_AND_MIA)
    assert f"{BEDTIME} (1) from 2 to 3" in said and f"{BEDTIME} (2) from 8 to 9" in said
    key = key_of(review_chart(SAM_AND_MIA))
    assert [words for words, _ in key[:2]] == [f"{BEDTIME} (1)", f"{BEDTIME} (2)"]
    assert key[0][1] != key[1][1]  # two colours for two lines


def test_a_goal_retired_and_added_again_keeps_its_own_months() -> None:
    reviews = [rev("2026-09", [("g-old", BEDTIME, 1)]), rev("2026-10", [("g-new", BEDTIME, 6)])]
    assert [(line.label, line.scores) for line in goal_series(reviews)] == [
        (f"{BEDTIME} (1)", (1, None)), (f"{BEDTIME} (2)", (None, 6))]


def test_goals_worded_alike_but_for_case_and_spaces_are_told_apart() -> None:
    reviews = [rev("2026-09", [("a", "Calm  mornings", 4), ("b", "calm mornings", 5)])]
    assert [line.label for line in goal_series(reviews)] == [
        "Calm  mornings (1)", "calm mornings (2)"]


def test_goals_worded_differently_keep_their_words_alone() -> None:
    reviews = [rev("2026-09", [("a", "Calm mornings", 4), ("b", BEDTIME, 5)])]
    assert [line.label for line in goal_series(reviews)] == ["Calm mornings", BEDTIME]


def test_the_family_chart_shows_both_goals_told_apart() -> None:
    chart = goals_chart(SAM_AND_MIA)
    key = key_of(chart)
    assert [words for words, _ in key] == [f"{BEDTIME} (1)", f"{BEDTIME} (2)"]
    assert key[0][1] != key[1][1]
    said = chart_words(SAM_AND_MIA)
    assert f"{BEDTIME} (1) 3" in said and f"{BEDTIME} (2) 9" in said
    assert said in list(labels(chart))
