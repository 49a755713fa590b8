"""Adding and changing a chore: its name, picture, who does it, how often, and stars."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import cast

import flet as ft

from app.domain.chores import (
    CHORE_PICTURES,
    MAX_CHORE_NAME,
    MAX_STARS,
    Chore,
    ChorePlan,
    Often,
    Who,
)
from app.i18n import plural, t
from app.services.errors import ChangedMeanwhile, kept_over, stamp_of
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import choice, date_words, heading, picture_choice, service
from app.views.state import error_message, guarded, signed_in_only, use_session

ONCE_CHOICES_DAYS = 14


def _once_label(day: date, today: date) -> str:
    if day == today:
        return t("chores.once.today")
    if day == today + timedelta(days=1):
        return t("chores.once.tomorrow")
    return date_words(day)


@ft.component
@signed_in_only
def ChoreForm(chore: Chore | None, on_done: Callable[[Chore | None], None]) -> ft.Control:
    """Ask for a chore's details; ``on_done`` gets the saved chore, or None on cancel."""
    session = use_session()
    chores = service(session)
    plan = chore.plan if chore else None
    name, set_name = ft.use_state(plan.name if plan else "")
    picture, set_picture = ft.use_state(plan.picture if plan else "")
    children, set_children = ft.use_state(list(plan.children) if plan else cast(list[str], []))
    rotate, set_rotate = ft.use_state(plan.who is Who.ROTATE if plan else False)
    often, set_often = ft.use_state(plan.often.value if plan else Often.DAILY.value)
    weekdays, set_weekdays = ft.use_state(list(plan.weekdays) if plan else cast(list[int], []))
    on_date, set_on_date = ft.use_state(
        plan.on_date.isoformat() if plan and plan.on_date else "")
    stars, set_stars = ft.use_state(plan.stars if plan else 0)
    error, set_error = ft.use_state("")
    # the chore as this form was opened on: a save over a newer one is refused, not made
    opened: ft.MutableRef[Chore | None] = ft.use_ref(lambda: chore)
    today = chores.today()
    kids = chores.children()

    def toggle_child(child_id: str) -> None:
        set_children([c for c in children if c != child_id] if child_id in children
                     else [*children, child_id])

    def toggle_day(day: int) -> None:
        if often == Often.WEEKLY.value:
            set_weekdays([day])
        else:
            set_weekdays(sorted(set(weekdays) ^ {day}))

    def show(shown: ChorePlan) -> None:
        set_name(shown.name)
        set_picture(shown.picture)
        set_children(list(shown.children))
        set_rotate(shown.who is Who.ROTATE)
        set_often(shown.often.value)
        set_weekdays(list(shown.weekdays))
        set_on_date(shown.on_date.isoformat() if shown.on_date else "")
        set_stars(shown.stars)

    def save() -> None:
        chosen = ChorePlan(
            name=name, picture=picture,
            who=Who.ROTATE if rotate and len(children) > 1 else Who.SEVERAL,
            children=tuple(children), often=Often(often), weekdays=tuple(weekdays),
            on_date=date.fromisoformat(on_date) if on_date else None, stars=stars,
        )
        me = session.require_member()
        was = opened.current
        try:
            saved = (chores.edit(me, chore.id, chosen, seen=stamp_of(was) if was else None)
                     if chore else chores.add(me, chosen))
        except ChangedMeanwhile as exc:
            if chore and was:
                opened.current = newer = chores.chore(chore.id)
                show(kept_over(chosen, was.plan, newer.plan))
            set_error(error_message(exc))
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        on_done(saved)

    body: list[ft.Control] = [
        w.text_field(t("chores.form.name"), name, set_name, max_length=MAX_CHORE_NAME,
                     helper=t("chores.form.name_helper")),
        heading(t("chores.form.picture")),
        ft.Row([picture_choice(p, t(f"chores.picture.{p}"), p == picture,
                               guarded(session, lambda p=p: set_picture(p)))
                for p in CHORE_PICTURES], wrap=True, spacing=8, run_spacing=8),
        heading(t("chores.form.who")),
    ]
    if kids:
        body.append(ft.Row([choice(k.name, k.id in children,
                                   guarded(session, lambda k=k: toggle_child(k.id)))
                            for k in kids], wrap=True, spacing=8, run_spacing=8))
    else:
        body.append(w.para(t("chores.form.no_children"), muted=True))
    if len(children) > 1:
        body.append(ft.Row([
            choice(t("chores.who.each"), not rotate, guarded(session, lambda: set_rotate(False))),
            choice(t("chores.who.rotate"), rotate, guarded(session, lambda: set_rotate(True))),
        ], wrap=True, spacing=8, run_spacing=8))
    body += [
        heading(t("chores.form.often")),
        ft.Row([choice(t(f"chores.often.{o.value}"), often == o.value,
                       guarded(session, lambda o=o: set_often(o.value))) for o in Often],
               wrap=True, spacing=8, run_spacing=8),
    ]
    if often in (Often.WEEKDAYS.value, Often.WEEKLY.value):
        body.append(w.para(t(f"chores.form.days_{often}"), muted=True))
        body.append(ft.Row([
            choice(t(f"chores.day_short.{d}"), d in weekdays,
                   guarded(session, lambda d=d: toggle_day(d)),
                   semantics_label=t(f"chores.day.{d}"))
            for d in range(7)
        ], wrap=True, spacing=6, run_spacing=8))
    elif often == Often.ONCE.value:
        days = [today + timedelta(days=n) for n in range(ONCE_CHOICES_DAYS)]
        if chore and chore.on_date and chore.on_date not in days:
            days.insert(0, chore.on_date)
        body.append(ft.Row([
            choice(_once_label(d, today), d.isoformat() == on_date,
                   guarded(session, lambda d=d: set_on_date(d.isoformat())))
            for d in days
        ], wrap=True, spacing=6, run_spacing=8))
    body += [
        heading(t("chores.form.stars")),
        ft.Row([choice(str(n) if n else t("chores.stars.none"), n == stars,
                       guarded(session, lambda n=n: set_stars(n)),
                       semantics_label=t("chores.stars.none") if n == 0
                       else plural(n, "chores.stars"))
                for n in range(MAX_STARS + 1)], wrap=True, spacing=6, run_spacing=8),
    ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, lambda: on_done(None))),
        w.primary(t("chores.form.save") if chore else t("chores.form.add"),
                  guarded(session, save)),
    ], spacing=12))
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
