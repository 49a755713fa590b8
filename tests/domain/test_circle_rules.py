"""The talking piece: who holds it, what a pass does, rounds per question, finishing."""

from __future__ import annotations

import pytest

from app.domain.circles import (
    PROMPTS,
    Agreement,
    Became,
    Circle,
    CircleKind,
    CircleProblem,
    CircleRuleBroken,
    Turn,
    TurnKind,
    new_circle,
    next_turn,
    progress,
)

AT = "2026-11-25T10:00:00+00:00"


def circle(kind: CircleKind = CircleKind.RESTORATIVE,
           present: tuple[str, ...] = ("jo", "sam", "mia")) -> Circle:
    return new_circle("c1", kind, present, "jo", AT)


def play(c: Circle, *moves: tuple[str, TurnKind]) -> list[Turn]:
    """Take each (member, kind) turn in order through the rules, as the service does."""
    turns: list[Turn] = []
    for number, (member, kind) in enumerate(moves):
        at = f"2026-11-25T10:{number:02d}:00+00:00"
        turns.append(next_turn(c, turns, f"t{number}", member, kind, "", "jo", at))
    return turns


SPOKE, PASSED = TurnKind.SPOKE, TurnKind.PASSED


def test_the_talking_piece_goes_round_in_seating_order() -> None:
    c = circle()
    assert progress(c, []).holder == "jo"
    assert progress(c, play(c, ("jo", SPOKE))).holder == "sam"
    assert progress(c, play(c, ("jo", SPOKE), ("sam", SPOKE))).holder == "mia"


def test_someone_who_passes_is_offered_the_piece_again_at_the_end_of_the_round() -> None:
    c = circle()
    turns = play(c, ("jo", SPOKE), ("sam", PASSED))
    now = progress(c, turns)
    assert now.holder == "mia"
    assert now.waiting == ("sam",)
    assert now.passed == ("sam",)
    turns = play(c, ("jo", SPOKE), ("sam", PASSED), ("mia", SPOKE))
    again = progress(c, turns)
    assert (again.round, again.holder, again.second_chance) == (0, "sam", True)


def test_passing_a_second_time_ends_that_persons_part_of_the_round() -> None:
    c = circle()
    turns = play(c, ("jo", SPOKE), ("sam", PASSED), ("mia", SPOKE), ("sam", PASSED))
    now = progress(c, turns)
    assert (now.round, now.holder, now.second_chance) == (1, "jo", False)


def test_a_second_chance_taken_ends_the_round_too() -> None:
    c = circle()
    turns = play(c, ("jo", PASSED), ("sam", SPOKE), ("mia", SPOKE), ("jo", SPOKE))
    assert progress(c, turns).round == 1


def test_a_pass_in_one_round_does_not_carry_into_the_next() -> None:
    c = circle()
    turns = play(c, ("jo", SPOKE), ("sam", PASSED), ("mia", SPOKE), ("sam", SPOKE),
                 ("jo", SPOKE), ("sam", PASSED))
    now = progress(c, turns)
    assert (now.round, now.holder, now.waiting) == (1, "mia", ("sam",))


def test_each_question_is_one_round_and_the_circle_ends_after_the_last() -> None:
    c = circle()
    assert len(c.prompts) == 5
    moves = [(m, SPOKE) for _ in c.prompts for m in c.present]
    turns = play(c, *moves[:-1])
    assert progress(c, turns).round == 4
    turns = play(c, *moves)
    done = progress(c, turns)
    assert done.rounds_done and done.holder is None and done.round == 5


def test_only_the_holder_can_take_a_turn() -> None:
    c = circle()
    with pytest.raises(CircleRuleBroken) as refused:
        next_turn(c, [], "t1", "sam", SPOKE, "", "jo", AT)
    assert refused.value.problem is CircleProblem.NOT_THEIR_TURN


def test_no_turns_after_every_round_or_after_finishing() -> None:
    c = circle(CircleKind.CHECK_IN, ("jo", "sam"))
    turns = play(c, ("jo", SPOKE), ("sam", SPOKE))
    with pytest.raises(CircleRuleBroken):
        next_turn(c, turns, "t9", "jo", SPOKE, "", "jo", AT)
    closed = circle().closed("jo", AT)
    with pytest.raises(CircleRuleBroken) as refused:
        next_turn(closed, [], "t9", "jo", SPOKE, "", "jo", AT)
    assert refused.value.problem is CircleProblem.FINISHED


def test_words_are_kept_tidy_and_a_pass_keeps_none() -> None:
    c = circle()
    spoke = next_turn(c, [], "t1", "jo", SPOKE, "  I  was tired ", "jo", AT)
    assert spoke.words == "I was tired"
    passed = next_turn(c, [], "t1", "jo", PASSED, "ignored", "jo", AT)
    assert passed.words == ""


def test_a_circle_needs_two_people_and_seats_each_once() -> None:
    with pytest.raises(CircleRuleBroken) as refused:
        new_circle("c", CircleKind.CHECK_IN, ["jo", "jo"], "jo", AT)
    assert refused.value.problem is CircleProblem.TOO_FEW
    assert new_circle("c", CircleKind.CHECK_IN, ["jo", "sam", "jo"], "jo", AT).present == (
        "jo", "sam")


def test_every_kind_has_questions_and_the_restorative_ones_are_the_five() -> None:
    assert all(PROMPTS[kind] for kind in CircleKind)
    assert PROMPTS[CircleKind.RESTORATIVE] == (
        "happened", "thinking", "affected", "need", "put_right")


def test_agreements_are_checked_and_become_something_only_once() -> None:
    c = circle()
    with pytest.raises(CircleRuleBroken):
        c.with_agreement(Agreement("a0", "   ", "jo", AT), "jo", AT)
    c = c.with_agreement(Agreement("a1", " Sam  tidies the toys ", "jo", AT), "jo", AT)
    assert c.agreements[0].text == "Sam tidies the toys" and c.revision == 2
    c = c.with_became("a1", Became.CHORE, "chore-1", "jo", AT)
    assert c.agreement("a1").became is Became.CHORE
    with pytest.raises(CircleRuleBroken) as refused:
        c.with_became("a1", Became.RULE, "rule-1", "jo", AT)
    assert refused.value.problem is CircleProblem.ALREADY_BECAME


def test_finishing_closes_the_circle_to_new_agreements_and_survives_json() -> None:
    c = circle().with_agreement(Agreement("a1", "Say sorry", "jo", AT), "jo", AT).closed("jo", AT)
    assert c.finished and c.closed("mia", "later") == c
    with pytest.raises(CircleRuleBroken):
        c.with_agreement(Agreement("a2", "More", "jo", AT), "jo", AT)
    assert Circle.from_json(c.to_json()) == c
    turn = next_turn(circle(), [], "t1", "jo", SPOKE, "hi", "jo", AT)
    assert Turn.from_json(turn.to_json()) == turn
