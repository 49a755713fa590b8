"""Days a family's device kept in another ISO form ("20261103", "2026-W45-2") before days were
kept as YYYY-MM-DD reach the agency as their day: the hub reads the review date, a plan's "by
when", a visit's "by when" and its next visit the way the family's device now keeps them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import Topic, new_conference
from app.domain.programme.visits import Visit, VisitAction
from app.hub.caseload import caseload
from app.hub.casework.progress import Due, DueKind
from app.hub.worker.household.data import household_records
from app.hub.worker.household.programme.conference import latest_conference
from tests.hub.worker.worker_ui_kit import hub_engine  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)


def test_days_kept_in_another_iso_form_are_read_at_the_agency_as_their_day(
    hub: RunningHub,
) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.member("ade", "Ade", Role.PARENT)
    home.member("priya", "Priya", Role.WORKER)
    at = iso(NOW - timedelta(days=2))
    ade = Member("ade", "Ade", Role.PARENT, Avatar.PERSON, at)
    priya = Member("priya", "Priya", Role.WORKER, Avatar.WORKER, at)
    conference = new_conference("c1", priya, at).prepared(
        priya, at, invited=(), worries=(Topic("w1", "Shouting at bedtime"),), bottom_lines=(),
        information="").started(priya, at).with_private_time(priya, at)
    conference = conference.with_plan(ade, at, lambda p: p.with_action(
        "a1", "Calm bedtimes", "Ade", "2026-11-03")).shared(ade, at).decided(
        priya, at, agreed=True, why="It keeps Tolu safe", review_on="2026-11-03")
    older = conference.to_json() | {"review_on": "20261103"}
    older["plan"]["actions"][0]["by_when"] = "2026-W45-2"
    home.push("conferences", older)
    planned = (NOW - timedelta(days=1)).date()
    visit = Visit("v1", "priya", at, ("ade",), ended_at=at,
                  actions=(VisitAction("a1", "Book the eye test", "Ade", "x"),))
    kept = visit.to_json() | {"next_visit": planned.strftime("%Y%m%d")}
    kept["actions"][0]["due"] = "2026W452"
    home.push("visits", kept)

    found = latest_conference(hub.engine, hub.household_id).conference
    assert found is not None and found.review_on == "2026-11-03"
    assert found.plan.actions[0].by_when == "2026-11-03"
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    [read] = records.visits
    assert (read.next_visit, read.actions[0].due) == (planned.isoformat(), "2026-11-03")
    [entry] = caseload(hub.engine, NOW)
    assert Due(DueKind.VISIT, planned=planned) in entry.due
