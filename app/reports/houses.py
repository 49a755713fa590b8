"""A child's page for their meeting: "What I want my meeting to know" and their latest three
houses, in their words and pictures (drawings as vector lines), big print for a review or
a family group conference. Only what the child chose to show is on it: things kept for the
worker are sealed and never reach a report made at home."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from app.domain.programme.three_houses import (
    CANVAS,
    HOUSE_PICTURES,
    House,
    HouseItem,
    MeetingWords,
    Sitting,
    Stroke,
)
from app.i18n import t, t_or
from app.reports.paper import BRAND, MUTED
from app.reports.pdf import Piece, Report
from app.reports.words import date_words, when_words

DRAWING_MM = 40.0


def _said(item: HouseItem) -> str:
    if item.words:
        return item.words
    if item.picture:
        return t_or(f"houses.pic.{item.picture}", "reports.houses.picture")
    return t("houses.drawing")


def _drawing(pdf: Report, strokes: Sequence[Stroke]) -> None:
    """A drawing as lines in a box, at the left margin, and room after it."""
    pdf.make_room(DRAWING_MM + 4)
    x0, y0 = pdf.l_margin, pdf.get_y()
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.rect(x0, y0, DRAWING_MM, DRAWING_MM, round_corners=True, corner_radius=2)
    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(0.8)
    k = DRAWING_MM / CANVAS
    for stroke in strokes:
        points = [(x0 + x * k, y0 + y * k) for x, y in stroke]
        if len(points) == 1:
            points.append((points[0][0] + 0.4, points[0][1]))
        pdf.polyline(points)
    pdf.set_y(y0 + DRAWING_MM + 4)


def meeting_page(child_name: str, meeting: MeetingWords | None, latest: Sitting | None,
                 made_at: datetime) -> bytes:
    """A child's words for their meeting and their latest three houses (shown things only)."""
    pdf = Report(t("reports.houses.kind"), made_at, large=True,
                 foot_note=t("reports.pictures_credit"))
    pdf.title_block(t("reports.houses.title", name=child_name))
    pdf.about(t("reports.houses.made", date=when_words(made_at), name=child_name))
    pdf.heading(t("reports.houses.meeting", name=child_name), picture="talk")
    if meeting is None:
        pdf.para(t("reports.houses.none"), colour=MUTED)
    else:
        pdf.picture_card(meeting.pictures[0] if meeting.pictures else None, [
            Piece(meeting.words or ", ".join(t(f"houses.pic.{p}") for p in meeting.pictures),
                  pdf.body + 4, bold=True)])
        for extra in meeting.pictures[1:]:
            pdf.picture_card(extra, [Piece(t(f"houses.pic.{extra}"), pdf.body + 2)],
                             picture_size=14)
    if latest is None:
        return pdf.to_bytes()
    day = date_words(date.fromisoformat(latest.day))
    pdf.heading(t("reports.houses.latest", name=child_name, day=day), picture="home")
    for house in House:
        inside = latest.in_house(house)
        if not inside:
            continue
        pdf.heading(t(f"houses.house.{house.value}"), picture=HOUSE_PICTURES[house])
        for item in inside:
            said = [Piece(_said(item), pdf.body + 2)]
            if item.strokes:  # the thing and its drawing start on the same page
                pdf.make_room(pdf.card_height(item.picture, said, 14) + 2 + DRAWING_MM + 4)
            pdf.picture_card(item.picture, said, picture_size=14)
            if item.strokes:
                _drawing(pdf, item.strokes)
    return pdf.to_bytes()
