"""``homeward hub-admin`` given words that are not UTF-8 text (a shell passes any bytes), as
real subprocesses on SQLite and PostgreSQL: each is refused in one plain line that shows the
word, exit 1, with nothing changed, never a Python traceback.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.hub.db import devices
from tests.hub.test_casework_cli import hub_db, okafors
from tests.hub.test_hub_cli import (
    WORKER_PASSWORD,
    HubDatabase,
    refused_in_one_line,
    run_all,
    secret_file,
    snapshot,
)

__all__ = ["hub_db"]  # the casework tests' hub, used here as a fixture

#: What Python makes of the byte 0xFF in a command's arguments (it is not UTF-8).
NOT_TEXT = "\udcff"


def test_words_that_are_not_text_are_refused_in_one_plain_line(
    hub_db: HubDatabase, tmp_path: Path,
) -> None:
    household = okafors(hub_db)
    password = secret_file(tmp_path, "password.txt", WORKER_PASSWORD)
    with hub_db.engine.connect() as connection:
        assert connection.execute(select(devices)).first() is None
    before = snapshot(hub_db.engine)
    bad = f"Okafor {NOT_TEXT}"
    calls: list[list[str | Path]] = [
        ["revoke", NOT_TEXT],
        ["add-household", "--name", bad],
        ["pairing-code", bad],
        ["devices", "--household", bad],
        ["export-household", bad, "--out", tmp_path / "export"],
        ["export-household", household, "--out", tmp_path / f"export{NOT_TEXT}"],
        ["close-household", bad],
        ["reopen-household", bad],
        ["assign", household, f"sam{NOT_TEXT}"],
        ["reset-password", f"sam{NOT_TEXT}", "--password-file", password],
        ["add-worker", "--name", bad, "--username", "jo", "--password-file", password],
    ]
    results = run_all(hub_db, [(call, "") for call in calls])
    for call, result in zip(calls, results, strict=True):
        line = refused_in_one_line(result)
        assert "\\xff" in line, (call, line)
    assert snapshot(hub_db.engine) == before
    assert not (tmp_path / f"export{NOT_TEXT}").exists()
