"""Earlier versions of the agreement: each one readable as it was, with who signed and when,
and, for a version agreed for now, why and who had not signed."""

from __future__ import annotations

import flet as ft

from app import theme
from app.i18n import t
from app.views import widgets as w
from app.views.agreement.parts import (
    chores_list,
    heading,
    review_words,
    rule_card,
    service_of,
    signature_rows,
    version_summary,
    version_title,
    when_words,
)
from app.views.agreement.who_signs import not_yet_history
from app.views.state import go, guarded, signed_in_only, use_session
from app.views.text_size import sized


@ft.component
@signed_in_only
def VersionsScreen() -> ft.Control:
    """Every version, newest first; tap one to read it."""
    session = use_session()
    agreement = service_of(session)
    rows: list[ft.Control] = [w.para(t("agreement.versions.intro"), muted=True)]
    for version in reversed(agreement.versions()):
        if version.frozen and version.signed_at:
            key = "agreement.versions.for_now" if version.for_now else "agreement.versions.signed"
            subtitle = t(key, when=when_words(version.signed_at))
        else:
            subtitle = t("agreement.versions.draft", when=when_words(version.created_at))
        rows.append(ft.Card(
            content=ft.ListTile(
                leading=ft.Icon(ft.Icons.VERIFIED_OUTLINED if version.frozen
                                else ft.Icons.EDIT_NOTE, color=theme.BRAND, size=32),
                title=ft.Text(version_title(version), size=sized(18), weight=ft.FontWeight.W_600),
                subtitle=ft.Text(subtitle, color=theme.MUTED),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
                on_click=guarded(session, lambda n=version.number: go(f"/agreement/version/{n}")),
                min_height=72,
            ),
            bgcolor=theme.SURFACE,
        ))
    return w.screen(t("agreement.versions.title"), rows,
                    on_back=guarded(session, lambda: go("/agreement")),
                    on_lock=guarded(session, session.lock), identifier="agreement-versions-screen")


@ft.component
@signed_in_only
def VersionScreen() -> ft.Control:
    """One version, read-only: its rules, routines, chores, review date and signatures."""
    session = use_session()
    number = ft.use_route_params().get("number", "")
    agreement = service_of(session)
    back = guarded(session, lambda: go("/agreement/versions"))
    try:
        version = agreement.version(int(number))
    except (KeyError, ValueError):
        return w.screen(t("agreement.version.missing"), [w.para(t("agreement.version.gone"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="agreement-version-screen")
    people = agreement.signers()
    required, asked = agreement.by_need()
    body: list[ft.Control] = [
        *version_summary(version, [m.id for m in required]),
        heading(t("agreement.rules.title")),
        *([rule_card(rule) for rule in version.rules]
          or [w.para(t("agreement.rules.none"), muted=True)]),
        heading(t("agreement.routines.title")),
        *([w.para("\u2022 " + routine) for routine in version.routines]
          or [w.para(t("agreement.routines.none"), muted=True)]),
        heading(t("agreement.chores.title")),
        *chores_list(version.chores if version.frozen else agreement.chores()),
        heading(t("agreement.review.title")),
        w.para(t("agreement.review.on", date=review_words(version))),
        heading(t("agreement.signatures.title")),
        *signature_rows(session, version, people if not version.frozen else [],
                        can_sign=False, asked=frozenset(m.id for m in asked)),
    ]
    if version.frozen and not version.signatures:
        body.append(w.para(t("agreement.signatures.none"), muted=True))
    body += not_yet_history(version)
    return w.screen(version_title(version), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="agreement-version-screen")
