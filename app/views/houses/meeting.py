""""What I want my meeting to know": a child's words and pictures for a review or conference,
and, for the grown-ups, what the child said with a page to print for the meeting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.programme.three_houses import MEETING_PICTURES
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import picture_choice
from app.views.houses.parts import ROUTE, service, the_worker, who_sees
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized


def print_button(session: Session, me: Member, child: Member) -> ft.Control:
    """The child's meeting page as a PDF: their words and latest houses, made when fetched."""

    def page() -> bytes:
        from app.reports.houses import meeting_page  # the PDF library loads only when asked

        houses = service(session)
        times = houses.history(me, child.id)
        return meeting_page(child.name, houses.meeting_words(me, child.id),
                            times[0] if times else None,
                            datetime.fromtimestamp(session.clock(), UTC))

    return w.download_button(t("houses.family.print", name=child.name), session.offer_download(
        f"meeting-{child.name}.pdf", "application/pdf", page))


def _said(words: str, pictures: tuple[str, ...]) -> ft.Control:
    return ft.Container(ft.Column([
        *([ft.Row([w.picture(p, 44) for p in pictures], wrap=True)] if pictures else []),
        *([ft.Text(words, size=sized(18), color=theme.TEXT)] if words else []),
    ], spacing=8), bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, "#E2DBD2"))


def meeting_part(session: Session, me: Member, child: Member) -> list[ft.Control]:
    """For the grown-ups: what a child wants their meeting to know, and the page to print."""
    said = service(session).meeting_words(me, child.id)
    part: list[ft.Control] = [w.para(t("houses.family.meeting", name=child.name), bold=True)]
    if said is None:
        part.append(w.para(t("houses.family.meeting_none", name=child.name), muted=True))
    else:
        part.append(_said(said.words, said.pictures))
    part.append(print_button(session, me, child))
    return part


@ft.component
@signed_in_only
def MeetingScreen() -> ft.Control:
    """A child says what they want their meeting to know, in words or pictures."""
    session = use_session()
    me = session.require_member()
    # kept in a ref: typing does not redraw the pictures on every key
    words: ft.MutableRef[str] = ft.use_ref("")
    chosen, set_chosen = ft.use_state(cast(tuple[str, ...], ()))
    error, set_error = ft.use_state("")
    done, set_done = ft.use_state("")
    worker = the_worker(session)
    last = service(session).meeting_words(me, me.id)

    def toggle(name: str) -> None:
        set_done("")
        set_chosen(tuple(p for p in chosen if p != name) if name in chosen else (*chosen, name))

    def set_words(text: str) -> None:
        words.current = text

    def save() -> None:
        try:
            service(session).tell_meeting(me, me.id, words.current or "", chosen)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        words.current = ""
        set_chosen(())
        set_error("")
        set_done(t("houses.child.meeting_saved"))

    if me.role is not Role.CHILD:
        return w.screen(t("houses.child.meeting"), [w.para(t("houses.for_a_child"))],
                        on_back=guarded(session, lambda: go(ROUTE)),
                        identifier="houses-meeting-screen")
    body: list[ft.Control] = [who_sees(t("houses.child.meeting_who", worker=worker))]
    if done:
        body.append(w.message(done, kind="ok"))
    body += [
        w.text_field(t("houses.child.meeting_words"), words.current or "", set_words,
                     max_length=400,
                     multiline=True),
        w.para(t("houses.child.meeting_pick"), size=19, bold=True),
        ft.Row([picture_choice(name, t(f"houses.pic.{name}"), name in chosen,
                               guarded(session, lambda n=name: toggle(n)))
                for name in MEETING_PICTURES], wrap=True, spacing=8, run_spacing=8),
        *([w.message(error)] if error else []),
        w.primary(t("houses.child.meeting_save"), guarded(session, save)),
    ]
    if last is not None:
        body += [w.para(t("houses.child.meeting_last"), muted=True),
                 _said(last.words, last.pictures)]
    body.append(w.link(t("houses.child.back"), guarded(session, lambda: go(ROUTE))))
    return w.screen(t("houses.child.meeting"), body, on_back=guarded(session, lambda: go(ROUTE)),
                    on_lock=guarded(session, session.lock), identifier="houses-meeting-screen",
                    read_aloud=True)
