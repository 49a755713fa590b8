"""The physical-punishment check in Welsh, and promises *not* to smack (which must pass).

The same check guards the household agreement, the hard moments log and the family plan.
"""

from __future__ import annotations

import pytest

from app.domain.agreement import RuleField, punishment_in
from app.domain.programme.family_plan import FamilyPlan, punishment_in_plan
from app.domain.punishment import mentions_physical_punishment, physical_punishment_words


@pytest.mark.parametrize("text", [
    "Smac ar y llaw", "taro", "cosb gorfforol", "smacio", "cael smac", "taro ar y llaw",
    "clatsien", "chwip din", "cweir", "bonclust", "rhoi slap", "Cosb gorfforol os yw'n ddrwg",
    "Bydd e'n cael chwip din", "Smaciodd Dad e", "slapio ar y goes", "Dwi'n mynd i'w daro fe",
    "Rhoi cweir iddo", "bonclust bach", "Tarodd hi ar ei choes", "Trawodd e ar y llaw",
    "Byddwn ni'n ei tharo hi", "smacio'r plant", "taro'r plentyn", "dim ond smac bach",
    "heb gosb gorfforol ond gyda chlatsien", "Rhoi chwip din a chosb gorfforol",
    "rhoi fonclust iddo", "ei chwipio hi",
])
def test_welsh_words_for_physical_punishment_are_caught(text: str) -> None:
    assert mentions_physical_punishment(text), text


@pytest.mark.parametrize("text", [
    "Taro heibio i weld Nain", "taro golwg ar y gwaith cartref", "Taro i mewn i'r siop",
    "Gawn ni daro heibio yfory?", "Amser tawel, wedyn siarad", "chwipio'r hufen gyda'n gilydd",
    "Dim tabled tan ar ôl te", "Dweud sori am daro", "Os yw e'n taro, amser i dawelu",
])
def test_everyday_welsh_sayings_pass(text: str) -> None:
    assert not mentions_physical_punishment(text), physical_punishment_words(text)


def test_a_welsh_rule_may_name_hitting_as_the_behaviour_but_never_a_smack() -> None:
    fields = {RuleField.TEXT: "Dwylo caredig", RuleField.WHY: "Mae taro yn brifo",
              RuleField.BROKEN: "Amser tawel"}
    assert punishment_in(fields) == {}
    fields[RuleField.WHY] = "Neu byddi di'n cael smac"
    fields[RuleField.BROKEN] = "Rydyn ni'n dy daro di"
    assert punishment_in(fields) == {RuleField.WHY: ("smac",), RuleField.BROKEN: ("daro",)}


@pytest.mark.parametrize("text", [
    "No smacking in our house", "Grown-ups never smack", "Nobody will smack the children",
    "No physical punishment, ever", "We don't smack", "We do not smack", "We won't smack",
    "We will never smack the children", "Not smacking, not ever", "No spanking",
    "No corporal punishment", "Children are never smacked here", "No one will ever smack them",
    "Dim smacio", "Dydyn ni byth yn smacio", "Dim cosb gorfforol", "Fyddwn ni byth yn smacio",
    "Dim smacio yn ein tŷ ni", "Dydyn ni ddim yn smacio", "Does neb yn smacio'r plant",
    "We will never smack, even if we are cross",
])
def test_a_promise_not_to_smack_passes_everywhere(text: str) -> None:
    assert not mentions_physical_punishment(text), physical_punishment_words(text)
    as_rule = {RuleField.TEXT: text, RuleField.WHY: text, RuleField.BROKEN: text}
    assert punishment_in(as_rule) == {}
    assert punishment_in_plan(FamilyPlan(contingencies=text)) == ()


@pytest.mark.parametrize("text", [
    "If you don't listen you get a smack", "If you don't stop, I will smack you",
    "No TV and a smack", "Don't make me smack you", "Not only a smack but the belt",
    "You never listen so you get smacked", "Os nad wyt ti'n gwrando, byddi di'n cael smac",
    "Dim ond smac bach", "Dim teledu a smac", "No smacking unless he bites",
    "We never smack except when he swears", "Dim smacio oni bai ei fod e'n rhegi",
    "You will not get a smack if you are good", "No smack as long as you behave",
    "Chei di ddim smac os wyt ti'n dda",
])
def test_a_threat_beside_a_no_or_a_never_is_still_caught(text: str) -> None:
    assert mentions_physical_punishment(text), text
    assert punishment_in_plan(FamilyPlan(contingencies=text)) != ()


