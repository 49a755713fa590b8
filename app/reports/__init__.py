"""Reports that print: A4 PDFs for the fridge, the family's file and the agency's meetings.

Made with fpdf2 because it is pure Python and small (nothing to install beside the app, so it
runs on a phone as well as at the hub); it embeds and subsets TrueType fonts, so every word,
Welsh letters such as ŵ and ŷ too, can be searched, copied and read aloud from the PDF; it
draws vector shapes, so the charts stay sharp at any size and print small; and it draws SVG,
so the same pictures the children tap on screen (``assets/pictures``) appear on paper.
Nothing is fetched: the font (DejaVu Sans) and the pictures come from the app's ``assets/``.

Every function returns the finished PDF as bytes: A4, "Page 2 of 3" at the foot of each page,
the family's name only in the title, and a line saying what the report holds and when it was
made. No report holds a child's sealed words, and only the case summary, for the agency's
meetings, lists safety alerts.
"""

from app.reports.agreement import agreement_poster
from app.reports.child_plan import child_plan_poster
from app.reports.export import household_export
from app.reports.paper import PrintFailed
from app.reports.review import review_report
from app.reports.summary import CaseSummary, case_summary
from app.reports.visit import visit_report

__all__ = [
    "CaseSummary",
    "PrintFailed",
    "agreement_poster",
    "case_summary",
    "child_plan_poster",
    "household_export",
    "review_report",
    "visit_report",
]
