"""Learning topics: the cards, which the worker has covered with the family, and "What I'll try".

The cards come from their files (``app.i18n.learning``). A worker's "covered with the
family" is an event in ``learning_marks``, synced to the agency. A parent's "What I'll try"
becomes a real part of home life through the service that owns it: a draft rule in the
household agreement (with the same physical-punishment check as any rule), a ritual, a
chore for the children, or a reminder in the parent's private diary. Each is a plan for the
future, so none of them may plan physical punishment: a ritual, a job or a diary plan is read
with the same check as the family's conference plan, and refused the way a rule is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.agreement import DEFAULT_RULE_PICTURE, RULE_PICTURES, RuleField
from app.domain.chores import CHORE_PICTURES, ChorePlan, Often, Who
from app.domain.diary import DayPart, DiaryWords
from app.domain.people import Member, Role
from app.domain.programme.learning import (
    MAX_TRY_TEXT,
    LearningCard,
    TopicMark,
    TryKind,
    covered_topics,
)
from app.domain.programme.nation import Nation, PunishmentLaw, laws_for
from app.domain.punishment import as_anyone, physical_punishment_words
from app.domain.records import after_all
from app.domain.rituals import RITUAL_PICTURES, RitualPlan
from app.i18n.learning import card_files
from app.services.agreement import PhysicalPunishmentRefused, agreement_for
from app.services.base import HouseholdPart
from app.services.chores import chores_for
from app.services.diary import diary_for
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.programme.network import network_for
from app.services.rituals import rituals_for

MARKS = "learning_marks"
DEFAULT_RITUAL_PICTURE = "heart"
DEFAULT_CHORE_PICTURE = "broom"


@dataclass(frozen=True)
class Tried:
    """What a "What I'll try" idea became: its kind and the new record's id."""

    kind: TryKind
    record_id: str


def part_of_day(hour: int) -> DayPart:
    """The part of the family's day an hour falls in, for a diary reminder written now."""
    if hour < 9:
        return DayPart.MORNING
    if hour < 15:
        return DayPart.SCHOOL
    if hour < 18:
        return DayPart.AFTER_SCHOOL
    if hour < 20:
        return DayPart.EVENING
    if hour < 22:
        return DayPart.BEDTIME
    return DayPart.NIGHT


class LearningService(HouseholdPart):
    """A household's learning topics."""

    # reading -----------------------------------------------------------------------------
    def cards(self, language: str | None = None) -> list[LearningCard]:
        """Every topic's card, the standing law card first."""
        return [LearningCard.from_json(data) for data in card_files(language)]

    def card(self, topic: str, language: str | None = None) -> LearningCard:
        """One topic's card.

        Raises:
            KeyError: no card has this topic.
        """
        for card in self.cards(language):
            if card.topic == topic:
                return card
        raise KeyError(topic)

    def nation(self) -> Nation | None:
        """Where the household lives, if a parent has said."""
        return self._household.household().nation

    def laws(self) -> tuple[PunishmentLaw, ...]:
        """The laws on physical punishment, the one where the household lives first."""
        return laws_for(self.nation())

    def marks(self) -> list[TopicMark]:
        """Every "covered" mark, oldest first."""
        found = [TopicMark.from_json(doc) for doc in self._store.find(MARKS)]
        return sorted(found, key=lambda mark: (mark.at, mark.id))

    def covered(self) -> list[str]:
        """The topics the worker has covered with the family, in the cards' order."""
        return covered_topics(self.marks(), [card.topic for card in self.cards()])

    def covered_count(self) -> int:
        """How many topics have been covered with the family."""
        return len(self.covered())

    # the worker --------------------------------------------------------------------------
    def mark_covered(self, by: Member, topic: str, covered: bool = True) -> TopicMark:
        """The worker says a topic was covered with the family (or takes a mistake back).

        Raises:
            NotAllowed: only the family's worker marks topics.
            KeyError: no card has this topic.
        """
        if by.role is not Role.WORKER or not by.active:
            raise NotAllowed("only the worker marks topics covered")
        self.card(topic)
        earlier = (str(doc.get("at")) for doc in self._store.find(
            MARKS, lambda doc: doc.get("topic") == topic))
        mark = TopicMark(id=str(uuid.uuid4()), topic=topic, covered=covered, by=by.id,
                         at=after_all(self._iso(), earlier))
        self._store.put(MARKS, mark.to_json())
        return mark

    # what I'll try ---------------------------------------------------------------------------
    def try_idea(self, by: Member, kind: TryKind, text: str, picture: str = "") -> Tried:
        """Turn "What I'll try" into a draft rule, a ritual, a chore or a diary reminder.

        Raises:
            NotAllowed: only a parent or carer turns ideas into plans.
            InvalidInput: the words are missing or too long, or plan physical punishment
                (``PhysicalPunishmentRefused``, whatever the idea becomes), or a chore has no
                children to do it.
        """
        if by.role is not Role.PARENT or not by.active:
            raise NotAllowed("only a parent turns an idea into a plan")
        words = " ".join(text.split())
        if not words:
            raise InvalidInput("learning.error.words_missing")
        if len(words) > MAX_TRY_TEXT:
            raise InvalidInput("learning.error.words_long", limit=MAX_TRY_TEXT)
        if kind is not TryKind.RULE:  # a rule has the agreement's own check, field by field
            self._no_physical_punishment(words)
        if kind is TryKind.RULE:
            rule = agreement_for(self._household).save_rule(
                by, None, {RuleField.TEXT: words},
                picture if picture in RULE_PICTURES else DEFAULT_RULE_PICTURE)
            return Tried(kind, rule.id)
        if kind is TryKind.RITUAL:
            ritual = rituals_for(self._household).add(by, RitualPlan(
                name=words,
                picture=picture if picture in RITUAL_PICTURES else DEFAULT_RITUAL_PICTURE))
            return Tried(kind, ritual.id)
        if kind is TryKind.CHORE:
            children = tuple(m.id for m in self._household.members() if m.role is Role.CHILD)
            if not children:
                raise InvalidInput("learning.error.no_children")
            chore = chores_for(self._household).add(by, ChorePlan(
                name=words,
                picture=picture if picture in CHORE_PICTURES else DEFAULT_CHORE_PICTURE,
                who=Who.ONE if len(children) == 1 else Who.SEVERAL,
                children=children, often=Often.DAILY))
            return Tried(kind, chore.id)
        now = datetime.fromtimestamp(self._clock())
        entry = diary_for(self._household).write(by, DiaryWords(
            day=now.date(), part=part_of_day(now.hour), try_next=words))
        return Tried(kind, entry.entry_id)

    def _no_physical_punishment(self, words: str) -> None:
        """Refuse a ritual, a job or a diary plan that plans physical punishment, as the
        agreement refuses a rule; names are read as "they", so "if Sam hits" is a behaviour.

        Raises:
            PhysicalPunishmentRefused: the words describe hitting, smacking or the like.
        """
        names = [m.name for m in self._household.members(include_removed=True)]
        names += network_for(self._household).names().values()
        found = physical_punishment_words(as_anyone(words, names))
        if found:
            raise PhysicalPunishmentRefused({RuleField.TEXT: found})  # the idea's words

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def learning_for(household: HouseholdService) -> LearningService:
    """The learning topics of the household ``household`` serves."""
    return LearningService(household)
