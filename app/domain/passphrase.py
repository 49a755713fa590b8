"""The household passphrase rules: what we refuse, and how strong we say it is.

The passphrase protects every record at rest, so a weak one is refused with a reason
a tired parent can act on. Guessability is judged by zxcvbn rather than by
home-made character rules, which reward ``Password1!`` and punish long plain phrases.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 200


class Strength(StrEnum):
    """How hard the passphrase is to guess, as the strength hint shows it."""

    WEAK = "weak"
    GOOD = "good"
    STRONG = "strong"


class Problem(StrEnum):
    """Why a passphrase is refused; each has a plain message in the catalogue."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    EASY_TO_GUESS = "easy_to_guess"
    REPEATS = "repeats"
    SEQUENCE = "sequence"
    HAS_NAME = "has_name"


@dataclass(frozen=True)
class PassphraseCheck:
    """The verdict on one candidate passphrase."""

    strength: Strength
    problems: tuple[Problem, ...]

    @property
    def acceptable(self) -> bool:
        """True when nothing stops this passphrase being used."""
        return not self.problems


def check_passphrase(candidate: str, *, household_name: str = "") -> PassphraseCheck:
    """Judge ``candidate`` against Homeward's rules.

    Args:
        candidate: the passphrase as typed.
        household_name: the family's name; a passphrase that is mostly the name is refused.
    """
    problems: list[Problem] = []
    if len(candidate) < MIN_LENGTH:
        problems.append(Problem.TOO_SHORT)
    if len(candidate) > MAX_LENGTH:
        problems.append(Problem.TOO_LONG)
        return PassphraseCheck(Strength.WEAK, tuple(problems))
    name = _letters(household_name)
    letters = _letters(candidate)
    if len(name) >= 3 and name in letters and len(letters.replace(name, "")) < MIN_LENGTH:
        problems.append(Problem.HAS_NAME)
    inputs = [word for word in household_name.split() if word]
    result = zxcvbn(candidate, user_inputs=inputs) if candidate else None
    score = int(result["score"]) if result else 0
    if result and score < 3 and Problem.TOO_SHORT not in problems:
        patterns = {match.get("pattern") for match in result.get("sequence", [])}
        if "repeat" in patterns:
            problems.append(Problem.REPEATS)
        elif "sequence" in patterns or "spatial" in patterns:
            problems.append(Problem.SEQUENCE)
        else:
            problems.append(Problem.EASY_TO_GUESS)
    if problems or score < 3:
        strength = Strength.WEAK
    elif score == 3:
        strength = Strength.GOOD
    else:
        strength = Strength.STRONG
    return PassphraseCheck(strength, tuple(problems))


def _letters(text: str) -> str:
    """Letters and digits only, lower-cased: "The Taylors!" and "thetaylors" compare equal."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
