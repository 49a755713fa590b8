"""The printed page every report shares: A4, Homeward's own font, page numbers, and the
building blocks (title, headings, paragraphs, lists, pictures, tables) reports are made of.

Fonts and pictures come from the app's ``assets/`` folder, found the way the web app finds
it (``app.paths.assets_dir``): nothing is fetched, so a report can be made with no network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from app.i18n import current_language, t
from app.reports.paper import (
    BRAND,
    CARD_BG,
    CARD_EDGE,
    FONT,
    FOOT,
    LINE,
    MARGIN,
    MUTED,
    PT,
    TABLE_PADDING,
    TEXT,
    WHITE,
    Colour,
    assets_fonts,
    pages_alias,
    picture_file,
)


@dataclass(frozen=True)
class Piece:
    """One paragraph inside a card: its words, size, weight, colour and optional label."""

    text: str
    size: float
    bold: bool = False
    label: str = ""
    colour: Colour = TEXT
    after: str = ""  # said on the same line in regular weight: "Nain Gwenllian, my nain"


class Report(FPDF):
    """An A4 report: a title on the first page, "Page 2 of 3" at the foot of every page.

    ``large`` is for posters on the fridge: bigger print for children and tired eyes.
    ``kind`` names the report on later pages and in the file's properties; it never holds
    the family's name, which appears only in the title.
    """

    def __init__(self, kind: str, made_at: datetime, *, large: bool = False,
                 foot_note: str = "", foot_strong: str = "") -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.kind = kind
        self.large = large
        self.foot_note = foot_note
        self.foot_strong = foot_strong
        self.body = 15.0 if large else 12.0
        self.small = 12.0 if large else 10.0
        fonts = assets_fonts()
        self.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.set_margins(MARGIN, 16, MARGIN)
        self.set_auto_page_break(True, margin=FOOT)
        self.set_title(kind)
        self.set_creator(t("app.name"))
        self.set_lang(current_language())
        self.set_creation_date(made_at)
        self.set_text_color(*TEXT)
        self.pages_token = pages_alias()  # see footer()
        self.alias_nb_pages(self.pages_token)
        self.add_page()

    # --- every page ---------------------------------------------------------------------

    def header(self) -> None:
        """Name the report at the top of every page after the first (never the family)."""
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 9)
        self.set_text_color(*MUTED)
        self.set_x(MARGIN)  # even when a card running over the page has moved the margin
        self.cell(0, 5, t("reports.continued", kind=self.kind),
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)
        self.set_text_color(*TEXT)

    def footer(self) -> None:
        """The page number, and the poster's note (what to call, whose pictures)."""
        body_margin = self.l_margin  # a card running over the page may have moved it
        self.set_left_margin(MARGIN)
        self.set_y(-FOOT + 6)
        self.set_draw_color(*CARD_EDGE)
        self.set_line_width(0.3)
        self.line(MARGIN, self.get_y() - 2, self.w - MARGIN, self.get_y() - 2)
        if self.foot_strong:
            self.set_font(FONT, "B", 12)
            self.set_text_color(*TEXT)
            self.multi_cell(0, 5.4, self.foot_strong, align="C",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.foot_note:
            self.set_font(FONT, "", 8)
            self.set_text_color(*MUTED)
            self.multi_cell(0, 3.8, self.foot_note, align="C",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 10)
        self.set_text_color(*MUTED)
        # fpdf2 puts the number of pages in place of ``pages_token`` once they are all made
        self.cell(0, 5, t("reports.page", page=self.page_no(), pages=self.pages_token), align="C")
        self.set_text_color(*TEXT)
        self.set_left_margin(body_margin)

    # --- building blocks ----------------------------------------------------------------

    def line_height(self, size: float) -> float:
        """Millimetres from one line of ``size``-point text to the next."""
        return size * PT * LINE

    def text_height(self, text: str, width: float, size: float, bold: bool = False) -> float:
        """How tall ``text`` would be, wrapped to ``width`` mm, without drawing it."""
        self.set_font(FONT, "B" if bold else "", size)
        height = self.multi_cell(width, self.line_height(size), text, dry_run=True,
                                 output=MethodReturnValue.HEIGHT)
        return float(height)  # type: ignore[arg-type]

    def make_room(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.will_page_break(height):
            self.add_page()

    def title_block(self, title: str, household: str | None = None) -> None:
        """The report's title, with the household's name beneath it when the report needs it."""
        size = 30.0 if self.large else 22.0
        self.set_font(FONT, "B", size)
        self.set_text_color(*BRAND)
        self.multi_cell(0, size * PT * 1.25, title, align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if household:
            self.set_font(FONT, "B", size * 0.6)
            self.multi_cell(0, size * 0.6 * PT * 1.35, household, align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.ln(2)

    def about(self, text: str) -> None:
        """The line saying what the report holds and when it was made."""
        self.para(text, size=self.small + 1, colour=MUTED)
        self.ln(3)

    def heading(self, text: str, picture: str | None = None, keep: float = 0.0) -> None:
        """A section heading (with a picture on posters), kept with the lines that follow.

        Args:
            keep: the height in mm of what must follow on the same page (three lines of text
                unless more is asked for).
        """
        size = 20.0 if self.large else 15.0
        pic = 15.0 if self.large else 9.0
        self.make_room(max(pic, self.line_height(size)) + 4
                       + max(keep, 3 * self.line_height(self.body)))
        self.ln(3 if self.large else 2)
        top = self.get_y()
        indent = 0.0
        if picture and self.picture(picture, self.l_margin, top, pic):
            indent = pic + 3
        self.set_font(FONT, "B", size)
        self.set_text_color(*BRAND)
        height = self.line_height(size)
        self.set_xy(self.l_margin + indent, top + max(0.0, (pic - height) / 2) if indent else top)
        self.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.set_y(max(self.get_y(), top + (pic if indent else 0)) + 1.5)

    def para(self, text: str, *, size: float | None = None, bold: bool = False,
             colour: Colour = TEXT, indent: float = 0.0) -> None:
        """A paragraph, wrapped to the page, left-aligned (justified text is harder to read)."""
        size = size or self.body
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, self.line_height(size), text, align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)

    def labelled(self, label: str, value: str, *, indent: float = 0.0,
                 size: float | None = None) -> None:
        """One line of "Label: value", the label in bold, wrapping as one paragraph."""
        size = size or self.body
        height = self.line_height(size)
        self.set_x(self.l_margin + indent)
        self.set_left_margin(MARGIN + indent)  # so wrapped lines keep the indent
        self.set_font(FONT, "B", size)
        self.write(height, t("reports.label", label=label) + " ")
        self.set_font(FONT, "", size)
        self.write(height, value)
        self.set_left_margin(MARGIN)
        self.ln(height)

    def _inline(self, piece: Piece, indent: float) -> None:
        """A piece in bold with a few regular words after it on the same line."""
        height = self.line_height(piece.size)
        self.set_left_margin(MARGIN + indent)
        self.set_x(self.l_margin)
        self.set_font(FONT, "B" if piece.bold else "", piece.size)
        self.set_text_color(*piece.colour)
        self.write(height, piece.text + " ")
        self.set_font(FONT, "", piece.size * 0.8)
        self.set_text_color(*MUTED)
        self.write(height, piece.after)
        self.set_text_color(*TEXT)
        self.set_left_margin(MARGIN)
        self.ln(height)

    def bullets(self, items: Sequence[str], *, size: float | None = None,
                empty: str | None = None) -> None:
        """A list with a bullet before each line, or ``empty`` said plainly when it has none."""
        size = size or self.body
        if not items:
            if empty:
                self.para(empty, size=size, colour=MUTED)
            return
        height = self.line_height(size)
        for item in items:
            # an item is never split over two pages
            self.make_room(self.text_height(item, self.epw - 2 - size * 0.45, size))
            self.set_font(FONT, "B", size)
            self.set_x(self.l_margin + 2)
            self.cell(size * 0.45, height, "•")
            self.set_font(FONT, "", size)
            self.multi_cell(0, height, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(size * 0.08)

    def picture(self, name: str, x: float, y: float, size: float, alt: str = "") -> bool:
        """Draw one of Homeward's pictures as vectors; False when there is no such picture."""
        found = picture_file(name)
        if found is None:
            return False
        self.image(str(found), x=x, y=y, w=size, h=size, alt_text=alt or None)
        return True

    def card(self, height: float, fill: Colour = CARD_BG, edge: Colour = CARD_EDGE) -> float:
        """A rounded box ``height`` mm tall across the page, on a fresh page if need be.

        Returns:
            The top of the box, so the caller can lay its contents inside.
        """
        self.make_room(height + 2)
        top = self.get_y()
        self.set_fill_color(*fill)
        self.set_draw_color(*edge)
        self.set_line_width(0.5 if self.large else 0.3)
        self.rect(self.l_margin, top, self.epw, height, style="DF", round_corners=True,
                  corner_radius=3)
        return top

    def _card_layout(self, picture: str | None, pieces: Sequence[Piece],
                     picture_size: float | None) -> tuple[float, float, float, float, float]:
        """A card's padding, picture size, text indent, text width and height, in mm."""
        pad = 4.0 if self.large else 3.0
        pic = (picture_size or (22.0 if self.large else 12.0)) if picture else 0.0
        indent = pad + pic + (pad if pic else 0.0)
        width = self.epw - indent - pad
        heights = []
        for piece in pieces:
            words = t("reports.label", label=piece.label) + " " + piece.text if piece.label \
                else " ".join(filter(None, (piece.text, piece.after)))
            # a bold label is a little wider than the same words in regular: measure it bold
            heights.append(self.text_height(words, width, piece.size, piece.bold or bool(
                piece.label)) + piece.size * 0.12)
        return pad, pic, indent, width, max(pic, sum(heights)) + 2 * pad

    def card_height(self, picture: str | None, pieces: Sequence[Piece],
                    picture_size: float | None = None) -> float:
        """How tall ``picture_card`` would draw these pieces, in mm."""
        return self._card_layout(picture, pieces, picture_size)[-1]

    def picture_card(self, picture: str | None, pieces: Sequence[Piece], *,
                     fill: Colour = CARD_BG, edge: Colour = CARD_EDGE,
                     picture_size: float | None = None) -> None:
        """A box with a picture on the left and paragraphs beside it, kept on one page.

        A card taller than half a page that does not fit where it would start is drawn
        without its box and runs on over the page, rather than leaving a page blank.
        """
        pad, pic, indent, width, height = self._card_layout(picture, pieces, picture_size)
        boxed = not self.will_page_break(height + 2) or height < (
            self.page_break_trigger - self.t_margin) / 2
        if not boxed:  # at least the picture and the first lines beside it start together
            self.make_room(max(pic, 3 * self.line_height(pieces[0].size if pieces else 0))
                           + 2 * pad)
        top = self.card(height, fill, edge) if boxed else self.get_y()
        page = self.page_no()
        if picture:
            self.picture(picture, self.l_margin + pad, top + pad, pic)
        self.set_y(top + pad)
        self.set_right_margin(MARGIN + pad)  # wrapped words stay inside the box
        for piece in pieces:
            if piece.label:
                self.labelled(piece.label, piece.text, indent=indent, size=piece.size)
            elif piece.after:
                self._inline(piece, indent)
            else:
                self.set_font(FONT, "B" if piece.bold else "", piece.size)
                self.set_text_color(*piece.colour)
                self.set_left_margin(MARGIN + indent)  # kept if the words run over the page
                self.set_x(self.l_margin)
                self.multi_cell(width, self.line_height(piece.size), piece.text, align="L",
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.set_left_margin(MARGIN)
                self.set_text_color(*TEXT)
            self.ln(piece.size * 0.12)
        self.set_right_margin(MARGIN)
        below = top + height if boxed else (
            max(self.get_y(), top + pic + pad) if self.page_no() == page else self.get_y())
        self.set_y(below + 3)

    def table_of(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
                 widths: Sequence[float], *, size: float | None = None) -> None:
        """A table with its headings repeated on every page it runs onto."""
        size = size or self.body - 1
        self.set_font(FONT, "", size)
        # fpdf2 paints body cells with whatever fill colour was set last (a chart's line)
        self.set_fill_color(*WHITE)
        self.set_draw_color(*CARD_EDGE)
        self.set_line_width(0.3)
        heads = FontFace(emphasis="BOLD", color=TEXT, fill_color=CARD_BG)
        with self.table(col_widths=tuple(widths), headings_style=heads, text_align="LEFT",
                        line_height=self.line_height(size), padding=TABLE_PADDING,
                        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
                        first_row_as_headings=True) as table:
            table.row(list(headings))
            for row in rows:
                for part in self._row_parts(row, widths, size):
                    table.row(part)
        self.ln(2)

    def _row_parts(self, row: Sequence[str], widths: Sequence[float],
                   size: float) -> list[list[str]]:
        """A row as one or more rows, none taller than a quarter page: fpdf2 refuses a row taller
        than a page, and a form may hold that much (2,000 characters in a narrow column). Each
        cell is wrapped as the table will wrap it and carries on in the row below."""
        most = max(1, int(self.eph / 4 / self.line_height(size)))
        total = sum(widths)
        cells: list[list[str]] = []
        for text, width in zip(row, widths, strict=True):
            column = self.epw * width / total - 2 * TABLE_PADDING
            wrapped = self.multi_cell(column, self.line_height(size), str(text), dry_run=True,
                                      output=MethodReturnValue.LINES)
            lines = [str(line) for line in cast(list[str], wrapped)]
            cells.append(["\n".join(lines[at:at + most])
                          for at in range(0, len(lines), most)] or [""])
        if all(len(parts) == 1 for parts in cells):
            return [list(row)]
        return [[parts[n] if n < len(parts) else "" for parts in cells]
                for n in range(max(len(parts) for parts in cells))]

    def to_bytes(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output())
