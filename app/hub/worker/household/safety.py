"""The family's safety plan as the worker sees it, with the agency's changes to it.

The worker adds and removes bottom lines and adds next steps, each with why in plain words
(fair process: the family is told the reason). Each change is made to the plan as the hub
holds it at that moment and written as the worker's, so the family's phones get it on their
next sync; there it is "New from your worker" until a parent says they have read it, and the
worker sees who did and when. The safety scale's history and each child's own plan follow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

import flet as ft

from app import theme
from app.domain.safety import Point, SafetyPlan, SafetyRuleBroken, Section, latest_ticks
from app.hub.casework.allocation import WriteRefused
from app.hub.worker import frame
from app.hub.worker.household import changes
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import (
    Unreadable,
    refused_words,
    section_page,
    use_household,
)
from app.hub.worker.household.scale import child_plan_cards, scale_card
from app.hub.worker.session import WorkerSession, guarded, use_worker_session
from app.hub.worker.words import ago_iso, day_words_iso, person
from app.i18n import t
from app.views import widgets as w

#: "By when" choices for a next step, in days from today (None: no date).
DUE_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("none", None), ("week", 7), ("fortnight", 14), ("month", 28),
)


def problem_words(error: SafetyRuleBroken) -> str:
    """The app's own words for a change the plan cannot take."""
    return t(f"safety.error.{error.problem.value}")


async def write(session: WorkerSession, records: HouseholdRecords, change: changes.PlanChange,
                done: str) -> str:
    """Write a plan change; return an error to show, or "" when it was saved."""
    worker = session.require_worker()
    try:
        await asyncio.to_thread(changes.change_plan, session.engine, records.household_id,
                                change, worker, session.now())
    except SafetyRuleBroken as error:
        return problem_words(error)
    except WriteRefused as refused:
        session.changed()  # read again: a family taken away shows "not on your caseload"
        return refused_words(refused)
    session.changed(done)
    return ""


def point_lines(records: HouseholdRecords, points: tuple[Point, ...], empty: str,
                on_remove: Callable[[Point], Callable[..., Any]] | None = None) -> list[ft.Control]:
    """The lines of one part of the plan, each saying who added it and when."""
    if not points:
        return [frame.empty(empty)]
    rows: list[ft.Control] = []
    for point in points:
        note = t("hub.safety.added_by", name=person(records, point.created_by),
                 day=day_words_iso(point.created_at))
        note += read_at_home(records, point.reason, point.acknowledged_by,
                             point.acknowledged_at)
        trailing = None if on_remove is None else frame.small_button(
            t("hub.safety.remove"), on_remove(point), colour=theme.ERROR,
            name=t("hub.safety.remove_named", text=point.text))
        rows.append(frame.line(point.text, note=note, trailing=trailing))
    return rows


def read_at_home(records: HouseholdRecords, reason: str | None, by: str | None,
                 at: str | None) -> str:
    """For the worker's own additions: why, and whether a parent has read it at home."""
    if reason is None:
        return ""
    read = t("hub.safety.read_by", name=person(records, by), day=day_words_iso(at)) if at else (
        t("hub.safety.not_read_yet"))
    return " · " + t("hub.safety.because", reason=reason) + " · " + read


@ft.component
def BottomLines(records: HouseholdRecords, plan: SafetyPlan) -> ft.Control:
    """The agency's bottom lines: the worker adds and removes them here."""
    session = use_worker_session()
    text, set_text = ft.use_state("")
    reason, set_reason = ft.use_state("")
    error, set_error = ft.use_state("")

    async def add() -> None:
        problem = await write(session, records, changes.add_bottom_line(text, reason),
                              t("hub.safety.bottom_line_added"))
        set_error(problem)
        if not problem:
            set_text("")
            set_reason("")

    def remover(point: Point) -> Callable[..., Any]:
        async def remove() -> None:
            set_error(await write(session, records, changes.remove_bottom_line(point.id),
                                  t("hub.safety.bottom_line_removed")))

        return guarded(session, remove)

    return frame.card(t("hub.safety.bottom_lines"), [
        w.para(t("hub.safety.bottom_lines_hint"), size=14, muted=True),
        *point_lines(records, plan.points(Section.BOTTOM_LINES), t("hub.safety.none"),
                     on_remove=remover),
        w.text_field(t("hub.safety.new_bottom_line"), text, set_text, max_length=300),
        w.text_field(t("hub.safety.why_bottom_line"), reason, set_reason, max_length=300,
                     helper=t("hub.safety.why_helper"), on_submit=guarded(session, add)),
        *([w.message(error)] if error else []),
        w.secondary(t("hub.safety.add_bottom_line"), guarded(session, add)),
    ], identifier="hub-bottom-lines")


