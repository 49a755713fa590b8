"""For the worker at a visit: records this device set aside, and changes the agency refused.

A record from the agency that this device could not use, or a change of this device's that
the agency would not take, is never allowed to stop syncing; it is noted here instead, by
kind and reason (never its contents), so the worker can look into it.
"""

from __future__ import annotations

from datetime import datetime

import flet as ft

from app import theme
from app.domain.people import Role
from app.i18n import t
from app.sync.catalogue import label_key
from app.views import widgets as w
from app.views.state import go, guarded, signed_in_only, use_session
from app.views.sync.settings import sync_of
from app.views.text_size import sized

ROUTE = "/settings/sync/set-aside"
#: Reasons with words of their own; any other says "it could not be used".
REASONS = frozenset({
    "not_a_record", "no_id", "bad_revision", "bad_shard", "bad_name_or_stamp", "local_only",
    "body_not_object", "body_id_mismatch", "unreadable_body", "malformed", "future_stamp",
    "agency_author", "unknown_author", "unknown_worker",
})


def note_words(note: dict[str, object]) -> str:
    """One set-aside record in a sentence: what kind, which way, when and why."""
    reason = str(note.get("reason"))
    at = str(note.get("at", ""))
    try:
        when = datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")
    except (ValueError, OverflowError, OSError):
        when = "?"
    return t(f"sync.aside.{note.get('kind')}", what=t(label_key(str(note.get("collection")))),
             when=when, why=t(f"sync.aside.reason.{reason if reason in REASONS else 'other'}"))


@ft.component
@signed_in_only
def SetAsideScreen() -> ft.Control:
    """The list, newest first; only the worker sees it."""
    session = use_session()
    me = session.require_member()
    if me.role is not Role.WORKER:
        body: list[ft.Control] = [w.message(t("error.not_allowed"))]
    else:
        notes = sync_of(session).set_aside()
        body = [w.para(t("sync.aside.intro"))]
        body += [ft.Text(note_words(note), size=sized(16), color=theme.TEXT) for note in notes]
    return w.screen(t("sync.aside.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="set-aside-screen")
