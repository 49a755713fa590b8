"""The worker's read side: caseload order and one household's records, pushed by real devices.

Every record reaches the hub through the real protocol (a paired, signing device) and is read
back from SQLite and from PostgreSQL.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.alerts import AlertSeen, AlertSource
from app.domain.checkins import Feeling, Help
from app.domain.chores import ChoreStatus, Often
from app.domain.circles import CircleKind
from app.domain.diary import DayPart, DiaryEntry, DiaryWords, Sharing
from app.domain.people import Role
from app.domain.safety import ChildList, Point, SafetyPlan, Section
from app.domain.safety_scale import SafetyRating
from app.hub.admin import open_agency, register_household
from app.hub.caseload import CHECKINS, Attention, Reason, caseload, falling_scale
from app.hub.protocol import b64decode, b64encode
from app.hub.worker.household.changes import mark_alert_seen
from app.hub.worker.household.data import HouseholdRecords, current_doc, household_records
from app.hub.worker.household.documents import describe
from app.hub.worker.household.safety import DUE_CHOICES
from app.hub.worker.words import ago, reason_words
from app.i18n import t
from app.sync.sealing import open_sealed, seal
from tests.hub.worker_family import Family, iso
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.sync.household_devices import priya_account

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def home(hub: RunningHub) -> Family:
    """The hub fixture's own household (the Okafors), with a paired phone."""
    return Family(hub, hub.household_id, NOW)


def another(hub: RunningHub, name: str) -> Family:
    return Family(hub, register_household(hub.engine, name), NOW)


def test_caseload_order_alert_then_falling_then_quiet_then_the_rest_by_name(
    hub: RunningHub, home: Family
) -> None:
    okafor = home  # unread alert
    okafor.member("kid-1", "Tolu", Role.CHILD)
    okafor.checkin("kid-1", NOW - timedelta(hours=1))
    okafor.alert("kid-1", NOW - timedelta(minutes=10))
    clarke = another(hub, "The Clarke household")  # scale falling, checks in daily
    clarke.member("mum-1", "Amy", Role.PARENT)
    clarke.rating("mum-1", 7, NOW - timedelta(days=7))
    clarke.rating("mum-1", 4, NOW - timedelta(days=1))
    clarke.checkin("mum-1", NOW - timedelta(hours=5))
    brown = another(hub, "The Brown household")  # quiet for five days
    # at midday on the hub's clock five days ago: five calendar days, at any hour of the run
    brown_at = (NOW - timedelta(days=5)).astimezone().replace(hour=12, minute=0)
    brown.checkin("x", brown_at)
    another(hub, "The Evans household")  # never checked in 
    adams = another(hub, "The Adams household")  # all well: rising scale, checked in today
    adams.rating("dad", 4, NOW - timedelta(days=3))
    adams.rating("dad", 8, NOW - timedelta(days=1))
    adams.checkin("dad", NOW - timedelta(hours=2))
    zed = another(hub, "the zed household")  # all well too; sorts after Adams by name
    zed.checkin("z", NOW - timedelta(days=2))

    found = caseload(hub.engine, NOW)

    assert [entry.name for entry in found] == [
        "The Okafor household", "The Clarke household", "The Evans household",
        "The Brown household", "The Adams household", "the zed household",
    ]
    assert found[0].reasons == (Reason(Attention.ALERT, at=NOW - timedelta(minutes=10)),)
    assert found[1].reasons == (Reason(Attention.FALLING, before=7, after=4, who="Amy"),)
    assert found[2].reasons == (Reason(Attention.QUIET),)
    assert found[3].reasons == (
        Reason(Attention.QUIET, at=brown_at, days=5),)
    assert found[4].attention is Attention.SETTLED and found[4].reasons == ()


