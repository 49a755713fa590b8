"""Spotting physical punishment in what a family writes into its agreement.

Homeward never saves a consequence such as "a smack" quietly: physical punishment harms
children, and it is unlawful in Scotland and Wales. The check is deliberately plain: it
looks for the words people use (hit, smack, slap, spank, "a clip round the ear", the belt,
a tap on the hand...) in their usual forms, after setting aside everyday sayings that use
the same words harmlessly ("hitting the books", "beat the clock", "tapping the table").

Families in Wales may write in Welsh, so the Welsh words are caught too (smac, taro, cosb
gorfforol, clatsien, chwip din, cweir, bonclust), in the mutated forms a sentence puts them
in ("ei daro", "ei tharo", "heb gosb gorfforol"); "'r" after a word ("taro'r plentyn") is
the article, so it is allowed on the end of a Welsh word.
"""

from __future__ import annotations

import re

#: Welsh "taro" (to hit) and its past and command forms, as written and after a soft (d-)
#: or aspirate (th-) mutation: "ei daro" (hit him), "ei tharo" (hit her).
_TARO = r"(?:t|d|th)(?:aro|arodd|rawodd|rawo|arwch|arais|rawais|arai|rawai)r?"

#: What a promise *not* to punish names: "no smacking", "we will never hit the children".
_NEVER_DONE = (
    r"(?:smack(?:s|ed|ing|ings)?|spank(?:s|ed|ing|ings)?|wallop(?:s|ed|ing)?|"
    r"(?:physical|corporal) punishments?|hit(?:s|ting)?|slap(?:s|ped|ping)?|"
    r"beat(?:s|en|ing)?|whack(?:s|ed|ing)?|thump(?:s|ed|ing)?|punch(?:es|ed|ing)?|"
    r"smac(?:s|io|iodd|ia)?r?|(?:c|g|ch)osb(?:au)? (?:c|g)orfforol|"
    r"slap(?:io|iodd)r?|chwip(?:io|iodd)?r?|(?:c|g|ch)lats(?:ien|io)|" + _TARO + ")"
)

#: "No smacking unless..." and "you will not get a smack if you are good" are threats, not
#: promises ("os": if, in Welsh).
_NO_EXCEPTIONS = (r"(?! (?:unless|except|apart from|other than|only|if|as long as|so long as|"
                  r"provided|oni bai|ond os|os|heblaw)\b)")

