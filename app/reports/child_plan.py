"""A child's own safety plan as a poster for the fridge, written to the child: big print and
pictures, the people they trust with a number to call, and Childline (Meic too, in Wales) and
999 on every page."""

from __future__ import annotations

from datetime import datetime

from fpdf.enums import XPos, YPos

from app.domain.safety import CHILDLINE, EMERGENCY, MEIC, ChildList
from app.domain.safety_child import ChildSafetyPlan
from app.i18n import t
from app.reports.paper import BRAND, FONT, FOOT, HELP_BG, HELP_EDGE, MUTED, TEXT
from app.reports.pdf import Piece, Report
from app.reports.words import when_words

#: The picture beside each list, the same ones the child sees on their screen.
LIST_PICTURES: dict[ChildList, str] = {
    ChildList.WARNING_SIGNS: "worried",
    ChildList.CALM_IDEAS: "calm",
    ChildList.SAFE_PLACES: "home",
}


def _help_box(pdf: Report, wales: bool) -> None:
    """Who to call when help is needed now: Childline (and Meic in Wales) and 999,
    impossible to miss."""
    meic = [Piece(t("reports.child.meic", number=MEIC), pdf.body + 7, bold=True, colour=BRAND),
            Piece(t("reports.child.meic_body"), pdf.body)]
    pdf.picture_card("sos", [
        Piece(t("reports.child.help_title"), pdf.body + 5, bold=True),
        Piece(t("reports.child.childline", number=CHILDLINE), pdf.body + 7, bold=True,
              colour=BRAND),
        Piece(t("reports.child.childline_body"), pdf.body),
        *(meic if wales else []),
        Piece(t("reports.child.emergency", number=EMERGENCY), pdf.body + 1, bold=True),
    ], fill=HELP_BG, edge=HELP_EDGE)


def _adults(pdf: Report, plan: ChildSafetyPlan, child_name: str) -> None:
    cards = [[Piece(adult.name, pdf.body + 4, bold=True, after=adult.relation),
              Piece(t("reports.child.call", number=adult.phone), pdf.body + 5, bold=True,
                    colour=BRAND)] for adult in plan.adults()]
    pdf.heading(t("reports.child.adults_title"), picture="hug",
                keep=min(pdf.card_height("phone", cards[0], 16), 80.0) if cards else 0.0)
    if not cards:
        pdf.para(t("reports.child.no_adults", name=child_name), colour=MUTED)
    for pieces in cards:
        pdf.picture_card("phone", pieces, picture_size=16)


def child_plan_poster(plan: ChildSafetyPlan, child_name: str, made_at: datetime, *,
                      wales: bool = False) -> bytes:
    """A child's own safety plan for the fridge: big, with pictures, trusted adults with
    numbers, Childline 0800 1111 (and Meic for a child in Wales) and 999."""
    # The help numbers sit at the foot of every page too, so no page of the plan is
    # ever without a way to get help (rule 1).
    pdf = Report(t("reports.child.kind"), made_at, large=True,
                 foot_strong=t("reports.child.foot_wales" if wales else "reports.child.foot",
                               childline=CHILDLINE, meic=MEIC, emergency=EMERGENCY),
                 foot_note=t("reports.pictures_credit"))
    pdf.title_block(t("reports.child.title", name=child_name))
    pdf.about(t("reports.child.about", made=when_words(made_at)))
    _adults(pdf, plan, child_name)
    pdf.ln(1)
    _help_box(pdf, wales)
    # an empty list says nothing a child needs on the fridge, so it is left out
    lists = [(kind, [p.text for p in plan.items(kind)]) for kind in ChildList if plan.items(kind)]
    if not _side_by_side(pdf, lists):
        for kind, items in lists:
            pdf.heading(t(f"reports.child.{kind.value}"), picture=LIST_PICTURES[kind])
            pdf.bullets(items, size=pdf.body + 2)
    return pdf.to_bytes()


def _side_by_side(pdf: Report, lists: list[tuple[ChildList, list[str]]]) -> bool:
    """The lists in columns, each under its picture, so the plan fits on one sheet.

    Returns:
        False, drawing nothing, when the columns would not fit on one page (then the
        lists follow one another instead).
    """
    if not lists:
        return True
    gap, pic, heading = 6.0, 12.0, pdf.body + 1
    width = (pdf.epw - gap * (len(lists) - 1)) / len(lists)
    bullet = pdf.body * 0.5
    heights = []
    for kind, items in lists:
        title = pdf.text_height(t(f"reports.child.{kind.value}"), width, heading, bold=True)
        rows = sum(pdf.text_height(item, width - bullet, pdf.body) + 1 for item in items)
        heights.append(pic + 2 + title + 1 + rows)
    height = max(heights) + 2
    if height > pdf.h - pdf.t_margin - FOOT - 20:
        return False
    pdf.ln(2)
    pdf.make_room(height)
    top = pdf.get_y()
    for index, (kind, items) in enumerate(lists):
        x = pdf.l_margin + index * (width + gap)
        pdf.picture(LIST_PICTURES[kind], x, top, pic)
        pdf.set_xy(x, top + pic + 2)
        pdf.set_font(FONT, "B", heading)
        pdf.set_text_color(*BRAND)
        pdf.multi_cell(width, pdf.line_height(heading), t(f"reports.child.{kind.value}"),
                       align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(*TEXT)
        pdf.ln(1)
        for item in items:
            pdf.set_x(x)
            pdf.set_font(FONT, "B", pdf.body)
            pdf.cell(bullet, pdf.line_height(pdf.body), "•")
            pdf.set_font(FONT, "", pdf.body)
            pdf.multi_cell(width - bullet, pdf.line_height(pdf.body), item, align="L",
                           new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.ln(1)
    pdf.set_y(top + height)
    return True
