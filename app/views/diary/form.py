"""Writing or changing a diary entry: which day, which part of it, four short answers,
and who can see it (only me, unless I choose to share it with my worker)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, cast

import flet as ft
from flet.components.hooks.use_ref import MutableRef

from app import theme
from app.domain.diary import (
    DAYS_TO_CHOOSE,
    DEFAULT_SHARING,
    DayPart,
    DiaryEntry,
    DiaryWords,
    Sharing,
)
from app.i18n import t
from app.services.errors import ChangedMeanwhile, stamp_of
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import BORDER, choice, heading
from app.views.diary.parts import day_words, service, worker_words
from app.views.state import error_message, guarded, signed_in_only, use_session
from app.views.text_size import sized

QUESTIONS = ("went_well", "was_hard", "responded", "try_next")


def _sharing_choice(picture: str, title: str, body: str, selected: bool,
                    on_click: Callable[..., Any]) -> ft.Control:
    """A big card-like button for one "who can see this?" answer."""
    content = ft.Row([
        w.picture(picture, 40),
        ft.Column([ft.Text(title, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT),
                   ft.Text(body, size=sized(15), color=theme.TEXT)], spacing=2, expand=True),
        *([] if selected else [ft.Icon(ft.Icons.RADIO_BUTTON_OFF, color=theme.BRAND)]),
    ], spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER)
    return ft.OutlinedButton(
        content=ft.Container(w.option(f"{title}. {body}", content, selected),
                             padding=ft.Padding.symmetric(vertical=10)),
        on_click=on_click,
        style=ft.ButtonStyle(
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else BORDER),
            shape=ft.RoundedRectangleBorder(radius=14),
            padding=ft.Padding.symmetric(horizontal=12),
        ),
    )


def _form_of(words: DiaryWords) -> dict[str, Any]:
    """An entry's words as the form holds them."""
    return {"day": words.day.isoformat(), "part": words.part.value,
            "sharing": words.sharing.value,
            "answers": {q: getattr(words, q) for q in QUESTIONS}}


def kept_over(typed: dict[str, Any], opened: DiaryWords, newer: DiaryWords) -> dict[str, Any]:
    """What the form shows after another screen saved ``newer``: what this form changed as
    typed, everything else as it is saved now. Above all, an entry made private since stays
    private unless this form itself chose to share it."""
    was, now = _form_of(opened), _form_of(newer)
    shown = {key: typed[key] if typed[key] != was[key] else now[key]
             for key in ("day", "part", "sharing")}
    shown["answers"] = {q: text if text != was["answers"][q] else now["answers"][q]
                        for q, text in typed["answers"].items()}
    return shown