# Everyday sayings that use a flagged word harmlessly; they are blanked out before the
# check, so "hit the road" passes but "hit him" in the same sentence is still caught.
_HARMLESS = [
    r"\bhit(?:s|ting)? (?:the )?(?:books?|road|hay|sack|shops|gym|pool|beach|slopes|"
    r"ground running|nail on the head|jackpot|target|spot|button|brakes|lights?|pause|"
    r"snooze|play|high notes?|right notes?|send|save|bullseye|deck)\b",
    r"\bhit(?:s|ting)? it off\b",
    r"\bhit (?:and|or) miss\b",
    r"\b(?:smash|big|massive|huge|instant|surprise|box office|chart|number one|real) hits?\b",
    r"\bhits? (?:songs?|records?|singles?|shows?|films?|movies?|list|parade|tv)\b",
    r"\b(?:was|is|be|were|been) (?:a |such a )?(?:big |real |huge )?hit\b",
    r"\bbeat(?:s|ing)? (?:the |your |their |our |my |his |her )?(?:own )?(?:clock|timer|"
    r"traffic|queue|rush|record|heat|odds|best|score|time|high score|eggs?|butter|mixture|"
    r"batter|cream|deadline|bedtime rush|boredom)\b",
    r"\bbeat(?:s|en|ing)? (?:\w+ )at (?:a |the )?(?:chess|cards|draughts|football|uno|"
    r"monopoly|scrabble|tennis|running|racing|swimming|snap|(?:\w+ )?games?)\b",
    r"\b(?:drum|off|music|dance to the) beats?\b",
    r"\bbeat ?box(?:ing)?\b",
    r"\bout of whack\b",
    r"\bwhack ?a ?mole\b",
    r"\bseat ?belts?\b",
    r"\b(?:black|white|yellow|orange|green|blue|purple|brown|red|karate|judo|tool|conveyor|"
    r"commuter|asteroid|school|hair) belts?\b",
    r"\bbelt(?:s|ed|ing)? (?:up|out)\b",
    r"\bunder (?:your|their|his|her|my|our) belts?\b",
    r"\bkick(?:s|ed|ing)? ?off\b",
    r"\bkick(?:s|ed|ing)? (?:a|the|his|her|their|your) (?:foot)?ball\b",
    r"\bkick(?:s|ed|ing)? (?:a ball )?about\b",
    r"\bkick(?:s|ed|ing)? up a fuss\b",
    r"\bpunch ?lines?\b",
    r"\b(?:fruit|hole) punch\b",
    r"\bpunch(?:ing)? (?:bag|card|pillow|cushion)s?\b",
    r"\bpacks? a punch\b",
    r"\b(?:candy|sugar) canes?\b",
    r"\bcane (?:sugar|toads?)\b",
    r"\b(?:a|at a|in a) pinch\b",
    r"\bpinch of\b",
    r"\bhiding (?:place|spot)s?\b",
    # naming what a child did, not what is done to them: "say sorry for hitting"
    r"\b(?:for|about|after|instead of|without|no|not|never|dont|didnt|stop|stops|stopped) "
    r"(?:the )?(?:hitting|kicking|punching|slapping|pinching|thumping|whacking|biting)\b",
    r"\b(?:if|when|whenever|after) (?:you|someone|somebody|anyone|anybody|they|he|she|we|i|"
    r"a child|the children|children|kids) (?:hit|hits|kicks?|punch(?:es)?|slaps?|pinch(?:es)?|"
    r"thumps?|whacks?|pulls? hair)\b",
    # a promise not to do it: "no smacking", "grown-ups never smack", "nobody will smack".
    # Only helper words may come between, so "if you don't listen you get a smack", "no TV
    # and a smack" and "dim ond smac" (only a smack) are still caught.
    r"\b(?:no|not|never|nobody|dont|do not|doesnt|does not|wont|will not|shall not|"
    r"must not|mustnt|cannot|cant|should not|shouldnt)(?: (?:one|ever|will|would|shall|"
    r"should|must|can|be|been|being|get|gets|got|is|are|was|were|more|any|again|use|uses|"
    rf"using|give|gives|giving|a|allowed|to)){{0,4}} {_NEVER_DONE}\b{_NO_EXCEPTIONS}",
    # the same in Welsh: "dim smacio", "byth yn smacio", "dim cosb gorfforol", "peidiwch â
    # tharo"; "dim ond" (only) and "mwy na" (more than) are not promises, so not set aside
    r"\b(?:dim|ddim|byth|neb|heb|peidio|peidiwch|paid)(?: (?:yn|n|â|a|ag|ei|eu|ein|eich|"
    rf"dy|byth|ddim|mwy o|eto)){{0,3}} {_NEVER_DONE}\b{_NO_EXCEPTIONS}",
    # Welsh sayings: "taro heibio" (pop in), "taro golwg" (have a look), "taro i mewn" (drop
    # in), "taro'r tegell" (put the kettle on); whipping cream; taro the vegetable in English
    rf"\b{_TARO} (?:heibio|golwg|i mewn|draw|cip|bargen|nodyn|deuddeg|ar draws|tegell|"
    r"hoelen|tant)\b",
    r"\bchwip(?:io|iwch|iodd)r? (?:yr |y )?(?:hufen|wyau|gwyn wy)\b",
    r"\btaro (?:root|chips|crisps|bubble|milk|tea|cake|leaves)\b",
    # Welsh for naming what a child did: "sori am daro" (sorry for hitting), "os yw e'n taro"
    rf"\b(?:am|heb|yn lle|rhag|ar ol|ar ôl) {_TARO}\b",
    r"\b(?:os|pan) (?:yw|ywn|ydy|ydyn|ydych|wyt|bydd|byddan|byddi|byddwch|mae) (?:\w+ )?"
    r"(?:yn )?(?:taro|slapio)\b",
]

