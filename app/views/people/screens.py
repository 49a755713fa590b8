"""Managing the people of the household: add, rename, new PIN, remove (history stays)."""

from __future__ import annotations

from typing import cast

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.language import language_choice, text_size_choice
from app.views.people.form import PersonForm
from app.views.pickers import picture_pad
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height


@ft.component
@signed_in_only
def PeopleScreen() -> ft.Control:
    """Everyone in the household; parents can open a person to change them."""
    session = use_session()
    me = session.require_member()
    is_parent = me.role is Role.PARENT
    rows: list[ft.Control] = []
    for member in session.require_service().members():
        rows.append(
            ft.ListTile(
                leading=w.picture(member.avatar.value, 40),
                title=ft.Text(member.name, size=sized(18)),
                subtitle=ft.Text(t(f"role.{member.role.value}"), color=theme.MUTED),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT) if is_parent else None,
                on_click=guarded(session, lambda m=member: go(f"/people/{m.id}"))
                if is_parent else None,
                min_height=64,
            )
        )
    if is_parent:
        rows += [
            w.secondary(t("people.add.child.button"),
                        guarded(session, lambda: go("/people/add/child"))),
            w.secondary(t("people.add.parent.button"),
                        guarded(session, lambda: go("/people/add/parent"))),
            w.secondary(t("people.add.worker.button"),
                        guarded(session, lambda: go("/people/add/worker"))),
        ]
    return w.screen(t("people.title"), rows, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="people-screen")


@ft.component
@signed_in_only
def AddPersonScreen() -> ft.Control:
    """Add a child, a parent or a worker."""
    session = use_session()
    role = ft.use_route_params().get("role", "child")
    if role not in {r.value for r in Role}:
        role = Role.CHILD.value

    def done(member: Member | None) -> None:
        if member is not None:
            session.notice = t("people.added", name=member.name)
        go("/people")

    return w.screen(t(f"people.add.{role}.title"), [PersonForm(role, done)],
                    on_back=guarded(session, lambda: go("/people")),
                    on_lock=guarded(session, session.lock), identifier="add-person-screen")


@ft.component
@signed_in_only
def PersonScreen() -> ft.Control:
    """One person: rename, set a new PIN or picture PIN, language, text size, or remove them."""
    session = use_session()
    member_id = ft.use_route_params().get("member_id", "")
    name, set_name = ft.use_state(cast(str | None, None))
    pin, set_pin = ft.use_state("")
    pictures, set_pictures = ft.use_state(cast(list[str], []))
    error, set_error = ft.use_state("")
    confirming, set_confirming = ft.use_state(False)
    service = session.require_service()
    me = session.require_member()
    try:
        member = service.member(member_id)
    except KeyError:
        member = None
    if member is None or not member.active:
        return w.screen(t("people.missing"), [w.para(t("people.missing.body"))],
                        on_back=guarded(session, lambda: go("/people")),
                        on_lock=guarded(session, session.lock), identifier="person-screen")
    shown_name = member.name if name is None else name

    def attempt(action: object, done_key: str) -> None:
        try:
            action()  # type: ignore[operator]
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_pin("")
        set_pictures([])
        session.notice = t(done_key, name=service.member(member_id).name)  # as saved

    def remove() -> None:
        try:
            service.remove(me, member.id)
        except (InvalidInput, NotAllowed) as exc:
            set_confirming(False)
            set_error(error_message(exc))
            return
        session.notice = t("people.removed", name=member.name)
        go("/people")

    body: list[ft.Control] = [
        w.text_field(t("people.name"), shown_name, set_name, max_length=40),
        w.secondary(t("people.rename"), guarded(session, lambda: attempt(
            lambda: service.rename(me, member.id, shown_name), "people.renamed"))),
        ft.Divider(),
    ]
    if member.uses_picture_pin:
        body += [
            w.para(t("pin.pictures.set_intro")),
            picture_pad(pictures, set_pictures),
            w.secondary(t("pin.pictures.save"), guarded(session, lambda: attempt(
                lambda: service.change_picture_pin(me, member.id, list(pictures)),
                "pin.changed"))),
        ]
    else:
        body += [
            w.text_field(t("pin.digits.new"), pin, set_pin, password=True, numeric=True,
                         max_length=6),
            w.secondary(t("pin.digits.save"), guarded(session, lambda: attempt(
                lambda: session.pin_set_here(service.change_pin(me, member.id, pin)),
                "pin.changed"))),
        ]
    def choose_language(tag: str | None) -> None:
        guarded(session, lambda: attempt(
            lambda: session.member_changed(service.set_language(me, member.id, tag)),
            "language.changed"))()

    def choose_text_size(percent: int) -> None:
        guarded(session, lambda: attempt(
            lambda: session.member_changed(service.set_text_size(me, member.id, percent)),
            "text_size.changed"))()

    body += [ft.Divider(), language_choice(member.language, choose_language,
                                           offer_household=True),
             text_size_choice(member.text_scale, choose_text_size)]
    if error:
        body.append(w.message(error))
    body.append(ft.Divider())
    if confirming:
        body.append(w.ask_first(t("people.remove.confirm", name=member.name),
                                t("people.remove.yes"), guarded(session, remove),
                                guarded(session, lambda: set_confirming(False))))
    else:
        body.append(ft.OutlinedButton(
            t("people.remove", name=member.name), icon=ft.Icons.PERSON_REMOVE_OUTLINED,
            on_click=guarded(session, lambda: set_confirming(True)),
            style=ft.ButtonStyle(color=theme.ERROR),
            height=tap_height(theme.TAP),
        ))
    return w.screen(member.name, body, on_back=guarded(session, lambda: go("/people")),
                    on_lock=guarded(session, session.lock), identifier="person-screen")
