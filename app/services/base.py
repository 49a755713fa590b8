"""What every part of a household's life shares: its store, its people and its clock."""

from __future__ import annotations

from datetime import date, datetime

from app.services.household import HouseholdService


class HouseholdPart:
    """Base of the services for one part of household life (chores, diary, circles, ...).

    Each is made from the unlocked household, so they all write to the same store and
    read the same clock (which tests move by hand).
    """

    def __init__(self, household: HouseholdService) -> None:
        self._household = household
        self._store = household.store
        self._clock = household.clock

    def today(self) -> date:
        """Today's date where the family is (the device's local time)."""
        return datetime.fromtimestamp(self._clock()).date()
