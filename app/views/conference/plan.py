"""The family's plan: written in private family time, read and ticked afterwards.

``PlanEditor`` is what the family sees in private family time: what the plan must answer,
then who does what by when, how each bottom line is met, what happens if it is not working,
and how the children were heard. It shows nothing of the worker's notes: it is only ever given
the conference as the service shows it (``Conference.as_shown``). A line that plans physical
punishment is not saved, and the family reads the law where it lives first. Words typed and
not saved are kept for the person who typed them (``Session.drafts``) until they save them.
A box saved by someone else since it was opened (another tab, another device after a sync)
refuses the save: the typed words stay, and the other person's words are shown to check.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple, cast

import flet as ft

from app import theme
from app.domain.programme.conference import Conference
from app.domain.programme.family_plan import (
    BoxKind,
    FamilyPlan,
    PlanAction,
    PlanBox,
    PlanProblem,
)
from app.domain.programme.nation import laws_for
from app.domain.records import read_day
from app.i18n import t
from app.services.errors import ChangedMeanwhile, stamp_of_words
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.conference import conferences_for
from app.views import widgets as w
from app.views.chores.parts import date_words, heading
from app.views.state import Session, error_message, guarded
from app.views.text_size import sized, tap_height
from app.views.widgets import named

BY_WHEN_DAYS = {"week": 7, "fortnight": 14, "month": 28, "three_months": 91}
PUNISHMENT_REFUSED = f"conference.plan.error.{PlanProblem.PHYSICAL_PUNISHMENT.value}"


def plan_refused(session: Session, error: InvalidInput | NotAllowed) -> str:
    """Why a change to the plan was not kept; for physical punishment, with the law (the one
    where the household lives first), as the agreement and the moments log say it."""
    message = error_message(error)
    if not (isinstance(error, InvalidInput) and error.reason == PUNISHMENT_REFUSED):
        return message
    laws = laws_for(session.require_service().household().nation)
    return "\n".join([message, t("agreement.physical.law"),
                      *("\u2022 " + t(f"agreement.physical.law.{law.value}") for law in laws)])


def card(title: str, rows: list[ft.Control], identifier: str = "") -> ft.Control:
    """A part of the conference in its own box.

    The ``identifier`` goes on the heading, not round the box: a semantics container round it
    would fold every line into one long label (or one big button) for screen readers.
    """
    top = heading(title)
    if identifier:
        top = ft.Semantics(identifier=identifier, key=identifier, content=top)
    return ft.Container(ft.Column([top, *rows], spacing=8,
                                  horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                        bgcolor=theme.SURFACE, border_radius=14, padding=12,
                        border=ft.Border.all(1, "#E2DBD2"))


def to_address(conference: Conference) -> list[ft.Control]:
    """The worries and the agency's bottom lines the plan answers."""
    rows: list[ft.Control] = []
    if conference.worries:
        rows.append(card(t("conference.worries"),
                         [w.para(f"• {x.text}", size=16) for x in conference.worries]))
    if conference.bottom_lines:
        rows.append(card(t("conference.bottom_lines"),
                         [w.para(f"• {x.text}", size=16) for x in conference.bottom_lines]))
    return rows


def action_line(action: PlanAction, done: bool = False) -> str:
    """'Grandma Pat: picks Sam up from school on Tuesdays · by Monday 7 December'."""
    words = f"{action.who}: {action.what}" if action.who else action.what
    by_when = read_day(action.by_when)  # None too for words that are no day
    if by_when is not None:
        words += " · " + t("conference.plan.by", day=date_words(by_when))
    return t("conference.plan.done_line", words=words) if done else f"• {words}"


def plan_view(conference: Conference, done: set[str]) -> list[ft.Control]:
    """The plan, to read: actions, bottom lines met, contingencies, the children's voice."""
    plan = conference.plan
    met = {b.id: b.text for b in conference.bottom_lines}
    return [
        card(t("conference.plan.actions"), [w.para(action_line(a, a.id in done), size=16)
                                            for a in plan.actions]
             or [w.para(t("conference.plan.no_actions"), muted=True)], "conference-actions"),
        card(t("conference.plan.bottom_lines_title"), [
            row for line_id, text in met.items() for row in (
                w.para(text, size=16, bold=True),
                w.para(plan.bottom_lines_met.get(line_id) or t("conference.report.not_yet"),
                       size=16))]
             or [w.para("-", muted=True)]),
        card(t("conference.plan.contingencies"),
             [w.para(plan.contingencies or t("conference.report.not_yet"), size=16)]),
        card(t("conference.plan.child_voice"),
             [w.para(plan.child_voice or t("conference.report.not_yet"), size=16)]),
    ]


