"""Safety alerts: a child said they do not feel safe, or asked for help.

An alert is an event that nobody at home can delete, edit or hide. It is for the worker
(and, through sync, the agency), marked urgent and not yet sent. The worker saying "I've
seen this" is a separate event; the alert itself never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from app.domain.people import Member, Role

#: Alerts are shown to the worker only: a danger at home may come from someone at home.
ALERT_VISIBILITY: tuple[str, ...] = ("worker",)


class AlertSource(Enum):
    """Where the child asked for help."""

    CHECKIN = "checkin"  # "No, I need help" to "Do you feel safe right now?"
    HELP_BUTTON = "help_button"  # tapped an "I need help" or "Help" button
    SAFETY_SCALE = "safety_scale"  # rated how safe things are at home 0 to 3
    #: Only at the agency's hub: an alert it could not read in full (a kind from a newer
    #: Homeward, a damaged body). Still an alert: never skipped like other records.
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class SafetyAlert:
    """An event: a child signalled danger. Urgent for the agency; never changed at home."""

    id: str
    child_id: str
    source: AlertSource
    created_by: str
    created_at: str
    visible_to: tuple[str, ...] = ALERT_VISIBILITY
    urgent: bool = True
    synced: bool = False

    def to_json(self) -> dict[str, Any]:
        """The alert as stored (and as the sync issue sends it)."""
        return {
            "id": self.id,
            "child_id": self.child_id,
            "source": self.source.value,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "visible_to": list(self.visible_to),
            "urgent": self.urgent,
            "synced": self.synced,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SafetyAlert:
        """Rebuild an alert from its stored form."""
        return cls(
            id=data["id"],
            child_id=data["child_id"],
            source=AlertSource(data["source"]),
            created_by=data["created_by"],
            created_at=data["created_at"],
            visible_to=tuple(data.get("visible_to", ALERT_VISIBILITY)),
            urgent=bool(data.get("urgent", True)),
            synced=bool(data.get("synced", False)),
        )


def new_alert(alert_id: str, by: Member, source: AlertSource, at: str) -> SafetyAlert:
    """The alert a child raises for themselves.

    Raises:
        PermissionError: ``by`` is not a child (a grown-up cannot raise one in a child's name).
    """
    if by.role is not Role.CHILD:
        raise PermissionError("a child raises a safety alert for themselves")
    return SafetyAlert(alert_id, by.id, source, by.id, at)


def keepable(words: str, limit: int) -> str:
    """Words that came with a sign of danger, made keepable instead of refused: a broken
    character (half of a UTF-16 pair, which UTF-8 cannot hold) becomes U+FFFD and anything
    past ``limit`` characters is cut. Rule 1: what a child said is kept as far as it can be,
    and never takes the alert down with it."""
    whole = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in words)
    return " ".join(whole.split())[:limit].rstrip()


def may_see_alerts(viewer: Member) -> bool:
    """Only the worker sees alerts; nobody at home does."""
    return viewer.role is Role.WORKER and viewer.active


@dataclass(frozen=True)
class AlertSeen:
    """An event: the worker has seen an alert (the alert itself stays as it was)."""

    id: str
    alert_id: str
    created_by: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        """The "seen" mark as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlertSeen:
        """Rebuild a "seen" mark from its stored form."""
        return cls(data["id"], data["alert_id"], data["created_by"], data["created_at"])


def unseen(alerts: list[SafetyAlert], seen: list[AlertSeen]) -> list[SafetyAlert]:
    """The alerts no worker has marked seen yet, oldest first."""
    done = {mark.alert_id for mark in seen}
    return sorted((a for a in alerts if a.id not in done), key=lambda a: a.created_at)
