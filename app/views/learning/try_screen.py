"""Turning "What I'll try" into a real plan: a draft rule, a ritual, a job or a diary note.

An idea that plans physical punishment is not added, whether it was to become a rule, a ritual,
a job or a diary note: the screen says which words, that nothing was saved, why, and the law
(where the household lives first), as the agreement does.
"""

from __future__ import annotations

from typing import cast

import flet as ft

from app import theme
from app.domain.people import Role
from app.domain.programme.learning import MAX_TRY_TEXT, TryKind
from app.i18n import t
from app.services.agreement import PhysicalPunishmentRefused
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import choice, heading
from app.views.drafts import Draft
from app.views.learning.parts import boxed, line, service
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session

#: Where the family sees what the idea became.
OPENS = {TryKind.RULE: "/agreement", TryKind.RITUAL: "/rituals", TryKind.CHORE: "/chores",
         TryKind.DIARY: "/diary"}


def punishment_note(session: Session, refused: PhysicalPunishmentRefused) -> ft.Control:
    """Which words were noticed, that nothing was added, why, and the law (here first)."""
    words = ", ".join(f"\u201c{word}\u201d" for word in refused.words)
    laws = service(session).laws()
    return boxed([
        line(t("learning.try.physical.title"), bold=True, size=18),
        line(t("learning.try.physical.noticed", words=words)),
        line(t("agreement.physical.harm")),
        line(t("agreement.physical.law"), bold=True),
        *[line("\u2022 " + t(f"agreement.physical.law.{law.value}"), size=16) for law in laws],
        line(t("learning.try.physical.ask"), bold=True),
    ], background=theme.WARN_BG, border=theme.ERROR,
        identifier="physical-punishment-explanation")


@ft.component
@signed_in_only
def TryScreen() -> ft.Control:
    """A parent checks the words of an idea, chooses what it becomes, and adds it.

    Words changed and not yet added are kept for that parent (``Draft``) through the
    auto-lock and Back, until they add the idea or tap Cancel.
    """
    session = use_session()
    me = session.require_member()
    learning = service(session)
    params = ft.use_route_params()
    topic = params.get("topic", "")
    try:
        card = learning.card(topic)
        idea = card.tries[int(params.get("index", ""))]
    except (KeyError, ValueError, IndexError):
        card, idea = None, None
    unsaved = Draft.of(session, "learning-try", f"{topic}:{params.get('index', '')}")
    as_card = {"text": idea.text, "kind": idea.kind.value} if idea else {}
    kept = unsaved.read(as_card)
    # What is typed lives in a ref, so typing never re-renders the box under the fingers.
    typed: ft.MutableRef[str] = ft.use_ref(lambda: kept.get("text", ""))
    kind, set_kind = ft.use_state(TryKind(kept.get("kind", TryKind.RULE.value)))
    error, set_error = ft.use_state("")
    refused, set_refused = ft.use_state(cast(PhysicalPunishmentRefused | None, None))
    back = guarded(session, lambda: go(f"/learning/{topic}"))

    def cancel() -> None:
        unsaved.forget()  # Cancel lets the words go; Back keeps them
        go(f"/learning/{topic}")

    if card is None or idea is None or me.role is not Role.PARENT:
        return w.screen(t("learning.missing"), [w.para(t("learning.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="learning-try-screen")

    def save() -> None:
        try:
            learning.try_idea(session.require_member(), kind, typed.current, idea.picture)
        except PhysicalPunishmentRefused as exc:
            set_refused(exc)
            set_error("")
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        unsaved.forget()
        session.notice = t(f"learning.try.done.{kind.value}")
        go(OPENS[kind])

    def typing(text: str) -> None:
        typed.current = text
        unsaved.keep({"text": text, "kind": kind.value}, as_card)

    def choose(option: TryKind) -> None:
        set_kind(option)
        unsaved.keep({"text": typed.current, "kind": option.value}, as_card)

    body: list[ft.Control] = [
        w.para(card.title, muted=True),
        w.text_field(t("learning.try.words"), typed.current, typing, max_length=MAX_TRY_TEXT,
                     multiline=True),
        heading(t("learning.try.what")),
        ft.Row([choice(t(f"learning.try.kind.{option.value}"), option is kind,
                       guarded(session, lambda option=option: choose(option)))
                for option in TryKind], wrap=True, spacing=8, run_spacing=8),
        w.para(t(f"learning.try.help.{kind.value}"), muted=True),
    ]
    if refused is not None:
        body.append(punishment_note(session, refused))
    if error:
        body.append(w.message(error))
    body.append(ft.Row([w.secondary(t("common.cancel"), guarded(session, cancel)),
                        w.primary(t(f"learning.try.save.{kind.value}"),
                                  guarded(session, save))], spacing=12))
    return w.screen(t("learning.try"), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="learning-try-screen")
