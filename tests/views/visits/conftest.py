"""The agency's hub for visit tests that hear from a child (as in tests/views/sync)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "sync"))  # pairing_steps, as sync's tests

from tests.views.sync.conftest import hub  # noqa: E402

__all__ = ["hub"]
