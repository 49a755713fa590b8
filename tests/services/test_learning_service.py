"""Learning topics on a real encrypted store: the law by nation, topics covered, ideas tried."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from taylors import create_taylors, in_order, reopen

from app.domain.agreement import MAX_RULE_TEXT, RULE_PICTURES, RuleField
from app.domain.chores import CHORE_PICTURES, MAX_CHORE_NAME
from app.domain.diary import DayPart
from app.domain.programme.learning import (
    LAW_TOPIC,
    LearningCard,
    TopicMark,
    TryKind,
    covered_topics,
)
from app.domain.programme.nation import ALL_LAWS, Nation, PunishmentLaw, laws_for
from app.domain.rituals import MAX_RITUAL_NAME, RITUAL_PICTURES
from app.i18n import t
from app.i18n.learning import card_files
from app.services.agreement import PhysicalPunishmentRefused, agreement_for
from app.services.chores import chores_for
from app.services.diary import diary_for
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.programme.learning import MARKS, learning_for, part_of_day
from app.services.rituals import rituals_for
from app.services.setup import HOUSEHOLD, HOUSEHOLD_ID
from app.sync.catalogue import agency_may_see, is_synced

ROOT = Path(__file__).resolve().parents[2]
#: Seed 001's list of topics, and its "re-iteration to parents of the UK laws".
SEED_TOPICS = {"signs_of_safety", "challenges", "child_development", "fair_process",
               "day_in_the_life", "parenting_styles", "circles", "rituals", "boundaries",
               "family_group_conference", "family_agreements", LAW_TOPIC}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 20, 30).timestamp()  # a Wednesday, at bedtime

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock)


# the cards -----------------------------------------------------------------------------------
def test_there_is_one_card_for_every_seed_topic_and_the_law_comes_first(home) -> None:
    _gate, service = home
    cards = learning_for(service).cards()
    assert {card.topic for card in cards} == SEED_TOPICS
    assert len(cards) == len(SEED_TOPICS)
    assert cards[0].topic == LAW_TOPIC


def test_every_card_has_an_example_a_question_and_ideas_that_fit_where_they_go(home) -> None:
    _gate, service = home
    limits = {TryKind.RULE: MAX_RULE_TEXT, TryKind.RITUAL: MAX_RITUAL_NAME,
              TryKind.CHORE: MAX_CHORE_NAME, TryKind.DIARY: 1000}
    pictures = {TryKind.RULE: RULE_PICTURES, TryKind.RITUAL: RITUAL_PICTURES,
                TryKind.CHORE: CHORE_PICTURES}
    for card in learning_for(service).cards():
        assert card.example and card.question and card.says, card.topic
        assert card.tries, card.topic
        assert (ROOT / "assets" / "pictures" / f"{card.picture}.svg").is_file(), card.topic
        for idea in card.tries:
            assert len(idea.text) <= limits[idea.kind], idea.text
            if idea.kind in pictures:
                assert idea.picture in pictures[idea.kind], idea


def test_a_card_file_names_its_topic_and_one_file_is_one_topic() -> None:
    folder = ROOT / "app" / "i18n" / "en-GB" / "learning"
    for path in folder.glob("*.json"):
        assert json.loads(path.read_text("utf-8"))["topic"] == path.stem


# the household's nation and the law ----------------------------------------------------------
def test_a_parent_says_where_the_family_lives_and_it_is_kept_for_the_agency(
        home, tmp_path: Path, clock: Clock) -> None:
    gate, service = home
    jo, sam, _mia, priya = in_order(service)
    assert service.household().nation is None
    service.set_nation(jo, "wales")
    reopened = reopen(gate, tmp_path / "h", clock)
    assert reopened.household().nation is Nation.WALES
    doc = reopened.store.get(HOUSEHOLD, HOUSEHOLD_ID)
    assert doc is not None and doc["nation"] == "wales"
    assert agency_may_see(HOUSEHOLD, doc)  # tests/sync/test_learning_devices.py sends it


def test_only_a_parent_sets_the_nation_and_only_to_a_uk_nation(home) -> None:
    _gate, service = home
    jo, sam, _mia, priya = in_order(service)
    for who in (sam, priya):
        with pytest.raises(NotAllowed):
            service.set_nation(who, "scotland")
    with pytest.raises(InvalidInput) as refused:
        service.set_nation(jo, "france")
    assert refused.value.reason == "settings.error.nation"
    assert service.household().nation is None


@pytest.mark.parametrize(("nation", "first"), [
    (Nation.WALES, PunishmentLaw.WALES), (Nation.SCOTLAND, PunishmentLaw.SCOTLAND),
    (Nation.ENGLAND, PunishmentLaw.ENGLAND_NI),
    (Nation.NORTHERN_IRELAND, PunishmentLaw.ENGLAND_NI)])
def test_the_law_card_leads_with_the_households_nation(home, nation, first) -> None:
    _gate, service = home
    jo = in_order(service)[0]
    service.set_nation(jo, nation.value)
    laws = learning_for(service).laws()
    assert laws[0] is first
    assert sorted(laws) == sorted(ALL_LAWS)  # the rest of the UK is still shown
    lead = t(f"learning.law.lead.{nation.value}")
    assert lead.startswith(f"You live in {t(f'nation.{nation.value}')}.")


def test_the_lead_says_what_the_law_is_in_each_nation() -> None:
    for nation in (Nation.WALES, Nation.SCOTLAND):
        assert "against the law to smack" in t(f"learning.law.lead.{nation.value}")
    for nation in (Nation.ENGLAND, Nation.NORTHERN_IRELAND):
        lead = t(f"learning.law.lead.{nation.value}")
        assert "charged with assault" in lead and "against the law to smack" not in lead
    assert "March 2022" in t("learning.law.lead.wales")
    assert "November 2020" in t("learning.law.lead.scotland")


def test_without_a_nation_the_card_shows_every_law_in_the_usual_order(home) -> None:
    _gate, service = home
    assert learning_for(service).laws() == ALL_LAWS == laws_for(None)


# topics covered --------------------------------------------------------------------------------
def test_topics_the_worker_covers_are_counted_once_each(home) -> None:
    _gate, service = home
    jo, _sam, _mia, priya = in_order(service)
    learning = learning_for(service)
    assert learning.covered_count() == 0
    learning.mark_covered(priya, "rituals")
    learning.mark_covered(priya, LAW_TOPIC)
    learning.mark_covered(priya, "rituals")  # marked again at the next visit
    assert learning.covered_count() == 2
    assert learning.covered() == [LAW_TOPIC, "rituals"]  # in the cards' order
    assert is_synced(MARKS) and len(service.store.find(MARKS)) == 3


def test_a_mistaken_mark_is_taken_back_and_the_newest_mark_wins(home, clock: Clock) -> None:
    _gate, service = home
    priya = in_order(service)[3]
    learning = learning_for(service)
    learning.mark_covered(priya, "circles")
    clock.now += 60
    learning.mark_covered(priya, "circles", covered=False)
    assert learning.covered_count() == 0
    clock.now += 60
    learning.mark_covered(priya, "circles")
    assert learning.covered() == ["circles"]


def test_marks_from_two_devices_agree_whatever_order_they_arrive_in() -> None:
    older = TopicMark("a", "circles", True, "priya", "2026-11-25T10:00:00+00:00")
    newer = TopicMark("b", "circles", False, "priya", "2026-11-25T11:00:00+00:00")
    known = ["circles"]
    assert covered_topics([older, newer], known) == covered_topics([newer, older], known) == []


def test_only_the_worker_marks_topics_and_only_topics_that_exist(home) -> None:
    _gate, service = home
    jo, sam, _mia, priya = in_order(service)
    learning = learning_for(service)
    for who in (jo, sam):
        with pytest.raises(NotAllowed):
            learning.mark_covered(who, "rituals")
    with pytest.raises(KeyError):
        learning.mark_covered(priya, "astrology")
    assert learning.covered_count() == 0


# what I'll try -----------------------------------------------------------------------------------
def test_what_ill_try_becomes_a_draft_rule_in_the_agreement(home) -> None:
    _gate, service = home
    jo = in_order(service)[0]
    idea = learning_for(service).card(LAW_TOPIC).tries[0]
    assert idea.kind is TryKind.RULE
    tried = learning_for(service).try_idea(jo, idea.kind, idea.text, idea.picture)
    draft = agreement_for(service).latest()
    assert draft is not None and not draft.frozen
    rule = draft.rule(tried.record_id)
    assert rule.text == idea.text and rule.picture == idea.picture
    assert getattr(rule, RuleField.BROKEN.value) == ""  # the family fills in the rest


def test_a_rule_from_an_idea_goes_into_a_new_draft_after_the_agreement_was_signed(home) -> None:
    _gate, service = home
    jo = in_order(service)[0]
    learning = learning_for(service)
    learning.try_idea(jo, TryKind.RULE, "We use kind words.")
    agreement = agreement_for(service)
    first = agreement.latest()
    assert first is not None and first.number == 1
    learning.try_idea(jo, TryKind.RULE, "  We   knock before we go in.  ")
    latest = agreement.latest()
    assert latest is not None and [r.text for r in latest.rules] == [
        "We use kind words.", "We knock before we go in."]


def test_an_idea_that_names_a_smack_is_refused_like_any_rule(home) -> None:
    _gate, service = home
    jo = in_order(service)[0]
    with pytest.raises(PhysicalPunishmentRefused):
        learning_for(service).try_idea(jo, TryKind.RULE, "A smack if they run off")
    assert agreement_for(service).latest() is None


@pytest.mark.parametrize("kind", [TryKind.RITUAL, TryKind.CHORE, TryKind.DIARY])
@pytest.mark.parametrize("words", [
    "A smack if they run off", "Sam gets the slipper if he swears",
    "Jo will hit Sam if he is rude", "A wee skelp when he is cheeky",
])
def test_an_idea_that_plans_physical_punishment_is_refused_whatever_it_becomes(
    home, kind: TryKind, words: str,
) -> None:
    _gate, service = home
    jo = in_order(service)[0]
    with pytest.raises(PhysicalPunishmentRefused) as refused:
        learning_for(service).try_idea(jo, kind, words)
    assert refused.value.words and refused.value.reason == "agreement.physical.title"
    assert rituals_for(service).rituals() == [] and chores_for(service).chores() == []
    assert diary_for(service).entries(jo) == []  # nothing of it was kept anywhere


@pytest.mark.parametrize("kind", [TryKind.RITUAL, TryKind.CHORE, TryKind.DIARY])
@pytest.mark.parametrize("words", [
    "If Sam hits Mia, calm time, then a talk", "Walk away instead of smacking",
    "Hitting the shops together on Saturday", "Bake with the wooden spoon",
])
def test_an_idea_that_names_hitting_without_planning_it_becomes_what_was_chosen(
    home, kind: TryKind, words: str,
) -> None:
    _gate, service = home
    jo = in_order(service)[0]
    assert learning_for(service).try_idea(jo, kind, words).kind is kind


def test_ideas_become_a_ritual_a_chore_for_every_child_and_a_private_diary_note(home) -> None:
    _gate, service = home
    jo, sam, mia, _priya = in_order(service)
    learning = learning_for(service)
    ritual = learning.try_idea(jo, TryKind.RITUAL, "Friday film night", "film")
    assert rituals_for(service).ritual(ritual.record_id).name == "Friday film night"
    chore = learning.try_idea(jo, TryKind.CHORE, "Help to clear the table", "plate")
    made = chores_for(service).chore(chore.record_id)
    assert set(made.children) == {sam.id, mia.id} and made.picture == "plate"
    note = learning.try_idea(jo, TryKind.DIARY, "Notice one thing that went well.")
    entry = diary_for(service).entry(jo, note.record_id)
    assert entry.words.try_next == "Notice one thing that went well."
    assert entry.words.part is DayPart.BEDTIME and not entry.shared


def test_only_a_parent_turns_an_idea_into_a_plan_and_words_are_needed(home) -> None:
    _gate, service = home
    jo, sam, _mia, priya = in_order(service)
    learning = learning_for(service)
    for who in (sam, priya):
        with pytest.raises(NotAllowed):
            learning.try_idea(who, TryKind.RULE, "We use kind words.")
    with pytest.raises(InvalidInput) as empty:
        learning.try_idea(jo, TryKind.RITUAL, "   ")
    assert empty.value.reason == "learning.error.words_missing"
    with pytest.raises(InvalidInput) as long:
        learning.try_idea(jo, TryKind.DIARY, "word " * 40)
    assert long.value.reason == "learning.error.words_long"


def test_part_of_day_for_a_note_written_now() -> None:
    assert [part_of_day(h) for h in (7, 12, 16, 19, 21, 23)] == [
        DayPart.MORNING, DayPart.SCHOOL, DayPart.AFTER_SCHOOL, DayPart.EVENING,
        DayPart.BEDTIME, DayPart.NIGHT]


@pytest.mark.parametrize("key", [
    *(f"nation.{nation.value}" for nation in Nation),
    *(f"learning.law.lead.{nation.value}" for nation in Nation),
    *(f"agreement.physical.law.{law.value}" for law in PunishmentLaw),
    *(f"learning.try.{part}.{kind.value}" for part in ("kind", "help", "save", "done")
      for kind in TryKind),
    "sync.kind.learning_marks",
])
def test_every_key_the_screens_build_from_a_name_is_in_the_catalogue(key: str) -> None:
    assert t(key)


def test_a_language_without_its_own_cards_shows_the_uk_english_ones() -> None:
    assert card_files("gd-GB") == card_files("en-GB")
    assert [LearningCard.from_json(data).topic for data in card_files("gd-GB")][0] == LAW_TOPIC


def test_welsh_has_every_card_in_welsh_in_the_same_order() -> None:
    welsh, english = card_files("cy-GB"), card_files("en-GB")
    assert [c["topic"] for c in welsh] == [c["topic"] for c in english]
    assert all(w["title"] != e["title"] for w, e in zip(welsh, english, strict=True))


def test_a_mark_taken_back_on_a_device_whose_clock_is_behind_still_counts(
    home, clock: Clock
) -> None:
    _gate, service = home
    priya = in_order(service)[3]
    learning = learning_for(service)
    learning.mark_covered(priya, "circles")
    clock.now -= 4 * 60
    learning.mark_covered(priya, "circles", covered=False)
    assert learning.covered() == []