# Words that only ever describe punishing a child. They are caught in every field.
_PUNISHING = [
    r"\bsmack(?:s|ed|ing|ings)?\b",
    r"\bspank(?:s|ed|ing|ings)?\b",
    r"\bwallop(?:s|ed|ing)?\b",
    r"\bbelt(?:s|ed|ing)?\b",
    r"\bcane(?:d|s)?\b",
    r"\bcaning\b",
    r"\bclip(?:s|ped)? (?:\w+ )?(?:a)?round (?:the |his |her |their |your )?"
    r"(?:ear ?holes?|ears?|head|lug ?holes?)\b",
    r"\b(?:a|good|proper|right|sound) hiding\b",
    r"\btap(?:s|ped|ping)? (?:\w+ )?(?:on|across) (?:the |his |her |their |your |its )?"
    r"(?:hands?|bottom|bum|backside|wrists?|legs?|head|ears?|knuckles|back of the legs)\b",
    r"\b(?:a|little|light|quick|gentle) taps? (?:on|across|round)\b",
    r"\b(?:physical|corporal) punishment\b",
    # Welsh: a smack, physical punishment (as written and mutated), a wallop, a smacked
    # bottom, whipping, a hiding (not its soft form "gweir", which is hay), a box on the ear
    r"\bsmac(?:s|io|iodd|ia|iaf|iwch|iwyd|ith|iai)?r?\b",
    r"\b(?:c|g|ch|ngh)osb(?:au|i|in|i yn)? (?:c|g)orfforol\b",
    r"\b(?:c|g|ch)lat(?:s|sh)(?:ien|en|io|iodd|o)\b",
    r"\bchwip din\b",
    r"\bchwip(?:io|iodd|iwch|ia|ied)?r?\b",
    r"\b(?:c|ch)weir\b",
    r"\b(?:b|f)onclust(?:iau|io|iodd)?\b",
]

# Words for hurting someone. A rule may name them as what children should not do ("why:
# hitting hurts"), so they are caught only where grown-ups say what *they* will do.
_HURTING = [
    r"\bhit(?:s|ting)?\b",
    r"\bslap(?:s|ped|ping|pings)?\b",
    r"\bbeat(?:s|en|ing|ings)?\b",
    r"\bwhack(?:s|ed|ing)?\b",
    r"\bthump(?:s|ed|ing)?\b",
    r"\bpunch(?:es|ed|ing)?\b",
    r"\bkick(?:s|ed|ing)?\b",
    r"\bpinch(?:es|ed|ing)?\b",
    r"\bclout(?:s|ed|ing)?\b",
    r"\bpull(?:s|ed|ing)? (?:\w+ )?(?:hair|ears?)\b",
    # Welsh: to hit (taro, ei daro, tarodd...), to slap (slapio; "slap" is caught above)
    rf"\b{_TARO}\b",
    r"\bslap(?:io|iodd|ia|iwch|en)r?\b",
]


def _alternatives(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_HARMLESS_RE = _alternatives(_HARMLESS)
_PUNISHING_RE = _alternatives(_PUNISHING)
_ANY_RE = _alternatives(_PUNISHING + _HURTING)


def _normalise(text: str) -> str:
    """Lower case, no apostrophes, hyphens as spaces: sayings match however they are typed."""
    text = text.casefold()
    text = re.sub(r"['\u2018\u2019`]", "", text)
    text = re.sub(r"[-\u2010-\u2014_]", " ", text)
    return " ".join(text.split())


def physical_punishment_words(text: str, *, names_behaviour: bool = False) -> tuple[str, ...]:
    """The words in ``text`` that describe physical punishment, in the order they appear.

    Args:
        text: what the family typed.
        names_behaviour: True for fields that describe what children should or should not
            do (the rule, why it matters); there "hitting" is the behaviour, not a
            punishment, so only words that always mean punishing are caught.
    """
    cleaned = _HARMLESS_RE.sub(" ", _normalise(text))
    pattern = _PUNISHING_RE if names_behaviour else _ANY_RE
    found: list[str] = []
    for match in pattern.finditer(cleaned):
        words = match.group(0).strip()
        if words not in found:
            found.append(words)
    return tuple(found)


def mentions_physical_punishment(text: str, *, names_behaviour: bool = False) -> bool:
    """True when ``text`` describes hitting, smacking or another physical punishment."""
    return bool(physical_punishment_words(text, names_behaviour=names_behaviour))
