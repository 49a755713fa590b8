"""Charts drawn as vectors on the page, each followed by a text alternative in words.

A chart shows scores 0 to 10 month on month (family goals, the safety scale). Lines differ
in colour, in dash and in the shape of their points, so a chart still reads when printed
in black and white or by someone who does not tell red from green; and the words after it
say everything the chart shows, for anyone who cannot see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.i18n import t
from app.reports.paper import FONT, MUTED, TEXT, WHITE, Colour
from app.reports.pdf import Report

# Okabe and Ito's palette, told apart by people with every common kind of colour blindness,
# with its black for the sky blue and its orange darkened: each at least 3:1 on white paper.
LINE_COLOURS: tuple[Colour, ...] = (
    (0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (0, 0, 0), (176, 112, 0),
)
# solid, dashed, dotted, long dashes: a second way to tell lines apart on a grey printer
DASHES: tuple[tuple[float, float], ...] = ((0, 0), (2.4, 1.2), (0.6, 1.0), (4.5, 1.5))
MARKERS = ("circle", "square", "triangle", "diamond")
PLOT_HEIGHT = 62.0  # mm
AXIS_GUTTER = 9.0  # mm left of the plot for the 0..10 labels
SCALE_MAX = 10  # goals and the safety scale are both scored 0 to 10


@dataclass(frozen=True)
class Line:
    """One line on a chart: what it is, and its value in each column (None where none)."""

    label: str
    values: tuple[int | float | None, ...]


def _marker(pdf: Report, shape: str, x: float, y: float, r: float) -> None:
    if shape == "square":
        pdf.rect(x - r, y - r, 2 * r, 2 * r, style="F")
    elif shape == "triangle":
        pdf.polygon([(x, y - r * 1.2), (x - r * 1.1, y + r * 0.8), (x + r * 1.1, y + r * 0.8)],
                    style="F")
    elif shape == "diamond":
        pdf.polygon([(x, y - r * 1.3), (x + r * 1.1, y), (x, y + r * 1.3), (x - r * 1.1, y)],
                    style="F")
    else:
        pdf.circle(x, y, r, style="F")


def _style(pdf: Report, index: int) -> str:
    """Set the pen for line ``index`` and return the shape of its points."""
    colour = LINE_COLOURS[index % len(LINE_COLOURS)]
    dash = DASHES[index % len(DASHES)]
    pdf.set_draw_color(*colour)
    pdf.set_fill_color(*colour)
    pdf.set_line_width(0.8)
    pdf.set_dash_pattern(dash[0], dash[1])
    return MARKERS[index % len(MARKERS)]


def _number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def chart_height(pdf: Report, lines: Sequence[Line]) -> float:
    """The height a chart takes with its title and key, in mm."""
    return PLOT_HEIGHT + 26 + len(lines) * pdf.line_height(pdf.body)


def line_chart(pdf: Report, title: str, columns: Sequence[str], lines: Sequence[Line]) -> None:
    """Draw a 0 to 10 chart with one column per month and a key below it."""
    pdf.make_room(chart_height(pdf, lines))
    pdf.set_font(FONT, "B", pdf.body)
    pdf.multi_cell(0, pdf.line_height(pdf.body), title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    left = pdf.l_margin + AXIS_GUTTER
    right = pdf.w - pdf.r_margin - 4
    top = pdf.get_y() + 2
    bottom = top + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return bottom - (value / SCALE_MAX) * PLOT_HEIGHT

    # the scale: a faint line every two points, the numbers beside them
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    for step in range(0, SCALE_MAX + 1, 2):
        pdf.set_draw_color(215, 222, 220)
        pdf.set_line_width(0.25)
        pdf.line(left, y_of(step), right, y_of(step))
        pdf.set_xy(pdf.l_margin, y_of(step) - 2)
        pdf.cell(AXIS_GUTTER - 2, 4, str(step), align="R")
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.4)
    pdf.line(left, top, left, bottom)
    pdf.line(left, bottom, right, bottom)

    # one column per month; a lone month sits in the middle
    width = (right - left) / max(len(columns), 1)
    xs = [left + width * (i + 0.5) for i in range(len(columns))]
    for x, label in zip(xs, columns, strict=True):
        pdf.set_xy(x - width / 2, bottom + 1.5)
        pdf.multi_cell(width, 4, label.replace(" ", "\n", 1) if width < 22 else label,
                       align="C")
    pdf.set_text_color(*TEXT)

    for index, line in enumerate(lines):
        shape = _style(pdf, index)
        # lines with the same score sit side by side instead of hiding one another
        nudge = (index - (len(lines) - 1) / 2) * min(3.2, width / (2 * len(lines)))
        points = [(x + nudge, y_of(v)) for x, v in zip(xs, line.values, strict=True)
                  if v is not None]
        for start, end in zip(points, points[1:], strict=False):
            pdf.line(start[0], start[1], end[0], end[1])
        pdf.set_dash_pattern()
        for x, y in points:
            _marker(pdf, shape, x, y, 1.5)
    pdf.set_dash_pattern()
    pdf.set_y(bottom + 11)
    _key(pdf, lines)


def _key(pdf: Report, lines: Sequence[Line]) -> None:
    """The key: each line's sample, its name and its latest value, as text that can be read."""
    height = pdf.line_height(pdf.body)
    for index, line in enumerate(lines):
        pdf.make_room(height)
        y = pdf.get_y() + height / 2
        x = pdf.l_margin + 2
        shape = _style(pdf, index)
        pdf.line(x, y, x + 10, y)
        pdf.set_dash_pattern()
        pdf.set_fill_color(*WHITE)
        _marker(pdf, shape, x + 5, y, 1.9)
        _style(pdf, index)
        pdf.set_dash_pattern()
        _marker(pdf, shape, x + 5, y, 1.5)
        latest = next((v for v in reversed(line.values) if v is not None), None)
        words = line.label if latest is None else t(
            "reports.chart.key", label=line.label, value=_number(latest))
        pdf.set_xy(x + 14, pdf.get_y())
        pdf.set_font(FONT, "", pdf.body)
        pdf.multi_cell(0, height, words, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def describe(columns: Sequence[str], lines: Sequence[Line]) -> list[str]:
    """The text alternative, a sentence a line: every value, and whether it went up or down."""
    sentences: list[str] = []
    for line in lines:
        known = [(c, v) for c, v in zip(columns, line.values, strict=True) if v is not None]
        if not known:
            continue
        values = t("reports.chart.list_sep").join(
            t("reports.chart.value_in", value=_number(v), column=c) for c, v in known)
        sentence = t("reports.chart.line", label=line.label, values=values)
        if len(known) > 1:
            change = known[-1][1] - known[0][1]
            if change > 0:
                sentence += " " + t("reports.chart.up", change=_number(change))
            elif change < 0:
                sentence += " " + t("reports.chart.down", change=_number(-change))
            else:
                sentence += " " + t("reports.chart.same")
        sentences.append(sentence)
    return sentences or [t("reports.chart.nothing")]


def block_height(pdf: Report, long_columns: Sequence[str], lines: Sequence[Line]) -> float:
    """The height of a chart and the words after it, in mm."""
    words = pdf.line_height(pdf.body) + sum(
        pdf.text_height(s, pdf.epw - 8, pdf.body) + 1 for s in describe(long_columns, lines))
    charted = any(v is not None for line in lines for v in line.values)
    return (chart_height(pdf, lines) if charted else pdf.line_height(pdf.body)) + words


def chart_with_words(pdf: Report, title: str, columns: Sequence[str],
                     long_columns: Sequence[str], lines: Sequence[Line]) -> None:
    """A chart, then what it shows in words (``long_columns`` name the months in full)."""
    sentences = describe(long_columns, lines)
    charted = any(v is not None for line in lines for v in line.values)
    whole = block_height(pdf, long_columns, lines)
    # the chart and its words on one page, so a reader never has to turn over to find them
    if whole < pdf.page_break_trigger - pdf.t_margin - 15:
        pdf.make_room(whole)
    if charted:
        line_chart(pdf, title, columns, lines)
    else:
        pdf.para(title, bold=True)
    pdf.set_fill_color(*WHITE)
    pdf.make_room(3 * pdf.line_height(pdf.body))
    pdf.para(t("reports.label", label=t("reports.chart.says")), bold=True)
    pdf.bullets(sentences)
    pdf.ln(3)
