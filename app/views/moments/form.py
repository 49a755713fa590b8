"""Writing a hard moment down: who, when, what happened, what set it off, what they might have
needed, the consequence used (one the family agreed, or typed), the repair and the ending.

A hard moment is what happened, so it is always saved as written. When it tells of physical
punishment, the form answers once it is saved: warmly, with the law where the family lives,
and that their worker can see it and help.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar, cast

import flet as ft

from app.domain.agreement import parse_uk_date
from app.domain.people import Role
from app.domain.programme.moments import (
    MAX_CONSEQUENCE,
    MAX_NEED_WORDS,
    MAX_REPAIR,
    MAX_WHAT,
    Ending,
    HardMoment,
    MomentDraft,
    Need,
    Trigger,
)
from app.i18n import t
from app.services.errors import ChangedMeanwhile, kept_over, stamp_of
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import idea
from app.views.chores.parts import choice, heading
from app.views.drafts import Draft
from app.views.moments.parts import parse_time, punishment_answer, service, uk_day
from app.views.state import error_message, guarded, signed_in_only, use_session
from app.views.text_size import scale

REPAIR_IDEAS = 4
E = TypeVar("E", bound=Enum)


@ft.component
@signed_in_only
def MomentForm(moment: HardMoment | None,
               on_done: Callable[[HardMoment | None], None]) -> ft.Control:
    """Ask for a hard moment; ``on_done`` gets the saved moment, or None on cancel."""
    session = use_session()
    log = service(session)
    me = session.require_member()
    d = moment.draft if moment else None
    now = datetime.fromtimestamp(session.clock())
    at = datetime.fromisoformat(d.happened_at) if d else now
    as_saved = _as_form(d, at)
    unsaved = Draft.of(session, "moments", moment.id if moment else "new")
    start: dict[str, Any] = {**as_saved, **unsaved.read({})}
    children, set_children = ft.use_state(cast(list[str], list(start["children"])))
    day, set_day = ft.use_state(cast(str, start["day"]))
    time, set_time = ft.use_state(cast(str, start["time"]))
    what, set_what = ft.use_state(cast(str, start["what"]))
    trigger, set_trigger = ft.use_state(_maybe(Trigger, start["trigger"]))
    needs, set_needs = ft.use_state([Need(n) for n in start["needs"]])
    need_words, set_need_words = ft.use_state(cast(str, start["need_words"]))
    consequence, set_consequence = ft.use_state(cast(str, start["consequence"]))
    rule_id, set_rule_id = ft.use_state(cast(str | None, start["rule_id"]))
    repair, set_repair = ft.use_state(cast(str, start["repair"]))
    ending, set_ending = ft.use_state(_maybe(Ending, start["ending"]))
    error, set_error = ft.use_state("")
    told, set_told = ft.use_state(cast(HardMoment | None, None))  # saved, telling of a smack
    # the moment as this form was opened on: a save over a newer one is refused, not made
    opened: ft.MutableRef[HardMoment | None] = ft.use_ref(lambda: moment)
    # a child who has left stays offered while on the record, so the parent can keep or untick
    kids = [m for m in session.require_service().members(include_removed=True)
            if m.role is Role.CHILD and (m.active or (d is not None and m.id in d.children))]

    def keep_draft() -> None:
        unsaved.keep({"children": list(children), "day": day, "time": time, "what": what,
                      "trigger": trigger.value if trigger else None,
                      "needs": [n.value for n in needs], "need_words": need_words,
                      "consequence": consequence, "rule_id": rule_id, "repair": repair,
                      "ending": ending.value if ending else None}, as_saved)

    ft.use_effect(keep_draft, [children, day, time, what, trigger, needs, need_words,
                               consequence, rule_id, repair, ending])

    def done(saved: HardMoment | None) -> None:
        unsaved.forget()  # saved or let go: nothing half-typed to keep now
        on_done(saved)
    agreed = log.agreed_consequences(me)

    def toggle_child(member_id: str) -> None:
        set_children([c for c in children if c != member_id] if member_id in children
                     else [*children, member_id])

    def toggle_need(need: Need) -> None:
        set_needs([n for n in needs if n != need] if need in needs else [*needs, need])

    def typed_consequence(text: str) -> None:
        set_consequence(text)
        set_rule_id(None)  # typed words are the family's own, not a rule's as agreed

    def choose_agreed(chosen_rule: str, words: str) -> None:
        set_consequence(words)
        set_rule_id(chosen_rule)

    def show(shown: MomentDraft) -> None:
        shown_at = datetime.fromisoformat(shown.happened_at)
        set_children(list(shown.children))
        set_day(uk_day(shown_at.date()))
        set_time(shown_at.strftime("%H:%M"))
        set_what(shown.what_happened)
        set_trigger(shown.trigger)
        set_needs(list(shown.needs))
        set_need_words(shown.need_words)
        set_consequence(shown.consequence)
        set_rule_id(shown.consequence_rule_id)
        set_repair(shown.repair)
        set_ending(shown.ending)

    def save() -> None:
        parsed_day, parsed_time = parse_uk_date(day), parse_time(time)
        if parsed_day is None or parsed_time is None:
            set_error(t("moments.error.day" if parsed_day is None else "moments.error.time"))
            return
        when = datetime(parsed_day.year, parsed_day.month, parsed_day.day, *parsed_time)
        draft = MomentDraft(
            children=tuple(children), happened_at=when.isoformat(timespec="minutes"),
            what_happened=what, trigger=trigger, needs=tuple(needs), need_words=need_words,
            consequence=consequence, consequence_rule_id=rule_id, repair=repair, ending=ending)
        was = opened.current
        try:
            saved = (log.change(me, moment.id, draft, seen=stamp_of(was) if was else None)
                     if moment else log.record(me, draft))
        except ChangedMeanwhile as exc:
            if moment and was:
                opened.current = newer = log.moment(me, moment.id)
                show(kept_over(draft, was.draft, newer.draft))
            set_error(error_message(exc))
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        unsaved.forget()
        if saved.punishment_words:
            set_told(saved)  # kept; now the answer, before going back to the log
            return
        done(saved)

    if told is not None:
        kept = told
        return punishment_answer(session, kept, guarded(session, lambda: on_done(kept)))

    def pick(selected: bool, label: str, act: Callable[..., Any]) -> ft.Control:
        return choice(label, selected, guarded(session, act))

    def row(items: list[ft.Control]) -> ft.Control:
        return ft.Row(items, wrap=True, spacing=8, run_spacing=8)

    body: list[ft.Control] = [
        heading(t("moments.form.who")),
        row([pick(k.id in children,
                  k.name if k.active else t("moments.form.has_left", name=k.name),
                  lambda k=k: toggle_child(k.id)) for k in kids]),
        _when(w.text_field(t("moments.form.day"), day, set_day, max_length=10),
              w.text_field(t("moments.form.time"), time, set_time, max_length=5)),
        w.text_field(t("moments.form.what"), what, set_what, multiline=True, max_length=MAX_WHAT,
                     helper=t("moments.form.what_helper")),
        heading(t("moments.form.trigger")),
        row([pick(trigger is k, t(f"moments.trigger.{k.value}"),
                  lambda k=k: set_trigger(None if trigger is k else k)) for k in Trigger]),
        heading(t("moments.form.needs")),
        w.para(t("moments.form.needs_prompt"), muted=True),
        row([pick(n in needs, t(f"moments.need.{n.value}"), lambda n=n: toggle_need(n))
             for n in Need]),
        w.text_field(t("moments.form.need_words"), need_words, set_need_words, multiline=True,
                     max_length=MAX_NEED_WORDS),
        heading(t("moments.form.consequence")),
        w.para(t("moments.form.consequence_helper") if agreed
               else t("moments.form.consequence_none"), muted=True),
        row([pick(rule_id == a.rule_id and consequence == a.consequence,
                  t("moments.rule_consequence", rule=a.rule, consequence=a.consequence),
                  lambda a=a: choose_agreed(a.rule_id, a.consequence)) for a in agreed]),
        w.text_field(t("moments.form.consequence_words"), consequence, typed_consequence,
                     max_length=MAX_CONSEQUENCE),
    ]
    body += [
        heading(t("moments.form.repair")),
        w.text_field(t("moments.form.repair"), repair, set_repair, multiline=True,
                     max_length=MAX_REPAIR),
        row([idea(words, guarded(session, lambda words=words: set_repair(words)))
             for words in (t(f"moments.repair.idea.{n}") for n in range(1, REPAIR_IDEAS + 1))]),
        heading(t("moments.form.ending")),
        row([pick(ending is e, t(f"moments.ending.{e.value}"),
                  lambda e=e: set_ending(None if ending is e else e)) for e in Ending]),
    ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, lambda: done(None))),
        w.primary(t("moments.form.save") if moment else t("moments.form.add"),
                  guarded(session, save)),
    ], spacing=12))
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _when(day: ft.Control, time: ft.Control) -> ft.Control:
    """The day and time boxes: side by side at 100%, one above the other at bigger text.

    Side by side at 200% on a phone the day box showed "02/12/20", the year cut off.
    """
    if scale() != 1.0:
        return ft.Column([day, time], spacing=14,
                         horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.Row([ft.Container(day, expand=True), ft.Container(time, width=150)], spacing=12)


def _as_form(d: MomentDraft | None, at: datetime) -> dict[str, Any]:
    """The form's boxes as a moment was saved (``None``: a new one, happening ``at``)."""
    return {"children": list(d.children) if d else [], "day": uk_day(at.date()),
            "time": at.strftime("%H:%M"), "what": d.what_happened if d else "",
            "trigger": d.trigger.value if d and d.trigger else None,
            "needs": [n.value for n in d.needs] if d else [],
            "need_words": d.need_words if d else "", "consequence": d.consequence if d else "",
            "rule_id": d.consequence_rule_id if d else None, "repair": d.repair if d else "",
            "ending": d.ending.value if d and d.ending else None}


def _maybe(kind: type[E], value: str | None) -> E | None:
    """The enum member named by a kept ``value``, or None."""
    return kind(value) if value is not None else None
