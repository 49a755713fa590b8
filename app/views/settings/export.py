"""Settings › "Everything Homeward holds about us": the household's export, for parents.

Two downloads, made when fetched and never written to the data folder: a readable PDF, and a
JSON archive another program can read. What a child told their worker is never in them.
"""

from __future__ import annotations

import json
from datetime import date

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.services.export import archive_pdf, export_for
from app.views import widgets as w
from app.views.state import Session


def export_section(session: Session, me: Member) -> list[ft.Control]:
    """The export's two downloads, for a parent."""
    if me.role is not Role.PARENT:
        return []
    household = session.require_service()
    stem = f"homeward-export-{date.fromtimestamp(session.clock()).isoformat()}"

    def as_json() -> bytes:
        return json.dumps(export_for(household, me), ensure_ascii=False, indent=1,
                          sort_keys=True).encode("utf-8")

    def as_pdf() -> bytes:
        return archive_pdf(export_for(household, me))

    return [
        ft.Divider(),
        w.section(t("settings.export.title")),
        w.para(t("settings.export.body"), muted=True),
        ft.Semantics(identifier="export-pdf", container=True, content=w.download_button(
            t("settings.export.pdf"),
            session.offer_download(f"{stem}.pdf", "application/pdf", as_pdf))),
        ft.Semantics(identifier="export-json", container=True, content=w.download_button(
            t("settings.export.json"),
            session.offer_download(f"{stem}.json", "application/json", as_json))),
    ]
