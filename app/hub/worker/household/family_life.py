"""Everyday family life, read-only for the worker: the agreement, chores, circles and diary."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import flet as ft

from app.domain.agreement import AgreementVersion
from app.domain.chores import Chore, ChoreStatus, jobs_done
from app.domain.circles import Circle
from app.domain.diary import DiaryEntry
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import Unreadable, section_page, use_household
from app.hub.worker.words import ago_iso, day_words, day_words_iso, person
from app.i18n import plural, t

CIRCLES_SHOWN = 12


def version_card(records: HouseholdRecords, version: AgreementVersion) -> ft.Control:
    """One version: its rules and routines, review date, and who signed it when."""
    title = t("hub.agreement.version_signed" if version.frozen else "hub.agreement.version_draft",
              number=version.number)
    rows: list[ft.Control] = []
    if version.signed_at:
        rows.append(frame.line(t("hub.agreement.signed_on", day=day_words_iso(version.signed_at)),
                               bold=True))
    for rule in version.rules:
        notes = [t(f"hub.agreement.{name}", words=getattr(rule, name))
                 for name in ("kept", "broken", "repair") if getattr(rule, name)]
        rows.append(frame.line(rule.text, note=" · ".join(notes)))
    for routine in version.routines:
        rows.append(frame.line(routine, note=t("hub.agreement.routine")))
    if version.review_date:
        rows.append(frame.line(t("hub.agreement.review", day=day_words_iso(version.review_date))))
    for signature in version.signatures:
        rows.append(frame.line(t("hub.agreement.signature", name=signature.name),
                               note=day_words_iso(signature.signed_at)))
    if not version.signatures:
        rows.append(frame.empty(t("hub.agreement.unsigned")))
    for said in version.open_not_yet():
        rows.append(frame.line(t("hub.agreement.wants_to_talk", name=said.name),
                               note=day_words_iso(said.said_at), bold=True))
    if version.for_now is not None:
        rows.append(frame.line(t("hub.agreement.for_now", name=version.for_now.name,
                                 reason=version.for_now.reason),
                               note=day_words_iso(version.for_now.at)))
    return frame.card(title, rows, identifier=f"hub-agreement-{version.number}")


@ft.component
def AgreementScreen() -> ft.Control:
    """Every version of the household agreement, newest first; old versions are kept."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    versions = sorted(records.agreements, key=lambda v: v.number, reverse=True)
    body = [version_card(records, v) for v in versions] or [frame.empty(t("hub.agreement.none"))]
    return section_page(session, records, t("hub.section.agreement"), body,
                        identifier="hub-agreement")


def chore_line(records: HouseholdRecords, chore: Chore, done: Counter[str]) -> ft.Control:
    """A chore: who does it, how often, and how often it was done this fortnight."""
    who = ", ".join(person(records, child) for child in chore.children)
    notes = [t(f"hub.chores.often.{chore.often.value}"),
             t("hub.chores.rotate", who=who) if chore.who.value == "rotate" else who,
             plural(done[chore.id], "hub.chores.done")]
    if chore.status is not ChoreStatus.ACTIVE:
        notes.insert(0, t(f"hub.chores.status.{chore.status.value}"))
    return frame.line(chore.name, note=" · ".join(n for n in notes if n))


@ft.component
def ChoresScreen() -> ft.Control:
    """The family's chores, with how many were done in the last two weeks."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    since = session.today() - timedelta(days=13)
    # counted as the family's own screens count: a job ticked on two devices is done once
    done = jobs_done(e for e in records.chore_ticks if e.day >= since)
    chores = sorted(records.chores, key=lambda c: (c.status is not ChoreStatus.ACTIVE, c.name))
    rows = [chore_line(records, chore, done) for chore in chores]
    body = [frame.card(t("hub.chores.title"), rows or [frame.empty(t("hub.chores.none"))])]
    return section_page(session, records, t("hub.section.chores"), body,
                        identifier="hub-chores")


def circle_card(records: HouseholdRecords, circle: Circle, turns: int,
                now: datetime) -> ft.Control:
    """A circle: its kind, when, who sat in it, and what the family agreed."""
    state = (t("hub.circles.finished") if circle.finished else t("hub.circles.open"))
    rows: list[ft.Control] = [
        frame.line(t("hub.circles.when", when=ago_iso(circle.started_at, now), state=state),
                   note=t("hub.circles.present", names=", ".join(
                       person(records, member) for member in circle.present))),
        frame.line(plural(turns, "hub.circles.turns")),
    ]
    rows += [frame.line(t("hub.circles.agreed", text=a.text)) for a in circle.agreements]
    return frame.card(t(f"circles.kind.{circle.kind.value}"), rows)


@ft.component
def CirclesScreen() -> ft.Control:
    """The family's circles, newest first, with what they agreed."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    turns = Counter(turn.circle_id for turn in records.turns)
    circles = list(reversed(records.circles))[:CIRCLES_SHOWN]
    body = [circle_card(records, c, turns[c.id], session.now()) for c in circles] or [
        frame.empty(t("hub.circles.none"))]
    return section_page(session, records, t("hub.section.circles"), body,
                        identifier="hub-circles")


def diary_card(records: HouseholdRecords, entry: DiaryEntry) -> ft.Control:
    """One shared diary entry: the day and part of it, then the four answers."""
    words = entry.words
    title = t("hub.diary.entry", part=t(f"diary.part.{words.part.value}"),
              day=day_words(words.day))
    rows: list[ft.Control] = [frame.empty(t("hub.diary.by", name=person(records,
                                                                         entry.author_id)))]
    for name, text in zip(("went_well", "was_hard", "responded", "try_next"), words.texts,
                          strict=True):
        if text:
            rows.append(frame.line(t(f"hub.diary.{name}"), note=text, bold=True))
    return frame.card(title, rows)


@ft.component
def DiaryScreen() -> ft.Control:
    """Diary entries the parents chose to share with their worker, newest first."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    entries = sorted(records.diary, key=lambda e: (e.words.day, e.created_at), reverse=True)
    body: list[ft.Control] = [frame.empty(t("hub.diary.intro"))]
    body += [diary_card(records, entry) for entry in entries] or [
        frame.empty(t("hub.diary.none"))]
    return section_page(session, records, t("hub.section.diary"), body, identifier="hub-diary")
