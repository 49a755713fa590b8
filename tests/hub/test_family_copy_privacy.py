"""The hub's family copy is read as the family reads Homeward at home (rules 2 and 7).

A child's "Why?" on the safety scale that is for their worker, a parent's diary and a carer's
own wellbeing check-in are kept from everyone at home on the device; the copy the agency gives
a parent keeps them back the same way, in the JSON file, the edits waiting to be settled and
the printed copy.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.checkins import CheckIn, Feeling
from app.domain.checkins_carer import CarerCheckIn
from app.domain.diary import DayPart, DiaryEntry, DiaryWords, Sharing
from app.domain.people import Avatar, Member, Role
from app.domain.safety_scale import SafetyRating
from app.hub import conflict_queue
from app.hub.casework.export import export_household
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.reports.pdfkit import pdf_text

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
FOR_THE_WORKER = "Dad shouts when Mum is out"
WAITING_FOR_THE_WORKER = "Dad shouts at night"
FOR_THE_FAMILY = "We had pizza on Friday"
DIARY = "I lost my temper at bedtime"
WELLBEING = "I am so tired all the time"
PARENTS_OWN = "The house is calmer now"
UNSAFE_WORDS = "Dad hurt me last night"


def _rating(home: Family, by: str, words: str, at: datetime, *,
            for_family: bool = False) -> SafetyRating:
    rating = SafetyRating(str(uuid.uuid4()), 6, words, by, iso(at),
                          reason_for_family=for_family)
    home.push("safety_ratings", rating.to_json(), at=at)
    return rating


def a_family_with_private_words(hub: RunningHub) -> Family:
    """Tolu rated home 6 with a reason for the worker, and 7 with one for the family; an edit
    of the first, with other words, crossed another; Jo shared a diary entry with the worker
    and checked in on their own wellbeing."""
    home = Family(hub, hub.household_id, NOW)
    home.member("jo", "Jo", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    at = NOW - timedelta(hours=1)
    private = _rating(home, "tolu", FOR_THE_WORKER, at)
    _rating(home, "tolu", FOR_THE_FAMILY, at, for_family=True)
    edit = {**private.to_json(), "score": 7}
    home.push("safety_ratings", edit, at=at + timedelta(minutes=1), revision=2,
              base_revision=1)
    crossed = {**private.to_json(), "reason": WAITING_FOR_THE_WORKER}
    home.push("safety_ratings", crossed, at=at + timedelta(minutes=2), revision=2,
              base_revision=1, expect="conflict")
    words = DiaryWords(NOW.date(), DayPart.BEDTIME, was_hard=DIARY, sharing=Sharing.WORKER)
    entry = DiaryEntry("d1-r1", "d1", 1, "jo", iso(at), words)
    home.push("diary_entries", entry.to_json(), at=at)
    wellbeing = CarerCheckIn("c1", {"tired": 4}, WELLBEING, "jo", iso(at))
    home.push("carer_checkins", wellbeing.to_json(), at=at)
    return home


def test_the_familys_copy_keeps_what_home_never_reads(hub: RunningHub, tmp_path: Path) -> None:
    a_family_with_private_words(hub)

    done = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW)

    text = done.json_path.read_text("utf-8")
    data = json.loads(text)
    assert data["copy"] == "for-the-family"
    for kept in (FOR_THE_WORKER, WAITING_FOR_THE_WORKER, DIARY, WELLBEING):
        assert kept not in text
    assert FOR_THE_FAMILY in text  # the child said the grown-ups may read this one
    kinds = {item["collection"] for item in data["records"]}
    assert kinds == {"members", "safety_ratings"}
    # the ratings themselves are the family's: only the private words are blanked
    scores = sorted(item["body"]["score"] for item in data["records"]
                    if item["collection"] == "safety_ratings")
    assert scores == [6, 7] and [c["body"]["score"] for c in data["conflicts"]] == [6]
    assert done.pdf_path is not None
    printed = pdf_text(done.pdf_path.read_bytes(), tmp_path)
    for kept in (FOR_THE_WORKER, DIARY, WELLBEING):
        assert kept not in printed
    assert FOR_THE_FAMILY in printed


def test_the_agencys_full_copy_still_holds_the_childs_words(
    hub: RunningHub, tmp_path: Path
) -> None:
    a_family_with_private_words(hub)

    full = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW,
                            for_the_family=False)

    text = full.json_path.read_text("utf-8")
    for words in (FOR_THE_WORKER, WAITING_FOR_THE_WORKER, DIARY, WELLBEING):
        assert words in text


def test_a_waiting_childs_why_is_kept_from_the_familys_copy(
    hub: RunningHub, tmp_path: Path
) -> None:
    """A second "ella" added on the tablet waits for the worker as a same-name conflict; the
    hub keeps what she records meanwhile, but holds no member record of her, so her role is
    unknown. Her "Why?" for her worker is kept out of the family's copy all the same, as a
    child's would be (rule 2), while Jo's own words, a parent the hub knows, stay in it."""
    home = Family(hub, hub.household_id, NOW)
    home.member("jo", "Jo", Role.PARENT)
    home.member("ella-phone", "Ella", Role.CHILD)
    tablet_ella = Member("ella-tablet", "ella", Role.CHILD, Avatar.OWL, iso(NOW)).to_json()
    home.push("members", tablet_ella, expect="conflict")
    assert [c.record_id for c in conflict_queue.list_conflicts(
        hub.engine, hub.household_id)] == ["ella-tablet"]
    at = NOW - timedelta(minutes=5)
    ella = SafetyRating(str(uuid.uuid4()), 6, FOR_THE_WORKER, "ella-tablet", iso(at))
    home.push("safety_ratings", ella.to_json(), at=at, author="ella-tablet")
    jo = SafetyRating(str(uuid.uuid4()), 8, PARENTS_OWN, "jo", iso(at))
    home.push("safety_ratings", jo.to_json(), at=at, author="jo")

    done = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW)

    text = done.json_path.read_text("utf-8")
    assert json.loads(text)["copy"] == "for-the-family"
    assert FOR_THE_WORKER not in text
    assert PARENTS_OWN in text
    scores = sorted(item["body"]["score"] for item in json.loads(text)["records"]
                    if item["collection"] == "safety_ratings")
    assert scores == [6, 8]  # her rating is the family's: only her words are blanked
    assert done.pdf_path is not None
    printed = pdf_text(done.pdf_path.read_bytes(), tmp_path)
    assert FOR_THE_WORKER not in printed
    assert PARENTS_OWN in printed


def test_a_childs_words_on_a_checkin_that_said_not_safe_stay_out_of_the_familys_copy(
    hub: RunningHub, tmp_path: Path
) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.member("jo", "Jo", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    at = NOW - timedelta(hours=1)
    told = CheckIn("k1", Feeling.SAD, 2, (), (), UNSAFE_WORDS, "tolu", iso(at),
                   words_for_worker=True)
    home.push("checkins", told.to_json(), at=at)

    family = export_household(hub.engine, hub.household_id, tmp_path / "home", NOW)
    full = export_household(hub.engine, hub.household_id, tmp_path / "agency", NOW,
                            for_the_family=False)

    data = json.loads(family.json_path.read_text("utf-8"))
    [body] = [item["body"] for item in data["records"] if item["collection"] == "checkins"]
    plain = CheckIn("k1", Feeling.SAD, 2, (), (), "", "tolu", iso(at))
    assert body == plain.to_json()  # as any check-in with no words: nothing says more
    assert family.pdf_path is not None
    assert UNSAFE_WORDS not in pdf_text(family.pdf_path.read_bytes(), tmp_path)
    assert UNSAFE_WORDS in full.json_path.read_text("utf-8")
