"""The form for adding a person: a parent or worker with a PIN, or a child with pictures."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import flet as ft

from app.domain.people import Avatar, Member, Role
from app.i18n import t
from app.services.household import InvalidInput
from app.views import widgets as w
from app.views.language import language_choice
from app.views.pickers import avatar_picker, picture_pad
from app.views.state import error_message, guarded, use_session


@ft.component
def PersonForm(
    role: str, on_done: Callable[[Member | None], None], can_cancel: bool = True
) -> ft.Control:
    """Ask for what a new person needs; ``on_done`` gets the new member, or None on cancel."""
    session = use_session()
    name, set_name = ft.use_state("")
    pin, set_pin = ft.use_state("")
    pin_again, set_pin_again = ft.use_state("")
    age, set_age = ft.use_state("")
    avatar, set_avatar = ft.use_state(cast(Avatar | None, None))
    pictures, set_pictures = ft.use_state(cast(list[str], []))
    language, set_language = ft.use_state(cast(str | None, None))
    error, set_error = ft.use_state("")
    is_child = role == Role.CHILD.value

    def save() -> None:
        service = session.require_service()
        by = session.member
        try:
            if is_child:
                if avatar is None:
                    raise InvalidInput("people.error.avatar_missing")
                years = int(age) if age.strip().isdigit() else None
                member = service.add_child(name, years, avatar, list(pictures), by=by,
                                           language=language)
            else:
                if pin != pin_again:
                    raise InvalidInput("pin.error.mismatch")
                add = service.add_worker if role == Role.WORKER.value else service.add_parent
                member = add(name, pin, by=by, language=language)
        except (InvalidInput, PermissionError) as exc:
            set_error(error_message(exc))
            return
        on_done(member)

    fields: list[ft.Control] = [
        w.para(t(f"people.add.{role}.intro"), muted=True),
        w.text_field(t("people.name"), name, set_name, autofocus=True, max_length=40),
    ]
    if is_child:
        fields += [
            w.text_field(t("people.age"), age, set_age, numeric=True, max_length=2),
            avatar_picker(avatar, lambda a: set_avatar(Avatar(a))),
            w.para(t("pin.pictures.set_intro")),
            picture_pad(pictures, set_pictures),
        ]
    else:
        fields += [
            w.para(t("pin.digits.set_intro")),
            w.text_field(t("pin.digits.new"), pin, set_pin, password=True, numeric=True,
                         max_length=6),
            w.text_field(t("pin.digits.again"), pin_again, set_pin_again, password=True,
                         numeric=True, max_length=6, on_submit=guarded(session, save)),
        ]
    fields.append(language_choice(language, set_language, offer_household=True))
    if error:
        fields.append(w.message(error))
    actions = [w.primary(t(f"people.add.{role}.save"), guarded(session, save))]
    if can_cancel:
        actions.insert(0, w.secondary(t("common.cancel"), guarded(session, lambda: on_done(None))))
    fields.append(ft.Row(actions, spacing=12))
    return ft.Column(fields, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
