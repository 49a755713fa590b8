"""The hard moments log and the programme plan on the real encrypted store: a child is refused
at the service's every door, an honest account of a smack is kept whole for the worker to see,
patterns and attendance are counted, and both kinds of record sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.agreement import RuleField
from app.domain.programme.moments import Ending, MomentDraft, Need, TimeOfDay, Trigger
from app.domain.programme.sessions import SessionPlan
from app.services.agreement import agreement_for
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.learning import learning_for
from app.services.programme.moments import HARD_MOMENTS, moments_for
from app.services.programme.sessions import SESSIONS, programme_for
from app.sync.catalogue import GROWN_UPS_ONLY, agency_may_see, is_synced, label_key
from app.sync.readers import readable
from tests.services.taylors import FixedClock, create_taylors, in_order, reopen

START = 1_796_000_000.0  # Sat 30 Nov 2026 (about)
DAY = 24 * 3600


@pytest.fixture
def taylors(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(START)
    gate, household = create_taylors(tmp_path / "home", clock)
    yield gate, household, clock, tmp_path / "home"
    gate.close()


def a_moment(child: str, when: str = "2026-11-29T17:40", **changes: object) -> MomentDraft:
    values: dict[str, object] = {"children": (child,), "happened_at": when,
                                 "what_happened": "Screens off, and the controller got thrown."}
    values.update(changes)
    return MomentDraft(**values)  # type: ignore[arg-type]


def test_a_child_cannot_read_or_write_the_log_not_even_a_count(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, mia, _priya = in_order(household)
    log = moments_for(household)
    log.record(jo, a_moment(sam.id))
    for child in (sam, mia):
        with pytest.raises(NotAllowed):
            log.moments(child)
        with pytest.raises(NotAllowed):
            log.moments(child, child_id=child.id)
        with pytest.raises(NotAllowed):
            log.patterns(child)
        with pytest.raises(NotAllowed):
            log.agreed_consequences(child)
        with pytest.raises(NotAllowed):
            log.record(child, a_moment(sam.id))
    [saved] = log.moments(jo)
    with pytest.raises(NotAllowed):
        log.moment(sam, saved.id)
    with pytest.raises(NotAllowed):
        log.change(sam, saved.id, a_moment(sam.id))


REPAIR = ("I lost my temper and smacked him. I said sorry to Sam for smacking him and we had a "
          "cuddle.")


def test_an_honest_account_of_a_smack_is_kept_whole_and_the_worker_can_see_it(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    jo, sam, _mia, priya = in_order(household)
    log = moments_for(household)
    told = a_moment(sam.id, trigger=Trigger.SCREENS, needs=(Need.CALM,),
                    consequence="No tablet until after tea", repair=REPAIR,
                    ending=Ending.PUT_RIGHT)
    saved = log.record(jo, told)  # a hard moment is what happened: never refused
    assert saved.draft == told  # every field kept, word for word
    assert saved.punishment_words == ("smacked", "smacking")
    changed = log.change(priya, saved.id, a_moment(
        sam.id, consequence="A smack on the legs", repair=REPAIR))
    assert changed.revision == 2 and changed.draft.consequence == "A smack on the legs"
    assert changed.punishment_words == ("smack", "smacked", "smacking")
    household = reopen(gate, folder, clock)  # kept through a restart, as written
    jo, _sam, _mia, priya = in_order(household)
    [kept] = moments_for(household).moments(priya)
    assert kept.draft.repair == REPAIR and kept.punishment_words
    doc = household.store.get(HARD_MOMENTS, kept.id)
    assert doc is not None and agency_may_see(HARD_MOMENTS, doc)  # it reaches the worker
    assert readable(HARD_MOMENTS, doc)


def test_a_moment_without_physical_punishment_tells_of_none(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, _priya = in_order(household)
    saved = moments_for(household).record(jo, a_moment(
        sam.id, what_happened="Sam hit Mia", repair="We talked about the hitting"))
    assert saved.punishment_words == ()


def test_a_moment_is_kept_with_its_repair_added_later_and_survives_a_restart(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    jo, sam, mia, priya = in_order(household)
    log = moments_for(household)
    first = log.record(jo, a_moment(sam.id, trigger=Trigger.SCREENS, needs=(Need.CALM,)))
    log.change(jo, first.id, a_moment(sam.id, trigger=Trigger.SCREENS, needs=(Need.CALM,),
                                      repair="We built the tower again together",
                                      ending=Ending.PUT_RIGHT))
    log.record(priya, a_moment(mia.id, "2026-11-28T08:10", trigger=Trigger.SCHOOL))
    with pytest.raises(InvalidInput) as refused:
        log.record(jo, a_moment(jo.id))  # a parent is not one of the children
    assert refused.value.reason == "moments.error.no_child"
    household = reopen(gate, folder, clock)
    log = moments_for(household)
    found = log.moments(jo)
    assert [m.draft.trigger for m in found] == [Trigger.SCREENS, Trigger.SCHOOL]  # newest first
    assert found[0].revision == 2 and found[0].draft.ending is Ending.PUT_RIGHT
    assert [m.id for m in log.moments(priya, child_id=mia.id)] == [found[1].id]
    counted = log.patterns(priya)
    assert dict(counted.by_time)[TimeOfDay.EVENING] == 1
    assert dict(counted.by_time)[TimeOfDay.MORNING] == 1
    assert counted.repaired == 1 and counted.ended_calm == 1


def test_the_agreements_consequences_are_offered(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, _sam, _mia, _priya = in_order(household)
    agreement = agreement_for(household)
    agreement.draft(jo)
    agreement.save_rule(jo, None, {RuleField.TEXT: "Screens off at 7", RuleField.BROKEN:
                                   "No tablet the next morning"}, "heart")
    agreement.save_rule(jo, None, {RuleField.TEXT: "Kind hands"}, "heart")
    [offered] = moments_for(household).agreed_consequences(jo)
    assert (offered.rule, offered.consequence) == ("Screens off at 7",
                                                   "No tablet the next morning")


def test_hard_moments_and_sessions_sync_to_the_agency_and_read_back(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    moment = moments_for(household).record(jo, a_moment(sam.id))
    session = programme_for(household).plan(priya, SessionPlan("Using rituals", "2026-12-03",
                                                               (jo.id, sam.id)))
    assert HARD_MOMENTS in GROWN_UPS_ONLY  # registered as kept from children
    for collection, doc in ((HARD_MOMENTS, moment.to_json()), (SESSIONS, session.to_json())):
        assert is_synced(collection) and agency_may_see(collection, doc)
        assert label_key(collection) != "sync.kind.other"
        assert readable(collection, doc)
        assert not readable(collection, {"id": "x"})


def test_sessions_are_planned_attended_and_counted(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, sam, mia, priya = in_order(household)
    plan = programme_for(household)
    with pytest.raises(NotAllowed):
        plan.plan(sam, SessionPlan("Circles", "2026-12-03", (jo.id,)))
    with pytest.raises(InvalidInput) as refused:
        plan.plan(jo, SessionPlan("Circles", "2026-12-03", (priya.id,)))
    assert refused.value.reason == "programme.error.who"
    first = plan.plan(priya, SessionPlan("Setting boundaries", "2026-12-01", (jo.id, sam.id)))
    second = plan.plan(jo, SessionPlan("Using rituals", "2026-12-08", (jo.id, sam.id, mia.id)))
    with pytest.raises(InvalidInput) as refused:
        plan.record(priya, first.id, [jo.id], "")
    assert refused.value.reason == "programme.error.not_yet"
    clock.now += 9 * DAY
    plan.record(priya, first.id, [jo.id, sam.id], "Say the rule, then the choice")
    plan.record(jo, second.id, [jo.id, mia.id], "Friday film night")
    with pytest.raises(NotAllowed):
        plan.record(mia, second.id, [mia.id], "")
    counted = plan.attendance("2026-12")
    assert (counted.planned, counted.held, counted.to_come) == (2, 2, 0)
    people = {p.member_id: (p.expected, p.came) for p in counted.people}
    assert people == {jo.id: (2, 2), sam.id: (2, 1), mia.id: (1, 1)}
    assert [s.took_away for s in plan.in_month("2026-12")] == [
        "Say the rule, then the choice", "Friday film night"]
    plan.cancel(jo, plan.plan(jo, SessionPlan("Circles", "2026-12-20", (jo.id,))).id)
    assert plan.attendance("2026-12").planned == 2


def test_a_session_on_a_learning_topic_filled_in_by_the_worker_covers_the_topic(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    plan = programme_for(household)
    today = plan.today().isoformat()
    by_jo = plan.plan(jo, SessionPlan("Setting limits", today, (jo.id,), topic_key="boundaries"))
    plan.record(jo, by_jo.id, [jo.id], "")  # a parent fills it in: the worker marks topics
    assert learning_for(household).covered() == []
    nobody = plan.plan(priya, SessionPlan("Rituals", today, (jo.id,), topic_key="rituals"))
    plan.record(priya, nobody.id, [], "")  # nobody could come: nothing was covered
    with_family = plan.plan(priya, SessionPlan("Setting limits", today, (jo.id, sam.id),
                                               topic_key="boundaries"))
    plan.record(priya, with_family.id, [jo.id, sam.id], "Say the rule, then the choice")
    unknown = plan.plan(priya, SessionPlan("Something new", today, (jo.id,),
                                           topic_key="not_a_card"))
    plan.record(priya, unknown.id, [jo.id], "")
    assert learning_for(household).covered() == ["boundaries"]


def test_a_session_day_in_any_iso_form_is_counted_in_its_month(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, _sam, _mia, priya = in_order(household)
    plan = programme_for(household)
    for day in ("2027-01-12", "20270112", "2027-W02-2"):
        saved = plan.plan(priya, SessionPlan("Setting limits", day, (jo.id,)))
        assert saved.plan.day == "2027-01-12"
    assert plan.attendance("2027-01").planned == 3
    assert len(plan.in_month("2027-01")) == 3


def test_a_session_kept_with_a_compact_day_before_is_read_as_its_day(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, _sam, _mia, priya = in_order(household)
    plan = programme_for(household)
    saved = plan.plan(priya, SessionPlan("Setting limits", "2027-01-12", (jo.id,)))
    household.store.put("programme_sessions", {**saved.to_json(), "day": "20270105"})
    [read] = plan.in_month("2027-01")
    assert read.plan.day == "2027-01-05" and plan.attendance("2027-01").planned == 1
