"""What the network's screens share, and what other screens borrow from the network.

The carer's support card, a child's help screen and the worker's visit show people from the
network through the functions here, so those screens need no more than one line each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.programme.network import NetworkPerson
from app.i18n import t
from app.services.programme.network import NetworkService, network_for
from app.views import widgets as w
from app.views.state import Session
from app.views.text_size import sized, tap_height


def service(session: Session) -> NetworkService:
    """The network of the household this session has unlocked."""
    return network_for(session.require_service())


def who_line(person: NetworkPerson, *, for_child: bool = False) -> str:
    """'Grandma · Family'; for a child, what the person does in a child's words."""
    d = person.details
    role = t(f"network.role.{d.role.value}" + (".child" if for_child else ""))
    return " · ".join(part for part in (d.relationship, role) if part)


def call_button(person: NetworkPerson, *, big: bool = False) -> ft.Control:
    """A button that offers to call them (the phone asks first)."""
    return ft.FilledButton(t("network.call", name=person.name), icon=ft.Icons.CALL,
                           url=person.tel, height=tap_height(theme.TAP),
                           style=ft.ButtonStyle(
                               text_style=ft.TextStyle(size=sized(18 if big else 16))))


def person_card(person: NetworkPerson, *, on_change: Callable[..., object] | None = None,
                big: bool = False, for_child: bool = False) -> ft.Control:
    """Someone in the network: name, who they are, their number and a Call button."""
    words: list[ft.Control] = [
        ft.Text(person.name, size=sized(22 if big else 19), weight=ft.FontWeight.BOLD,
                color=theme.TEXT),
        ft.Text(who_line(person, for_child=for_child), size=sized(16), color=theme.MUTED),
        ft.Text(person.details.phone or t("network.no_phone"), size=sized(19 if big else 17),
                color=theme.TEXT if person.details.phone else theme.MUTED,
                weight=ft.FontWeight.W_600 if person.details.phone else None),
    ]
    actions: list[ft.Control] = [call_button(person, big=big)] if person.details.phone else []
    if on_change is not None:  # a grown-up's list: say who at home can see them
        words.append(ft.Text(t("network.who_sees", who=t(
            f"network.visibility.{person.details.visibility.value}")), size=sized(15),
            color=theme.MUTED))
        actions.append(w.link(t("network.change", name=person.name), on_change))
    return ft.Container(
        ft.Column([
            ft.Row([w.picture("family", 44 if big else 36),
                    ft.Column(words, spacing=2, expand=True)],
                   vertical_alignment=ft.CrossAxisAlignment.START),
            *([ft.Row(actions, wrap=True, spacing=8)] if actions else []),
        ], spacing=8),
        bgcolor=theme.SURFACE, border_radius=14, padding=12, border=ft.Border.all(1, "#E2DBD2"),
    )


def carer_support_lines(session: Session) -> list[ft.Control]:
    """For a worn-down carer: the TRUE model's professionals in the network, with Call."""
    found = service(session).carer_support()
    if not found:
        return []
    rows: list[ft.Control] = [w.section(t("network.support.title"))]
    for person in found:
        rows.append(w.para(t("network.support.person", name=person.name,
                             role=t(f"network.role.{person.details.role.value}"))))
        if person.details.phone:
            rows.append(call_button(person))
    return rows


def _number(phone: str) -> str:
    """A number as its digits, a UK one from abroad ("+44 7700…") as dialled at home."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "0" + digits[2:] if phone.strip().startswith("+44") else digits


def _name(name: str) -> str:
    return " ".join(name.split()).casefold()


def child_helpers(session: Session, child: Member,
                  listed: Sequence[tuple[str, str]] = ()) -> list[ft.Control]:
    """On a child's help screen: the grown-ups from the network they may call.

    ``listed`` is who the screen shows already (name and number, the child's trusted adults):
    a person written in both places is shown once, so help below is not pushed further down.
    """
    names = {_name(name) for name, _phone in listed}
    numbers = {_number(phone) for _who, phone in listed} - {""}
    found = [person for person in service(session).helpers_for(child)
             if _name(person.name) not in names and _number(person.details.phone) not in numbers]
    if not found:
        return []
    return [w.section(t("network.help.title"), size=19),
            *[person_card(person, big=True, for_child=child.role is Role.CHILD)
              for person in found]]