@ft.component
@signed_in_only
def DiaryForm(entry: DiaryEntry | None, on_done: Callable[[DiaryEntry | None], None]) -> ft.Control:
    """Ask for an entry; ``on_done`` gets the saved entry, or None on cancel.

    Words typed and not saved are kept for this person when the form goes (a lock, Back)
    and are there when they open it again; Cancel and Save forget them.
    """
    session = use_session()
    diary = service(session)
    today = diary.today()
    old = entry.words if entry else None
    draft_key = f"diary:{session.require_member().id}:{entry.entry_id if entry else 'new'}"
    kept: dict[str, Any] = session.drafts.get(draft_key) or {}
    day, set_day = ft.use_state(kept.get("day") or (old.day if old else today).isoformat())
    part, set_part = ft.use_state(kept.get("part") or (old.part.value if old else ""))
    answers, set_answers = ft.use_state(kept.get("answers") or (
        {q: getattr(old, q) for q in QUESTIONS} if old else dict.fromkeys(QUESTIONS, "")))
    sharing, set_sharing = ft.use_state(
        kept.get("sharing") or (old.sharing if old else DEFAULT_SHARING).value)
    error, set_error = ft.use_state("")
    worker = worker_words(session)
    # the stamp of the wording this form was opened on (kept with words not saved): a save
    # over a newer one is refused, not made
    seen: MutableRef[str | None] = ft.use_ref(
        lambda: kept.get("seen") or (stamp_of(entry) if entry else None))
    typed: MutableRef[dict[str, Any] | None] = ft.use_ref(cast(dict[str, Any] | None, None))
    typed.current = {"day": day, "part": part, "answers": answers, "sharing": sharing,
                     "seen": seen.current}
    finished = ft.use_ref(False)

    def keep_on_leaving() -> None:
        now = typed.current
        if finished.current or not now:
            return
        if any(text.strip() for text in now["answers"].values()) and (
                old is None or now["answers"] != {q: getattr(old, q) for q in QUESTIONS}):
            session.drafts[draft_key] = now

    ft.use_effect(lambda: None, [], cleanup=keep_on_leaving)

    def done(saved: DiaryEntry | None) -> None:
        finished.current = True
        session.drafts.pop(draft_key, None)
        on_done(saved)

    def answer(question: str) -> Callable[[str], None]:
        return lambda text: set_answers({**answers, question: text})

    def changed_meanwhile() -> None:
        assert entry is not None  # only a change is refused
        revisions = diary.revisions(session.require_member(), entry.entry_id)
        newer = revisions[-1]
        # the wording typed over, as it was then: one shared then is marked taken back now
        was = next((r.words for r in revisions if seen.current in (
            stamp_of(r), stamp_of(replace(r, withdrawn_at=None)))), newer.words)
        assert typed.current is not None  # set on every drawing
        shown = kept_over(typed.current, was, newer.words)
        seen.current = stamp_of(newer)
        set_day(shown["day"])
        set_part(shown["part"])
        set_answers(shown["answers"])
        set_sharing(shown["sharing"])

    def save() -> None:
        if not part:
            set_error(t("diary.error.part"))
            return
        words = DiaryWords(day=date.fromisoformat(day), part=DayPart(part),
                           sharing=Sharing(sharing), **answers)
        me = session.require_member()
        try:
            saved = (diary.change(me, entry.entry_id, words, seen=seen.current) if entry
                     else diary.write(me, words))
        except ChangedMeanwhile as exc:
            changed_meanwhile()
            set_error(error_message(exc))
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        done(saved)

    days = [today - timedelta(days=n) for n in range(DAYS_TO_CHOOSE)]
    for kept_day in (old.day if old else None, date.fromisoformat(day)):
        if kept_day is not None and kept_day not in days:
            days.append(kept_day)
    body: list[ft.Control] = [
        heading(t("diary.form.day")),
        ft.Row([choice(day_words(d, today), d.isoformat() == day,
                       guarded(session, lambda d=d: set_day(d.isoformat()))) for d in days],
               wrap=True, spacing=8, run_spacing=8),
        heading(t("diary.form.part")),
        ft.Row([choice(t(f"diary.part.{p.value}"), p.value == part,
                       guarded(session, lambda p=p: set_part(p.value))) for p in DayPart],
               wrap=True, spacing=8, run_spacing=8),
        w.para(t("diary.form.any"), muted=True),
    ]
    # no character counter: "0/1000" under every box is noise; the save says if one is long
    body += [w.text_field(t(f"diary.q.{q}"), answers[q], answer(q), multiline=True)
             for q in QUESTIONS]
    body += [
        heading(t("diary.form.who")),
        _sharing_choice("lock", t("diary.form.private"), t("diary.private"),
                        sharing == Sharing.PRIVATE.value,
                        guarded(session, lambda: set_sharing(Sharing.PRIVATE.value))),
        _sharing_choice("worker", t("diary.form.share", name=worker),
                        t("diary.form.share_body", name=worker),
                        sharing == Sharing.WORKER.value,
                        guarded(session, lambda: set_sharing(Sharing.WORKER.value))),
    ]
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, lambda: done(None))),
        w.primary(t("diary.form.save"), guarded(session, save)),
    ], spacing=12))
    return ft.Column(body, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
