"""Shared documents in plain words, line by line, so two versions can be read side by side.

Every field a worker would weigh before keeping one version is a line: who a chore is for,
who has signed the agreement, whether a person is still in the household. A difference left
out here is a difference the worker settles blind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain.agreement import AgreementVersion
from app.domain.chores import Chore, Often, Who
from app.domain.circles import Circle
from app.domain.diary import DiaryEntry
from app.domain.people import Member
from app.domain.programme.conference import Conference
from app.domain.programme.nation import nation_or_none
from app.domain.programme.reviews import Review
from app.domain.programme.sessions import ProgrammeSession
from app.domain.rituals import Ritual
from app.domain.safety import SafetyPlan, Section
from app.domain.safety_child import ChildSafetyPlan
from app.hub.caseload import (
    AGREEMENTS,
    BAD_BODY,
    CHILD_PLANS,
    CHORES,
    CIRCLES,
    DIARY,
    MEMBERS,
    PLANS,
    REVIEWS,
    RITUALS,
)
from app.hub.worker.household.data import HouseholdRecords, network_from_json
from app.hub.worker.household.programme.conference import CONFERENCES, NETWORK
from app.hub.worker.household.programme.plan_data import SESSIONS
from app.hub.worker.words import day_words_iso, person
from app.i18n import language_name, plural, supported, t
from app.sync.catalogue import HOUSEHOLD

#: Fields that say when or by whom, not what: left out of the plain-words fallback (a
#: removal is said in words of its own).
_BOOKKEEPING = frozenset({"id", "revision", "created_at", "created_by", "updated_at",
                          "updated_by", "removed_at", "removed_by", "visible_to", "synced",
                          "uid"})

Describer = Callable[[dict[str, Any], HouseholdRecords], list[str]]


def _names(records: HouseholdRecords, member_ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(person(records, member_id) for member_id in member_ids)


def _plan(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    plan = SafetyPlan.from_json(body)
    lines = [t(f"hub.doc.plan.{section.value}", text=point.text)
             for section in Section for point in plan.points(section)]
    for action in plan.current_actions():
        lines.append(t("hub.doc.plan.action", text=action.what)
                     + (f" ({action.who})" if action.who else ""))
    return lines


def _child_plan(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    plan = ChildSafetyPlan.from_json(body)
    lines = [t("hub.doc.child.adult", name=a.name, phone=a.phone) for a in plan.adults()]
    lines += [t(f"hub.doc.child.{point_list}", text=point.text)
              for point_list in ("warning_signs", "calm_ideas", "safe_places")
              for point in getattr(plan, point_list) if point.shown]
    return lines


def _agreement(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    version = AgreementVersion.from_json(body)
    state = "agreed" if version.frozen else "draft"
    lines = [t(f"hub.doc.agreement.{state}", number=version.number)]
    for rule in version.rules:
        lines.append(t("hub.doc.agreement.rule", text=rule.text))
        lines += [t(f"hub.doc.agreement.{part}", rule=rule.text, words=getattr(rule, part))
                  for part in ("kept", "broken", "repair") if getattr(rule, part)]
    lines += [t("hub.doc.agreement.routine", text=routine) for routine in version.routines]
    lines += [t("hub.doc.agreement.chore", text=chore.name) for chore in version.chores]
    if version.review_date:
        lines.append(t("hub.doc.agreement.review", day=day_words_iso(version.review_date)))
    # who has signed is what two devices most often disagree on: each signer is a line
    lines += [t("hub.agreement.signature", name=signature.name)
              for signature in version.signatures]
    if not version.signatures:
        lines.append(t("hub.agreement.unsigned"))
    lines += [t("hub.agreement.wants_to_talk", name=said.name)
              for said in version.open_not_yet()]
    if version.not_signed:
        lines.append(t("hub.doc.agreement.not_signed", names=", ".join(version.not_signed)))
    if version.for_now is not None:
        lines.append(t("hub.agreement.for_now", name=version.for_now.name,
                       reason=version.for_now.reason))
    return lines


def _chore_days(chore: Chore) -> str:
    if chore.often is Often.ONCE and chore.on_date is not None:
        return t("hub.doc.chore.once", day=day_words_iso(chore.on_date.isoformat()))
    if chore.often in (Often.WEEKDAYS, Often.WEEKLY) and chore.weekdays:
        days = ", ".join(t(f"chores.day.{day}") for day in chore.weekdays if 0 <= day <= 6)
        return t("hub.doc.chore.days", days=days)
    return t(f"hub.chores.often.{chore.often.value}")


def _chore(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    chore = Chore.from_json(body)
    who = _names(records, chore.children)
    for_whom = {Who.ONE: "hub.doc.chore.for", Who.SEVERAL: "hub.doc.chore.for_each",
                Who.ROTATE: "hub.chores.rotate"}[chore.who]
    return [t("hub.doc.chore.name", text=chore.name),
            t(for_whom, who=who),
            _chore_days(chore),
            t("hub.doc.chore.stars", count=chore.stars),
            t(f"hub.chores.status.{chore.status.value}")]


def _language(tag: object, unset_key: str) -> str:
    known = supported(tag if isinstance(tag, str) else None)
    return language_name(known) if known else t(unset_key)


def _member(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    member = Member.from_json(body)
    lines = [t("hub.doc.member.name", name=member.name),
             t("hub.doc.member.role", role=t(f"role.{member.role.value}"))]
    if member.age is not None:
        lines.append(t("hub.doc.member.age", age=member.age))
    if member.removed_at:
        lines.append(t("hub.doc.member.removed", name=person(records, member.removed_by)))
    else:
        lines.append(t("hub.doc.member.in_household"))
    lines.append(t("hub.doc.member.language",
                   chosen=_language(member.language, "language.household_choice")))
    lines.append(t("hub.doc.member.text_size", percent=member.text_percent))
    return lines


def _household(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    lines = [t("hub.doc.household.name", name=body.get("name") or t("hub.doc.not_chosen"))]
    lines.append(t("hub.doc.household.language",
                   chosen=_language(body.get("language"), "hub.doc.not_chosen")))
    nation = nation_or_none(body.get("nation"))
    lines.append(t("hub.doc.household.nation",
                   nation=t(f"nation.{nation.value}") if nation else t("hub.doc.not_chosen")))
    minutes = body.get("auto_lock_minutes", 5)
    if isinstance(minutes, int):
        lines.append(t("hub.doc.household.auto_lock", minutes=plural(minutes, "time.minutes")))
    return lines


def _circle(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    circle = Circle.from_json(body)
    lines = [t(f"circles.kind.{circle.kind.value}")]
    lines += [t("hub.circles.agreed", text=a.text) for a in circle.agreements]
    if circle.finished:
        lines.append(t("hub.circles.finished"))
    return lines


def _review(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    review = Review.from_json(body)
    lines = [t("hub.doc.review.goal", goal=g.text, score=g.score) for g in review.goals]
    lines += [t(f"hub.doc.review.{key}", text=getattr(review, key))
              for key in ("went_well", "worries", "next_steps") if getattr(review, key)]
    return lines


def _diary(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    # Two wordings of one entry crossed (Jo changed it on two devices): the card shows each
    # as the diary page does, the day and part of it, then her answers.
    entry = DiaryEntry.from_json(body)
    words = entry.words
    lines = [t("hub.diary.entry", part=t(f"diary.part.{words.part.value}"),
               day=day_words_iso(words.day.isoformat())),
             t("hub.diary.by", name=person(records, entry.author_id))]
    lines += [t("hub.doc.diary.answer", question=t(f"hub.diary.{name}"), text=text)
              for name, text in zip(("went_well", "was_hard", "responded", "try_next"),
                                    words.texts, strict=True) if text]
    return lines


def _conference(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    # Most often crossed: the family's plan, written on a parent's phone in private time
    # while the coordinator's tablet still had the conference open. Until the family shares
    # it the plan is theirs alone, at the agency too: a version in private time shows where
    # the conference is and the worker's own words, not what the family is writing.
    conference = Conference.from_json(body)
    lines = [t(f"hub.conference.stage.{conference.stage.value}"), _invited(conference, records)]
    lines += [t("hub.doc.conference.worry", text=worry.text) for worry in conference.worries]
    if conference.information:
        lines.append(t("hub.doc.conference.information", text=conference.information))
    if conference.plan_shared:
        lines += _family_plan(conference)
    elif conference.private_time:  # the plan is the family's own until they share it
        lines.append(t("hub.conference.plan_private"))
    if conference.agreed is not None:
        lines.append(t("conference.decision.agreed" if conference.agreed
                       else "conference.decision.not_agreed"))
        if conference.decision_why:
            lines.append(t("hub.doc.conference.why", text=conference.decision_why))
    if conference.review_on:
        lines.append(t("conference.review_on", day=day_words_iso(conference.review_on)))
    return lines


def _family_plan(conference: Conference) -> list[str]:
    plan = conference.plan
    lines: list[str] = []
    for action in plan.actions:
        who = ", ".join(part for part in (action.who, action.by_when and t(
            "hub.doc.conference.by", day=day_words_iso(action.by_when))) if part)
        lines.append(t("hub.doc.conference.action", text=action.what)
                     + (f" ({who})" if who else ""))
    lines += [t("hub.conference.bottom_line", line=line.text,
                met=plan.bottom_lines_met.get(line.id) or t("hub.conference.not_met"))
              for line in conference.bottom_lines]
    if plan.contingencies:
        lines.append(t("hub.conference.contingencies", text=plan.contingencies))
    if plan.child_voice:
        lines.append(t("hub.conference.child_voice", text=plan.child_voice))
    return lines


def _invited(conference: Conference, records: HouseholdRecords) -> str:
    """Who from the network is invited, by name: crossed invitations are a difference too."""
    if not conference.invited:
        return t("hub.doc.conference.nobody_invited")
    names = {someone.id: someone.name for someone in records.network}
    return t("conference.invited", names=", ".join(names.get(invited, "?")
                                                   for invited in conference.invited))


def _network(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    details = network_from_json(body).details
    lines = [t("hub.doc.member.name", name=details.name)]
    if details.relationship:
        lines.append(t("hub.doc.network.relationship", text=details.relationship))
    lines.append(t("hub.doc.member.role", role=t(f"network.role.{details.role.value}")))
    if details.phone:
        lines.append(t("hub.doc.network.phone", phone=details.phone))
    lines.append(t("hub.doc.network.seen_by",
                   who=t(f"network.visibility.{details.visibility.value}")))
    if body.get("removed_at"):
        lines.append(t("hub.doc.network.removed"))
    return lines


def _session(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    # Most often crossed: who came, filled in on two devices after the same session.
    found = ProgrammeSession.from_json(body)
    lines = [t("hub.doc.session.topic", topic=found.plan.topic),
             t("hub.doc.session.day", day=day_words_iso(found.plan.day)),
             t("programme.card.expected", names=_names(records, found.plan.expected))]
    if found.attended is None:
        lines.append(t("hub.doc.session.not_recorded"))
    elif found.attended:
        lines.append(t("programme.card.came", names=_names(records, found.attended)))
    else:
        lines.append(t("programme.card.nobody_came"))
    if found.took_away:
        lines.append(t("programme.card.took_away", words=found.took_away))
    if found.cancelled:
        lines.append(t("hub.doc.session.cancelled"))
    return lines


def _ritual(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    ritual = Ritual.from_json(body)
    plan = ritual.plan
    lines = [t("hub.doc.ritual.name", text=plan.name)]
    if plan.when:
        lines.append(t("hub.rituals.when", when=plan.when))
    lines.append(t("hub.rituals.who", who=_names(records, plan.who)) if plan.who
                 else t("hub.rituals.everyone"))
    lines.append(t("hub.doc.ritual.stopped" if ritual.stopped else "hub.doc.ritual.going"))
    return lines


_DESCRIBERS: dict[str, Describer] = {
    PLANS: _plan, CHILD_PLANS: _child_plan, AGREEMENTS: _agreement, CHORES: _chore,
    CIRCLES: _circle, REVIEWS: _review, MEMBERS: _member, HOUSEHOLD: _household,
    DIARY: _diary, CONFERENCES: _conference, NETWORK: _network, RITUALS: _ritual,
    SESSIONS: _session,
}


def _item_words(item: object, records: HouseholdRecords) -> str:
    """One item of a list in a record with no words of its own: a person by name, yes or
    no, or the words a part of it holds."""
    if isinstance(item, bool):
        return t("hub.doc.yes" if item else "hub.doc.no")
    if isinstance(item, str):
        return records.name_of(item) or item
    if isinstance(item, int | float):
        return str(item)
    if isinstance(item, dict):
        return " – ".join(_item_words(value, records) for key, value in item.items()
                          if key not in _BOOKKEEPING and isinstance(value, str) and value)
    return ""


def _value_words(value: object, records: HouseholdRecords) -> str:
    """A field's value in words ("" to leave it out): a list item by item, or "none"."""
    if isinstance(value, list):
        items = [words for item in value if (words := _item_words(item, records))]
        return ", ".join(items) if items else t("hub.doc.none")
    return _item_words(value, records) if not isinstance(value, dict) else ""


