"""The learning cards: the list, and one card with the law, an example, a question and ideas."""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.people import Role
from app.domain.programme.learning import LearningCard
from app.domain.programme.nation import Nation
from app.i18n import plural, t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.learning.parts import boxed, idea_button, law_box, line, service
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized

DONE_GREEN = "#1E7B34"  # 5.3:1 on OK_BG


def _covered_badge() -> ft.Control:
    return ft.Row([ft.Icon(ft.Icons.CHECK_CIRCLE, color=DONE_GREEN, size=22),
                   ft.Text(t("learning.covered.badge"), size=sized(15), color=DONE_GREEN,
                           expand=True)], spacing=6)


def _card_tile(card: LearningCard, covered: bool, on_click: ft.ControlEventHandler) -> ft.Control:
    """A card on the list: picture, title and summary; one button for screen readers."""
    words: list[ft.Control] = [
        ft.Text(card.title, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT),
        ft.Text(card.summary, size=sized(15), color=theme.MUTED),
    ]
    name = [t("learning.open", title=card.title)]
    if covered:
        words.append(_covered_badge())
        name.append(t("learning.covered.badge"))
    row = ft.Row([w.picture(card.picture, 44), ft.Column(words, spacing=4, expand=True),
                  ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED)],
                 spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER)
    return ft.Card(
        content=ft.Container(
            w.named(". ".join(name), row),
            padding=14, on_click=on_click, ink=True, border_radius=12),
        bgcolor=theme.SURFACE,
    )


@ft.component
@signed_in_only
def LearningScreen() -> ft.Control:
    """Every card, the law first, with which ones were talked about with the worker."""
    session = use_session()
    me = session.require_member()
    learning = service(session)
    covered = set(learning.covered())
    body: list[ft.Control] = [w.para(t("learning.worker.intro" if me.role is Role.WORKER
                                       else "learning.intro"))]
    if covered:
        body.append(w.para(plural(len(covered), "learning.covered.count"), muted=True))
    body += [_card_tile(card, card.topic in covered,
                        guarded(session, lambda topic=card.topic: go(f"/learning/{topic}")))
             for card in learning.cards()]
    return w.screen(t("learning.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="learning-screen")


@ft.component
@signed_in_only
def TopicScreen() -> ft.Control:
    """One card: what it says, the law (on the law card), an example, a question, ideas."""
    session = use_session()
    me = session.require_member()
    learning = service(session)
    topic = ft.use_route_params().get("topic", "")
    choosing, set_choosing = ft.use_state(False)
    error, set_error = ft.use_state("")
    _changed, set_changed = ft.use_state(0)
    back = guarded(session, lambda: go("/learning"))
    try:
        card = learning.card(topic)
    except KeyError:
        card = None
    if card is None or me.role is Role.CHILD:
        return w.screen(t("learning.missing"), [w.para(t("learning.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="learning-topic-screen")

    def choose(nation: Nation) -> None:
        try:
            session.require_service().set_nation(session.require_member(), nation.value)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_choosing(False)
        set_changed(lambda n: n + 1)

    def mark(covered: bool) -> None:
        try:
            learning.mark_covered(session.require_member(), card.topic, covered)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        session.notice = t("learning.marked" if covered else "learning.unmarked")
        set_changed(lambda n: n + 1)

    body: list[ft.Control] = [w.para(card.summary, bold=True)]
    if card.is_law:
        body.append(law_box(session, learning.nation(), choosing, choose,
                            lambda: set_choosing(True), may_choose=me.role is Role.PARENT))
    if error:
        body.append(w.message(error))
    body += [line(text) for text in card.says]
    body.append(boxed([line(t("learning.example"), bold=True), line(card.example)],
                      background=theme.OK_BG, border=theme.OK_BG))
    body.append(boxed([line(t("learning.question"), bold=True), line(card.question)]))
    body.append(ft.Semantics(header=True, content=ft.Text(
        t("learning.try"), size=sized(20), weight=ft.FontWeight.BOLD, color=theme.TEXT)))
    if me.role is Role.PARENT:
        body.append(w.para(t("learning.try.intro"), muted=True))
        body += [idea_button(t("learning.try.pick", text=idea.text), idea.text,
                             t(f"learning.try.kind.{idea.kind.value}"), guarded(
                    session, lambda i=index: go(f"/learning/{card.topic}/try/{i}")))
                 for index, idea in enumerate(card.tries)]
    else:
        body += [line("\u2022 " + idea.text) for idea in card.tries]
        body.append(w.para(t("learning.try.worker"), muted=True))
    covered = card.topic in learning.covered()
    if covered:
        body.append(_covered_badge())
    if me.role is Role.WORKER:
        body.append(w.secondary(t("learning.unmark"), guarded(session, lambda: mark(False)))
                    if covered else
                    w.primary(t("learning.mark"), guarded(session, lambda: mark(True))))
    return w.screen(card.title, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier=f"learning-topic-{card.topic}", read_aloud=True)
