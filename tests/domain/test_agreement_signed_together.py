"""One version signed on several devices at once is put together the same way, in any order:
each person's latest word kept (a signature, or a "Not yet" said after it), and nothing put
together when the words differ."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.domain.agreement import (
    AgreedChore,
    AgreementVersion,
    ForNow,
    NotYet,
    Rule,
    Signature,
    Status,
)
from app.domain.agreement.signing_together import signed_together

PEOPLE = ("jo", "alex", "sam", "mia")
TIMES = tuple(f"2026-11-2{day}T10:00:00+00:00" for day in range(5))
DRAFT = AgreementVersion(
    id="agreement-v1", number=1, created_by="jo", created_at=TIMES[0],
    rules=(Rule("bed", "Bedtime is 8pm", "jo", TIMES[0]),), revision=2)

signatures = st.lists(st.builds(Signature, st.sampled_from(PEOPLE), st.sampled_from(PEOPLE),
                                st.just("parent"), st.sampled_from(TIMES)),
                      max_size=4, unique_by=lambda s: s.member_id).map(tuple)
not_yets = st.lists(st.builds(NotYet, st.sampled_from(PEOPLE), st.sampled_from(PEOPLE),
                              st.sampled_from(TIMES), st.none() | st.sampled_from(TIMES)),
                    max_size=2, unique_by=lambda n: n.member_id).map(tuple)


def _as_held(signed: tuple[Signature, ...], said: tuple[NotYet, ...],
             revision: int) -> AgreementVersion:
    """A draft as a device can hold it, each person's latest word there standing: a signature
    given after a "Not yet" answered it, and one given before it was taken back."""
    version = replace(DRAFT, signatures=signed, revision=revision)
    for not_yet in said:
        signature = version.signed_by(not_yet.member_id)
        others = tuple(s for s in version.signatures if s is not signature)
        if not_yet.signed_at is not None:  # answered here: by a signature given here
            at = max(not_yet.said_at, not_yet.signed_at)
            not_yet = replace(not_yet, signed_at=at)
            others += (Signature(not_yet.member_id, not_yet.name, "child", at),)
        elif signature is not None and signature.signed_at >= not_yet.said_at:
            not_yet, others = replace(not_yet, signed_at=signature.signed_at), version.signatures
        version = replace(version, signatures=others, not_yet=(*version.not_yet, not_yet))
    return version


signings = st.builds(_as_held, signatures, not_yets, st.integers(2, 5))
#: Signings as a device holds them, some having taken effect there (all the same way): one
#: takes effect by itself only when no "Not yet" stands.
held = st.builds(lambda signing, took_effect: replace(
    signing, status=Status.SIGNED, signed_at=TIMES[4])
    if took_effect and not signing.open_not_yet() else signing, signings, st.booleans())


def _latest(items: tuple[Any, ...], member_id: str, at: Callable[[Any], str]) -> Any:
    """``member_id``'s latest of ``items`` by the time ``at`` reads, or None."""
    return max((i for i in items if i.member_id == member_id), key=at, default=None)


@given(held, held)
def test_putting_together_is_the_same_in_either_order(one: AgreementVersion,
                                                      other: AgreementVersion) -> None:
    assert signed_together(one, other) == signed_together(other, one)


@given(signings, signings)
def test_putting_together_again_changes_nothing(one: AgreementVersion,
                                                other: AgreementVersion) -> None:
    together = signed_together(one, other)
    assert together is not None
    assert signed_together(together, other) == together
    assert signed_together(together, together) == together
    assert signed_together(one, one) == one


@given(signings, signings, signings)
def test_three_devices_in_any_grouping_agree(one: AgreementVersion, two: AgreementVersion,
                                             three: AgreementVersion) -> None:
    first = signed_together(one, two)
    last = signed_together(two, three)
    assert first is not None and last is not None
    assert signed_together(first, three) == signed_together(one, last)


@given(held, held)
def test_putting_a_held_version_together_again_changes_nothing(one: AgreementVersion,
                                                                other: AgreementVersion) -> None:
    together = signed_together(one, other)
    assert together is not None
    assert signed_together(together, other) == together
    assert signed_together(together, together) == together


