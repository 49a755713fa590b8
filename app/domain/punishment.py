"""Spotting physical punishment in what a family writes into its agreement.

Homeward never saves a consequence such as "a smack" quietly: physical punishment harms
children, and it is unlawful in Scotland and Wales. The check is deliberately plain: it
looks for the words people use (hit, smack, slap, spank, "a clip round the ear", the belt,
the slipper, the wooden spoon, a whipping, a leathering, a tap on the hand, a Scots "skelp")
in their usual forms, after setting aside everyday sayings that use the same words harmlessly
("hitting the books", "beat the clock", "wear a belt", "wooden spoon for baking", "whip up a
cake"), and what people say *against* it: a promise ("we never smack"), a change ("Jo has
stopped smacking", "Dad walks away instead of smacking"), a judgement ("smacking is not OK")
or a feeling ("if he feels like hitting out he rings Gran"). None of those is set aside when
an exception follows it ("...unless he bites"), so a threat dressed as one is still caught.

Families in Wales may write in Welsh, so the Welsh words are caught too (smac, taro, cosb
gorfforol, clatsien, chwip din, cweir, bonclust), in the mutated forms a sentence puts them
in ("ei daro", "ei tharo", "heb gosb gorfforol"); "'r" after a word ("taro'r plentyn") is
the article, so it is allowed on the end of a Welsh word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Welsh "taro" (to hit) and its past and command forms, as written and after a soft (d-)
#: or aspirate (th-) mutation: "ei daro" (hit him), "ei tharo" (hit her).
_TARO = r"(?:t|d|th)(?:aro|arodd|rawodd|rawo|arwch|arais|rawais|arai|rawai)r?"

#: What a promise *not* to punish names: "no smacking", "we will never hit the children".
_NEVER_DONE = (
    r"(?:smack(?:s|ed|ing|ings)?|spank(?:s|ed|ing|ings)?|wallop(?:s|ed|ing)?|"
    r"(?:physical|corporal) punishments?|hit(?:s|ting)?|slap(?:s|ped|ping)?|"
    r"beat(?:s|en|ing)?|whack(?:s|ed|ing)?|thump(?:s|ed|ing)?|punch(?:es|ed|ing)?|"
    r"whip(?:s|ped|ping)?|skelp(?:s|ed|ing)?|belt(?:s|ed|ing)?|thrash(?:es|ed|ing)?|"
    r"cane(?:s|d)?|caning|the slipper|"
    r"smac(?:s|io|iodd|ia)?r?|(?:c|g|ch)osb(?:au)? (?:c|g)orfforol|"
    r"slap(?:io|iodd)r?|chwip(?:io|iodd)?r?|(?:c|g|ch)lats(?:ien|io)|" + _TARO + ")"
)

#: "No smacking unless..." and "you will not get a smack if you are good" are threats, not
#: promises ("os": if, in Welsh), with a comma before the exception or without one, and
#: whoever is named first ("we never smack him unless...").
_NO_EXCEPTIONS = (r"(?!(?: (?:him|her|them|you|it|the children|the kids|children|kids|anyone|"
                  r"a child|e|fe|hi|nhw))?[,;:]? (?:unless|except|apart from|other than|only|"
                  r"if|as long as|so long as|provided|oni bai|ond os|os|heblaw)\b)")

#: Who a judgement on smacking may name: "smacking children is wrong".
_WHOM = (r"(?: (?:children|kids|a child|the children|the kids|our children|our kids|your child|"
         r"your children|them|him|her|anyone|someone))?")

#: "...is not OK", "...is wrong", "...is against the law": said of smacking, a judgement.
_JUDGED = (r"(?:(?:(?:is|are|was|were) (?:not|never|no longer)|isnt|arent|wasnt|werent)"
           r"(?: (?:ever|really|at all))? (?:ok|okay|alright|all right|allowed|acceptable|fine|"
           r"right|an option|the answer|the way|how we do things|something we do|part of "
           r"(?:our|this|the) (?:house|home|family))|(?:is|are|was|were)(?: (?:always|really|"
           r"very|so|just|now))? (?:wrong|banned|harmful|against the law|illegal|unlawful))")

#: What people hit with. Said with "gets the...", "...if he lies" or "with the...", it is a
#: punishment; on its own ("a slipper by the door", "a wooden spoon for baking") it is not.
_IMPLEMENT = r"(?:slipper|wooden spoon|strap|hairbrush|belt|cane)"
_OWNER = r"(?:the|dads|mums|my|his|her|their)"
_MISDEED = (r"(?:being|lying|swearing|fighting|hitting|stealing|cheek|rudeness|"
            r"answering back)")
_WHEN = rf"(?:if|when|whenever|unless|every time|each time|for {_MISDEED})"
#: Where a blow lands, for "a clip round the ear" and its relations.
_HEAD = (r"(?:the |his |her |their |your )?(?:ear ?holes?|ears?|head|lug ?holes?|lugs?|face|"
         r"chops)")

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
    r"\b(?:beat(?:s|en|ing)?|thrash(?:es|ed|ing)?) (?:\w+ )at (?:a |the )?(?:chess|cards|"
    r"draughts|football|uno|monopoly|scrabble|tennis|running|racing|swimming|snap|"
    r"(?:\w+ )?games?)\b",
    r"\b(?:drum|off|music|dance to the) beats?\b",
    r"\bbeat ?box(?:ing)?\b",
    r"\bout of whack\b",
    r"\bwhack ?a ?mole\b",
    r"\bseat ?belts?\b",
    r"\b(?:black|white|yellow|orange|green|blue|purple|brown|red|karate|judo|tool|conveyor|"
    r"commuter|asteroid|school|hair) belts?\b",
    r"\bbelt(?:s|ed|ing)? (?:up|out)\b",
    r"\b(?:wears?|wearing|wore|worn|put(?:s|ting)? on|takes? off|took off|taking off|"
    r"do(?:es)? up|did up|doing up|buy(?:s|ing)?|bought|fasten(?:s|ed|ing)?|undo(?:es|ing)?|"
    r"undid|lost|forgot|forgets|forgotten) (?:a |an |the |his |her |their |your |my |our )?"
    r"(?:new |school |own |leather )?belts?\b",
    r"\bbelt (?:loops?|buckles?|and braces|bags?)\b",
    r"\b(?:trouser|jeans|uniform|fashion) belts?\b",
    r"\bwhip(?:s|ped|ping)? (?:up|round|around|out|together)\b",
    r"\bwhip(?:s|ped|ping)? (?:the |some )?(?:cream|eggs?|egg whites|butter|mixture|batter|"
    r"topping)\b",
    r"\bwhipped (?:cream|topping|butter)\b",
    r"\b(?:chief|party) whips?\b",
    r"\bwhip ?smart\b",
    r"\bthrash(?:es|ed|ing)? (?:about|around)\b",
    r"\btap(?:s|ped|ping)? on (?:the |a |my |his |her |their |your )?(?:door|window|table|"
    r"shoulder|glass|wall|screen|desk)\b",
    r"\bhit(?:s|ting)? out\b(?! at)",
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
    # a feeling, not a punishment: "if he feels like hitting out, he rings Gran"
    r"\b(?:feels?|felt|feeling) like (?:hitting|smacking|slapping|kicking|punching|lashing)"
    r"(?: out)?\b",
    r"\burges? to (?:hit|smack|slap|kick|punch|lash)(?: out)?\b",
    # saying it is wrong, or has stopped: "smacking is not OK", "Jo has stopped smacking",
    # "Dad walks away instead of smacking"; never with an exception after it
    rf"\b{_NEVER_DONE}{_WHOM} {_JUDGED}\b{_NO_EXCEPTIONS}",
    r"\b(?:instead of|without|stop|stops|stopped|stopping|quit|quits|quitting|give up|"
    rf"gives up|gave up|given up|giving up)(?: (?:the|all|all the|using))? {_NEVER_DONE}\b"
    rf"{_NO_EXCEPTIONS}",
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
    r"must not|mustnt|cannot|cant|should not|shouldnt)(?: (?:one|ever|will|would|shall|longer|"
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
    rf"\b(?:clip(?:s|ped)?|cuff(?:s|ed)?|clout(?:s|ed)?|box(?:es|ed)?) (?:\w+ )?(?:a)?round "
    rf"{_HEAD}\b",
    r"\bcuff(?:s|ed|ing)? (?:him|her|them|you)\b",
    r"\bbox(?:es|ed|ing)? (?:his|her|their|your) ears\b",
    r"\b(?:a|good|proper|right|sound|real) (?:hiding|thrashing|leathering|belting|"
    r"walloping|whipping)s?\b",
    r"\bskelp(?:s|ed|ing|ings|it)?\b",
    r"\bwhip(?:s|ped|ping|pings)?\b",
    r"\bleather(?:ed|ing|ings)\b",
    r"\bleather (?:him|her|them|you)\b",
    r"\bslipper(?:ed|ing|ings)\b",
    r"\btawse\b",
    # the slipper, the wooden spoon, the strap...: given, threatened, or hit with
    rf"\b(?:gets?|got|getting|give(?:s|n)?|gave|giving)(?: (?:him|her|them|you|it))? {_OWNER} "
    rf"{_IMPLEMENT}\b(?! (?:to|back|for (?!{_MISDEED})))",
    rf"\b(?:the|a) {_IMPLEMENT}(?= {_WHEN}\b)",
    r"\b(?:smack|whack|hit|tap|slap|wallop|thump|crack|skelp|belt)(?:s|ed|ped|ting)? "
    rf"(?:\w+ )?(?:with|from) (?:a|{_OWNER}) {_IMPLEMENT}\b",
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
    r"\bthrash(?:es|ed|ing)?\b",
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


def as_anyone(text: str, names: Iterable[str]) -> str:
    """The text with people's names said as "they", so "if Sam hits Mia" reads as the
    behaviour it names ("if they hits"), the way the check already reads "if he hits"."""
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "they", text, flags=re.IGNORECASE)
    return text


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
