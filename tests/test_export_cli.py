"""``homeward export`` (UK GDPR subject access), run as a real subprocess on a real store: the
JSON archive lists every record the store holds (counted against ``homeward verify``) except
what a child told their worker, nothing in the data folder changes, and bad requests change
nothing."""

from __future__ import annotations

import json
import re
import subprocess
from base64 import b64encode
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.domain.checkins import Feeling
from app.domain.programme.visits import AgendaItem
from app.domain.strengths import StrengthKind
from app.i18n import t
from app.services.checkins import checkins_for
from app.services.reviews import reviews_for
from app.services.safety import safety_for
from app.services.strengths import strengths_for
from app.services.visits import visits_for
from app.storage import HouseholdStore
from app.sync.catalogue import LEFT_OUT_AT_HOME, SEALED_FIELD, WORKER_MESSAGES
from app.sync.sealing import seal
from tests.clikit import run_cli, secret_file, snapshot
from tests.services.taylors import PASSPHRASE, FixedClock, create_taylors, in_order

CHILD_SAID = "the shouting at night scares me"
NOTE = "Mia spoke about the shouting"


@pytest.fixture
def taylors(tmp_path: Path) -> tuple[Path, Path]:
    """The Taylors with a month of records, an alert, a sealed message and a sealed note."""
    folder = tmp_path / "household"
    gate, household = create_taylors(folder, FixedClock(1_796_000_000.0))
    jo, sam, mia, priya = in_order(household)
    checkins_for(household).record(sam, Feeling.HAPPY, 3, words="Football")
    checkins_for(household).record(mia, Feeling.SCARED, 5, unsafe=True)  # and an alert
    safety_for(household).rate(jo, 7)
    strengths_for(household).add(jo, sam.id, StrengthKind.PROUD, "Read a whole book", "book")
    goal = reviews_for(household).add_goal(jo, "Calmer mornings")
    reviews_for(household).make_review(jo, "2026-11", [(goal.id, 5, "Shoes by the door")], [])
    agency = X25519PrivateKey.generate().public_key().public_bytes_raw()
    visits = visits_for(household)
    visits.start(priya, [jo.id, mia.id])
    visits.change(priya, lambda v: v.with_note(AgendaItem.CHILDREN, NOTE))
    visits.end(priya, agency)
    household.store.put(WORKER_MESSAGES, {  # as a message "just for my worker" is kept
        "id": "m1", "created_by": mia.id, "created_at": "2026-11-29T10:00:00+00:00",
        SEALED_FIELD: b64encode(seal(agency, CHILD_SAID.encode(), "m1")).decode()})
    gate.close()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    return folder, secret_file(secrets, "pass.txt", PASSPHRASE)


def verify_counts(folder: Path, pass_file: Path) -> dict[str, int]:
    result = run_cli("verify", "--data-dir", folder, "--passphrase-file", pass_file)
    assert result.returncode == 0, result.stderr
    return {m[1]: int(m[2]) for m in re.finditer(r"^\s+(\S+)\s+(\d+)$", result.stdout, re.M)}


