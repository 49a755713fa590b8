"""Files offered for download (reports, the household's export): fetched once, within ten
minutes, gone when the person who was shown the link locks the app or hands over; and the
served app answers an unknown link with a plain 404 and its usual security headers."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

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


def test_a_file_named_for_a_child_with_any_letters_downloads_and_a_failure_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A header carries Latin-1 only: "Dafydd Ŵyn's safety plan" answered 500 and spent its
    link. The name goes in UTF-8 beside a plain-letters one; a file that cannot be made gets
    a sentence in words (still no-store), never a stack trace. Real server on 127.0.0.1."""
    import app.downloads as downloads
    from app.server import build_asgi_app
    from tests.hubkit import ThreadedServer, free_port

    made: list[Shelf] = []

    class Kept(Shelf):
        def __init__(self) -> None:
            super().__init__()
            made.append(self)

    monkeypatch.setattr(downloads, "Shelf", Kept)
    server = ThreadedServer(build_asgi_app(tmp_path / "household"), free_port())
    server.start()
    try:
        [shelf] = made
        for name in ("Dafydd Ŵyn", "Łucja", "Zoë", 'Jo "JJ"'):
            link = shelf.offer(f"safety-plan-{name}.pdf", "application/pdf",
                               lambda: b"%PDF-1.7", owner=shelf)
            response = httpx.get(server.url + link)
            assert response.status_code == 200 and response.content == b"%PDF-1.7", name
            header = response.headers["content-disposition"]
            assert header.startswith('attachment; filename="safety-plan-')
            assert header.endswith(quote(f"safety-plan-{name}.pdf", safe=""))
            assert response.headers["cache-control"] == "no-store"

        def broken() -> bytes:
            raise ValueError("The row with index 1 is too high")

        response = httpx.get(server.url + shelf.offer("review.pdf", "application/pdf", broken,
                                                      owner=shelf))
        assert response.status_code == 500 and "could not make this file" in response.text
        assert "Traceback" not in response.text and "index 1" not in response.text
        assert_security_headers(response)
    finally:
        server.stop()


def test_a_head_request_does_not_spend_a_download_nor_make_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A download manager, link checker or browser extension may ask HEAD first: that spent
    the family's one-time link (and made the file, then threw it away), so the real download
    said the link no longer works. A HEAD now tells the name and type only."""
    from starlette.testclient import TestClient

    import app.downloads as downloads
    from app.server import build_asgi_app

    shelves: list[Shelf] = []

    class Recorded(Shelf):
        def __init__(self) -> None:
            super().__init__()
            shelves.append(self)

    monkeypatch.setattr(downloads, "Shelf", Recorded)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    client = TestClient(build_asgi_app(tmp_path / "home"), base_url="http://127.0.0.1:8550")
    made: list[int] = []
    link = shelves[0].offer("plan.pdf", "application/pdf", lambda: made.append(1) or b"%PDF-1")
    head = client.head(link)
    assert made == [] and head.content == b""
    assert head.status_code == 200 and head.headers["cache-control"] == "no-store"
    assert head.headers["content-disposition"].startswith('attachment; filename="plan.pdf"')
    assert client.head(f"{ROUTE}/not-a-real-token").status_code == 404
    got = client.get(link)
    assert got.status_code == 200 and got.content == b"%PDF-1" and made == [1]
    assert client.head(link).status_code == 404 and client.get(link).status_code == 404


def test_the_plain_file_name_for_old_browsers_keeps_every_letter_of_a_name() -> None:
    """The plain ``filename`` folds letters that have no accent to take off (Ł, đ, ø) to
    plain ones, as it does ŵ: "Łucja Wąs" was "ucja-Was"."""
    from app.downloads import attachment

    assert attachment("safety-plan-Łucja Wąs.pdf").startswith(
        'attachment; filename="safety-plan-Lucja-Was.pdf"; ')
    assert attachment("meeting-Đorđe Ørsted Ŵyn.pdf").startswith(
        'attachment; filename="meeting-Dorde-Orsted-Wyn.pdf"; ')
    assert attachment("Śćńźż ąę ó.pdf").startswith('attachment; filename="Scnzz-ae-o.pdf"; ')
