"""The check-in itself: a feeling, "how big is it?", then optional why and what would help.

Three taps finish it: a feeling, a size, "That's all". Whoever leaves before that (Lock, the
auto-lock, Home) once they chose a feeling and a size keeps what they chose, without the words
they typed and did not send (``keep_on_leaving``). A child is asked "Do you feel safe
right now?" whenever the check-in is a sign of worry (``ask_if_safe``): "scared", any big
worried, sad or angry feeling, or "home" or "my body" as the reason. "No" keeps the check-in
and a safety alert for the worker and opens the "Help is here" screen (the safety
feature's) with their trusted adults.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

import flet as ft

from app import theme
from app.domain.alerts import AlertSource
from app.domain.checkins import (
    HELP_PICTURES,
    REASON_PICTURES,
    SIZE_MAX,
    SIZE_MIN,
    Feeling,
    Help,
    Reason,
    ask_if_safe,
)
from app.domain.people import Role
from app.i18n import t
from app.services.gate import InvalidText
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.checkins.parts import (
    choice_button,
    feeling_word,
    service,
    size_picture,
    size_word,
    who_sees,
)
from app.views.safety.parts import who_is_told
from app.views.state import (
    Session,
    error_message,
    go,
    guarded,
    keep_then_help,
    signed_in_only,
    use_session,
)
from app.views.text_size import sized, strut, tap_height, tile_width

log = logging.getLogger(__name__)

SAFE_GREEN = "#1E7B34"  # white text 5.3:1
UNSAFE_RED = "#B3261E"  # white text 6.5:1


def _home_of(session: Session) -> str:
    return "/" if session.require_member().role is Role.CHILD else "/checkins"


@ft.component
@signed_in_only
def CheckinScreen() -> ft.Control:
    """A check-in in three taps, for a child or for a parent about themselves."""
    session = use_session()
    me = session.require_member()
    child = me.role is Role.CHILD
    feeling, set_feeling = ft.use_state(cast(Feeling | None, None))
    safe_said, set_safe_said = ft.use_state(False)
    asking, set_asking = ft.use_state(False)  # asked on "That's all", for the reasons
    size, set_size = ft.use_state(cast(int | None, None))
    reasons, set_reasons = ft.use_state(cast(tuple[Reason, ...], ()))
    helps, set_helps = ft.use_state(cast(tuple[Help, ...], ()))
    words, set_words = ft.use_state("")
    error, set_error = ft.use_state("")
    back_to = _home_of(session)
    finished = ft.use_ref(False)  # saved (or on its way to help): leaving keeps nothing more
    chosen: ft.MutableRef[Callable[[], object] | None] = ft.use_ref(None)
    checkins = service(session)  # held here: the auto-lock forgets who is here first
    chosen.current = (None if feeling is None or size is None else lambda: checkins.record(
        me, feeling, size, reasons=reasons, helps=helps))  # not the words: nobody sent them

    def keep_on_leaving() -> None:
        if finished.current or chosen.current is None:
            return
        finished.current = True  # once: a check-in is written once (catalogue.WRITTEN_ONCE)
        try:
            chosen.current()
        except (InvalidInput, NotAllowed, InvalidText):
            log.warning("a check-in left unfinished could not be kept")

    ft.use_effect(lambda: None, [], cleanup=keep_on_leaving)

    def not_safe() -> None:
        finished.current = True

        def keep() -> None:
            if feeling is not None and size is not None:  # keep what the child said, too
                service(session).record(me, feeling, size, reasons=reasons, helps=helps,
                                        words=words, unsafe=True)
            else:
                service(session).raise_alert(me, AlertSource.CHECKIN)

        keep_then_help(session, keep)

    def safe() -> None:
        set_safe_said(True)
        if asking:
            set_asking(False)
            record()

    def save() -> None:
        if feeling is None or size is None:
            return
        if child and not safe_said and ask_if_safe(feeling, size, reasons):
            set_asking(True)
            return
        record()

    def record() -> None:
        if feeling is None or size is None:
            return
        try:
            service(session).record(me, feeling, size, reasons=reasons, helps=helps,
                                    words=words)
        except (InvalidInput, NotAllowed) as exc:
            set_asking(False)
            set_error(error_message(exc))
            return
        finished.current = True  # before the screen goes (``go`` unmounts it at once)
        session.notice = t("checkins.thanks_child" if child else "checkins.thanks")
        go(back_to)

    def step_back() -> None:
        if asking:
            set_asking(False)
        elif size is not None:
            set_size(None)
        elif feeling is not None:
            set_feeling(None)
            set_safe_said(False)
        else:
            go(back_to)

    sees = who_sees(t("checkins.who_sees_child" if child else "checkins.who_sees_parent"))
    if feeling is None:
        title, ident = t("checkins.feel.title"), "checkin-feeling-screen"
        body = _feeling_step(session, set_feeling, sees)
    elif child and not safe_said and (asking or ask_if_safe(feeling, size)):
        title, ident = t("checkins.safe.title"), "checkin-safe-screen"
        body = _safe_step(session, feeling, safe, not_safe)
    elif size is None:
        title, ident = t("checkins.size.title"), "checkin-size-screen"
        body = _size_step(session, feeling, set_size)
    else:
        title, ident = t("checkins.extras.title"), "checkin-extras-screen"
        body = [
            ft.Container(ft.Row([
                w.picture(feeling.value, 44),
                ft.Text(f"{feeling_word(feeling)}, {size_word(size).lower()}", size=sized(20),
                        weight=ft.FontWeight.BOLD, color=theme.TEXT, expand=True)],
                spacing=10), bgcolor=feeling.colour, border_radius=18, padding=10),
            w.para(t("checkins.extras.optional"), size=18),
            w.primary(t("checkins.done"), guarded(session, save)),
            *_extras(session, reasons, set_reasons, helps, set_helps, words, set_words),
        ]
        if error:
            body.append(w.message(error))
        body += [ft.Row([w.primary(t("checkins.save"), guarded(session, save))]), sees]
    return w.screen(title, body, on_back=guarded(session, step_back),
                    on_lock=guarded(session, session.lock), identifier=ident, read_aloud=True)


def _feeling_step(session: Session, choose: Callable[..., Any],
                  sees: ft.Control) -> list[ft.Control]:
    buttons = [
        choice_button(f.value, feeling_word(f), guarded(session, lambda f=f: choose(f)),
                      colour=f.colour, width=tile_width(168), height=84, picture_size=52)
        for f in Feeling
    ]
    return [
        w.para(t("checkins.feel.intro"), size=19),
        ft.Row(buttons, wrap=True, spacing=10, run_spacing=10,
               alignment=ft.MainAxisAlignment.CENTER),
        sees,
    ]


def _safe_step(session: Session, feeling: Feeling, yes: Callable[..., Any],
               no: Callable[..., Any]) -> list[ft.Control]:
    def big(label: str, picture: str, colour: str, on_click: Callable[..., Any]) -> ft.Control:
        return ft.Button(
            content=w.named(label, ft.Row([
                ft.Container(w.picture(picture, 48), bgcolor=theme.SURFACE,
                             border_radius=12, padding=4),
                ft.Text(label, size=sized(26), weight=ft.FontWeight.BOLD, color="#FFFFFF",
                        expand=True), *strut(96 - 16)], spacing=16)),
            on_click=guarded(session, on_click), height=tap_height(96),
            style=ft.ButtonStyle(bgcolor=colour, shape=ft.RoundedRectangleBorder(radius=20)),
        )

    return [
        ft.Row([w.picture(feeling.value, 96)], alignment=ft.MainAxisAlignment.CENTER),
        w.para(t("checkins.safe.intro"), size=20),
        big(t("checkins.safe.yes"), "calm", SAFE_GREEN, yes),
        big(t("checkins.safe.no"), "sos", UNSAFE_RED, no),
        w.para(t("checkins.safe.either"), size=17, muted=True),
        who_sees(t(_who_is_told(session))),
    ]


def _who_is_told(session: Session) -> str:
    """What happens to a "No", said as it is for this household (see ``who_is_told``)."""
    return {"now": "checkins.safe.who_sees", "agency": "checkins.safe.who_sees_agency",
            "visit": "checkins.safe.who_sees_visit",
            "none": "checkins.safe.who_sees_none"}[who_is_told(session)]


def _size_step(session: Session, feeling: Feeling, choose: Callable[..., Any]) -> list[ft.Control]:
    return [
        ft.Row([w.picture(feeling.value, 64),
                ft.Container(w.para(t("checkins.size.intro",
                                      feeling=feeling_word(feeling).lower()), size=19),
                             expand=True)], spacing=12),
        *[
            choice_button("", size_word(n), guarded(session, lambda n=n: choose(n)),
                          leading=size_picture(n, feeling.value), colour=feeling.colour, height=68)
            for n in range(SIZE_MIN, SIZE_MAX + 1)
        ],
    ]


def _extras(session: Session, reasons: tuple[Reason, ...], set_reasons: Callable[..., Any],
            helps: tuple[Help, ...], set_helps: Callable[..., Any], words: str,
            set_words: Callable[..., Any]) -> list[ft.Control]:
    # from the latest state: two quick taps must not overwrite each other
    def toggle_reason(reason: Reason) -> None:
        set_reasons(lambda now: tuple(r for r in now if r is not reason) if reason in now
                    else (*now, reason))

    def toggle_help(help_: Help) -> None:
        set_helps(lambda now: tuple(h for h in now if h is not help_) if help_ in now
                  else (*now, help_))

    def chips(items: list[ft.Control]) -> ft.Control:
        return ft.Row(items, wrap=True, spacing=8, run_spacing=8)

    return [
        w.section(t("checkins.why.title"), size=20),
        chips([choice_button(REASON_PICTURES[r], t(f"checkins.why.{r.value}"),
                             guarded(session, lambda r=r: toggle_reason(r)),
                             selected=r in reasons, width=tile_width(168), height=64,
                             picture_size=36)
               for r in Reason]),
        w.text_field(t("checkins.why.words"), words, set_words, max_length=300),
        w.section(t("checkins.help.title"), size=20),
        chips([choice_button(HELP_PICTURES[h], t(f"checkins.help.{h.value}"),
                             guarded(session, lambda h=h: toggle_help(h)),
                             selected=h in helps, width=tile_width(168), height=64, picture_size=36)
               for h in Help]),
    ]