@ft.component
def NextSteps(records: HouseholdRecords, plan: SafetyPlan) -> ft.Control:
    """What needs to happen: each step with who, by when and whether it is done; add one."""
    session = use_worker_session()
    what, set_what = ft.use_state("")
    who, set_who = ft.use_state("")
    due, set_due = ft.use_state(cast(str, "none"))
    reason, set_reason = ft.use_state("")
    error, set_error = ft.use_state("")
    ticks = latest_ticks(records.action_ticks)

    async def add() -> None:
        days = dict(DUE_CHOICES).get(due)
        when = None if days is None else (session.today() + timedelta(days=days)).isoformat()
        problem = await write(session, records, changes.add_action(what, who, when, reason),
                              t("hub.safety.step_added"))
        set_error(problem)
        if not problem:
            set_what("")
            set_who("")
            set_due("none")
            set_reason("")

    rows: list[ft.Control] = []
    for action in plan.current_actions():
        tick = ticks.get(action.id)
        notes = [t("hub.safety.who", who=action.who)] if action.who else []
        if action.due:
            notes.append(t("hub.safety.due", day=day_words_iso(action.due)))
        if tick is not None and tick.done:
            notes.append(t("hub.safety.done", name=person(records, tick.created_by),
                           when=ago_iso(tick.created_at, session.now())))
        rows.append(frame.line(action.what, note=" · ".join(notes) + read_at_home(
            records, action.reason, action.acknowledged_by, action.acknowledged_at),
            bold=tick is None or not tick.done))
    return frame.card(t("hub.safety.steps"), [
        *(rows or [frame.empty(t("hub.safety.no_steps"))]),
        w.text_field(t("hub.safety.step_what"), what, set_what),
        w.text_field(t("hub.safety.step_who"), who, set_who),
        w.text_field(t("hub.safety.why_step"), reason, set_reason, max_length=300,
                     helper=t("hub.safety.why_helper")),
        w.named_choice(ft.Dropdown(
            label=t("hub.safety.step_when"), value=due,
            options=[ft.DropdownOption(key=k, text=t(f"hub.due.{k}"))
                     for k, _ in DUE_CHOICES],
            on_select=lambda e: set_due(e.control.value or "none"))),
        *([w.message(error)] if error else []),
        w.secondary(t("hub.safety.add_step"), guarded(session, add)),
    ], identifier="hub-next-steps")


@ft.component
def SafetyScreen() -> ft.Control:
    """The plan's three questions and bottom lines, the next steps, the scale, children's plans."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    plan = records.plan or SafetyPlan()
    body: list[ft.Control] = []
    if records.plan is None:
        body.append(w.message(t("hub.safety.no_plan"), kind="warn"))
    else:
        updated = t("hub.safety.updated", name=person(records, plan.updated_by),
                    when=ago_iso(plan.updated_at, session.now())) if plan.updated_at else ""
        if updated:
            body.append(w.para(updated, size=14, muted=True))
    body += [
        frame.card(t("hub.safety.working_well"), point_lines(
            records, plan.points(Section.WORKING_WELL), t("hub.safety.none"))),
        frame.card(t("hub.safety.worries"), point_lines(
            records, plan.points(Section.WORRIES), t("hub.safety.none"))),
        BottomLines(records, plan),
        NextSteps(records, plan),
        scale_card(records, session.now()),
        *child_plan_cards(records),
    ]
    return section_page(session, records, t("hub.section.safety"), body,
                        identifier="hub-safety")