def test_newest_alert_first_and_a_seen_alert_no_longer_counts(
    hub: RunningHub, home: Family
) -> None:
    older = another(hub, "The Older household")
    older.alert("c", NOW - timedelta(hours=3))
    older.checkin("c", NOW - timedelta(hours=3))
    home.checkin("c", NOW)
    alert_id = home.alert("c", NOW - timedelta(minutes=1))
    assert [e.name for e in caseload(hub.engine, NOW)] == [
        "The Okafor household", "The Older household"]

    # a mark a device sends claiming the agency is refused, and leaves the alert on the list ...
    seen = AlertSeen(str(uuid.uuid4()), alert_id, "agency:1", iso(NOW))
    home.push("safety_alerts_seen", seen.to_json(), expect="refused")
    assert caseload(hub.engine, NOW)[0].name == "The Okafor household"
    # ... the worker's own mark at the hub takes it off
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    (alert,) = records.unseen_alerts()
    mark_alert_seen(hub.engine, hub.household_id, alert, priya_account(hub), NOW)
    entries = caseload(hub.engine, NOW)
    assert [e.name for e in entries] == ["The Older household", "The Okafor household"]
    assert entries[1].attention is Attention.SETTLED


def test_a_household_with_alert_and_falling_scale_lists_both_reasons(
    hub: RunningHub, home: Family
) -> None:
    home.alert("c", NOW - timedelta(days=1))
    home.rating("c", 9, NOW - timedelta(days=4))
    home.rating("c", 2, NOW - timedelta(days=2))
    (entry,) = caseload(hub.engine, NOW)
    assert [r.kind for r in entry.reasons] == [Attention.ALERT, Attention.LOW, Attention.FALLING,
                                               Attention.QUIET]
    assert entry.reasons[1].who is None  # the hub has no member record for them yet


def test_a_low_rating_comes_first_even_without_a_fall_or_a_first_one(
    hub: RunningHub, home: Family
) -> None:
    from app.hub.admin import register_household

    home.rating("c", 1, NOW - timedelta(days=1))  # a first rating, and a low one
    falling = Family(hub, register_household(hub.engine, "The Falling household"), NOW)
    falling.rating("d", 9, NOW - timedelta(days=3))
    falling.rating("d", 5, NOW - timedelta(days=1))
    ordered = caseload(hub.engine, NOW)
    assert [e.attention for e in ordered][:2] == [Attention.LOW, Attention.FALLING]
    assert ordered[0].reasons[0].after == 1
    assert reason_words(ordered[0].reasons[0], NOW).endswith("1 out of 10")


def test_falling_scale_compares_each_persons_latest_with_their_previous() -> None:
    def rated(by: str, score: int, days_ago: int) -> SafetyRating:
        return SafetyRating(str(uuid.uuid4()), score, "", by, iso(NOW - timedelta(days=days_ago)))

    # Jo's ratings rise; Sam's fall 6 -> 5 then; the child's fall 8 -> 3 is the biggest.
    ratings = [rated("jo", 3, 9), rated("sam", 6, 8), rated("kid", 8, 7), rated("jo", 6, 6),
               rated("sam", 5, 5), rated("kid", 3, 4)]
    assert falling_scale(ratings) == ("kid", 8, 3)
    assert falling_scale([*ratings, rated("kid", 9, 1), rated("sam", 7, 1)]) is None
    assert falling_scale([rated("one", 2, 1)]) is None


def test_bodies_that_do_not_decode_are_skipped_not_fatal(hub: RunningHub, home: Family) -> None:
    home.push("checkins", {"id": "odd-1", "feeling": "not-a-feeling"})
    home.push("safety_alerts", {"id": "odd-2"}, urgent=True)
    home.push("safety_plans", {"id": "family", "bottom_lines": "not a list"})
    home.push("members", {"id": "odd-4", "role": "nobody"})
    # A body that is not an object never reaches the hub at all.
    home.push("members", ["not", "an", "object"], record_id="odd-5", expect="refused")
    home.checkin("kid", NOW - timedelta(hours=2))

    (entry,) = caseload(hub.engine, NOW)
    assert entry.attention is Attention.ALERT  # an alert is never skipped: read in part
    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    assert found.plan is None
    # a check-in is never skipped either: read in part, as far as it goes
    assert [(c.id, c.feeling) for c in found.checkins if c.in_part] == [("odd-1", None)]
    assert len(found.checkins) == 2
    assert [(a.id, a.source) for a in found.alerts] == [("odd-2", AlertSource.UNREADABLE)]
    assert found.skipped == 2


