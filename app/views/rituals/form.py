"""Adding and changing a family ritual: its name, picture, when, and who takes part."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import flet as ft

from app.domain.rituals import MAX_RITUAL_NAME, MAX_RITUAL_WHEN, RITUAL_PICTURES, Ritual, RitualPlan
from app.i18n import t
from app.services.errors import ChangedMeanwhile, kept_over, stamp_of
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import choice, heading, picture_choice
from app.views.rituals.parts import people_choices, service
from app.views.state import error_message, guarded, signed_in_only, use_session


@ft.component
@signed_in_only
def RitualForm(ritual: Ritual | None, on_done: Callable[[Ritual | None], None]) -> ft.Control:
    """Ask for a ritual's details; ``on_done`` gets the saved ritual, or None on cancel."""
    session = use_session()
    rituals = service(session)
    plan = ritual.plan if ritual else None
    name, set_name = ft.use_state(plan.name if plan else "")
    picture, set_picture = ft.use_state(plan.picture if plan else "")
    when, set_when = ft.use_state(plan.when if plan else "")
    who, set_who = ft.use_state(list(plan.who) if plan else cast(list[str], []))
    error, set_error = ft.use_state("")
    # the ritual as this form was opened on: a save over a newer one is refused, not made
    opened: ft.MutableRef[Ritual | None] = ft.use_ref(lambda: ritual)

    def toggle(member_id: str) -> None:
        set_who([m for m in who if m != member_id] if member_id in who else [*who, member_id])

    def save() -> None:
        chosen = RitualPlan(name=name, picture=picture, when=when, who=tuple(who))
        me = session.require_member()
        was = opened.current
        try:
            saved = (rituals.edit(me, ritual.id, chosen, seen=stamp_of(was) if was else None)
                     if ritual else rituals.add(me, chosen))
        except ChangedMeanwhile as exc:
            if ritual and was:
                opened.current = newer = rituals.ritual(ritual.id)
                shown = kept_over(chosen, was.plan, newer.plan)
                set_name(shown.name)
                set_picture(shown.picture)
                set_when(shown.when)
                set_who(list(shown.who))
            set_error(error_message(exc))
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        on_done(saved)

    body: list[ft.Control] = [
        w.text_field(t("rituals.form.name"), name, set_name, max_length=MAX_RITUAL_NAME,
                     helper=t("rituals.form.name_helper")),
        heading(t("rituals.form.picture")),
        ft.Row([picture_choice(p, t(f"rituals.picture.{p}"), p == picture,
                               guarded(session, lambda p=p: set_picture(p)))
                for p in RITUAL_PICTURES], wrap=True, spacing=8, run_spacing=8),
        w.text_field(t("rituals.form.when"), when, set_when, max_length=MAX_RITUAL_WHEN,
                     helper=t("rituals.form.when_helper")),
        heading(t("rituals.form.who")),
        w.para(t("rituals.form.who_helper"), muted=True),
        ft.Row([choice(n, i in who, guarded(session, lambda i=i: toggle(i)))
                for i, n in people_choices(session)], wrap=True, spacing=8, run_spacing=8),
    ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, lambda: on_done(None))),
        w.primary(t("rituals.form.save") if ritual else t("rituals.form.add"),
                  guarded(session, save)),
    ], spacing=12))
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