def _fallback(body: dict[str, Any], records: HouseholdRecords) -> list[str]:
    """Any other document: its wording fields, named in plain words, and whether it was
    removed (a removal is never left for the worker to guess)."""
    lines = []
    for key, value in body.items():
        if key in _BOOKKEEPING or not (words := _value_words(value, records)):
            continue
        lines.append(f"{key.replace('_', ' ').capitalize()}: {words}")
    if body.get("removed_at"):
        lines.append(t("hub.doc.removed_by", name=person(records, body.get("removed_by"))))
    return lines


def describe(collection: str, body: dict[str, Any] | None,
             records: HouseholdRecords) -> list[str]:
    """One version of a document as lines of plain words (an empty one says so)."""
    if body is None:
        return [t("hub.doc.removed")]
    try:
        lines = _DESCRIBERS.get(collection, _fallback)(body, records)
    except BAD_BODY:
        lines = _fallback(body, records)
    return lines or [t("hub.doc.empty")]


def collection_words(collection: str) -> str:
    """What kind of thing a collection holds, in plain words ("The safety plan")."""
    key = f"hub.collection.{collection}"
    try:
        return t(key)
    except KeyError:
        return t("hub.collection.other")


def _text(body: dict[str, Any] | None, key: str) -> str:
    value = body.get(key) if body else None
    return value.strip() if isinstance(value, str) else ""


def record_words(collection: str, bodies: list[dict[str, Any] | None],
                 records: HouseholdRecords) -> str:
    """What a record is and, where it can be told, who it is about: "Sam's details",
    "Sam's safety plan", "The chore “Feed the cat”"; else the kind ("A circle").

    ``bodies`` are its versions, the first that names it is used.
    """
    for body in bodies:
        if collection == MEMBERS and (name := _text(body, "name")):
            return t("hub.record.member", name=name)
        if collection == CHILD_PLANS and (child := records.name_of(_text(body, "child_id"))):
            return t("hub.record.child_plan", name=child)
        if collection == CHORES and (chore := _text(body, "name")):
            return t("hub.record.chore", name=chore)
    return collection_words(collection)