def test_the_archive_lists_every_record_the_store_holds_but_nothing_a_child_told_their_worker(
    taylors: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, pass_file = taylors
    before = snapshot(folder)
    out = tmp_path / "for-the-family"
    result = run_cli("export", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--out", out)
    assert result.returncode == 0, result.stderr
    assert snapshot(folder) == before  # the store is only read
    [archive_file] = out.glob("*.json")
    [pdf_file] = out.glob("*.pdf")
    assert archive_file.stat().st_mode & 0o077 == 0 and pdf_file.stat().st_mode & 0o077 == 0
    archive = json.loads(archive_file.read_text(encoding="utf-8"))
    assert archive["format"] == "homeward-household-export" and archive["household"]
    held = verify_counts(folder, pass_file)
    listed = {name: len(docs) for name, docs in archive["collections"].items()}
    expected = {name: n for name, n in held.items() if name not in LEFT_OUT_AT_HOME and n}
    assert {name: n for name, n in listed.items() if n} == expected
    assert {"checkins", "members", "visits", "reviews", "family_goals", "strengths"} <= set(listed)
    stored = HouseholdStore.check(folder, pass_file.read_text(encoding="utf-8").rstrip("\n"))
    assert stored["safety_alerts"] == 1 and stored[WORKER_MESSAGES] == 1  # held, left out:
    assert not LEFT_OUT_AT_HOME & set(listed)
    assert t("cli.export.done", count=sum(listed.values()), json=archive_file,
             pdf=pdf_file).splitlines()[0] in result.stdout
    text = archive_file.read_text(encoding="utf-8")
    assert "Football" in text and "Calmer mornings" in text  # the family's own words are there
    for secret in (CHILD_SAID, NOTE, "pin_hash", "_sync"):
        assert secret not in text, secret
    shown = subprocess.run(["pdftotext", "-layout", pdf_file, "-"], capture_output=True,
                           text=True, check=True).stdout  # poppler-utils: make test installs it
    assert "Football" in shown and CHILD_SAID not in shown and NOTE not in shown


def test_export_refuses_a_folder_inside_the_data_folder_and_never_overwrites(
    taylors: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, pass_file = taylors
    before = snapshot(folder)
    inside = run_cli("export", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--out", folder / "export")
    assert inside.returncode != 0 and t("cli.export.not_in_data_folder") in inside.stderr
    assert snapshot(folder) == before
    wrong = secret_file(tmp_path, "wrong.txt", "not our passphrase at all")
    refused = run_cli("export", "--data-dir", folder, "--passphrase-file", wrong,
                      "--out", tmp_path / "out")
    assert refused.returncode == 2 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("disk_room", [2048, 16384], ids=["archive", "pdf"])
def test_an_export_cut_short_by_a_full_disk_leaves_no_part_of_it(
    taylors: tuple[Path, Path], tmp_path: Path, disk_room: int
) -> None:
    # The archive (a few KB) does not fit, or it fits and the PDF (tens of KB) does not.
    folder, pass_file = taylors
    out = tmp_path / "for-the-family"
    full = run_cli("export", "--data-dir", folder, "--passphrase-file", pass_file,
                   "--out", out, disk_room=disk_room)  # run_cli also checks: no traceback
    assert full.returncode == 1
    assert t("cli.export.cannot_write", folder=out, reason="File too large") in full.stderr
    assert list(out.iterdir()) == []
    again = run_cli("export", "--data-dir", folder, "--passphrase-file", pass_file,
                    "--out", out)
    assert again.returncode == 0, again.stderr
    assert len(list(out.glob("*.json"))) == 1 and len(list(out.glob("*.pdf"))) == 1


def test_the_export_is_named_by_the_time_on_this_computers_clock(
    taylors: tuple[Path, Path], tmp_path: Path, time_zone: Callable[[str], None]
) -> None:
    time_zone("Pacific/Kiritimati")  # 14 hours ahead of UTC: a UTC name would be far off
    folder, pass_file = taylors
    before = datetime.now().replace(microsecond=0)
    result = run_cli("export", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--out", tmp_path / "out")
    after = datetime.now()
    assert result.returncode == 0, result.stderr
    [archive_file] = (tmp_path / "out").glob("*.json")
    named = datetime.strptime(archive_file.stem, "homeward-export-%Y-%m-%d-%H%M%S")
    assert before <= named <= after


def test_a_record_nested_many_levels_deep_is_still_exported_and_printed(
    tmp_path: Path
) -> None:
    # as a record from a newer Homeward may come down from the hub, which takes 64 levels
    folder = tmp_path / "household"
    gate, household = create_taylors(folder, FixedClock(1_796_000_000.0))
    deep: object = "Put the bins out"
    for _ in range(30):
        deep = {"more": deep}
    household.store.put("chores", {"id": "c-deep", "name": "Bins", "steps": deep})
    gate.close()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    pass_file = secret_file(secrets, "pass.txt", PASSPHRASE)
    out = tmp_path / "for-the-family"
    result = run_cli("export", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--out", out)  # run_cli also checks: no traceback
    assert result.returncode == 0, result.stderr
    [archive_file] = out.glob("*.json")
    [pdf_file] = out.glob("*.pdf")
    assert "Put the bins out" in archive_file.read_text(encoding="utf-8")
    shown = subprocess.run(["pdftotext", pdf_file, "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "Put the bins out" in shown
