"""``export_household``: the family's copy leaves out what a child told their worker (rule 7),
the agency's full copy is asked for by name, and a record the printed copy cannot lay out
never stops the family getting the JSON file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.people import Role
from app.hub.casework.export import export_household, household_export, readable_bodies
from app.reports import PrintFailed
from tests.hub.test_casework import sealed_message
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
WORKER_ONLY = {"safety_alerts", "worker_messages"}


def nested(levels: int) -> Any:
    """Words inside ``levels`` records, each inside the next."""
    deep: Any = "words"
    for _ in range(levels):
        deep = {"more": deep}
    return deep


def a_child_who_told(hub: RunningHub) -> Family:
    """The Okafors: Tolu raised an alert, rated home 1 out of 10 and wrote to the worker."""
    home = Family(hub, hub.household_id, NOW)
    home.member("jo", "Jo", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    home.checkin("tolu", NOW - timedelta(days=1), words="We went to the park")
    home.alert("tolu", NOW - timedelta(hours=2))
    home.rating("tolu", 1, NOW - timedelta(hours=2))
    home.rating("jo", 8, NOW - timedelta(hours=1))
    sealed_message(home, json.dumps({"text": "I miss Gran"}), "msg-1")
    return home


def test_the_familys_copy_leaves_out_what_a_child_told_their_worker(
    hub: RunningHub, tmp_path: Path
) -> None:
    a_child_who_told(hub)

    done = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW)

    assert done.json_path == tmp_path / "out" / f"{hub.household_id}.json"
    data = json.loads(done.json_path.read_text("utf-8"))
    kinds = {item["collection"] for item in data["records"]}
    assert kinds == {"members", "checkins", "safety_ratings"} and done.records == 4
    assert [r["body"]["score"] for r in data["records"]
            if r["collection"] == "safety_ratings"] == [8]  # Tolu's 1 raised an alert
    assert not any(item.get("sealed") for item in data["records"])
    # the printed copy and the file are made through the same filter
    printed = readable_bodies(household_export(hub.engine, hub.household_id, NOW))
    assert {kind: len(bodies) for kind, bodies in printed.items()} == {
        "members": 2, "checkins": 1, "safety_ratings": 1}


def test_only_the_copy_named_not_for_the_family_holds_alerts_and_sealed_messages(
    hub: RunningHub, tmp_path: Path
) -> None:
    a_child_who_told(hub)

    full = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW,
                            for_the_family=False)
    family = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW)

    assert "not-for-the-family" in full.json_path.name
    assert "not-for-the-family" not in family.json_path.name
    held = json.loads(full.json_path.read_text("utf-8"))
    assert {item["collection"] for item in held["records"]} >= WORKER_ONLY
    assert full.records == 7 and family.records == 4
    assert json.loads(family.json_path.read_text("utf-8"))["copy"] == "for-the-family"
    assert held["copy"] == "full-not-for-the-family"


def test_a_nested_record_does_not_stop_the_export(hub: RunningHub, tmp_path: Path) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.push("chores", {"id": "c-1", "name": "Bins"}, record_id="c-1")
    home.push("strengths", {"id": "s-1", "words": nested(30)}, record_id="s-1")

    done = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW)

    assert done.json_path.exists() and done.records == 2
    assert done.pdf_path is not None and done.pdf_path.read_bytes().startswith(b"%PDF")


def test_a_printed_copy_that_cannot_be_made_leaves_the_json_file(
    hub: RunningHub, tmp_path: Path
) -> None:
    Family(hub, hub.household_id, NOW).push("chores", {"id": "c-1", "name": "Bins"},
                                            record_id="c-1")

    def cannot_print(*_: Any) -> bytes:
        raise PrintFailed("Not enough horizontal space to render a single character")

    done = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW,
                            printer=lambda: cannot_print)

    assert done.pdf_path is None and done.not_printed and done.records == 1
    assert json.loads(done.json_path.read_text("utf-8"))["records"][0]["id"] == "c-1"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [done.json_path.name]
