"""Words typed and not saved, kept for the person who typed them until they save or let go.

A parent is called away mid-sentence: the phone locks itself, or they tap Back. What they typed
is kept in this tab's memory only (``Session.drafts``, never the data folder), under their own
id, so it is there when they come back and nobody else who signs in on the device sees it.
Screens keep a draft as it is typed, not on leaving: the auto-lock forgets who is here before
the screen goes, and the words must not go with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar, cast

from app.views.state import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Draft:
    """One person's unsaved words for one form (a new one, or one thing being changed)."""

    session: Session
    key: str

    @classmethod
    def of(cls, session: Session, form: str, item: str) -> Draft:
        """The signed-in person's draft of ``form`` for ``item`` (an id, or "new")."""
        return cls(session, f"{form}:{session.require_member().id}:{item}")

    def read(self, saved: T) -> T:
        """What was typed and not saved, or ``saved`` when nothing was."""
        return cast(T, self.session.drafts.get(self.key, saved))

    def keep(self, typed: Any, saved: Any) -> None:
        """Keep ``typed``; words that read as saved need no draft, so none is kept."""
        if typed == saved:
            self.forget()
        else:
            self.session.drafts[self.key] = typed

    def forget(self) -> None:
        """Saved, or let go with Cancel: nothing half-typed to keep now."""
        self.session.drafts.pop(self.key, None)
