"""Drive a Flet 1.0.5 page in plain pytest, with no Flutter client.

A real ``Session`` runs on a fake connection that msgpack-encodes each message as the
real server does (the encoding records the snapshots later updates are diffed against)
and answers client method calls, turning ``push_route`` into a route change. It uses
Flet internals, which is why ``flet`` is pinned.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import flet as ft
import msgpack
from flet.controls.base_control import BaseControl
from flet.controls.context import _context_page, context
from flet.messaging.connection import Connection
from flet.messaging.protocol import (
    Message,
    MessageAction,
    RegisterClientResponseBody,
    configure_encode_object_for_msgpack,
)
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

T = TypeVar("T")
BUTTONS = (ft.Button, ft.OutlinedButton, ft.TextButton, ft.IconButton)


class FakeClock:
    """A clock the test moves by hand, so auto-lock and lockouts need no sleeping."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class RecordingConnection(Connection):
    """A connection that records messages and plays a polite client."""

    def __init__(self) -> None:
        super().__init__()
        loop = asyncio.get_running_loop()
        self.loop = loop
        self.executor = ThreadPoolExecutor()
        self.pubsubhub = PubSubHub(loop=loop, executor=self.executor)
        self.messages: list[Message] = []
        self.page_url = "http://127.0.0.1:8550"
        self.session: Session | None = None
        self.errors: list[str] = []

    def send_message(self, message: Message) -> None:
        msgpack.packb(
            [message.action, message.body],
            default=configure_encode_object_for_msgpack(BaseControl),
        )
        self.messages.append(message)
        if message.action == MessageAction.SESSION_CRASHED:
            self.errors.append(str(message.body))
        if message.action == MessageAction.INVOKE_METHOD and self.session is not None:
            body = message.body
            loop = asyncio.get_running_loop()
            loop.call_soon(
                self.session.handle_invoke_method_results, body.control_id, body.call_id, None, None
            )
            if body.name == "push_route":
                page = self.session.page
                route = {"route": body.args["route"]}
                loop.create_task(self.session.dispatch_event(page._i, "route_change", route))


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a headless test's coroutine on a fresh event loop in its own thread.

    Playwright's sync API (the browser tests) keeps an event loop running on the main
    thread for the whole session, so ``asyncio.run`` there would refuse to start.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class Driver:
    """A page under test, with finders and actions in the words a person would use."""

    def __init__(self, session: Session, page: ft.Page, conn: RecordingConnection) -> None:
        self.session = session
        self.page = page
        self.conn = conn
        self.recovery_key = ""  # a test may note the key the setup screen showed

    @classmethod
    async def start(cls, main: Callable[[ft.Page], Any], route: str = "/") -> Driver:
        """Start ``main`` on a fresh page."""
        conn = RecordingConnection()
        session = Session(conn)
        conn.session = session
        page = session.page
        page.route = route
        conn.send_message(
            Message(
                MessageAction.REGISTER_CLIENT,
                RegisterClientResponseBody(
                    session_id=session.id, page_patch=session.get_page_patch(), error=""
                ),
            )
        )
        _context_page.set(page)
        context.reset_auto_update()
        result = main(page)
        if asyncio.iscoroutine(result):
            await result
        await session.after_event(page)
        driver = cls(session, page, conn)
        await driver.settle()
        return driver

    async def settle(self, rounds: int = 30) -> None:
        """Let scheduled updates, effects and threads finish."""
        for _ in range(rounds):
            await asyncio.sleep(0.005)

    def controls(self) -> Iterator[BaseControl]:
        """Every control currently on the page.

        Flet's index holds controls weakly, and the messages this connection records still
        hold a control a later render took off the page (a household page replaced at a
        resize), so only those whose parents lead to the page count.
        """
        page = self.page
        on_page: dict[int, bool] = {id(page): True}

        def mounted(control: BaseControl) -> bool:
            path: list[int] = []
            node: BaseControl | None = control
            while node is not None and id(node) not in on_page:
                path.append(id(node))
                node = node.parent
            answer = node is not None and on_page[id(node)]
            on_page.update(dict.fromkeys(path, answer))
            return answer

        return iter([c for c in list(self.session.index.values()) if mounted(c)])

    def texts(self) -> list[str]:
        """Every visible string: texts, button labels, semantics labels."""
        found: list[str] = []
        for control in self.controls():
            for attr in ("value", "content", "label", "text", "tooltip", "semantics_label"):
                value = getattr(control, attr, None)
                if isinstance(value, str) and value:
                    found.append(value)
        return found

    def texts_in(self, identifier: str) -> list[str]:
        """The strings inside the part of the page with this semantics identifier."""
        found: list[str] = []
        for control in self._inside(identifier):
            for attr in ("value", "content", "label", "text", "tooltip", "semantics_label"):
                value = getattr(control, attr, None)
                if isinstance(value, str) and value:
                    found.append(value)
        return found

    def has_text(self, fragment: str) -> bool:
        """True when any string on the page contains ``fragment``."""
        return any(fragment in text for text in self.texts())

    def _inside(self, identifier: str) -> Iterator[BaseControl]:
        """The controls inside the part of the page with this semantics identifier."""
        roots = {id(c) for c in self.controls()
                 if isinstance(c, ft.Semantics) and c.identifier == identifier}
        for control in self.controls():
            node: BaseControl | None = control
            while node is not None and id(node) not in roots:
                node = node.parent
            if node is not None:
                yield control

    def button(self, label: str, within: str | None = None) -> BaseControl:
        """The enabled-or-not button whose label is exactly ``label`` (inside ``within``)."""
        for control in (self.controls() if within is None else self._inside(within)):
            if (isinstance(control, ft.Semantics) and control.label == label
                    or isinstance(control, ft.Text) and control.semantics_label == label):
                tappable = self._tappable(control)
                if tappable is not None:
                    return tappable
            title = getattr(control, "title", None)
            if isinstance(control, ft.ListTile) and getattr(title, "value", None) == label:
                return control
            icon = getattr(control, "icon", None)
            if isinstance(control, ft.IconButton) and getattr(icon, "semantics_label",
                                                               None) == label:
                return control
            content = getattr(control, "content", None)
            if isinstance(control, BUTTONS) and (
                content == label or getattr(control, "tooltip", None) == label
                or isinstance(content, ft.Text) and content.value == label
            ):
                return control
        raise AssertionError(f"no button {label!r} in {within or 'the page'}; "
                             f"page has: {self.texts()}")

    @staticmethod
    def _tappable(control: BaseControl) -> BaseControl | None:
        """The nearest control, from ``control`` up, that handles a tap."""
        node: BaseControl | None = control
        while node is not None:
            if getattr(node, "on_click", None) is not None:
                return node
            node = node.parent
        return None

    def field(self, label: str) -> ft.TextField:
        """The text box labelled ``label``."""
        for control in self.controls():
            if isinstance(control, ft.TextField) and control.label == label:
                return control
        raise AssertionError(f"no field {label!r}; page has: {self.texts()}")

    async def tap(self, label: str, within: str | None = None) -> None:
        """Tap the button labelled ``label`` (the one inside ``within``, when several are)."""
        control = self.button(label, within)
        assert not getattr(control, "disabled", False), f"button {label!r} is disabled"
        await self.session.dispatch_event(control._i, "click", None)
        await self.settle()

    async def double_tap(self, label: str) -> None:
        """Two taps on ``label`` that arrive together, as a child's double tap does."""
        control = self.button(label)
        await asyncio.gather(*(self.session.dispatch_event(control._i, "click", None)
                               for _ in range(2)))
        await self.settle(100)

    async def type(self, label: str, text: str) -> None:
        """Type ``text`` into the field labelled ``label``, as the client would report it."""
        field = self.field(label)
        self.session.apply_patch(field._i, {"value": text})
        await self.session.dispatch_event(field._i, "change", None)
        await self.settle()

    async def select(self, label: str, value: str) -> None:
        """Choose ``value`` in the dropdown labelled ``label``."""
        for control in self.controls():
            if isinstance(control, ft.Dropdown) and control.label == label:
                self.session.apply_patch(control._i, {"value": value})
                await self.session.dispatch_event(control._i, "select", None)
                await self.settle()
                return
        raise AssertionError(f"no dropdown {label!r}")

    async def check(self, label: str) -> None:
        """Tick the checkbox labelled ``label``."""
        for control in self.controls():
            if isinstance(control, ft.Checkbox) and label in (control.label,
                                                               control.semantics_label):
                self.session.apply_patch(control._i, {"value": True})
                await self.session.dispatch_event(control._i, "change", None)
                await self.settle()
                return
        raise AssertionError(f"no checkbox {label!r}")

    def identifiers(self) -> set[str]:
        """The semantics identifiers on the page (each screen has one)."""
        return {
            c.identifier for c in self.controls() if isinstance(c, ft.Semantics) and c.identifier
        }

    def addresses(self) -> list[str]:
        """Every address the app put in the browser's address bar (and so its history)."""
        return [m.body.args["route"] for m in self.conn.messages
                if m.action == MessageAction.INVOKE_METHOD and m.body.name == "push_route"]


async def until(d: Driver, check: object, seconds: float = 10.0) -> None:
    """Let the page run until ``check()`` is true (a sync or a slow check runs in a thread)."""
    assert callable(check)
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out; page has: {d.texts()}")
