"""One version signed on several devices at once is put together the same way, in any order:
every signature kept, and nothing put together when the words differ."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from app.domain.agreement import AgreementVersion, NotYet, Rule, Signature, Status
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
signings = st.builds(lambda signed, said, revision: replace(
    DRAFT, signatures=signed, not_yet=said, revision=revision),
    signatures, not_yets, st.integers(2, 5))


@given(signings, signings)
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


@given(signings, signings)
def test_everyone_who_signed_on_either_device_has_signed(one: AgreementVersion,
                                                         other: AgreementVersion) -> None:
    together = signed_together(one, other)
    assert together is not None
    assert {s.member_id for s in together.signatures} == {
        s.member_id for s in (*one.signatures, *other.signatures)}


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