class BoxSaved(NamedTuple):
    """What saving a box of the plan came to: ``problem`` is "" when the words were kept;
    ``words`` are the box's words saved now (someone else's, when their save crossed this
    one), or None when the words typed were refused for themselves."""

    problem: str
    words: str | None


@ft.component
def SavedText(session: Session, label: str, saved: str,
              on_save: Callable[[str, str | None], BoxSaved], draft_key: str,
              key: str | None = None) -> ft.Control:
    """A box the family types into and keeps with "Save" (``on_save`` gets the words and the
    ``stamp_of_words`` they were typed over).

    Words typed and not saved are kept under ``draft_key`` (one person's, see
    ``plan_editor``) as they are typed, and are there when that person comes back. If someone
    else saved the box since, the save is refused: the typed words stay, theirs are shown.
    """
    text, set_text = ft.use_state(cast(str, session.drafts.get(draft_key, saved)))
    error, set_error = ft.use_state("")
    kept, set_kept = ft.use_state(False)
    theirs, set_theirs = ft.use_state(cast(str | None, None))
    # the saved words these were typed over (kept with a draft): saving over words someone
    # saved since would undo theirs unseen, so it is refused, not made
    seen_at = f"{draft_key}:seen"
    seen: ft.MutableRef[str | None] = ft.use_ref(
        lambda: session.drafts.get(seen_at, stamp_of_words(saved)))

    def keep_draft(value: str) -> None:
        session.drafts[draft_key] = value
        session.drafts[seen_at] = seen.current

    def forget_draft() -> None:
        session.drafts.pop(draft_key, None)
        session.drafts.pop(seen_at, None)

    def typed(value: str) -> None:
        set_text(value)
        set_kept(False)
        # kept as typed, not on leaving: the auto-lock forgets who is here before the box goes
        if value != saved or theirs is not None:
            keep_draft(value)
        else:
            forget_draft()

    def save() -> None:
        outcome = on_save(text, seen.current)
        set_error(outcome.problem)
        set_kept(not outcome.problem)
        if outcome.words is not None:
            seen.current = stamp_of_words(outcome.words)
        if not outcome.problem:
            set_theirs(None)
            forget_draft()
        elif outcome.words is not None:  # someone else saved it since: theirs, to read
            set_theirs(outcome.words)
            keep_draft(text)

    return ft.Column([
        w.text_field(label, text, typed, multiline=True,
                     max_length=1000),
        *([w.message(error)] if error else []),
        *([w.para(t("conference.plan.saved_now"), muted=True),
           w.para(theirs or t("conference.report.not_yet"), size=16)]
          if theirs is not None else []),
        *([w.message(t("conference.plan.kept"), kind="ok")] if kept else []),
        # one "Save" per box: its name says which box, for screen readers (and tests)
        ft.Row([ft.OutlinedButton(
            content=named(t("conference.plan.save_named", what=label),
                          ft.Text(t("conference.plan.save"), size=sized(16))),
            on_click=guarded(session, save), height=tap_height(theme.TAP))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
def AddPlanAction(session: Session, on_add: Callable[[str, str, str | None], str],
                  draft_key: str, key: str | None = None) -> ft.Control:
    """Who does what by when; keyed by the number of actions, so a new one starts empty.

    What is typed and not yet added is kept under ``draft_key``, as in ``SavedText``.
    """
    kept: dict[str, str] = session.drafts.get(draft_key) or {}
    what, set_what = ft.use_state(kept.get("what", ""))
    who, set_who = ft.use_state(kept.get("who", ""))
    when, set_when = ft.use_state(kept.get("when", "none"))
    error, set_error = ft.use_state("")

    def change(part: str, set_part: Callable[[str], None]) -> Callable[[str], None]:
        def changed(value: str) -> None:
            set_part(value)
            now = {"what": what, "who": who, "when": when, part: value}
            if now["what"].strip() or now["who"].strip() or now["when"] != "none":
                session.drafts[draft_key] = now
            else:
                session.drafts.pop(draft_key, None)

        return changed

    def add() -> None:
        days = BY_WHEN_DAYS.get(when)
        problem = on_add(what, who, None if days is None else (
            date.fromtimestamp(session.clock()) + timedelta(days=days)).isoformat())
        set_error(problem)
        if not problem:
            session.drafts.pop(draft_key, None)

    on_when = change("when", set_when)
    return ft.Column([
        w.text_field(t("conference.plan.what"), what, change("what", set_what), max_length=300),
        w.text_field(t("conference.plan.who"), who, change("who", set_who), max_length=40),
        w.named_choice(ft.Dropdown(
            label=t("conference.plan.when"), value=when,
            options=[ft.DropdownOption(key=k, text=t(f"conference.when.{k}"))
                     for k in ("none", *BY_WHEN_DAYS)],
            on_select=lambda e: on_when(e.control.value or "none"))),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("conference.plan.add"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def plan_editor(session: Session, conference: Conference,
                changed: Callable[[], None]) -> list[ft.Control]:
    """The family writes its plan (private family time, a parent signed in)."""
    conferences = conferences_for(session.require_service())
    me = session.require_member()

    def attempt(change: Callable[[FamilyPlan], FamilyPlan]) -> str:
        try:
            conferences.change_plan(me, change)
        except (InvalidInput, NotAllowed) as exc:
            return plan_refused(session, exc)
        changed()
        return ""

    def add(what: str, who: str, by_when: str | None) -> str:
        try:
            conferences.add_action(me, what, who, by_when)
        except (InvalidInput, NotAllowed) as exc:
            return plan_refused(session, exc)
        changed()
        return ""

    def write(box: PlanBox) -> Callable[[str, str | None], BoxSaved]:
        def save(text: str, seen: str | None) -> BoxSaved:
            try:
                saved = conferences.write(me, box, text, seen)
            except ChangedMeanwhile as exc:
                now = conferences.current()
                return BoxSaved(error_message(exc), box.words(now.plan) if now else "")
            except (InvalidInput, NotAllowed) as exc:
                return BoxSaved(plan_refused(session, exc), None)
            changed()
            return BoxSaved("", box.words(saved.plan))

        return save

    def draft(box: str) -> str:
        # unsaved words are this person's, for this conference's plan: nobody else sees them
        return f"plan:{me.id}:{conference.id}:{box}"

    plan = conference.plan
    actions: list[ft.Control] = []
    for action in plan.actions:
        # keyed by the line: a second tap in the same burst finds its "Take off" gone, not
        # the next line's moved up into its place
        actions.append(ft.Row([
            ft.Container(w.para(action_line(action), size=16), expand=True),
            w.link(t("conference.plan.remove"), guarded(session, lambda a=action: attempt(
                lambda p: p.without_action(a.id)))),
        ], key=f"plan-action-{action.id}"))
    actions.append(AddPlanAction(session, add, draft("new-action"),
                                 key=f"add-plan-action-{len(plan.actions)}"))
    lines: list[ft.Control] = []
    for line in conference.bottom_lines:
        lines += [w.para(line.text, bold=True), SavedText(
            session, t("conference.plan.meets", line=line.text),
            plan.bottom_lines_met.get(line.id, ""),
            write(PlanBox(BoxKind.BOTTOM_LINE_MET, line.id)), draft(f"met-{line.id}"),
            key=f"met-{line.id}")]
    return [
        card(t("conference.plan.actions"), actions, "conference-actions"),
        *([card(t("conference.plan.bottom_lines_title"), lines, "conference-bottom-lines")]
          if lines else []),
        card(t("conference.plan.contingencies"), [SavedText(
            session, t("conference.plan.contingencies_label"), plan.contingencies,
            write(PlanBox(BoxKind.CONTINGENCIES)), draft("contingencies"),
            key="contingencies")]),
        card(t("conference.plan.child_voice"), [SavedText(
            session, t("conference.plan.child_voice_label"), plan.child_voice,
            write(PlanBox(BoxKind.CHILD_VOICE)), draft("child-voice"),
            key="child-voice")]),
    ]
