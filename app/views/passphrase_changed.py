"""A tab opened with a passphrase that another tab has since changed asks for the new one.

The passphrase is changed because someone who should not know it might, so a tab proved
with the old one (the family tablet, a phone left signed in) must not carry on as if
nothing happened: at its next tap, or within seconds of the change, it forgets the household
and who was using it, and shows the passphrase screen saying why. The tab that made the
change carries on.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.i18n import t

if TYPE_CHECKING:
    from app.views.state import Session


def passphrase_still_proved(session: Session) -> bool:
    """True unless the passphrase changed since ``session`` proved it; if it did, the tab
    goes back to the passphrase screen with a kind word."""
    service = session.service
    if service is None or session.gate.still_proved(service):
        return True
    session.speak_shared()
    session.member = None
    session.service = None
    session.locked = False
    session.lock_warned = False
    session.new_recovery_key = ""  # made for the old passphrase's holders
    session.downloads.withdraw(session)
    session.notice = t("unlock.changed")
    return False


def while_proved(session: Session, handler: Callable[..., Any]) -> Callable[..., Any]:
    """``handler``, run only while the tab's passphrase is still the household's."""
    if inspect.iscoroutinefunction(handler):

        async def run_async() -> None:
            if passphrase_still_proved(session):
                await handler()

        return run_async

    def run() -> None:
        if passphrase_still_proved(session):
            handler()

    return run
