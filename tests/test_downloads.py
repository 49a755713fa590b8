"""Files offered for download (reports, the household's export): fetched once, within ten
minutes, gone when the person who was shown the link locks the app or hands over; and the
served app answers an unknown link with a plain 404 and its usual security headers."""

from __future__ import annotations

import subprocess

import httpx

from app.downloads import ROUTE, TTL_SECONDS, Shelf
from tests.test_run_cli import assert_security_headers, served  # noqa: F401  (a fixture)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_made_when_fetched_and_fetched_once() -> None:
    made: list[int] = []

    def produce() -> bytes:
        made.append(1)
        return b"%PDF-1.7 report"

    shelf = Shelf()
    link = shelf.offer("visit.pdf", "application/pdf", produce)
    token = link.removeprefix(ROUTE + "/")
    assert link.startswith(ROUTE + "/") and len(token) >= 40 and made == []
    assert shelf.take(token) == ("visit.pdf", "application/pdf", b"%PDF-1.7 report")
    assert shelf.take(token) is None and made == [1]
    assert shelf.take("guessed") is None


def test_a_link_expires_after_ten_minutes() -> None:
    clock = Clock()
    shelf = Shelf(clock)
    token = shelf.offer("a.pdf", "application/pdf", lambda: b"x").removeprefix(ROUTE + "/")
    clock.now += TTL_SECONDS + 1
    assert shelf.take(token) is None


def test_locking_withdraws_only_that_persons_links() -> None:
    shelf = Shelf()
    jo, alex = object(), object()
    mine = shelf.offer("export.json", "application/json", lambda: b"{}", owner=jo)
    theirs = shelf.offer("review.pdf", "application/pdf", lambda: b"x", owner=alex)
    shelf.withdraw(jo)
    assert shelf.take(mine.removeprefix(ROUTE + "/")) is None
    assert shelf.take(theirs.removeprefix(ROUTE + "/")) is not None


def test_the_served_app_answers_an_unknown_link_with_404_not_the_app(
    served: tuple[str, subprocess.Popen[str]],  # noqa: F811
) -> None:
    url, _process = served
    response = httpx.get(f"{url}{ROUTE}/not-a-real-token")
    assert response.status_code == 404 and "Homeward" not in response.text
    assert_security_headers(response)
