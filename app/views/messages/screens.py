"""A message "just for my worker": written by a child or a parent, readable by nobody at home.

The words are sealed for the agency the moment they are saved, so afterwards the device
keeps only a stub: when it was written and whether it has been sent. The screens say so in
child words, and before the household is connected to its agency the option is shown as
not ready yet, with the reason.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.sync.service import SentMessage
from app.views import widgets as w
from app.views.chores.parts import and_list, heading, time_words
from app.views.diary.parts import day_words
from app.views.safety.parts import big_button
from app.views.state import (
    WORKER_MESSAGE_ROUTE,
    Session,
    error_message,
    go,
    guarded,
    signed_in_only,
    use_session,
)
from app.views.sync.settings import ROUTE as SYNC_ROUTE
from app.views.sync.settings import sync_of
from app.views.text_size import sized

ROUTE = WORKER_MESSAGE_ROUTE
UNAVAILABLE_BG = "#EEF1F2"  # a quiet grey: TEXT on it is 13:1


def worker_name(session: Session) -> str:
    """The household's worker by name ("Priya"), or "your worker" when there is none."""
    names = [m.name for m in session.require_service().members() if m.role is Role.WORKER]
    return and_list(names) if names else t("worker_message.your_worker")


def stub_words(message: SentMessage, now: float) -> str:
    """'Today at 17:05 · Sent': when a message was written and where it is; never its words."""
    written = datetime.fromisoformat(message.written_at)
    when = t("worker_message.when",
             day=day_words(written.astimezone().date(), datetime.fromtimestamp(now).date()),
             time=time_words(message.written_at))
    state = t("worker_message.stub.sent" if message.delivered else "worker_message.stub.waiting")
    return t("worker_message.stub", when=when, state=state)


def _stubs(session: Session, me: Member, name: str) -> list[ft.Control]:
    sent = sorted(sync_of(session).sent_messages(me), key=lambda m: m.written_at, reverse=True)
    if me.role is Role.CHILD:
        # Only what the child sent since signing in: anyone at home may know their pictures,
        # and a list from before would tell them when the child wrote (DOMAIN rule 7).
        since = session.signed_in_at - 1  # written_at is to the second
        sent = [m for m in sent if datetime.fromisoformat(m.written_at).timestamp() >= since]
        if not sent:
            return []
    lines: list[ft.Control] = [heading(t("worker_message.list.title"))]
    if not sent:
        lines.append(ft.Text(t("worker_message.list.none"), size=sized(16), color=theme.MUTED,
                             italic=True))
        return [ft.Semantics(identifier="message-stubs", container=True,
                             content=ft.Column(lines, spacing=6))]
    lines.append(w.para(t("worker_message.list.intro", name=name), muted=True))
    now = session.clock()
    for message in sent:
        lines.append(ft.Row([
            ft.Icon(ft.Icons.MARK_EMAIL_READ_OUTLINED if message.delivered
                    else ft.Icons.SCHEDULE_SEND_OUTLINED, color=theme.BRAND),
            ft.Text(stub_words(message, now), size=sized(17), color=theme.TEXT, expand=True),
        ]))
    return [ft.Semantics(identifier="message-stubs", container=True,
                         content=ft.Column(lines, spacing=6))]


def _unavailable(session: Session, me: Member, name: str) -> list[ft.Control]:
    child = me.role is Role.CHILD
    body: list[ft.Control] = [w.message(t(
        "worker_message.unavailable.child" if child else "worker_message.unavailable.parent",
        name=name), kind="warn")]
    if me.role is Role.PARENT:
        body.append(ft.Row([w.secondary(t("worker_message.open_settings"),
                                        guarded(session, lambda: go(SYNC_ROUTE)))], wrap=True))
    return body


@ft.component
@signed_in_only
def WorkerMessageScreen() -> ft.Control:
    """Write a message only the worker can read; see when earlier ones were sent."""
    session = use_session()
    me = session.require_member()
    text, set_text = ft.use_state("")
    error, set_error = ft.use_state("")
    thanks, set_thanks = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    sent, set_sent = ft.use_state("")  # the words this screen last sent, until a key is typed
    _sent_count, set_sent_count = ft.use_state(0)  # re-read the stubs after a background sync
    sync = sync_of(session)
    name = worker_name(session)
    child = me.role is Role.CHILD

    def typing(words: str) -> None:
        set_text(words)
        set_sent("")  # new words: the next tap sends them, or says the box is empty

    async def send(words: str | None = None) -> None:
        message = text if words is None else words
        if sent and (message == sent or not message.strip()):
            return  # the second tap of a double tap: the message has gone, once
        set_busy(True)
        try:
            sync.send_to_worker(me, message)
        except (InvalidInput, NotAllowed) as exc:
            # the words stay in the box: nothing typed is lost on a refusal
            set_error(error_message(exc))
            return
        finally:
            set_busy(False)
        if words is None:
            set_text("")
        set_sent(message)
        set_error("")
        set_thanks(t("worker_message.sent.child" if child else "worker_message.sent.parent",
                     name=name))
        # send it now if the agency can be reached; if not, it waits safely for the next try
        await asyncio.to_thread(sync.sync_now)
        set_sent_count(lambda n: n + 1)

    body: list[ft.Control] = [ft.Row([w.picture("worker", 96 if child else 72)],
                                     alignment=ft.MainAxisAlignment.CENTER)]
    if me.role is Role.WORKER:
        body.append(w.message(t("worker_message.not_for_worker"), kind="warn"))
    elif not sync.can_message_worker():
        body += _unavailable(session, me, name)
    else:
        body += [
            w.para(t("worker_message.child.private" if child else "worker_message.parent.private",
                     name=name), size=20 if child else 17, bold=True),
            *([w.message(thanks, kind="ok")] if thanks else []),
        ]
        if child:  # one tap, no words needed: a five-year-old can ask too
            async def come_and_talk() -> None:
                await send(t("worker_message.come_and_talk.words", name=name))

            body += [
                ft.Semantics(identifier="come-and-talk", container=True, content=big_button(
                    "talk", t("worker_message.come_and_talk", name=name),
                    guarded(session, come_and_talk), height=96)),
                w.para(t("worker_message.or_write", name=name), size=18),
            ]
        body += [
            w.text_field(t("worker_message.child.label" if child
                           else "worker_message.parent.label", name=name),
                         text, typing, multiline=True),
            *([w.message(error)] if error else []),
            ft.Row([w.primary(t("worker_message.sending") if busy else t(
                "worker_message.send", name=name), guarded(session, send), disabled=busy)]),
        ]
    if me.role is not Role.WORKER:
        body += _stubs(session, me, name)
    return w.screen(t("worker_message.title", name=name), body,
                    on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="worker-message-screen",
                    read_aloud=me.role is Role.CHILD)


def not_ready_card(label: str, reason: str) -> ft.Control:
    """The child's card while messages can't be sent: greyed, not a button, with the reason."""
    card = ft.Container(ft.Row([
        ft.Container(w.picture("worker", 48), bgcolor=theme.SURFACE, border_radius=12,
                     padding=4, opacity=0.6),
        ft.Column([ft.Text(label, size=sized(20), weight=ft.FontWeight.BOLD, color=theme.MUTED),
                   ft.Text(reason, size=sized(16), color=theme.TEXT)], spacing=4, expand=True),
    ], spacing=16), bgcolor=UNAVAILABLE_BG, border_radius=20, padding=16)
    return ft.Semantics(identifier="worker-message-not-ready", container=True,
                        label=f"{label}. {reason}",
                        content=ft.Semantics(exclude_semantics=True, content=card))