# English: the words people really use, and the everyday phrases that share them -----------

@pytest.mark.parametrize("text", [
    "If Sam swears he gets the slipper", "A wee skelp if he runs into the road",
    "He gets a whipping if he steals", "A cuff round the ear if he is cheeky",
    "The wooden spoon if they fight", "He gets the belt", "the belt if he lies",
    "a clip round the ear", "a slap", "a leathering", "a good leathering", "a thrashing",
    "A good thrashing if he steals", "a hiding", "a good hiding", "a tap on the hand",
    "a tap on the bum", "a skelp", "a skelp on the legs", "a whack", "skelped him",
    "gets the wooden spoon", "Dad gets the slipper out", "a whack with the wooden spoon",
    "whipped him", "the strap if he is rude", "a cuff round the head", "cuffed him",
    "box his ears", "a smacked bum", "leather him", "the tawse", "slippered",
])
def test_english_and_scots_words_for_physical_punishment_are_caught(text: str) -> None:
    assert mentions_physical_punishment(text), text
    assert punishment_in_plan(FamilyPlan(contingencies=text)) != (), text


@pytest.mark.parametrize("text", [
    "If Sam swears he gets the slipper", "A wee skelp if he runs into the road",
    "He gets a whipping if he steals", "A cuff round the ear if he is cheeky",
    "The wooden spoon if they fight", "a good leathering", "a good thrashing", "a skelp",
])
def test_words_that_only_mean_punishing_are_caught_even_where_a_rule_names_behaviour(
    text: str,
) -> None:
    assert mentions_physical_punishment(text, names_behaviour=True), text
    assert punishment_in({RuleField.WHY: text}) != {}, text


@pytest.mark.parametrize("text", [
    "a slipper by the door", "Put your slippers on before breakfast",
    "wooden spoon for baking", "We bake with a wooden spoon", "Stir with the wooden spoon",
    "wear a belt", "He wears his school belt", "Put on your belt", "hide and seek",
    "Play hide and seek", "skipping in the garden", "a skipping rope",
    "sit on the leather sofa", "whip up a cake", "whipped cream on the pudding",
    "the cuff of his sleeve", "Roll up the cuffs of your shirt", "a tap on the door",
    "Turn the tap off", "We thrashed them at football", "He was thrashing about on the floor",
    "Grandma gives him the wooden spoon to stir the cake", "whipping cream for the trifle",
])
def test_everyday_english_phrases_with_those_words_pass(text: str) -> None:
    assert not mentions_physical_punishment(text), physical_punishment_words(text)
    assert punishment_in_plan(FamilyPlan(contingencies=text)) == (), text


@pytest.mark.parametrize("text", [
    "Dad walks away instead of smacking", "We have agreed that smacking is not OK in our house",
    "Jo has stopped smacking since the parenting course",
    "If Alex feels like hitting out he will ring Grandma Pat", "Smacking is never OK",
    "Smacking children is wrong", "Smacking is against the law in Wales",
    "We no longer smack", "Jo gave up smacking last year", "We manage without smacking",
    "If Jo feels like smacking, she walks away and rings Pat", "No whipping, no belt",
])
def test_saying_smacking_is_wrong_or_stopped_passes_everywhere(text: str) -> None:
    assert not mentions_physical_punishment(text), physical_punishment_words(text)
    as_rule = {RuleField.TEXT: text, RuleField.WHY: text, RuleField.BROKEN: text}
    assert punishment_in(as_rule) == {}
    assert punishment_in_plan(FamilyPlan(contingencies=text)) == ()


@pytest.mark.parametrize("text", [
    "Dad walks away instead of smacking, unless he swears",
    "Smacking is not OK unless he runs into the road",
    "Jo has stopped smacking except when he bites",
    "If Alex feels like hitting out he gets a smack",
    "Smacking is wrong but he gets the slipper", "We never smack him unless he bites",
    "Stop smacking him unless he bites",
])
def test_a_threat_hidden_behind_those_sayings_is_still_caught(text: str) -> None:
    assert mentions_physical_punishment(text), text
    assert punishment_in_plan(FamilyPlan(contingencies=text)) != (), text


def test_an_exception_after_a_comma_is_still_an_exception() -> None:
    assert mentions_physical_punishment("We never smack, unless he bites")
    assert mentions_physical_punishment("Dim smacio, oni bai ei fod e'n rhegi")
    assert not mentions_physical_punishment("We never smack, not even when we are cross")
