"""The "Day in the life" diary screens: the list, writing, reading and changing an entry.

A parent sees and writes their own entries, each labelled with who can read it; the
worker sees, read-only, only the entries parents chose to share with them.
"""

from __future__ import annotations

import flet as ft

from app.domain.diary import DiaryEntry
from app.domain.people import Role
from app.i18n import plural, t
from app.services.household import NotAllowed
from app.views import widgets as w
from app.views.chores.parts import heading
from app.views.diary.form import QUESTIONS, DiaryForm
from app.views.diary.parts import (
    day_words,
    entry_card,
    names_by_id,
    service,
    sharing_label,
    when_words,
    worker_words,
)
from app.views.state import Session, go, guarded, signed_in_only, use_session


def _frame(session: Session, title: str, body: list[ft.Control], identifier: str,
           back: str = "/diary") -> ft.Control:
    return w.screen(title, body, on_back=guarded(session, lambda: go(back)),
                    on_lock=guarded(session, session.lock), identifier=identifier)


@ft.component
@signed_in_only
def DiaryScreen() -> ft.Control:
    """A parent's own entries (and a way to write one); the worker's shared entries."""
    session = use_session()
    me = session.require_member()
    diary = service(session)
    today = diary.today()
    worker = worker_words(session)
    entries = diary.entries(me)
    body: list[ft.Control] = []
    if me.role is Role.PARENT:
        body += [w.para(t("diary.intro", name=worker)),
                 w.primary(t("diary.write"), guarded(session, lambda: go("/diary/write")))]
        if not entries:
            body.append(w.para(t("diary.none_yet"), muted=True))
        body += [entry_card(e, today, worker, guarded(session, lambda e=e: go(
            f"/diary/{e.entry_id}"))) for e in entries]
        title = t("diary.title")
    elif me.role is Role.WORKER:
        names = names_by_id(session)
        body.append(w.para(t("diary.worker.intro")))
        if not entries:
            body.append(w.para(t("diary.worker.none"), muted=True))
        body += [entry_card(e, today, worker, guarded(session, lambda e=e: go(
            f"/diary/{e.entry_id}")), author=names.get(e.author_id, "?")) for e in entries]
        title = t("diary.worker.title")
    else:
        body.append(w.message(t("error.not_allowed")))
        title = t("diary.title")
    return _frame(session, title, body, "diary-screen", back="/")


@ft.component
@signed_in_only
def WriteScreen() -> ft.Control:
    """A parent writes a new entry."""
    session = use_session()

    def done(entry: DiaryEntry | None) -> None:
        if entry is not None:
            session.notice = t("diary.saved")
        go("/diary")

    if session.require_member().role is not Role.PARENT:
        body: list[ft.Control] = [w.message(t("error.not_allowed"))]
    else:
        body = [DiaryForm(None, done)]
    return _frame(session, t("diary.write.title"), body, "diary-write-screen")


def _find(session: Session, entry_id: str) -> DiaryEntry | None:
    """The entry if this person may read it; None if it is missing or private to another."""
    try:
        return service(session).entry(session.require_member(), entry_id)
    except (KeyError, NotAllowed):
        return None


def _missing(session: Session) -> ft.Control:
    return _frame(session, t("diary.missing"), [w.para(t("diary.missing.body"))],
                  "diary-entry-screen")


@ft.component
@signed_in_only
def EntryScreen() -> ft.Control:
    """One entry, read: its answers and who can see it; the author can change it."""
    session = use_session()
    entry_id = ft.use_route_params().get("entry_id", "")
    me = session.require_member()
    entry = _find(session, entry_id)
    if entry is None:
        return _missing(session)
    today = service(session).today()
    worker = worker_words(session)
    mine = entry.author_id == me.id
    body: list[ft.Control] = [sharing_label(entry.shared, worker, for_worker=not mine)]
    if not mine:
        body.append(w.para(t("diary.written_by", name=names_by_id(session).get(
            entry.author_id, "?")), muted=True))
    for question, answer in zip(QUESTIONS, entry.words.texts, strict=True):
        if answer:
            body += [heading(t(f"diary.q.{question}")), w.para(answer)]
    if entry.revision > 1:
        body.append(w.para(plural(entry.revision - 1, "diary.changed"), muted=True))
    if mine:
        body.append(w.secondary(t("diary.change"), guarded(
            session, lambda: go(f"/diary/{entry.entry_id}/change"))))
    title = t("diary.when", day=day_words(entry.words.day, today),
              part=t(f"diary.part.{entry.words.part.value}"))
    return w.screen(title, body, on_back=guarded(session, lambda: go("/diary")),
                    on_lock=guarded(session, session.lock), identifier="diary-entry-screen")


@ft.component
@signed_in_only
def ChangeScreen() -> ft.Control:
    """The author changes an entry (saved as a new revision; the old words are kept)."""
    session = use_session()
    entry_id = ft.use_route_params().get("entry_id", "")
    entry = _find(session, entry_id)
    if entry is None or entry.author_id != session.require_member().id:
        return _missing(session)

    def done(saved: DiaryEntry | None) -> None:
        if saved is not None:
            session.notice = t("diary.saved")
        go(f"/diary/{entry_id}")

    return _frame(session, t("diary.change.title"), [
        w.para(when_words(entry, service(session).today()), muted=True),
        DiaryForm(entry, done)], "diary-change-screen", back=f"/diary/{entry_id}")
