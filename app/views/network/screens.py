"""The network's screens: the list with Call buttons, and adding or changing someone."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.domain.people import Role
from app.domain.programme.network import (
    MAX_NAME,
    MAX_RELATIONSHIP,
    NetworkDetails,
    NetworkPerson,
    NetworkRole,
    Visibility,
    may_change_network,
)
from app.i18n import t
from app.services.errors import ChangedMeanwhile, kept_over, stamp_of
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import choice, heading
from app.views.network.parts import person_card, service
from app.views.state import (
    Session,
    error_message,
    go,
    guarded,
    signed_in_only,
    use_session,
)


def draft_key(session: Session, person_id: str | None) -> str:
    """Where the signed-in person's unsaved details for one form are kept (``None``: adding)."""
    return f"network:{session.require_member().id}:{person_id or 'new'}"


def seen_key(session: Session, person_id: str | None) -> str:
    """Where the stamp of what a kept draft was typed over is kept, beside it."""
    return f"network-seen:{session.require_member().id}:{person_id or 'new'}"


def forget_drafts_for(session: Session, person_id: str) -> None:
    """Someone was taken off the network: nobody's half-typed change to them is wanted now."""
    for key in [k for k in session.drafts if k.startswith(("network:", "network-seen:"))
                and k.endswith(f":{person_id}")]:
        session.drafts.pop(key, None)


