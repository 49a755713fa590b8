"""A Flet web client on the wire, as a browser tab speaks to the hub's worker UI.

Enough of Flet's websocket protocol (msgpack frames) to register a tab, read the controls the
hub sends, type into a text box, tap a button and close the tab, so a test can do what a
person at an office computer does, session id included, without a browser.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import msgpack
import websockets
from flet.messaging.protocol import decode_ext_from_msgpack

REGISTER, CLIENT_EVENT, UPDATE_CONTROL, INVOKE_METHOD = 1, 3, 4, 5


def _frame(action: int, body: dict[str, Any]) -> bytes:
    return b"\x00" + msgpack.packb([action, body])


class Tab:
    """One browser tab's connection to ``/ws``; ``session_id`` is what the tab keeps."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://") + "/ws"
        self.controls: dict[int, dict[str, Any]] = {}
        self.messages: list[Any] = []
        self.session_id = ""
        self.ws: Any = None

    async def open(self, session_id: str = "") -> Tab:
        """Connect and register, with the session id a reopened tab would bring back."""
        self.ws = await websockets.connect(self.url, max_size=None)
        page = {"route": "/", "width": 500, "height": 800, "platform": "linux", "web": True,
                "pwa": False, "debug": False}
        await self.ws.send(_frame(REGISTER, {"session_id": session_id, "page_name": "",
                                             "page": page}))
        await self.read(1.5)
        return self

    async def close(self) -> None:
        """Close the tab (the browser's X), without signing out."""
        await self.ws.close()

    async def read(self, seconds: float) -> None:
        """Take in what the hub sends for ``seconds``, answering its method calls."""
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while (left := end - loop.time()) > 0:
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                return
            if data[0] != 0:
                continue
            message = msgpack.unpackb(data[1:], ext_hook=decode_ext_from_msgpack,
                                      strict_map_key=False)
            self.messages.append(message)
            if message[0] == REGISTER:
                self.session_id = message[1]["session_id"]
            self._keep(message[1])
            if message[0] == INVOKE_METHOD and "call_id" in message[1]:
                await self.ws.send(_frame(INVOKE_METHOD, {
                    "control_id": message[1].get("control_id"),
                    "call_id": message[1]["call_id"], "result": None, "error": None}))

    def _keep(self, node: Any) -> None:
        if isinstance(node, dict):
            if "_i" in node and "_c" in node:
                self.controls.setdefault(node["_i"], {}).update(
                    {k: v for k, v in node.items() if not isinstance(v, dict | list)})
            for value in node.values():
                self._keep(value)
        elif isinstance(node, list):
            for value in node:
                self._keep(value)

    def sent_since(self, index: int) -> str:
        """Everything the hub sent after the ``index``-th message, as text to search."""
        return json.dumps(self.messages[index:], default=str, ensure_ascii=False)

    async def type(self, label: str, text: str) -> None:
        """Type ``text`` into the newest text box labelled ``label``."""
        box = await self._newest(lambda c: c.get("_c") == "TextField" and c.get("label") == label,
                                 f"a text box labelled {label!r}")
        await self.ws.send(_frame(UPDATE_CONTROL, {"id": box, "props": {"value": text}}))
        await self.ws.send(_frame(CLIENT_EVENT, {"target": box, "name": "change",
                                                 "data": text}))
        await self.read(0.4)

    async def tap(self, words: str) -> None:
        """Tap the newest button showing ``words``."""
        button = await self._newest(lambda c: c.get("content") == words,
                                    f"a button showing {words!r}")
        await self.ws.send(_frame(CLIENT_EVENT, {"target": button, "name": "click",
                                                 "data": None}))
        await self.read(2.0)

    async def _newest(self, wanted: Callable[[dict[str, Any]], bool], what: str,
                      seconds: float = 20.0) -> int:
        """The newest control that is ``wanted``, waiting for the hub to send one (a busy
        machine can take longer than the first read to draw the screen)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while not (found := [i for i, c in self.controls.items() if wanted(c)]):
            if loop.time() > end:
                raise AssertionError(f"the hub sent no {what} in {seconds:.0f} s")
            await self.read(0.5)
        return max(found)

    async def go(self, route: str) -> None:
        """Type an address into the tab (a route change)."""
        await self.ws.send(_frame(UPDATE_CONTROL, {"id": 1, "props": {"route": route}}))
        await self.ws.send(_frame(CLIENT_EVENT, {"target": 1, "name": "route_change",
                                                 "data": {"route": route}}))
        await self.read(2.0)
