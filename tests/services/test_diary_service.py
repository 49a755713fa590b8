"""Diary, rituals and strengths on a real encrypted store: saving, reopening, who reads what."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from taylors import PASSPHRASE, create_taylors, open_gate, people

from app.domain.diary import DayPart, DiaryWords, Sharing, wording_id
from app.domain.rituals import RitualPlan
from app.domain.strengths import StrengthKind
from app.services.diary import DIARY, diary_for
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.rituals import rituals_for
from app.services.strengths import strengths_for


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 20, 0).timestamp()  # a Wednesday evening

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock, second_parent=True)


def words(text: str, sharing: Sharing = Sharing.PRIVATE, day: date | None = None) -> DiaryWords:
    return DiaryWords(day=day or date(2026, 11, 25), part=DayPart.BEDTIME, went_well=text,
                      was_hard="Teeth", sharing=sharing)


def test_diary_entries_survive_reopening_and_stay_private_to_their_author(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    p = people(service)
    diary = diary_for(service)
    private = diary.write(p["Jo"], DiaryWords(day=date(2026, 11, 25), part=DayPart.MORNING,
                                              went_well="Breakfast together"))
    shared = diary.write(p["Jo"], words("Story and cuddles", Sharing.WORKER))
    gate.close()

    household = open_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    reopened = diary_for(household)
    p = people(household)
    assert private.words.sharing is Sharing.PRIVATE  # nothing chosen: private
    mine = reopened.entries(p["Jo"])
    assert [e.entry_id for e in mine] == [shared.entry_id, private.entry_id]  # bedtime first
    assert reopened.entry(p["Jo"], private.entry_id).words.went_well == "Breakfast together"
    assert [e.entry_id for e in reopened.entries(p["Priya"])] == [shared.entry_id]
    assert reopened.entries(p["Alex"]) == []
    assert reopened.entries(p["Sam"]) == []
    for reader in ("Alex", "Priya", "Sam"):
        with pytest.raises(NotAllowed):
            reopened.entry(p[reader], private.entry_id)
    for reader in ("Alex", "Sam"):
        with pytest.raises(NotAllowed):
            reopened.entry(p[reader], shared.entry_id)
    assert reopened.entry(p["Priya"], shared.entry_id).words.went_well == "Story and cuddles"


def test_changing_an_entry_keeps_the_earlier_words_and_only_the_author_may(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    diary = diary_for(service)
    first = diary.write(p["Jo"], words("Calm bath", Sharing.WORKER))
    for other in ("Alex", "Priya", "Sam"):
        with pytest.raises(NotAllowed):
            diary.change(p[other], first.entry_id, words("Not mine"))
    second = diary.change(p["Jo"], first.entry_id, words("Calm bath and a story"))
    assert second.revision == 2 and not second.shared
    assert [r.words.went_well for r in diary.revisions(p["Jo"], first.entry_id)] == [
        "Calm bath", "Calm bath and a story"]
    assert len(service.store.find(DIARY)) == 2  # nothing overwritten
    assert diary.entries(p["Priya"]) == []  # made private again


def test_a_wording_has_one_id_on_every_device(home) -> None:  # noqa: ANN001
    # Two devices writing an entry's next revision write the same record, so the two meet
    # at the agency as a change to settle rather than one quietly hiding the other.
    _gate, service = home
    p = people(service)
    diary = diary_for(service)
    first = diary.write(p["Jo"], words("Calm bath", Sharing.WORKER))
    second = diary.change(p["Jo"], first.entry_id, words("Calm bath and a story", Sharing.WORKER))
    assert (first.id, second.id) == (wording_id(first.entry_id, 1),
                                      wording_id(first.entry_id, 2))


def test_a_store_with_two_wordings_of_one_revision_reads_private_and_takes_back_the_other(
        home) -> None:  # noqa: ANN001
    # A store from before wording ids: the same revision from the phone (shared, stamped
    # later) and the tablet (private, its clock behind). Both are kept; private wins.
    _gate, service = home
    p = people(service)
    diary = diary_for(service)
    first = diary.write(p["Jo"], words("Calm bath", Sharing.WORKER))
    base = {**first.to_json(), "revision": 2, "entry_id": first.entry_id}
    service.store.put_many([
        (DIARY, {**base, "id": "phone-wording", "went_well": "I shouted at Sam",
                 "created_at": "2026-11-25T21:00:00+00:00"}, "2026-11"),
        (DIARY, {**base, "id": "tablet-wording", "sharing": "private",
                 "created_at": "2026-11-25T15:00:00+00:00"}, "2026-11"),
    ])
    assert not diary.entry(p["Jo"], first.entry_id).shared
    assert diary.entries(p["Priya"]) == []
    assert diary.take_back_crossed() == 2  # revision 1 and the phone's shared wording
    kept = {r.id: r for r in diary.revisions(p["Jo"], first.entry_id)}
    assert kept["phone-wording"].words.went_well == "I shouted at Sam"  # nothing lost
    assert not any(r.shared for r in kept.values())
    assert len(service.store.find(DIARY)) == 3


def test_bad_diary_input_changes_nothing(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    diary = diary_for(service)
    with pytest.raises(InvalidInput, match="diary.error.empty"):
        diary.write(p["Jo"], DiaryWords(day=date(2026, 11, 25), part=DayPart.NIGHT))
    with pytest.raises(InvalidInput, match="diary.error.future"):
        diary.write(p["Jo"], words("x", day=date(2026, 11, 26)))
    with pytest.raises(NotAllowed):
        diary.write(p["Priya"], words("A worker has no diary here"))
    with pytest.raises(NotAllowed):
        diary.write(p["Sam"], words("A child has no diary here"))
    assert service.store.find(DIARY) == []


def test_rituals_are_ticked_once_a_day_and_counted_after_reopening(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    p = people(service)
    rituals = rituals_for(service)
    film = rituals.add(p["Jo"], RitualPlan(" Friday  film night ", "film", "Friday evening"))
    story = rituals.add(p["Jo"], RitualPlan("Bedtime story", "book", who=(p["Sam"].id,)))
    with pytest.raises(NotAllowed):
        rituals.add(p["Priya"], RitualPlan("Visit", "walk"))
    with pytest.raises(InvalidInput, match="rituals.error.who"):
        rituals.add(p["Jo"], RitualPlan("Visit", "walk", who=(p["Priya"].id,)))
    first = rituals.done_today(p["Sam"], story.id)
    assert rituals.done_today(p["Jo"], story.id) == first
    with pytest.raises(NotAllowed):
        rituals.done_today(p["Mia"], story.id)  # not her ritual
    with pytest.raises(NotAllowed):
        rituals.done_today(p["Priya"], film.id)
    clock.now -= 24 * 3600
    rituals.done_today(p["Jo"], story.id)
    clock.now += 24 * 3600
    changed = rituals.edit(p["Jo"], film.id, RitualPlan("Film night", "pizza", "Saturday"))
    assert changed.revision == 2
    gate.close()

    household = open_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    reopened = rituals_for(household)
    p = people(household)
    assert [r.name for r in reopened.rituals()] == ["Film night", "Bedtime story"]
    assert [r.name for r in reopened.rituals_for(p["Mia"].id)] == ["Film night"]
    counts = reopened.counts(story.id)
    assert (counts.this_week, counts.in_all, counts.today) == (2, 2, True)
    reopened.stop(p["Jo"], film.id)
    assert [r.name for r in reopened.rituals()] == ["Bedtime story"]
    assert reopened.counts(film.id).in_all == 0


def test_anyone_celebrates_a_child_and_notes_survive_reopening(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    p = people(service)
    notes = strengths_for(service)
    notes.add(p["Jo"], p["Sam"].id, StrengthKind.STRENGTH, "Kind to his sister", "heart")
    notes.add(p["Priya"], p["Sam"].id, StrengthKind.INTEREST, "Dinosaurs", "book")
    clock.now += 60
    notes.add(p["Mia"], p["Sam"].id, StrengthKind.PROUD, "Rode  his bike", "bike")
    notes.add(p["Sam"], p["Sam"].id, StrengthKind.PROUD, "I read a book", "book")
    with pytest.raises(InvalidInput, match="strengths.error.child"):
        notes.add(p["Jo"], p["Alex"].id, StrengthKind.PROUD, "Cooked tea", "cooking")
    with pytest.raises(InvalidInput, match="strengths.error.empty"):
        notes.add(p["Jo"], p["Mia"].id, StrengthKind.PROUD, " ", "star")
    gate.close()

    household = open_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    reopened = strengths_for(household)
    p = people(household)
    sams = reopened.notes(p["Sam"].id)
    assert len(sams) == 4
    assert {n.words for n in sams[:2]} == {"Rode his bike", "I read a book"}  # newest first
    assert [n.words for n in reopened.notes(p["Sam"].id, StrengthKind.INTEREST)] == [
        "Dinosaurs"]
    assert reopened.notes(p["Mia"].id) == []


def test_a_week_later_the_week_count_starts_again_but_the_total_stays(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    rituals = rituals_for(service)
    story = rituals.add(p["Jo"], RitualPlan("Bedtime story", "book"))
    rituals.done_today(p["Jo"], story.id)
    clock.now += 7 * 24 * 3600
    counts = rituals.counts(story.id)
    assert (counts.this_week, counts.in_all, counts.today) == (0, 1, False)
