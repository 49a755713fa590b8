"""A family's phone for the worker-side tests: pairs with the hub and pushes domain records.

Every record goes through the real protocol (signed, compressed, answered per record), shaped
as the app stores it (``to_json()`` of the domain record), so the hub holds what a real
household would send.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from hub_device import HubDevice, record

from app.domain.alerts import AlertSource, SafetyAlert
from app.domain.checkins import CheckIn, Feeling
from app.domain.people import Avatar, Member, Role
from app.domain.safety_scale import SafetyRating
from app.hub.admin import issue_pairing_code
from tests.hubkit import RunningHub


def iso(moment: datetime) -> str:
    """A record's timestamp as the app writes it."""
    return moment.isoformat()


class Family:
    """A paired phone of one household, pushing domain records as the app would."""

    def __init__(self, hub: RunningHub, household_id: str, now: datetime | None = None) -> None:
        code = issue_pairing_code(hub.engine, household_id).code
        self.phone = HubDevice.pair(hub.url, code)
        self.household_id = household_id
        self.now = now or datetime.now(UTC).replace(microsecond=0)
        self._workers: set[str] = set()

    def push(self, collection: str, doc: Any, *, at: datetime | None = None,
             record_id: str | None = None, expect: str = "stored", **fields: Any) -> str:
        """Push one document (``body=None`` in ``fields`` for none); return its record id.

        ``fields`` override the record's other fields (revision, base_revision, author...);
        ``expect`` is the hub's answer the push must get.
        """
        rid = record_id or str(doc.get("id") or uuid.uuid4())
        stamp = int((at or self.now).timestamp() * 1000)
        fields.setdefault("body", doc)
        fields.setdefault("hlc", f"{stamp:013d}-0000-phone")
        sent = record(rid, collection=collection, **fields)
        answer = self.phone.push([sent])
        assert self.phone.statuses(answer) == [expect], answer.json()
        return rid

    def member(self, member_id: str, name: str, role: Role) -> None:
        """Push a member as a device sends it (no PIN hash)."""
        doc = Member(member_id, name, role, Avatar.FOX, iso(self.now)).to_json()
        self.push("members", doc)

    def worker(self, member_id: str = "priya", name: str = "Priya Shah") -> str:
        """The family's worker, as the phone's people hold them (sent once); return their id.

        The hub takes a visit only from one of the household's workers.
        """
        if member_id not in self._workers:
            self.member(member_id, name, Role.WORKER)
            self._workers.add(member_id)
        return member_id

    def checkin(self, by: str, at: datetime, feeling: Feeling = Feeling.CALM,
                words: str = "") -> None:
        """Push a check-in made at ``at``."""
        checkin = CheckIn(str(uuid.uuid4()), feeling, 3, (), (), words, by, iso(at))
        self.push("checkins", checkin.to_json(), at=at)

    def alert(self, child: str, at: datetime) -> str:
        """Push a child's safety alert; return its id."""
        alert = SafetyAlert(str(uuid.uuid4()), child, AlertSource.CHECKIN, child, iso(at))
        return self.push("safety_alerts", alert.to_json(), at=at, urgent=True)

    def rating(self, by: str, score: int, at: datetime) -> None:
        """Push a safety-scale rating."""
        rating = SafetyRating(str(uuid.uuid4()), score, "", by, iso(at))
        self.push("safety_ratings", rating.to_json(), at=at)