@given(held, held)
def test_each_persons_latest_word_stands_on_either_device(one: AgreementVersion,
                                                          other: AgreementVersion) -> None:
    together = signed_together(one, other)
    assert together is not None
    both = (*one.signatures, *other.signatures)
    said = (*one.not_yet, *other.not_yet)
    for person in PEOPLE:
        signature = _latest(both, person, lambda s: s.signed_at)
        not_yet = next((n for n in together.not_yet if n.member_id == person), None)
        answered = not_yet is None or not_yet.signed_at is not None or (
            signature is not None and signature.signed_at >= not_yet.said_at)
        assert (not_yet in together.open_not_yet()) is (not answered)
        kept = together.signed_by(person)
        expected = signature.signed_at if signature is not None and answered else None
        assert (kept.signed_at if kept else None) == expected
        if not_yet is not None:
            assert not_yet.said_at == _latest(said, person, lambda n: n.said_at).said_at
    # going past a "Not yet" by itself never happens: it takes effect only if nothing stands
    assert together.frozen is ((one.frozen or other.frozen) and not together.open_not_yet())


def test_a_not_yet_said_after_signing_on_another_device_stands() -> None:
    signed = replace(DRAFT, signatures=(Signature("jo", "Jo", "parent", TIMES[0]),
                                        Signature("mia", "Mia", "child", TIMES[1])))
    said = replace(DRAFT, not_yet=(NotYet("mia", "Mia", TIMES[2]),))
    together = signed_together(signed, said)
    assert together is not None and [s.member_id for s in together.signatures] == ["jo"]
    assert together.open_not_yet() == said.not_yet and not together.ready(["jo", "mia"])
    again = together.signed(Signature("mia", "Mia", "child", TIMES[3]), ["jo", "mia"])
    assert again.frozen and again.open_not_yet() == ()  # she may sign again, and it counts


def test_a_signature_after_a_not_yet_on_another_device_answers_it() -> None:
    said = replace(DRAFT, not_yet=(NotYet("mia", "Mia", TIMES[1]),))
    signed = replace(DRAFT, signatures=(Signature("mia", "Mia", "child", TIMES[2]),))
    together = signed_together(said, signed)
    assert together is not None and together.open_not_yet() == ()
    assert together.signed_by("mia") == signed.signatures[0] and together.ready(["mia"])


def test_taking_effect_past_a_later_not_yet_is_undone_unless_agreed_for_now() -> None:
    signed = replace(DRAFT, signatures=(Signature("jo", "Jo", "parent", TIMES[0]),
                                        Signature("mia", "Mia", "child", TIMES[1])))
    took_effect = signed.took_effect(TIMES[1], (AgreedChore("bins", "Bins"),), ())
    said = replace(DRAFT, not_yet=(NotYet("mia", "Mia", TIMES[2]),))
    together = signed_together(took_effect, said)
    assert together is not None and not together.frozen and together.chores == ()
    assert together.signed_at is None and together.signed_by("mia") is None
    for_now = signed.took_effect(TIMES[1], (), (), ForNow("jo", "Jo", TIMES[1], "Sam is away"))
    kept = signed_together(for_now, said)
    assert kept is not None and kept.frozen and kept.signatures == signed.signatures
    assert kept.for_now == for_now.for_now and kept.open_not_yet() == said.not_yet


def test_each_persons_latest_signature_is_kept() -> None:
    early = replace(DRAFT, signatures=(Signature("jo", "Jo", "parent", TIMES[1]),))
    late = replace(DRAFT, signatures=(Signature("jo", "Jo", "parent", TIMES[3]),))
    together = signed_together(early, late)
    assert together is not None and together.signatures == late.signatures


def test_other_words_are_never_put_together() -> None:
    other_words = replace(DRAFT, routines=("Film night on Friday",),
                          signatures=(Signature("mia", "Mia", "child", TIMES[1]),))
    assert signed_together(DRAFT, other_words) is None


def test_a_version_that_took_effect_stays_in_effect() -> None:
    signed = replace(DRAFT, status=Status.SIGNED, signed_at=TIMES[2],
                     signatures=(Signature("jo", "Jo", "parent", TIMES[2]),))
    asked = replace(DRAFT, signatures=(Signature("sam", "Sam", "child", TIMES[1]),))
    together = signed_together(asked, signed)
    assert together is not None and together.frozen and together.signed_at == TIMES[2]
    assert [s.member_id for s in together.signatures] == ["sam", "jo"]
