"""The worker's pages for a household's hard moments (with their patterns) and its programme
plan (sessions, who came, what the family took from each).

Hard moments are written at home by the parents or carers (or by the worker at a visit) and
are never shown to the children there; here the worker reads the patterns first, then the
moments, newest first. A moment that tells of physical punishment is kept as the parent wrote
it and marked, here and in the note under the page's tile, for the worker to take up kindly.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.programme.moments import patterns
from app.domain.programme.sessions import count_attendance
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import Unreadable, read, section_page, use_household
from app.hub.worker.household.programme.plan_data import PlanRecords, plan_records
from app.hub.worker.words import day_words_iso
from app.i18n import plural, t
from app.views.moments.parts import card_lines, patterns_card, quoted, when_words
from app.views.programme.parts import attendance_lines

MOMENTS_SHOWN = 40


def _names(records: HouseholdRecords) -> dict[str, str]:
    """Everyone's name, someone taken off the household marked so, as the other pages do."""
    names = records.names()
    return {member_id: t("hub.strengths.child_left", name=name)
            if (member := records.members.get(member_id)) is not None and not member.active
            else name for member_id, name in names.items()}


def _with_not_read(note: str, skipped: int) -> str:
    """A tile's note, and how many of its records could not be read, if any."""
    if not skipped:
        return note
    return t("hub.count.with_not_read", count=note, not_read=plural(skipped, "hub.count.not_read"))


@ft.component
def MomentsScreen() -> ft.Control:
    """The household's hard moments: patterns by time of day and trigger, then each moment."""
    session, household_id, records = use_household()
    plan = read(session, lambda: plan_records(session.engine, household_id))
    if records is None or plan is None:
        return Unreadable()
    names = _names(records)
    body: list[ft.Control] = [frame.empty(t("hub.moments.intro")),
                              patterns_card(patterns(plan.moments))]
    for moment in plan.moments[:MOMENTS_SHOWN]:
        rows = [frame.line(line) for line in card_lines(moment, names)]
        if moment.punishment_words:  # told honestly at home: for the worker to take up
            rows.append(frame.line(t("hub.moments.physical",
                                     words=quoted(moment.punishment_words)),
                                   bold=True, colour=theme.ERROR))
        rows.append(frame.empty(t("hub.moments.by", name=names.get(
            moment.created_by, records.workers.get(moment.created_by, "?")))))
        body.append(frame.card(when_words(moment.draft.happened_at), rows,
                               identifier=f"hub-moment-{moment.id}"))
    if not plan.moments:
        body.append(frame.empty(t("hub.moments.none")))
    return section_page(session, records, t("hub.section.moments"), body,
                        identifier="hub-moments", skipped=plan.moments_skipped)


@ft.component
def ProgrammeScreen() -> ft.Control:
    """The household's programme plan: attendance, then every session by day."""
    session, household_id, records = use_household()
    plan = read(session, lambda: plan_records(session.engine, household_id))
    if records is None or plan is None:
        return Unreadable()
    names = _names(records)
    body: list[ft.Control] = [frame.empty(t("hub.programme.intro"))]
    if plan.sessions:
        counted = count_attendance(plan.sessions, session.today())
        body.append(frame.card(t("hub.programme.attendance"), [
            frame.line(line) for line in attendance_lines(counted, names)],
            identifier="hub-programme-attendance"))
    for s in reversed(plan.sessions):
        rows = [frame.line(t("programme.card.expected", names=", ".join(
            names.get(m, "?") for m in s.plan.expected)))]
        if s.attended is None:
            rows.append(frame.empty(t("hub.programme.to_come" if s.day > session.today()
                                      else "hub.programme.not_recorded")))
        else:
            rows.append(frame.line(t("programme.card.came", names=", ".join(
                names.get(m, "?") for m in s.attended)) if s.attended
                else t("programme.card.nobody_came"), bold=True))
        if s.took_away:
            rows.append(frame.line(t("programme.card.took_away", words=s.took_away)))
        body.append(frame.card(f"{day_words_iso(s.plan.day)}: {s.plan.topic}", rows,
                               identifier=f"hub-session-{s.id}"))
    if not plan.sessions:
        body.append(frame.empty(t("hub.programme.none")))
    return section_page(session, records, t("hub.section.programme"), body,
                        identifier="hub-programme", skipped=plan.sessions_skipped)


def plan_notes(plan: PlanRecords | None, today_iso: str) -> dict[str, str]:
    """Notes under the two tiles on the household's page."""
    if plan is None:
        return {}
    upcoming = [s for s in plan.sessions if s.plan.day >= today_iso and not s.held]
    held = sum(1 for s in plan.sessions if s.held)
    moments = plural(len(plan.moments), "hub.count.moments")
    busiest = patterns(plan.moments).busiest_time
    if busiest is not None:  # the pattern worth seeing before opening the page
        moments = t("hub.count.moments_busiest", count=moments,
                    part=t(f"moments.part.{busiest.value}"))
    told = sum(1 for m in plan.moments if m.punishment_words)
    if told:  # a smack told of at home is worth seeing before opening the page
        moments = t("hub.count.moments_told", count=moments,
                    told=plural(told, "hub.count.moments_physical"))
    programme = (t("hub.count.programme_next", day=day_words_iso(upcoming[0].plan.day))
                 if upcoming else
                 t("hub.count.programme_held", held=held, planned=len(plan.sessions)))
    return {
        "moments": _with_not_read(moments, plan.moments_skipped),
        "programme": _with_not_read(programme, plan.sessions_skipped),
    }
