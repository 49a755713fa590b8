"""What the ritual screens share: the service, gentle count words, who takes part."""

from __future__ import annotations

from app.domain.people import Role
from app.domain.rituals import GentleCounts, Ritual
from app.i18n import plural, t
from app.services.rituals import RitualService, rituals_for
from app.views.chores.parts import and_list
from app.views.state import Session

DONE_GREEN = "#1E7B34"  # 5.3:1 on OK_BG


def service(session: Session) -> RitualService:
    """The rituals of the household this session has unlocked."""
    return rituals_for(session.require_service())


def who_words(session: Session, ritual: Ritual) -> str:
    """'Everyone' or 'Jo, Sam and Mia'."""
    if not ritual.plan.who:
        return t("rituals.everyone")
    names = {m.id: m.name for m in session.require_service().members(include_removed=True)}
    return and_list([names.get(i, "?") for i in ritual.plan.who])


def line(session: Session, ritual: Ritual) -> str:
    """'Friday evening · Everyone'."""
    parts = [ritual.plan.when] if ritual.plan.when else []
    return " · ".join([*parts, who_words(session, ritual)])


def count_words(counts: GentleCounts) -> list[str]:
    """Only good news: how often it was done. Nothing at all about days it was not."""
    if counts.in_all == 0:
        return [t("rituals.count.ready")]
    words = []
    if counts.this_week:
        words.append(plural(counts.this_week, "rituals.count.week"))
    if counts.in_all > counts.this_week:
        words.append(plural(counts.in_all, "rituals.count.all"))
    return words


def people_choices(session: Session) -> list[tuple[str, str]]:
    """Who can be part of a ritual: parents and children, as (id, name)."""
    return [(m.id, m.name) for m in session.require_service().members()
            if m.role is not Role.WORKER]
