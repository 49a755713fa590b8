"""Strengths and proud moments: every child's list, and a child's own "My proud moments"."""

from __future__ import annotations

from datetime import datetime

import flet as ft

from app import theme
from app.domain.people import Member
from app.domain.strengths import StrengthKind, StrengthNote
from app.i18n import t, t_or
from app.views import widgets as w
from app.views.chores.parts import date_words
from app.views.state import Session, go, guarded, signed_in_only, use_session
from app.views.strengths.form import service
from app.views.text_size import sized, tap_height
from app.views.way_back import go_back

CHILD_SHOWS = 6  # proud moments on a child's home, newest first
PROUD_BG = "#FFF4D6"  # warm yellow: TEXT on it is 13:1


def note_words(note: StrengthNote) -> str:
    """A note's words, or (a child said it with a picture alone) the picture's words."""
    # a newer Homeward may send a picture this copy has no words for (rule 1: never a freeze)
    return note.words or t_or(f"strengths.picture.{note.picture}", "strengths.picture_unknown")


def _names(session: Session) -> dict[str, str]:
    return {m.id: m.name for m in session.require_service().members(include_removed=True)}


def _from_words(note: StrengthNote, names: dict[str, str]) -> str:
    day = date_words(datetime.fromisoformat(note.created_at).astimezone().date())
    return t("strengths.from", name=names.get(note.created_by, "?"), date=day)


def _note_row(note: StrengthNote, names: dict[str, str]) -> ft.Control:
    return ft.Container(ft.Row([
        w.picture(note.picture, 44),
        ft.Column([
            ft.Text(t(f"strengths.kind.{note.kind.value}.short"), size=sized(14),
                    weight=ft.FontWeight.W_600, color=theme.BRAND_DARK),
            ft.Text(note_words(note), size=sized(17), color=theme.TEXT),
            ft.Text(_from_words(note, names), size=sized(14), color=theme.MUTED),
        ], spacing=2, expand=True),
    ], spacing=12), bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, "#E2DBD2"))


@ft.component
@signed_in_only
def StrengthsScreen() -> ft.Control:
    """Each child's strengths, interests and proud moments, and a way to add one."""
    session = use_session()
    notes = service(session)
    names = _names(session)
    body: list[ft.Control] = [
        w.para(t("strengths.intro")),
        w.primary(t("strengths.add"), guarded(session, lambda: go("/strengths/add"))),
    ]
    me = session.require_member()
    kids = notes.children_seen_by(me)
    if not kids:
        body.append(w.para(t("strengths.no_children"), muted=True))
    for kid in kids:
        body.append(ft.Row([w.picture(kid.avatar.value, 40), ft.Semantics(
            header=True, content=ft.Text(kid.name, size=sized(21), weight=ft.FontWeight.BOLD,
                                         color=theme.TEXT))], spacing=10))
        found = notes.notes_seen_by(me, kid.id)
        if not found:
            body.append(w.para(t("strengths.none_yet", name=kid.name), muted=True))
        body += [_note_row(n, names) for n in found]
        body.append(w.link(t("strengths.add_for", name=kid.name), guarded(
            session, lambda k=kid: go(f"/strengths/add/{k.id}"))))
    return w.screen(t("strengths.title"), body,
                    on_back=guarded(session, lambda: go_back(session, "/strengths")),
                    on_lock=guarded(session, session.lock), identifier="strengths-screen")


def _proud_card(note: StrengthNote, names: dict[str, str], child_id: str) -> ft.Control:
    """One of a child's notes, big and picture-led."""
    by = (t("strengths.child.from_me") if note.created_by == child_id
          else t("strengths.child.from", name=names.get(note.created_by, "?")))
    return ft.Container(ft.Row([
        w.picture(note.picture, 72),
        ft.Column([
            ft.Text(note_words(note), size=sized(22), weight=ft.FontWeight.BOLD, color=theme.TEXT),
            ft.Text(by, size=sized(17), color=theme.TEXT),
        ], spacing=4, expand=True),
    ], spacing=14, vertical_alignment=ft.CrossAxisAlignment.CENTER),
        bgcolor=PROUD_BG, border_radius=24, padding=16, border=ft.Border.all(2, "#E5C46B"))


def my_proud_moments(session: Session, member: Member) -> list[ft.Control]:
    """'My proud moments' on a child's home: big pictures, child words, and an add button."""
    notes = service(session).notes_seen_by(member, member.id)
    proud_first = sorted(notes, key=lambda n: n.kind is not StrengthKind.PROUD)[:CHILD_SHOWS]
    names = _names(session)
    parts: list[ft.Control] = [ft.Row([w.picture("trophy", 40), ft.Semantics(
        header=True, content=ft.Text(t("strengths.child.title"), size=sized(26),
                                     weight=ft.FontWeight.BOLD, color=theme.TEXT))],
        spacing=10)]
    if not proud_first:
        parts.append(ft.Container(ft.Row([w.picture("sparkles", 64), ft.Text(
            t("strengths.child.none"), size=sized(20), color=theme.TEXT, expand=True)], spacing=14),
            bgcolor=PROUD_BG, border_radius=24, padding=16))
    parts += [_proud_card(n, names, member.id) for n in proud_first]
    parts.append(ft.FilledButton(
        t("strengths.child.add"), icon=ft.Icons.ADD, height=tap_height(64),
        style=ft.ButtonStyle(text_style=ft.TextStyle(size=sized(20), weight=ft.FontWeight.BOLD),
                             shape=ft.RoundedRectangleBorder(radius=18)),
        on_click=guarded(session, lambda: go("/strengths/add"))))
    return parts
