"""The hub as one ASGI app: the device API under ``/v1`` and, beside it, the worker web UI.

``homeward hub`` serves what ``build_hub_asgi`` returns; tests serve the same thing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from sqlalchemy import Engine

from app.hub.api import create_hub_app


def build_hub_asgi(engine: Engine, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """Return the whole hub over a migrated database engine."""
    return create_hub_app(engine, clock=clock)
