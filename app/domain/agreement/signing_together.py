"""One version of the agreement signed on several devices at once, put back together.

Signatures live inside the version. When Jo signs on the phone, Sam on the tablet and Mia on
the carer's phone before any of them syncs, each device holds the same words with one more
signature. None of those signings changed the words, so nothing has to be chosen between
them: ``signed_together`` keeps every signature (each person's latest) and every child's
latest "Not yet". Versions whose words differ are not put together: a person settles them.
No device saw the last signature, so none let the version take effect: each device that pulls
it does, with ``taking_effect``.

Each person's latest word stands, by its time, whichever device it was given on. Mia may sign
on the tablet and then say "Not yet" on the carer's phone, which had not seen her signature:
her "Not yet" stands, her signature no longer counts (she may sign again to answer it), and a
version that took effect while a "Not yet" stood, without a reason written down, is a draft
again: it never goes past a child that way. One agreed for now stays as it was agreed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from app.domain.agreement import AgreedChore, AgreementVersion, NotYet, Signature, Status
from app.domain.people import Member

#: What must be the same in both for them to be one version: the words a signer reads, and
#: who made the version when. Signatures, "Not yet"s and taking effect are put together.
_SAME = ("id", "number", "created_by", "created_at", "rules", "routines", "review_date",
         "updated_by", "updated_at", "copied_from")
#: What a version gains when it takes effect: taken whole from the one that took effect.
_TAKING_EFFECT = ("status", "signed_at", "chores", "not_signed", "for_now")


class _Given(Protocol):
    """Something one person gave: a signature, or a "Not yet"."""

    @property
    def member_id(self) -> str:
        """Who gave it."""
        ...


_Kept = TypeVar("_Kept", bound=_Given)


def signed_together(one: AgreementVersion, other: AgreementVersion) -> AgreementVersion | None:
    """Both signings of one version kept in one, or None if they are not the same words.

    The same answer whichever comes first, and a version put together with itself is itself.
    If only one took effect, the result has (it cannot be undone by a signature, only by a
    "Not yet" standing without a reason written down); if both did, in different ways, a
    person settles it (None).
    """
    if one == other:
        return one
    if any(getattr(one, name) != getattr(other, name) for name in _SAME):
        return None
    effect = one
    if one.frozen != other.frozen:
        effect = one if one.frozen else other
    elif any(getattr(one, name) != getattr(other, name) for name in _TAKING_EFFECT):
        return None
    signatures = _latest_each(one.signatures, other.signatures, _signature_key)
    not_yet = _latest_each(one.not_yet, other.not_yet, _not_yet_key)
    return _latest_words_stand(replace(effect, signatures=signatures, not_yet=not_yet,
                                       revision=max(one.revision, other.revision)))


def taking_effect(version: AgreementVersion, required: list[str],
                  chores: tuple[AgreedChore, ...],
                  asked: tuple[Member, ...]) -> AgreementVersion | None:
    """The draft ``version`` taking effect if all of ``required`` signed it, else None.

    It takes effect as it would have on the device of the last signature: at that signature's
    time, not now. Two devices doing it at once make the same version, so they do not cross.
    """
    if version.frozen or not version.ready(required):
        return None
    last = max((s.signed_at for s in version.signatures),
               default=version.updated_at or version.created_at)
    return version.took_effect(last, chores, asked)


def _latest_words_stand(version: AgreementVersion) -> AgreementVersion:
    """``version`` without the signatures their signer took back by saying "Not yet" after
    (on another device); one that took effect while a "Not yet" stood, by itself rather than
    agreed for now, is a draft again."""
    standing = version.open_not_yet()
    if not standing or version.for_now is not None:
        return version
    taken_back = {said.member_id for said in standing}
    return replace(version, status=Status.DRAFT, signed_at=None, chores=(), not_signed=(),
                   signatures=tuple(s for s in version.signatures
                                    if s.member_id not in taken_back))


def _signature_key(signature: Signature) -> tuple[str, str, str, str]:
    return signature.signed_at, signature.name, signature.role, signature.member_id


def _not_yet_key(said: NotYet) -> tuple[str, str, str, str]:
    return said.said_at, said.signed_at or "", said.name, said.member_id


def _latest_each(one: tuple[_Kept, ...], other: tuple[_Kept, ...],
                 key: Callable[[_Kept], tuple[str, ...]]) -> tuple[_Kept, ...]:
    """Each person's latest of both, earliest first."""
    latest: dict[str, _Kept] = {}
    for item in (*one, *other):
        kept = latest.get(item.member_id)
        if kept is None or key(item) > key(kept):
            latest[item.member_id] = item
    return tuple(sorted(latest.values(), key=key))