def test_household_records_reads_each_collection_and_keeps_sealed_messages_sealed(
    hub: RunningHub, home: Family
) -> None:
    home.member("jo", "Jo", Role.PARENT)
    home.member("sam", "Sam", Role.CHILD)
    home.checkin("sam", NOW - timedelta(days=1), Feeling.WORRIED)
    home.checkin("sam", NOW - timedelta(hours=1), Feeling.HAPPY)
    plan = SafetyPlan(bottom_lines=(Point("bl-1", "Sam is collected by Jo or Gran", "jo",
                                          iso(NOW)),), revision=3)
    home.push("safety_plans", plan.to_json(), record_id="family", shard=None)
    words = DiaryWords(date(2026, 1, 5), DayPart.BEDTIME, went_well="Story time was calm",
                       sharing=Sharing.WORKER)
    first = DiaryEntry("d-1", "entry-1", 1, "jo", iso(NOW - timedelta(days=2)), words)
    home.push("diary_entries", first.to_json())
    second = DiaryEntry("d-2", "entry-1", 2, "jo", iso(NOW - timedelta(days=1)),
                        DiaryWords(words.day, words.part, went_well="Story time, then sleep",
                                   sharing=Sharing.WORKER))
    home.push("diary_entries", second.to_json())
    message = json.dumps({"text": "I miss Gran", "from_name": "Sam", "from_role": "child",
                          "written_at": iso(NOW)}).encode()
    agency_key = b64decode(home.phone.agency_public_key)
    sealed = b64encode(seal(agency_key, message, "msg-1"))
    home.push("worker_messages", {}, record_id="msg-1", body=None, sealed_body=sealed)
    home.push("house_items", {}, record_id="gone", body=None, deleted=True)  # taken back

    found = household_records(hub.engine, hub.household_id)

    assert found is not None and found.name == "The Okafor household"
    assert sorted(found.members) == ["jo", "sam"] and found.name_of("sam") == "Sam"
    assert [c.feeling for c in found.checkins] == [Feeling.WORRIED, Feeling.HAPPY]
    assert found.plan is not None and found.plan.revision == 3
    assert [p.text for p in found.plan.bottom_lines] == ["Sam is collected by Jo or Gran"]
    assert found.plan_doc is not None and found.plan_doc.record_id == "family"
    assert [e.words.went_well for e in found.diary] == ["Story time, then sleep"]
    (kept,) = found.sealed
    assert kept.record_id == "msg-1" and b"I miss Gran" not in kept.sealed
    opened = open_sealed(open_agency(hub.engine, AGENCY_PASSPHRASE), kept.sealed, "msg-1")
    assert json.loads(opened)["text"] == "I miss Gran"
    assert found.skipped == 0
    doc = current_doc(hub.engine, hub.household_id, "family")
    assert doc is not None and doc.revision == 1 and doc.body["revision"] == 3
    assert current_doc(hub.engine, hub.household_id, "gone") is None
    assert household_records(hub.engine, "no-such-household") is None


def test_each_reason_reads_as_one_plain_sentence() -> None:
    def words(reason: Reason) -> str:
        return reason_words(reason, NOW)

    assert words(Reason(Attention.ALERT, at=NOW - timedelta(minutes=10))) == (
        "Safety alert 10 minutes ago")
    assert words(Reason(Attention.ALERT, at=NOW - timedelta(hours=1))) == "Safety alert 1 hour ago"
    assert words(Reason(Attention.FALLING, before=7, after=4, who="Amy")) == (
        "Safety scale falling: 7 to 4 (Amy)")
    assert words(Reason(Attention.FALLING, before=7, after=4)) == "Safety scale falling: 7 to 4"
    assert words(Reason(Attention.QUIET, days=5)) == "No check-in for 5 days"
    assert words(Reason(Attention.QUIET)) == "No check-in yet"
    assert ago(NOW - timedelta(days=30), NOW).startswith("on ")


