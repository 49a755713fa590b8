"""Reading reports back as poppler sees them, and the household the report tests share.

``pdftotext`` reads a PDF's words back and ``pdftoppm`` draws its first page into
``test-artifacts/reports/`` for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from app.domain.programme.reviews import GoalRating, MonthFigures, Review, School

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
MADE_AT = datetime(2026, 11, 30, 14, 5)
HOUSEHOLD = "The Ŵyn-Okafor household"
NAMES = {"jo": "Jo Okafor", "sian": "Siân Ŵyn", "dafydd": "Dafydd Ŵyn", "mia": "Mia Okafor",
         "priya": "Priya Shah"}
AT = "2026-11-02T10:00:00+00:00"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The words of a PDF as poppler's ``pdftotext`` reads them back."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make test` installs Debian's poppler-utils")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", str(source), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_count(pdf: bytes, tmp_path: Path) -> int:
    """How many pages ``pdfinfo`` counts."""
    source = tmp_path / "count.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(source)], check=True, capture_output=True,
                          text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def first_page_png(pdf: bytes, name: str) -> Path:
    """Draw page 1 at 60 dpi into ``test-artifacts/reports/<name>.png`` and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(source), str(ARTIFACTS / name)], check=True)
    return ARTIFACTS / f"{name}.png"


def words(text: str) -> str:
    """The text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def review_for(month: str, scores: dict[str, int | None], safety: dict[str, int]) -> Review:
    """A month's review with the goals scored as given (None: not scored that month)."""
    texts = {"g1": "Mornings without shouting", "g2": "Dafydd in bed by 8pm",
             "g3": "Film night every Friday"}
    goals = tuple(GoalRating(g, texts[g], score, "A calmer school run" if g == "g1" else "")
                  for g, score in scores.items() if score is not None)
    return Review(
        id=f"review-{month}", month=month, created_by="priya", created_at=f"{month}-28T10:00:00",
        goals=goals,
        figures=MonthFigures(safety=safety, feelings={"dafydd": {"happy": 5, "worried": 2}},
                             carer={"jo": 14.5}, strengths_added=3, chores_done=21,
                             rituals_done=4),
        school=(School("dafydd", 93, 0),), went_well="Film night every Friday.",
        worries="Mia finds mornings hard.", next_steps="Keep the bedtime rota.")