@ft.component
@signed_in_only
def NetworkForm(person: NetworkPerson | None,
                on_done: Callable[[NetworkPerson | None], None]) -> ft.Control:
    """Ask for someone's details; ``on_done`` gets the saved person, or None on cancel.

    What is typed and not saved is kept for this person (``Session.drafts``), one draft for
    adding and one for each person in the network, and is there when they come back after
    the auto-lock or Back; Save and Cancel forget it. Nobody else signed in sees it.
    """
    session = use_session()
    was = person.details if person else NetworkDetails("")
    saved_form = {"name": was.name, "relationship": was.relationship, "role": was.role.value,
                  "phone": was.phone, "visibility": was.visibility.value}
    key = draft_key(session, person.id if person else None)
    kept: dict[str, str] = {**saved_form, **(session.drafts.get(key) or {})}
    name, set_name = ft.use_state(kept["name"])
    relationship, set_relationship = ft.use_state(kept["relationship"])
    role, set_role = ft.use_state(kept["role"])
    phone, set_phone = ft.use_state(kept["phone"])
    visibility, set_visibility = ft.use_state(kept["visibility"])
    error, set_error = ft.use_state("")
    # the person as this form was opened on, and the stamp of what its words were typed over
    # (kept with a draft): a save over a newer one is refused, not made
    opened: ft.MutableRef[NetworkPerson | None] = ft.use_ref(lambda: person)
    seen_at = seen_key(session, person.id if person else None)
    seen: ft.MutableRef[str | None] = ft.use_ref(
        lambda: session.drafts.get(seen_at, stamp_of(person) if person else None))

    def keep_draft() -> None:
        # kept as it changes, not on leaving: the auto-lock forgets who is here before the
        # form goes, and the details must not go with them
        now = {"name": name, "relationship": relationship, "role": role, "phone": phone,
               "visibility": visibility}
        if now == saved_form:
            session.drafts.pop(key, None)
            session.drafts.pop(seen_at, None)
        else:
            session.drafts[key] = now
            session.drafts[seen_at] = seen.current

    ft.use_effect(keep_draft, [name, relationship, role, phone, visibility])

    def forget() -> None:
        session.drafts.pop(key, None)
        session.drafts.pop(seen_at, None)

    def cancel() -> None:
        forget()
        on_done(None)

    def changed_meanwhile(chosen: NetworkDetails) -> None:
        assert person is not None  # only a change is refused
        newer = service(session).person(session.require_member(), person.id)
        first = opened.current
        # a draft kept from an older revision than the form opened on: all of it is shown
        base = first.details if first and stamp_of(first) == seen.current else newer.details
        shown = kept_over(chosen, base, newer.details)
        opened.current, seen.current = newer, stamp_of(newer)
        if key in session.drafts:
            session.drafts[seen_at] = seen.current
        set_name(shown.name)
        set_relationship(shown.relationship)
        set_role(shown.role.value)
        set_phone(shown.phone)
        set_visibility(shown.visibility.value)

    def save() -> None:
        details = NetworkDetails(name, relationship, NetworkRole(role), phone,
                                 Visibility(visibility))
        me = session.require_member()
        try:
            saved = (service(session).change(me, person.id, details, seen=seen.current)
                     if person else service(session).add(me, details))
        except ChangedMeanwhile as exc:
            changed_meanwhile(details)
            set_error(error_message(exc))
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        forget()
        on_done(saved)

    body: list[ft.Control] = [
        w.text_field(t("network.form.name"), name, set_name, max_length=MAX_NAME),
        w.text_field(t("network.form.relationship"), relationship, set_relationship,
                     max_length=MAX_RELATIONSHIP, helper=t("network.form.relationship_helper")),
        w.named_choice(ft.Dropdown(
            label=t("network.form.role"), value=role,
            options=[ft.DropdownOption(key=r.value, text=t(f"network.role.{r.value}"))
                     for r in NetworkRole],
            on_select=lambda e: set_role(e.control.value or NetworkRole.OTHER.value))),
        w.text_field(t("network.form.phone"), phone, set_phone, max_length=20,
                     helper=t("network.form.phone_helper")),
        heading(t("network.form.who_sees")),
        ft.Column([choice(t(f"network.visibility.{v.value}"), v.value == visibility,
                          guarded(session, lambda v=v: set_visibility(v.value)))
                   for v in Visibility], spacing=8,
                  horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
    ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, cancel)),
        w.primary(t("network.form.save") if person else t("network.form.add"),
                  guarded(session, save)),
    ], spacing=12))
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
@signed_in_only
def NetworkScreen() -> ft.Control:
    """The people around the family, each with a Call button; grown-ups add and change."""
    session = use_session()
    me = session.require_member()
    people = service(session).people(me)
    grown_up = may_change_network(me)
    body: list[ft.Control] = [w.para(t("network.child.intro" if me.role is Role.CHILD
                                       else "network.intro"), size=18)]
    if grown_up:
        body.append(w.primary(t("network.add"), guarded(session, lambda: go("/network/add"))))
    if not people:
        body.append(w.para(t("network.none_yet"), muted=True))
    for person in people:
        change = guarded(session, lambda p=person: go(f"/network/{p.id}")) if grown_up else None
        body.append(person_card(person, on_change=change, big=me.role is Role.CHILD,
                                for_child=me.role is Role.CHILD))
    return w.screen(t("network.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="network-screen")


@ft.component
@signed_in_only
def AddPersonScreen() -> ft.Control:
    """A parent or the worker adds someone to the network."""
    session = use_session()

    def done(person: NetworkPerson | None) -> None:
        session.notice = t("network.added", name=person.name) if person else ""
        go("/network")

    body: list[ft.Control] = ([NetworkForm(None, done)]
                              if may_change_network(session.require_member())
                              else [w.message(t("error.not_allowed"))])
    return w.screen(t("network.add"), body, on_back=guarded(session, lambda: go("/network")),
                    on_lock=guarded(session, session.lock), identifier="network-add-screen")


@ft.component
@signed_in_only
def PersonScreen() -> ft.Control:
    """A parent or the worker changes someone's details, or takes them off."""
    session = use_session()
    me = session.require_member()
    person_id = ft.use_route_params().get("person_id", "")
    asking, set_asking = ft.use_state(False)
    back = guarded(session, lambda: go("/network"))
    try:
        person: NetworkPerson | None = service(session).person(me, person_id)
    except KeyError:
        person = None
    if person is None or not may_change_network(me):
        return w.screen(t("network.missing"), [w.para(t("network.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="network-person-screen")
    found = person

    def done(saved: NetworkPerson | None) -> None:
        session.notice = t("network.saved", name=saved.name) if saved else ""
        go("/network")

    def remove() -> None:
        service(session).remove(session.require_member(), found.id)
        forget_drafts_for(session, found.id)
        session.notice = t("network.removed", name=found.name)
        go("/network")

    # asked first: a mis-tap while changing a number must not lose Grandma from the list
    take_off = (w.ask_first(t("network.remove.confirm", name=found.name),
                            t("network.remove.yes"), guarded(session, remove),
                            guarded(session, lambda: set_asking(False)),
                            identifier="network-take-off")
                if asking else w.secondary(t("network.remove", name=found.name),
                                           guarded(session, lambda: set_asking(True))))
    body: list[ft.Control] = [NetworkForm(found, done), ft.Divider(), take_off]
    return w.screen(found.name, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier="network-person-screen")
