"""The household agreement: rules, routines and a review date the whole family signs.

Parents and the worker write a draft and each person signs it; a signed version is frozen,
and changing it starts a new draft while every old version stays readable. Young children are
invited to sign, not needed; a child may say "Not yet", and a parent may agree it for now with
a reason. A child sees "Our rules" in pictures and can ask to talk about a rule. The agreement
card on a parent's or worker's home reminds them when a review is due, and who wants to talk.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.people import Member
from app.i18n import plural, t
from app.views import widgets as w
from app.views.agreement.child import OurRulesScreen, child_card
from app.views.agreement.history import VersionScreen, VersionsScreen
from app.views.agreement.parts import (
    review_words,
    service_of,
)
from app.views.agreement.rule import RuleScreen
from app.views.agreement.screens import AgreementScreen
from app.views.agreement.sign import SignScreen
from app.views.agreement.who_signs import not_yet_words
from app.views.feature import Feature
from app.views.state import Session, go, guarded
from app.views.text_size import sized


def _tiles(session: Session, member: Member) -> list[ft.Control]:
    """The agreement card on a parent's or worker's home, with a reminder when a review is due."""
    agreement = service_of(session)
    latest = agreement.latest()
    parts: list[ft.Control] = []
    due = agreement.review_due()
    if due is not None:
        parts.append(w.message(t("agreement.review.reminder", date=review_words(due)),
                               kind="warn"))
    talks = len(agreement.talk_requests())
    not_yet = not_yet_words(latest)
    if latest is None:
        subtitle = t("agreement.tile.empty")
    elif latest.frozen:
        subtitle = t("agreement.tile.signed", number=latest.number, date=review_words(latest))
    else:
        subtitle = t("agreement.tile.draft", number=latest.number)
    if talks:
        subtitle += "\n" + plural(talks, "agreement.tile.talks")
    if not_yet:
        subtitle += "\n" + not_yet
        talks += len(latest.open_not_yet()) if latest is not None else 0  # on the badge too
    icon = ft.Icon(ft.Icons.HANDSHAKE_OUTLINED, color=theme.BRAND, size=32,
                   badge=ft.Badge(label=str(talks), bgcolor=theme.ERROR) if talks else None)
    parts.append(ft.Card(
        content=ft.ListTile(
            leading=icon,
            title=ft.Text(t("agreement.title"), size=sized(18), weight=ft.FontWeight.W_600),
            subtitle=ft.Text(subtitle, color=theme.MUTED),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
            on_click=guarded(session, lambda: go("/agreement")),
            min_height=72,
        ),
        bgcolor=theme.SURFACE,
    ))
    return parts


def _child_parts(session: Session, member: Member) -> list[ft.Control]:
    """The big "Our rules" card on a child's home."""
    return [child_card(session)]


FEATURE = Feature(
    routes=[
        ft.Route(path="agreement", component=AgreementScreen),
        ft.Route(path="agreement/ours", component=OurRulesScreen),
        ft.Route(path="agreement/rule/:rule_id", component=RuleScreen),
        ft.Route(path="agreement/sign/:member_id", component=SignScreen),
        ft.Route(path="agreement/versions", component=VersionsScreen),
        ft.Route(path="agreement/version/:number", component=VersionScreen),
    ],
    child_routes=("agreement/ours",),
    tiles=_tiles,
    child_parts=_child_parts,
)
