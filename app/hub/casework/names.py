"""How the worker's screens name a household's people, so that two who look the same differ.

Each phone refuses a second "Sam", but two phones that each added one while offline both
reach the agency: the worker must still be able to tell whose check-in is whose.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from app.domain.people import Member, same_name_key
from app.hub.record_checks import parse_time
from app.i18n import t

_NEVER = datetime.max.replace(tzinfo=UTC)  # a join time that cannot be read goes last


def names_apart(members: Iterable[Member]) -> dict[str, str]:
    """Each member's name by id; names that look the same get "(1 of 2)", "(2 of 2)"...

    The numbers follow the order people joined the household (then their ids), so they stay
    the same on every screen and every visit while nobody new joins with that name.
    """
    alike: dict[str, list[Member]] = {}
    for member in sorted(members, key=lambda m: (parse_time(m.created_at) or _NEVER, m.id)):
        alike.setdefault(same_name_key(member.name), []).append(member)
    found: dict[str, str] = {}
    for group in alike.values():
        for number, member in enumerate(group, start=1):
            found[member.id] = member.name if len(group) == 1 else t(
                "hub.person.same_name", name=member.name, number=number, count=len(group))
    return found
