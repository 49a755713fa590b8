"""The household agreement as a poster for the fridge: each rule in large print beside its
picture, the routines and jobs, and who signed it."""

from __future__ import annotations

from datetime import datetime

from app.domain.agreement import AgreementVersion, Rule
from app.i18n import t, t_or
from app.reports.paper import FONT, MUTED
from app.reports.pdf import Piece, Report
from app.reports.words import iso_date_words, when_words


def _about(version: AgreementVersion, made_at: datetime) -> str:
    """What the poster holds, which version, whether it is agreed, and when it was made."""
    made = when_words(made_at)
    if version.frozen and version.signed_at:
        state = t("reports.agreement.about_signed", number=version.number,
                  date=iso_date_words(version.signed_at))
    else:
        state = t("reports.agreement.about_draft", number=version.number)
    return t("reports.agreement.about", state=state, made=made)


def _rule_pieces(pdf: Report, rule: Rule) -> list[Piece]:
    detail = pdf.body - 2
    pieces = [Piece(rule.text, pdf.body + 4, bold=True)]
    if rule.child_words and rule.child_words != rule.text:
        pieces.append(Piece(rule.child_words, detail, label=t("reports.agreement.for_children")))
    for label, words in (("why", rule.why), ("kept", rule.kept), ("broken", rule.broken),
                         ("repair", rule.repair)):
        if words:
            pieces.append(Piece(words, detail, label=t(f"reports.agreement.part.{label}")))
    return pieces


def _signatures(pdf: Report, version: AgreementVersion) -> None:
    pdf.heading(t("reports.agreement.signed_title"), picture="handshake")
    pdf.bullets(
        [t("reports.agreement.signature", name=s.name,
           role=t_or(f"role.{s.role}", "reports.agreement.role_other"),
           date=iso_date_words(s.signed_at)) for s in version.signatures],
        empty=t("reports.agreement.nobody_signed"))
    if version.for_now is not None:
        pdf.ln(2)
        pdf.para(t("reports.agreement.for_now", name=version.for_now.name,
                   date=iso_date_words(version.for_now.at), reason=version.for_now.reason))
    waiting = list(version.not_signed) if version.frozen else []
    waiting += [n.name for n in version.open_not_yet() if n.name not in waiting]
    if waiting:
        # a child who is not ready yet is waited for, never named as a refusal
        pdf.ln(2)
        pdf.para(t("reports.agreement.still_to_sign", names=", ".join(waiting)))


def agreement_poster(version: AgreementVersion, household_name: str, made_at: datetime) -> bytes:
    """The household agreement for the fridge: large print, rule pictures, who signed."""
    pdf = Report(t("reports.agreement.kind"), made_at, large=True,
                 foot_note=t("reports.pictures_credit"))
    pdf.title_block(t("reports.agreement.title"), household_name)
    pdf.about(_about(version, made_at))

    cards = [(rule.picture, _rule_pieces(pdf, rule)) for rule in version.rules]
    pdf.heading(t("reports.agreement.rules_title"), picture="agreement",
                keep=min(pdf.card_height(*cards[0]), 80.0) if cards else 0.0)
    if not cards:
        pdf.para(t("reports.agreement.no_rules"), colour=MUTED)
    for picture, pieces in cards:
        pdf.picture_card(picture, pieces)

    if version.routines:
        pdf.heading(t("reports.agreement.routines_title"), picture="clock")
        pdf.bullets(list(version.routines))

    if version.chores:
        pdf.heading(t("reports.agreement.chores_title"), picture="broom")
        _chores(pdf, version)

    _signatures(pdf, version)
    if version.review_date:
        pdf.ln(2)
        pdf.para(t("reports.agreement.review", date=iso_date_words(version.review_date)),
                 bold=True)
    return pdf.to_bytes()


def _chores(pdf: Report, version: AgreementVersion) -> None:
    """The jobs two to a row, each with its picture: easy to find your own."""
    size = 14.0
    column = pdf.epw / 2
    for start in range(0, len(version.chores), 2):
        pdf.make_room(size + 3)
        top = pdf.get_y()
        for offset, chore in enumerate(version.chores[start:start + 2]):
            x = pdf.l_margin + offset * column
            drawn = pdf.picture(chore.picture, x, top, size)
            width = column - size - 6
            # the name sits level with the middle of its picture
            height = pdf.text_height(chore.name, width, pdf.body)
            pdf.set_font(FONT, "", pdf.body)
            pdf.set_xy(x + (size + 3 if drawn else 0), top + max(0.0, (size - height) / 2))
            pdf.multi_cell(width, pdf.line_height(pdf.body), chore.name, align="L")
        pdf.set_y(top + size + 3)
