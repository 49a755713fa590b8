"""Sync in a family's words: how long ago things were sent, what is waiting, what went wrong.

Pure functions of a :class:`SyncStatus` and the household clock, so the settings screen,
the parent's home card and the tests all say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import plural, t
from app.sync.service import SyncStatus

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

PAIRING_REASONS = ("unknown_code", "code_used", "code_expired", "household_exists",
                   "nothing_to_join", "other_household", "unreachable", "refused",
                   "key_mismatch")


@dataclass(frozen=True)
class StatusLine:
    """One line of the sync status, with how it should look (``ok``, ``warn`` or ``error``)."""

    kind: str
    text: str


def ago_words(then: float, now: float) -> str:
    """'just now', '10 minutes ago', '2 hours ago', '3 days ago'."""
    seconds = max(0.0, now - then)
    if seconds < MINUTE:
        return t("sync.ago.now")
    if seconds < HOUR:
        return plural(int(seconds // MINUTE), "sync.ago.minutes")
    if seconds < DAY:
        return plural(int(seconds // HOUR), "sync.ago.hours")
    return plural(int(seconds // DAY), "sync.ago.days")


def _sent_words(status: SyncStatus, now: float) -> str:
    if status.last_sent_at is None:
        return t("sync.status.never_sent")
    return t("sync.status.sent", when=ago_words(status.last_sent_at, now))


def _waiting_words(status: SyncStatus) -> str:
    if status.waiting:
        return plural(status.waiting, "sync.status.waiting")
    return t("sync.status.all_sent")


def status_lines(status: SyncStatus, now: float) -> list[StatusLine]:
    """Everything the family should know about sync, most important first."""
    if not status.paired:
        return [StatusLine("warn", t("sync.status.not_paired")),
                StatusLine("warn", t("sync.status.not_paired.more"))]
    if status.problem == "revoked":
        return [StatusLine("error", t("sync.status.revoked")),
                StatusLine("error", t("sync.status.revoked.more"))]
    lines: list[StatusLine] = []
    if status.agency_name:
        lines.append(StatusLine("ok", t("sync.status.connected", agency=status.agency_name)))
    if status.problem == "unreachable":
        lines.append(StatusLine("warn", t("sync.status.unreachable")))
    elif status.problem == "clock":
        lines.append(StatusLine("warn", t("sync.status.clock_far_out")))
    elif status.problem is not None:
        lines.append(StatusLine("warn", t("sync.status.refused")))
    if status.clock_out and status.problem != "clock":
        lines.append(StatusLine("warn", t("sync.status.clock_out")))
    lines.append(StatusLine("ok", _sent_words(status, now)))
    lines.append(StatusLine("warn" if status.waiting else "ok", _waiting_words(status)))
    if status.open_conflicts:
        lines.append(StatusLine("warn", plural(status.open_conflicts, "sync.status.conflicts")))
    return lines


def status_summary(status: SyncStatus, now: float) -> str:
    """One short line for a parent's home card."""
    if not status.paired:
        return t("sync.status.not_paired")
    if status.problem == "revoked":
        return t("sync.status.revoked")
    if status.problem == "unreachable":
        first = t("sync.status.unreachable")
    elif status.problem == "clock":
        first = t("sync.status.clock_far_out")
    elif status.problem is not None:
        first = t("sync.status.refused")
    else:
        first = _sent_words(status, now)
    if status.clock_out and status.problem != "clock":
        first = f"{first} {t('sync.status.clock_out.short')}"
    if status.waiting:
        return f"{first} {_waiting_words(status)}"
    return first


def pairing_words(reason: str) -> str:
    """Why pairing did not work, and what to do about it."""
    return t(f"sync.pair.error.{reason if reason in PAIRING_REASONS else 'refused'}")


def spoken_key_check(fingerprint: str) -> str:
    """The agency key check as a screen reader should say it: letter by letter, a pause
    between groups ("7 K Q 2 M, X D 9 V A, …")."""
    return ", ".join(" ".join(group) for group in fingerprint.split())