def test_two_versions_of_a_plan_read_line_by_line_and_odd_bodies_still_read() -> None:
    plan = SafetyPlan(bottom_lines=(Point("b", "No smoking indoors", "agency:1", iso(NOW)),))
    known = HouseholdRecords("h-1", "The Okafor household")
    assert describe("safety_plans", plan.to_json(), known) == ["Bottom line: No smoking indoors"]
    assert describe("safety_plans", None, known) == ["Removed"]
    assert describe("safety_plans", {"bottom_lines": "not a list", "note": "Call Jo"},
                    known) == ["Bottom lines: not a list", "Note: Call Jo"]
    assert describe("rituals", {"id": "r", "name": "Film night", "created_at": iso(NOW)},
                    known) == ["Name: Film night"]
    assert describe("rituals", {"id": "r"}, known) == ["Nothing written"]


def test_every_word_built_from_a_record_value_is_in_the_catalogue() -> None:
    keys = [f"hub.help.{h.value}" for h in Help]
    keys += [f"hub.chores.often.{o.value}" for o in Often]
    keys += [f"hub.chores.status.{s.value}" for s in ChoreStatus]
    keys += [f"hub.doc.plan.{s.value}" for s in Section]
    keys += [f"hub.child_plan.{k.value}" for k in ChildList]
    keys += [f"hub.doc.child.{k.value}" for k in ChildList]
    keys += [f"checkins.feeling.{f.value}" for f in Feeling]
    keys += [f"circles.kind.{k.value}" for k in CircleKind]
    keys += [f"diary.part.{p.value}" for p in DayPart]
    keys += [f"hub.due.{k}" for k, _ in DUE_CHOICES]
    for key in keys:
        assert t(key), key


def test_a_stretch_reads_recent_daily_records_and_still_counts_them_all(
    hub: RunningHub, home: Family
) -> None:
    home.member("sam", "Sam", Role.CHILD)
    home.checkin("sam", NOW - timedelta(days=40), Feeling.WORRIED)
    home.checkin("sam", NOW - timedelta(days=20), Feeling.SAD)
    home.rating("sam", 6, NOW - timedelta(days=30))
    fortnight = NOW - timedelta(days=14)

    found = household_records(hub.engine, hub.household_id, since=fortnight)
    assert found is not None and found.checkins == []  # both older than the stretch
    assert found.total(CHECKINS, found.checkins) == 2
    assert found.last_checkin() == NOW - timedelta(days=20)
    assert len(found.ratings) == 1 and sorted(found.members) == ["sam"]  # read whole

    home.checkin("sam", NOW - timedelta(days=1), Feeling.HAPPY)
    found = household_records(hub.engine, hub.household_id, since=fortnight)
    assert found is not None and [c.feeling for c in found.checkins] == [Feeling.HAPPY]
    assert found.total(CHECKINS, found.checkins) == 3
    assert found.last_checkin() == NOW - timedelta(days=1)
    whole = household_records(hub.engine, hub.household_id)
    assert whole is not None and len(whole.checkins) == 3
    assert whole.total(CHECKINS, whole.checkins) == 3
    between = household_records(hub.engine, hub.household_id, since=NOW - timedelta(days=45),
                                until=NOW - timedelta(days=30))
    assert between is not None and [c.feeling for c in between.checkins] == [Feeling.WORRIED]
    assert between.total(CHECKINS, between.checkins) == 3
    assert between.last_checkin() == NOW - timedelta(days=1)  # past the stretch's end
