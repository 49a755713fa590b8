"""Which records a person at home may count or list (rule 7).

Nothing at home may tell a parent that a child raised an alert or wrote to their worker. Some
kinds of record are left out whole (``HIDDEN_AT_HOME``); one is left out record by record: a
child's answer on the safety scale low enough to raise an alert (``kept_from_home``). Every
count or list a parent can read of the household's records (what the agency can see, what is
waiting to send, ``homeward verify``, the export) asks ``shown_at_home``, so a child who told
and a child who did not leave the same numbers behind.

What a record shown at home says depends on who reads it (rule 2): a parent's diary is theirs
alone, a carer's own wellbeing check-in (and its average in a monthly review) is theirs and
their worker's, and a child's "Why?" on the safety scale is for the worker unless the child
said the grown-ups may read it, as are a child's words on a check-in where they said they do
not feel safe (``checkins.may_read_words``). ``read_at_home`` applies those rules to a
record, for one parent or for the whole family; both the device's export and the agency's
family copy use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.checkins import WORDS_FOR_WORKER
from app.domain.people import Role
from app.domain.safety_scale import SafetyRating, kept_from_home
from app.storage import HouseholdStore
from app.sync.catalogue import HIDDEN_AT_HOME, LOCAL_ONLY

MEMBERS = "members"
RATINGS = "safety_ratings"
CHECKINS = "checkins"
REVIEWS = "reviews"
#: Kept for the person who made them (and their worker): the rules of ``diary.may_read`` and
#: ``CheckinService.carer_checkins``.
KEPT_FOR_THEIR_AUTHOR = frozenset({"diary_entries", "carer_checkins"})
_ROLES = {role.value: role for role in Role}


def roles_at_home(store: HouseholdStore) -> dict[str, Role]:
    """Everyone's role by member id as this device knows them, people taken off too."""
    return {str(doc["id"]): _ROLES[doc["role"]] for doc in store.find(MEMBERS)
            if "id" in doc and doc.get("role") in _ROLES}


def shown_at_home(collection: str, doc: Mapping[str, Any], roles: Mapping[str, Role]) -> bool:
    """True if a screen at home may count or list this record; ``roles`` by member id."""
    if collection in HIDDEN_AT_HOME:
        return False
    if collection != RATINGS:
        return True
    try:
        rating = SafetyRating.from_json(dict(doc))
    except (KeyError, TypeError, ValueError):
        return False  # a rating that cannot be read may have raised an alert
    return not kept_from_home(rating, roles.get(rating.created_by))


def read_at_home(collection: str, doc: Mapping[str, Any], roles: Mapping[str, Role],
                 reader: str | None = None) -> dict[str, Any] | None:
    """``doc`` as the parent ``reader`` (a member id) reads it on the screens at home, or None
    when it is not theirs to read. Without a reader, as the whole family reads it: nothing
    kept for one person. ``roles`` by member id."""
    if not shown_at_home(collection, doc, roles):
        return None
    author = doc.get("created_by")
    if collection in KEPT_FOR_THEIR_AUTHOR:
        return dict(doc) if reader is not None and author == reader else None
    if collection == RATINGS:  # ``safety_scale.may_read_reason``
        # An author whose role is unknown here (a second "Ella" waiting for the worker, whose
        # member record the hub does not hold) may be a child: their "Why?" is kept, as
        # ``kept_from_home`` keeps their low rating. A parent's own words say they are shared.
        kept = (roles.get(str(author)) in (Role.CHILD, None) and author != reader
                and not doc.get("reason_for_family"))
        return {**doc, "reason": ""} if kept else dict(doc)
    if collection == CHECKINS and doc.get(WORDS_FOR_WORKER):  # ``checkins.as_read_by``
        return {**{k: v for k, v in doc.items() if k != WORDS_FOR_WORKER}, "words": ""}
    figures = doc.get("figures")
    if collection == REVIEWS and isinstance(figures, Mapping):
        carer = figures.get("carer")
        own = {who: score for who, score in carer.items()
               if who == reader} if isinstance(carer, Mapping) else {}
        return {**doc, "figures": {**figures, "carer": own}}
    return dict(doc)


def counts_at_home(store: HouseholdStore) -> dict[str, int]:
    """How many records of each kind a person at home may be told of; kinds with none (once
    the hidden ones are taken out) are left out, so their absence says nothing either."""
    roles = roles_at_home(store)
    counts: dict[str, int] = {}
    for collection in store.collections():
        if collection in LOCAL_ONLY:
            continue
        count = sum(1 for doc in store.find(collection) if shown_at_home(collection, doc, roles))
        if count:
            counts[collection] = count
    return counts
