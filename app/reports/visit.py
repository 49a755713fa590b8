"""A record of one home visit, to print for the family's file: who was there, what was
talked about, what was agreed and when the worker comes next.

A parent may read this at home, as they may read the visit on screen. What a child told the
worker privately was sealed for the agency and is not in the visit record at all; the
worker's notes of an ended visit are sealed too, and the report says only that they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from app.domain.programme.visits import Visit
from app.i18n import t
from app.reports.paper import MUTED
from app.reports.pdf import Report
from app.reports.words import (
    date_words,
    iso_date_words,
    iso_when_words,
    moment,
    name_of,
    names_of,
    when_words,
)


def _when(visit: Visit) -> str:
    start = moment(visit.started_at)
    if visit.ended_at is None:
        return t("reports.visit.not_ended", start=when_words(start))
    end = moment(visit.ended_at)
    if end.date() == start.date():
        return t("reports.visit.from_to", date=date_words(start.date()),
                 start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
    return t("reports.visit.from_to_days", start=when_words(start), end=when_words(end))


def visit_report(visit: Visit, names: Mapping[str, str], household_name: str,
                 made_at: datetime) -> bytes:
    """A home visit for the family's file: who was there, notes, what was agreed, what next."""
    pdf = Report(t("reports.visit.kind"), made_at)
    pdf.title_block(t("reports.visit.title"), household_name)
    pdf.about(t("reports.visit.about", date=iso_date_words(visit.started_at),
                made=when_words(made_at)))

    pdf.labelled(t("reports.visit.when"), _when(visit))
    pdf.labelled(t("reports.visit.worker"), name_of(names, visit.worker_id))
    pdf.labelled(t("reports.visit.present"), names_of(names, visit.present))
    if visit.seen_alone:
        pdf.labelled(t("reports.visit.seen_alone"), names_of(names, visit.seen_alone))
    if visit.since:
        pdf.labelled(t("reports.visit.since"), iso_when_words(visit.since))

    pdf.heading(t("reports.visit.notes_title"))
    # Sealed notes are for the agency: the report says they exist, never what they say, even
    # when the notes opened at the agency are handed back with the record.
    noted = [] if visit.sealed_notes else [
        item for item in visit.agenda if visit.notes.get(item.value)]
    if not noted:
        pdf.para(t("reports.visit.notes_sealed") if visit.sealed_notes
                 else t("reports.visit.no_notes"), colour=MUTED)
    for item in noted:
        pdf.make_room(3 * pdf.line_height(pdf.body))
        pdf.para(t(f"visits.item.{item.value}"), bold=True)
        for paragraph in visit.notes[item.value].split("\n"):
            if paragraph.strip():
                pdf.para(paragraph.strip())
        pdf.ln(2)

    pdf.heading(t("reports.visit.actions_title"))
    if visit.actions:
        pdf.table_of(
            [t("reports.visit.action.what"), t("reports.visit.action.who"),
             t("reports.visit.action.due")],
            [(a.what, a.who or t("reports.visit.action.anyone"),
              iso_date_words(a.due) if a.due else t("reports.visit.action.no_date"))
             for a in visit.actions],
            widths=(52, 24, 24))
    else:
        pdf.para(t("reports.visit.no_actions"), colour=MUTED)

    pdf.heading(t("reports.visit.next_title"))
    pdf.para(t("reports.visit.next", date=iso_date_words(visit.next_visit)) if visit.next_visit
             else t("reports.visit.no_next"))
    return pdf.to_bytes()
