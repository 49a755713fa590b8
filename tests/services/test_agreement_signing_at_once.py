"""Two people saying yes (or "Not yet") to the agreement at once, each from their own tab or
thread, on a real encrypted store: whatever the order, nobody's signature is lost while they
are told "You have signed".

The interleaving is made, not hoped for: the agreement service reads the chores (a reader
it is given) and checks PINs (turns the household is given) between reading the newest
version and saving it; the hooks below let the other person sign right then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from taylors import MIA_PICTURES, create_taylors, people

from app.domain.agreement import AgreedChore, RuleField
from app.services.agreement import AgreementService, agreement_for
from app.services.agreement_parts import chores_from_store
from app.services.household import HouseholdService
from app.services.pins import PinTurns

NOW = 1_800_000_000.0  # 15 January 2027
WAIT = 1.0  # how long the first signer lets the other try; they wait for the lock when fixed


def taylors_with_a_rule(folder: Path) -> HouseholdService:
    """Jo, Alex, Sam 6, Mia 9 and Priya, with one rule in a draft for them to sign."""
    _gate, household = create_taylors(folder, lambda: NOW, second_parent=True)
    jo = people(household)["Jo"]
    agreement_for(household).save_rule(jo, None, {RuleField.TEXT: "We knock first"}, "talk")
    return household


def meanwhile(household: HouseholdService, other: Callable[[], bool],
              done: list[bool]) -> Callable[[], list[AgreedChore]]:
    """A chores reader that first lets ``other`` sign in a thread of its own (as another tab
    would), waiting a moment for it; ``done`` gets what ``other`` was told, once it ends."""
    read = chores_from_store(household.store)
    started: list[threading.Thread] = []

    def chores() -> list[AgreedChore]:
        if not started:
            started.append(threading.Thread(target=lambda: done.append(other())))
            started[0].start()
            started[0].join(WAIT)
        return read()

    chores.started = started  # type: ignore[attr-defined]
    return chores


def finish(chores: Callable[[], list[AgreedChore]]) -> None:
    """Wait for the other tab started by ``chores`` to end."""
    started: list[threading.Thread] = chores.started  # type: ignore[attr-defined]
    assert started, "the other person never had their go"
    started[0].join(10)


def test_two_parents_signing_at_once_both_keep_their_signature(tmp_path: Path) -> None:
    household = taylors_with_a_rule(tmp_path / "h")
    p = people(household)
    alex_told: list[bool] = []
    chores = meanwhile(household,
                       lambda: agreement_for(household).sign_with_pin(p["Alex"].id, "1357").ok,
                       alex_told)

    jo_told = AgreementService(household, chores).sign_with_pin(p["Jo"].id, "2580").ok
    finish(chores)

    assert jo_told and alex_told == [True]  # both are told "You have signed" ...
    latest = agreement_for(household).latest()
    assert latest is not None
    assert sorted(s.name for s in latest.signatures) == ["Alex", "Jo"]  # ... and both are kept


def test_a_child_signing_while_a_parent_agrees_it_for_now_keeps_the_signature(
        tmp_path: Path) -> None:
    household = taylors_with_a_rule(tmp_path / "h")
    p = people(household)
    agreement = agreement_for(household)
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    assert agreement.sign_with_pin(p["Alex"].id, "1357").ok
    mia_told: list[bool] = []
    chores = meanwhile(
        household,
        lambda: agreement_for(household).sign_with_pictures(p["Mia"].id, MIA_PICTURES).ok,
        mia_told)

    AgreementService(household, chores).agree_for_now(p["Jo"], "Mia is away this week")
    finish(chores)

    latest = agreement.latest()
    assert latest is not None and latest.frozen and mia_told == [True]
    assert sorted(s.name for s in latest.signatures) == ["Alex", "Jo", "Mia"]


class TurnsThatLetSomeoneIn(PinTurns):
    """PIN turns that, when ``member_id``'s try starts, first let ``meanwhile`` happen."""

    def __init__(self, member_id: str, meanwhile: Callable[[], None]) -> None:
        super().__init__()
        self._member_id = member_id
        self._meanwhile: Callable[[], None] | None = meanwhile

    def of(self, member_id: str) -> threading.Lock:
        """The lock of ``member_id``'s turn, once the other person has had theirs."""
        happen = self._meanwhile
        if member_id == self._member_id and happen is not None:
            self._meanwhile = None
            happen()
        return super().of(member_id)


def test_a_parent_signing_while_a_child_says_not_yet_keeps_the_signature(
        tmp_path: Path) -> None:
    household = taylors_with_a_rule(tmp_path / "h")
    p = people(household)
    jo_told: list[bool] = []
    turns = TurnsThatLetSomeoneIn(p["Mia"].id, lambda: jo_told.append(
        agreement_for(household).sign_with_pin(p["Jo"].id, "2580").ok))
    mias_tab = HouseholdService(household.store, household.clock, pin_turns=turns)

    said = AgreementService(mias_tab).say_not_yet(p["Mia"].id, MIA_PICTURES)

    assert said.ok and jo_told == [True]
    latest = agreement_for(household).latest()
    assert latest is not None
    assert [s.name for s in latest.signatures] == ["Jo"]
    assert [n.name for n in latest.not_yet] == ["Mia"]
