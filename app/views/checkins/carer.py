"""A parent's or carer's own check-in: five questions about the last week, in adult words.

When the answers sound worn down (compassion fatigue, blocked care), the screen says so
kindly and shows who can help: the family's worker and a free helpline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import flet as ft

from app import theme
from app.domain.checkins_carer import ANSWER_MAX, ANSWER_MIN, CarerCheckIn, Prompt
from app.domain.people import Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.checkins.parts import service, who_sees
from app.views.network.parts import carer_support_lines
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height

SAMARITANS = "116 123"


def _answer_button(label: str, selected: bool, on_click: Callable[..., Any]) -> ft.Control:
    return ft.Button(
        content=w.named(label + (t("checkins.chosen") if selected else ""),
                      ft.Text(label, size=sized(16), color=theme.TEXT,
                              weight=ft.FontWeight.BOLD if selected else None)),
        on_click=on_click, height=tap_height(48),
        style=ft.ButtonStyle(
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            shape=ft.RoundedRectangleBorder(radius=14),
            side=ft.BorderSide(3 if selected else 1, theme.BRAND_DARK if selected else "#8C8479"),
            padding=ft.Padding.symmetric(horizontal=12, vertical=4), elevation=0,
        ),
    )


def support_card(result: CarerCheckIn, workers: list[str],
                 network: Sequence[ft.Control] = ()) -> ft.Control:
    """What a carer sees after their check-in: kind words, and who to call if it's hard.

    ``network``: the support team from the family's network, with Call buttons.
    """
    if not result.needs_support:
        return w.message(t("checkins.me.ok"), kind="ok")
    # Plain bold lines, not headings: the box is one group a screen reader reads as it comes
    # (a live region), and headings in it were read after the words they lead.
    lines: list[ft.Control] = [
        w.para(t("checkins.me.low.title"), size=20, bold=True),
        w.para(t("checkins.me.low.body")),
        w.para(t("checkins.me.low.network"), bold=True),
    ]
    lines += [w.para(t("checkins.me.low.worker", name=name)) for name in workers] or (
        [] if network else [w.para(t("checkins.me.low.no_worker"))])
    lines += network
    lines.append(w.para(t("checkins.me.low.samaritans", number=SAMARITANS)))
    return ft.Semantics(live_region=True, container=True, identifier="carer-support", content=(
        ft.Container(ft.Column(lines, spacing=8), bgcolor=theme.WARN_BG, border_radius=14,
                     padding=14)))


@ft.component
@signed_in_only
def CarerCheckinScreen() -> ft.Control:
    """Five adult questions, each answered from "Not at all" to "Nearly all the time"."""
    session = use_session()
    me = session.require_member()
    answers, set_answers = ft.use_state(cast(dict[Prompt, int], {}))
    words, set_words = ft.use_state("")
    error, set_error = ft.use_state("")
    result, set_result = ft.use_state(cast(CarerCheckIn | None, None))
    back = guarded(session, lambda: go("/checkins"))
    if me.role is not Role.PARENT:
        return w.screen(t("checkins.me.title"), [w.message(t("error.not_allowed"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="checkins-carer-screen")
    checkins = service(session)
    if result is not None:
        body: list[ft.Control] = [
            support_card(result, checkins.worker_names(), carer_support_lines(session)),
            w.primary(t("checkins.me.back"), back),
        ]
        return w.screen(t("checkins.me.title"), body, on_back=back,
                        on_lock=guarded(session, session.lock),
                        identifier="checkins-carer-result")

    def choose(prompt: Prompt, answer: int) -> None:
        # from the latest state: two quick taps must not overwrite each other
        set_answers(lambda now: {**now, prompt: answer})

    def save() -> None:
        try:
            set_result(checkins.record_carer(me, answers, words))
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))

    body = [w.para(t("checkins.me.intro")), who_sees(t("checkins.me.who_sees"))]
    for prompt in Prompt:
        body.append(ft.Semantics(identifier=f"carer-{prompt.value}", container=True,
                                 content=ft.Column([
            w.para(t(f"checkins.me.prompt.{prompt.value}"), size=18, bold=True),
            ft.Row([
                _answer_button(t(f"checkins.me.answer.{n}"), answers.get(prompt) == n,
                               guarded(session, lambda p=prompt, n=n: choose(p, n)))
                for n in range(ANSWER_MIN, ANSWER_MAX + 1)
            ], wrap=True, spacing=8, run_spacing=8),
        ], spacing=8)))
    body.append(w.text_field(t("checkins.me.words"), words, set_words, max_length=300,
                             multiline=True))
    if error:
        body.append(w.message(error))
    body.append(ft.Row([w.primary(t("checkins.me.save"), guarded(session, save))]))
    return w.screen(t("checkins.me.title"), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="checkins-carer-screen")
