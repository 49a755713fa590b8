"""The family's plan from a family group conference, to print for everyone who was there.

It says what the plan answers (the worries and the agency's bottom lines), who does what by
when, what happens if it is not working, how the children were heard, how each bottom line is
met, whether the agency agrees and why, and when the plan is reviewed. Printed in private
family time it holds the family's plan only, never the worker's notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from app.domain.programme.conference import Conference
from app.i18n import t
from app.reports.paper import MUTED
from app.reports.pdf import Report
from app.reports.words import iso_date_words, when_words


def conference_report(conference: Conference, invited: Mapping[str, str], done: set[str],
                      household_name: str, made_at: datetime) -> bytes:
    """The family's plan as a PDF (``invited``: network names by id; ``done``: action ids)."""
    shown = conference.as_shown()
    pdf = Report(t("conference.report.kind"), made_at)
    pdf.title_block(t("conference.report.title"), household_name)
    pdf.about(t("conference.report.about", date=iso_date_words(shown.created_at),
                made=when_words(made_at)))
    if shown.invited:
        pdf.labelled(t("conference.report.invited"),
                     ", ".join(invited.get(i, "?") for i in shown.invited))

    pdf.heading(t("conference.report.address"))
    if shown.worries:
        pdf.para(t("conference.worries"), bold=True)
        pdf.bullets([w.text for w in shown.worries])
    if shown.bottom_lines:
        pdf.para(t("conference.bottom_lines"), bold=True)
        pdf.bullets([b.text for b in shown.bottom_lines])

    plan = shown.plan
    pdf.heading(t("conference.report.actions"))
    if plan.actions:
        pdf.table_of(
            [t("conference.plan.what"), t("conference.plan.who"), t("conference.plan.when"),
             t("conference.report.done")],
            [(a.what, a.who or "-", iso_date_words(a.by_when) if a.by_when else "-",
              t("conference.report.yes") if a.id in done else "") for a in plan.actions],
            widths=(46, 20, 22, 12))
    else:
        pdf.para(t("conference.plan.no_actions"), colour=MUTED)

    pdf.heading(t("conference.plan.bottom_lines_title"))
    for line in shown.bottom_lines:
        pdf.para(line.text, bold=True)
        pdf.para(plan.bottom_lines_met.get(line.id) or t("conference.report.not_yet"))
    pdf.heading(t("conference.plan.contingencies"))
    pdf.para(plan.contingencies or t("conference.report.not_yet"))
    pdf.heading(t("conference.plan.child_voice"))
    pdf.para(plan.child_voice or t("conference.report.not_yet"))

    pdf.heading(t("conference.report.decision"))
    if shown.agreed is None:
        pdf.para(t("conference.report.no_decision"), colour=MUTED)
    else:
        pdf.para(t("conference.decision.agreed" if shown.agreed
                   else "conference.decision.not_agreed"), bold=True)
        if shown.decision_why:
            pdf.para(shown.decision_why)
    if shown.review_on:
        pdf.labelled(t("conference.report.review"), iso_date_words(shown.review_on))
    return pdf.to_bytes()
