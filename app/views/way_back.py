"""Back to where a screen was opened from, when that was not home: the visit's agenda.

A worker at a visit opens the family's own screens (the safety plan, the agreement, how
everyone is feeling, strengths) to look at them together. Their Back used to go home, and the
visit was a tap and a scroll away. The screen opened is remembered with the way back, in this
tab's session; its Back uses it once. The lock and "Someone else's turn" forget it.
"""

from __future__ import annotations

from app.views.state import Session, go


def open_from(session: Session, route: str, back: str) -> None:
    """Open ``route``; its Back (``go_back``) then leads to ``back``, once."""
    session.way_back = (route, back)
    go(route)


def go_back(session: Session, here: str) -> None:
    """Back from the screen at ``here``: to where it was opened from (``open_from``), else
    home."""
    opened, back = session.way_back
    session.way_back = ("", "")
    go(back if opened == here else "/")
