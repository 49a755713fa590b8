"""Headless tests of the monthly review: the family's own goals, the review made together
(scores, "one higher", school), bad numbers refused with nothing saved, and the month kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import flet as ft
from headless import Driver, FakeClock, run, until
from steps import app_on, running_gate

from app.domain.checkins import Feeling
from app.downloads import ROUTE, Shelf
from app.services.checkins import checkins_for
from app.services.reviews import reviews_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    _jo, sam, mia, _priya = in_order(household)
    checkins_for(household).record(sam, Feeling.HAPPY, 3)
    checkins_for(household).record(sam, Feeling.HAPPY, 2)
    checkins_for(household).record(mia, Feeling.WORRIED, 4)
    gate.close()


async def unlocked(data_dir: Path, clock: FakeClock, shelf: Shelf | None = None) -> Driver:
    d = await Driver.start(app_on(data_dir, clock,
                                      downloads=shelf))
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    return d


async def sign_in(d: Driver, parent: str, pin: str) -> None:
    await d.tap(f"{parent}, Parent or carer")
    await d.type("Your PIN", pin)
    await d.tap("Sign in")


def test_a_parent_makes_the_months_review_and_it_is_charted(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    shelf = Shelf()

    async def go() -> None:
        d = await unlocked(data_dir, clock, shelf)
        await sign_in(d, "Jo", "2580")
        await d.settle(100)
        assert d.has_text("This month's review is still to do")
        await d.tap("Monthly review")
        await d.type("A new goal, in your own words", "Calmer mornings")
        await d.tap("Add goal")
        assert d.has_text("Calmer mornings")
        await d.tap(next(x for x in d.texts() if x.startswith("Start the review for")))
        assert "review-new-screen" in d.identifiers(), d.texts()
        figures = " ".join(d.texts())
        assert "Sam's feelings: happy 2" in figures and "Mia's feelings: worried 1" in figures
        await d.tap("Calmer mornings: 4")
        await d.type("What would make it one higher?", "Shoes by the door at night")
        [sam_attendance, mia_attendance] = [
            f for f in d.controls() if getattr(f, "label", None) == "Attendance this month (%)"]
        d.session.apply_patch(sam_attendance._i, {"value": "140"})
        await d.session.dispatch_event(sam_attendance._i, "change", None)
        await d.settle()
        await d.tap("Save the review")
        assert d.has_text("Attendance is a percentage, from 0 to 100.")
        assert "review-new-screen" in d.identifiers()  # nothing saved, nothing lost
        d.session.apply_patch(sam_attendance._i, {"value": "92"})
        await d.session.dispatch_event(sam_attendance._i, "change", None)
        d.session.apply_patch(mia_attendance._i, {"value": "78"})
        await d.session.dispatch_event(mia_attendance._i, "change", None)
        await d.type("What went well?", "Tea together most days")
        await d.tap("Save the review")
        assert "reviews-screen" in d.identifiers(), d.texts()
        shown = " ".join(d.texts())
        assert "Calmer mornings: 4 out of 10 — Shoes by the door at night" in shown
        assert "Sam: 92% at school, days excluded not given" in shown  # left empty: not 0
        assert "Goals over 1 month" in shown and "Calmer mornings 4" in shown
        assert "Print this review" in shown
        assert not any(x.startswith("Start the review for") for x in d.texts())  # done
        # "Print this review": the PDF is made when the link is fetched, and only once.
        report = shelf.take(link_of(d, "Print this review"))
        assert report is not None and report[2].startswith(b"%PDF")
        unused = link_of(d, "Print this review")
        await d.tap("Lock")
        assert shelf.take(unused) is None  # locking withdraws the links shown before

    run(go())


def link_of(d: Driver, label: str) -> str:
    """The download token behind a button."""
    [button] = [c for c in d.controls() if isinstance(c, ft.OutlinedButton)
                and c.content == label]
    assert button.url is not None
    return str(button.url.url).removeprefix(ROUTE + "/")


def test_children_have_no_review_to_make(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await d.tap("Sam, Child")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        await until(d, lambda: "home-child" in d.identifiers())
        assert not d.has_text("Monthly review")
        for address in ("/reviews/new", "/reviews"):  # typed in the address bar
            d.page.navigate(address)
            await d.settle(60)
            assert "child-not-here" in d.identifiers(), d.texts()  # only a child's screens
            assert not d.has_text("Save the review") and not d.has_text("Add goal")

    run(go())


def test_a_carers_own_wellbeing_stays_theirs_in_the_review_a_parent_sees_and_prints(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """Alex's wellbeing check-in is Alex's and the worker's: Jo's review does not show it."""
    from app.domain.checkins_carer import Prompt
    from tests.reports.pdfkit import pdf_text
    from tests.services.taylors import people

    gate, household = create_taylors(data_dir, clock, second_parent=True)
    who = people(household)
    checkins_for(household).record_carer(who["Alex"], {p: 0 for p in Prompt}, "Not coping")
    checkins_for(household).record_carer(who["Jo"], {p: 3 for p in Prompt})
    month = reviews_for(household).today().isoformat()[:7]
    reviews_for(household).make_review(who["Priya"], month, [], [])  # made at a visit
    gate.close()
    shelf = Shelf()

    async def go() -> None:
        d = await unlocked(data_dir, clock, shelf)
        await sign_in(d, "Jo", "2580")
        await d.tap("Monthly review")
        report = shelf.take(link_of(d, "Print this review"))
        assert report is not None
        printed = pdf_text(report[2], tmp_path)
        assert "Jo's own wellbeing" in printed and "Alex" not in printed, printed

    run(go())
    # and on the screen of a month still to review, as Alex sees it: Alex's own, not Jo's
    gate, household = create_taylors(tmp_path / "again", clock, second_parent=True)
    who = people(household)
    checkins_for(household).record_carer(who["Alex"], {p: 0 for p in Prompt})
    checkins_for(household).record_carer(who["Jo"], {p: 3 for p in Prompt})
    gate.close()

    async def fresh() -> None:
        d = await unlocked(tmp_path / "again", clock)
        await sign_in(d, "Alex", "1357")
        await d.tap("Monthly review")
        await d.tap(next(x for x in d.texts() if x.startswith("Start the review for")))
        shown = " ".join(d.texts())
        assert "Alex's wellbeing" in shown and "Jo's wellbeing" not in shown, shown

    run(fresh())


def test_last_months_review_can_be_made_early_in_the_next_month(
    data_dir: Path, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 20, 18, tzinfo=UTC).timestamp()
    seed(data_dir, clock)  # Sam happy twice and Mia worried, in November
    clock.now = datetime(2026, 12, 2, 10, tzinfo=UTC).timestamp()  # the visit, 2 December

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await sign_in(d, "Jo", "2580")
        await d.tap("Monthly review")
        assert d.has_text("Start the review for December 2026")
        await d.tap("Start the review for November 2026")
        assert "review-new-screen" in d.identifiers(), d.texts()
        assert d.has_text("Review for November 2026") or d.has_text("November 2026")
        assert d.has_text("Mia's feelings: worried 1")
        await d.tap("Save the review")
        assert "reviews-screen" in d.identifiers(), d.texts()
        assert d.has_text("Review for November 2026")
        assert d.has_text("Start the review for December 2026")
        assert not d.has_text("Start the review for November 2026")
        d.page.navigate("/reviews/new/2026-10")  # a month that is not open: this month's
        await d.settle(60)
        assert d.has_text("December 2026") and not d.has_text("October 2026")

    run(go())


def test_a_school_box_left_empty_is_not_known_and_never_shown_as_nought(
    data_dir: Path, clock: FakeClock
) -> None:
    """Sam's exclusions and Mia's attendance were left empty: nobody gave them, so the review
    keeps them as not known and says so, in words, with its plurals right."""
    seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await sign_in(d, "Jo", "2580")
        await d.tap("Monthly review")
        await d.tap(next(x for x in d.texts() if x.startswith("Start the review for")))
        [sam_attendance, _] = [f for f in d.controls()
                               if getattr(f, "label", None) == "Attendance this month (%)"]
        [_, mia_exclusions] = [f for f in d.controls()
                               if getattr(f, "label", None) == "Days excluded this month"]
        for box, figure in ((sam_attendance, "92"), (mia_exclusions, "1")):
            d.session.apply_patch(box._i, {"value": figure})
            await d.session.dispatch_event(box._i, "change", None)
            await d.settle()
        await d.tap("Save the review")
        assert "reviews-screen" in d.identifiers(), d.texts()
        shown = d.texts()
        assert "Sam: 92% at school, days excluded not given" in shown, shown
        assert "Mia: attendance not given, 1 day excluded" in shown, [
            x for x in shown if x.startswith(("Sam", "Mia"))]
        assert not any(x.startswith(("Sam:", "Mia:")) and "?" in x for x in shown), shown
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        [review] = reviews_for(household).reviews()
        assert {(s.attendance, s.exclusions) for s in review.school} == {(92, None), (None, 1)}

    run(go())
