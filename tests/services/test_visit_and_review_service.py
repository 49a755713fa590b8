"""Visits and monthly reviews on the real encrypted store: since-last-visit from the records,
children seen alone, actions, and review snapshots that never change."""

from __future__ import annotations

import json
from base64 import b64decode
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.domain.checkins import Feeling
from app.domain.circles import CircleKind
from app.domain.programme.reviews import GoalSeries, Review, School, goal_series
from app.domain.programme.visits import AgendaItem
from app.domain.strengths import StrengthKind
from app.services.checkins import checkins_for
from app.services.circles import circles_for
from app.services.export import export_for
from app.services.household import InvalidInput, NotAllowed
from app.services.reviews import reviews_for
from app.services.safety import safety_for
from app.services.strengths import strengths_for
from app.services.visits import DRAFTS, visits_for
from app.sync.catalogue import is_synced
from app.sync.sealing import open_sealed
from tests.services.taylors import FixedClock, create_taylors, in_order, reopen

START = 1_796_000_000.0  # Sat 30 Nov 2026 (about)
DAY = 24 * 3600


@pytest.fixture
def taylors(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(START)
    gate, household = create_taylors(tmp_path / "home", clock)
    yield gate, household, clock, tmp_path / "home"
    gate.close()


def test_only_the_worker_runs_a_visit_and_the_draft_survives_a_restart(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    jo, sam, mia, priya = in_order(household)
    visits = visits_for(household)
    with pytest.raises(NotAllowed):
        visits.start(jo, [jo.id])
    with pytest.raises(InvalidInput, match="nobody_present"):
        visits.start(priya, [priya.id])
    visits.start(priya, [jo.id, sam.id, mia.id])
    visits.change(priya, lambda v: v.with_seen_alone(sam))
    visits.change(priya, lambda v: v.with_note(AgendaItem.SAFETY, "Plan read together"))
    with pytest.raises(InvalidInput, match="not_a_child"):
        visits.change(priya, lambda v: v.with_seen_alone(jo))
    assert not is_synced(DRAFTS)  # a visit in progress never leaves the device
    again = reopen(gate, folder, clock)
    draft = visits_for(again).current(priya)
    assert draft is not None and draft.seen_alone == (sam.id,)
    assert draft.notes == {"safety": "Plan read together"}


def test_ending_a_visit_saves_one_record_with_actions_and_the_next_date(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    visits = visits_for(household)
    visits.start(priya, [jo.id, sam.id])
    visits.change(priya, lambda v: v.with_action("a1", "Book the eye test", "Jo", "2026-12-07"))
    visits.change(priya, lambda v: v.with_next_visit("2026-12-14"))
    with pytest.raises(InvalidInput, match="date"):
        visits.change(priya, lambda v: v.with_next_visit("next Tuesday"))
    clock.now += 3600
    ended = visits.end(priya, None)
    assert ended.ended and visits.current(priya) is None
    [kept] = visits.visits()
    assert kept == ended and [a.what for a in kept.actions] == ["Book the eye test"]
    assert kept.next_visit == "2026-12-14"
    with pytest.raises(InvalidInput, match="not_started"):
        visits.end(priya, None)


def test_a_visits_days_typed_in_another_iso_form_are_kept_as_year_month_day(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    visits = visits_for(household)
    visits.start(priya, [jo.id, sam.id])
    visits.change(priya, lambda v: v.with_action("a1", "Book the eye test", "Jo", "20261207"))
    visits.change(priya, lambda v: v.with_next_visit(" 2026-W51-1"))
    with pytest.raises(InvalidInput, match="visits.error.date"):
        visits.change(priya, lambda v: v.with_next_visit("14/12/2026"))
    draft = visits.current(priya)
    assert draft is not None and draft.actions[0].due == "2026-12-07"
    clock.now += 3600
    visits.end(priya, None)
    [doc] = household.store.find("visits")
    assert (doc["actions"][0]["due"], doc["next_visit"]) == ("2026-12-07", "2026-12-14")
    visits.start(priya, [jo.id])
    [agreed] = visits.since_last_visit(priya).agreed_last_time
    assert agreed.due == "2026-12-07"


def test_a_visit_kept_with_compact_days_before_is_read_as_its_days(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, _sam, _mia, priya = in_order(household)
    visits = visits_for(household)
    visits.start(priya, [jo.id])
    visits.change(priya, lambda v: v.with_action("a1", "Book the eye test", "Jo", "2026-12-07"))
    clock.now += 3600
    ended = visits.end(priya, None)
    older = ended.to_json() | {"next_visit": "20261214"}
    older["actions"][0]["due"] = "2026-W50-1"
    household.store.put("visits", older, shard=ended.shard)
    [kept] = visits.visits()
    assert (kept.next_visit, kept.actions[0].due) == ("2026-12-14", "2026-12-07")


def test_the_workers_notes_are_sealed_for_the_agency_when_the_visit_ends(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    agency = X25519PrivateKey.generate()
    visits = visits_for(household)
    visits.start(priya, [jo.id, sam.id])
    said = "Sam said the shouting at night scares him"
    visits.change(priya, lambda v: v.with_note(AgendaItem.CHILDREN, said))
    with pytest.raises(InvalidInput, match="notes_unsealed"):
        visits.end(priya, None)  # not linked to the agency: nothing to seal with
    assert visits.current(priya) is not None  # the draft, notes and all, is kept
    ended = visits.end(priya, agency.public_key().public_bytes_raw())
    assert ended.notes == {} and ended.sealed_notes
    [doc] = household.store.find("visits")
    assert "shouting" not in json.dumps(doc)
    assert "shouting" not in json.dumps(export_for(household, in_order(household)[0]))
    opened = open_sealed(agency, b64decode(doc["sealed_notes"]), doc["id"])
    assert json.loads(opened) == {"children": said}


def test_since_last_visit_comes_from_the_records_not_from_seen_marks(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, sam, mia, priya = in_order(household)
    visits = visits_for(household)
    checkins = checkins_for(household)
    checkins.record(sam, Feeling.SAD, 2)
    first = visits.since_last_visit(priya)
    assert first.since is None and first.checkins[sam.id]["sad"] == 1  # no visit yet: all
    visits.start(priya, [jo.id, sam.id])
    clock.now += 3600
    visits.end(priya, None)
    clock.now += DAY
    checkins.record(sam, Feeling.HAPPY, 3)
    checkins.record(mia, Feeling.WORRIED, 4)
    safety_for(household).rate(jo, 2)  # a grown-up's low rating: theirs to share
    safety_for(household).rate(mia, 2)  # a child's low one raises an alert: not shown here
    strengths_for(household).add(jo, sam.id, StrengthKind.PROUD, "Read a whole book", "book")
    since = visits.since_last_visit(priya)
    assert since.since is not None
    assert dict(since.checkins[sam.id]) == {"happy": 1}  # the sad one was before the visit
    assert dict(since.checkins[mia.id]) == {"worried": 1}
    assert [r.score for r in since.low_ratings] == [2]
    assert since.strengths == 1
    # The worker marking things seen changes nothing here: it is about what happened.
    [alert] = checkins.alerts(priya)
    checkins.mark_alert_seen(priya, alert.id)
    assert visits.since_last_visit(priya) == since
    with pytest.raises(NotAllowed):
        visits.since_last_visit(jo)


def test_a_circle_started_before_the_visit_and_closed_after_it_is_not_new(taylors) -> None:  # type: ignore[no-untyped-def]
    # Its clock stamp now says when it was closed, not when it started: its time decides.
    _gate, household, clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    circles = circles_for(household)
    before = circles.start(jo, CircleKind.FAMILY_MEETING, [jo.id, sam.id])
    visits = visits_for(household)
    visits.start(priya, [jo.id, sam.id])
    clock.now += 3600
    visits.end(priya, None)
    clock.now += DAY
    circles.finish(jo, before.id)
    assert visits.since_last_visit(priya).circles == 0
    circles.start(jo, CircleKind.CHECK_IN, [jo.id, sam.id])
    assert visits.since_last_visit(priya).circles == 1


def test_a_review_is_a_snapshot_of_the_month_that_never_changes(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    jo, sam, mia, priya = in_order(household)
    reviews = reviews_for(household)
    calm = reviews.add_goal(jo, "Calmer mornings")
    with pytest.raises(InvalidInput, match="goal_missing"):
        reviews.add_goal(jo, "   ")
    with pytest.raises(NotAllowed):
        reviews.add_goal(sam, "More sweets")
    checkins_for(household).record(sam, Feeling.HAPPY, 3)
    checkins_for(household).record(sam, Feeling.HAPPY, 2)
    checkins_for(household).record(mia, Feeling.ANGRY, 4)
    safety_for(household).rate(jo, 6)
    month = reviews.figures("2026-11")
    assert month.feelings == {sam.id: {"happy": 2}, mia.id: {"angry": 1}}
    assert month.safety == {jo.id: 6}
    made = reviews.make_review(priya, "2026-11", [(calm.id, 4, "Shoes by the door at night")],
                               [School(sam.id, 92, 0), School(mia.id, 78, 1)],
                               went_well="Tea together", worries="Mornings",
                               next_steps="Try the shoe box")
    with pytest.raises(InvalidInput, match="already_done"):
        reviews.make_review(jo, "2026-11", [], [])
    with pytest.raises(InvalidInput, match="attendance"):
        reviews.make_review(jo, "2026-12", [], [School(sam.id, 140, 0)])
    with pytest.raises(InvalidInput, match="score"):
        reviews.make_review(jo, "2026-12", [(calm.id, 11, "")], [])
    # Later records do not change the snapshot.
    checkins_for(household).record(sam, Feeling.SAD, 5)
    again = reviews_for(reopen(gate, folder, clock))
    assert again.review_of("2026-11") == made
    assert made.figures.feelings[sam.id] == {"happy": 2}
    assert [(g.text, g.score, g.one_higher) for g in made.goals] == [
        ("Calmer mornings", 4, "Shoes by the door at night")]


def test_reviews_chart_month_on_month(taylors) -> None:  # type: ignore[no-untyped-def]

    _gate, household, _clock, _folder = taylors
    jo, _sam, _mia, _priya = in_order(household)
    reviews = reviews_for(household)
    calm = reviews.add_goal(jo, "Calmer mornings")
    reviews.make_review(jo, "2026-10", [(calm.id, 3, "")], [])
    reviews.make_review(jo, "2026-11", [(calm.id, 5, "")], [])
    assert goal_series(reviews.reviews()) == [GoalSeries(calm.id, "Calmer mornings", (3, 5))]


def test_a_school_figure_nobody_gave_is_kept_as_not_known(taylors) -> None:  # type: ignore[no-untyped-def]
    """Blank is not nought: a review made without a child's exclusions says nothing of them."""
    gate, household, clock, folder = taylors
    jo, sam, mia, _priya = in_order(household)
    made = reviews_for(household).make_review(
        jo, "2026-11", [], [School(sam.id, 92, None), School(mia.id, None, 1)])
    assert [(s.attendance, s.exclusions) for s in made.school] == [(92, None), (None, 1)]
    reviews = reviews_for(reopen(gate, folder, clock))
    assert reviews.review_of("2026-11") == made
    stored = made.to_json()
    assert stored["school"][0]["exclusions"] is None
    # a review saved before kept its figure as it was typed (or the nought it was given)
    older = {**stored, "school": [{"child_id": sam.id, "attendance": 90, "exclusions": 0},
                                  {"child_id": mia.id, "attendance": 80}]}
    assert [s.exclusions for s in Review.from_json(older).school] == [0, None]
    with pytest.raises(InvalidInput, match="exclusions"):
        reviews.make_review(jo, "2026-12", [], [School(sam.id, None, 32)])


def test_a_second_active_goal_in_the_same_words_is_refused(taylors) -> None:  # type: ignore[no-untyped-def]
    """Two goals worded alike could not be told apart at the review; a retired one's words
    may be chosen again, as a new goal with its own months."""
    household = taylors[1]
    jo = in_order(household)[0]
    reviews = reviews_for(household)
    bedtime = reviews.add_goal(jo, "Bedtime without shouting")
    # the last has a Cyrillic "о": it looks the same
    for alike in ("Bedtime without shouting", "  bedtime   WITHOUT shouting ",
                  "Bedtime withоut shouting"):
        with pytest.raises(InvalidInput, match="goal_same"):
            reviews.add_goal(jo, alike)
    assert [g.id for g in reviews.goals()] == [bedtime.id]  # nothing saved
    reviews.retire_goal(jo, bedtime.id)
    again = reviews.add_goal(jo, "Bedtime without shouting")
    assert again.id != bedtime.id and [g.id for g in reviews.goals()] == [again.id]
