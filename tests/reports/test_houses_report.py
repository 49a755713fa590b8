"""A child's page for their meeting, printed: their words and pictures, their latest three
houses with a drawing, and nothing but what they chose to show."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.domain.programme.three_houses import House, HouseItem, MeetingWords, Sitting
from app.reports.houses import meeting_page
from tests.reports.pdfkit import AT, MADE_AT, first_page_png, page_count, pdf_text, words

DAY = "2026-11-30"


def test_the_meeting_page_prints_the_childs_words_and_houses(tmp_path: Path) -> None:
    said = MeetingWords("m1", "sam", "I want to see Nan more", ("family", "home"), "sam", AT)
    latest = Sitting(DAY, (
        HouseItem("i1", "sam", House.GOOD, DAY, "sam", AT, "dog", "my dog Biscuit", shown=True),
        HouseItem("i2", "sam", House.DREAMS, DAY, "sam", AT, None, "",
                  (((10, 10), (150, 200), (290, 20)),), shown=True),
    ))
    pdf = meeting_page("Sam", said, latest, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    for expected in ("What Sam wants the meeting to know", "I want to see Nan more",
                     "Good things", "my dog Biscuit", "Dreams", "A drawing",
                     "30 November 2026", "Only what Sam chose to show is on this page."):
        assert expected in text, expected
    assert "Worries" not in text  # an empty house is left out, as on screen
    first_page_png(pdf, "houses-meeting-page")


def test_a_child_who_has_said_nothing_yet_gets_a_plain_page(tmp_path: Path) -> None:
    text = words(pdf_text(meeting_page("Mia", None, None, MADE_AT), tmp_path))
    assert "What Mia wants the meeting to know" in text and "Nothing yet." in text


def test_a_drawing_never_falls_onto_a_page_of_its_own(tmp_path: Path) -> None:
    """Wherever the page ends, a drawn thing's card and its drawing print together: the last
    thing on the page is the drawing, so the last page holds its card's words too."""
    drawing = HouseItem("d", "sam", House.DREAMS, DAY, "sam", AT, None, "",
                        (((10, 10), (150, 200), (290, 20)),), shown=True)
    for fillers in range(4, 14):
        good = tuple(HouseItem(f"g{n}", "sam", House.GOOD, DAY, "sam", AT, "dog",
                               f"good thing number {n}", shown=True) for n in range(fillers))
        pdf = meeting_page("Sam", None, Sitting(DAY, (*good, drawing)), MADE_AT)
        pages = page_count(pdf, tmp_path)
        last = tmp_path / "last.pdf"
        last.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(last), "-"],
                              check=True, capture_output=True, text=True).stdout
        assert "A drawing" in text, (fillers, pages, text)
