"""Creating a household: the one place a new store is made, for the app and the CLI."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.domain.passphrase import PassphraseCheck, check_passphrase
from app.storage import HouseholdStore, KdfParams

HOUSEHOLD = "household"
HOUSEHOLD_ID = "household"


class PassphraseRefused(ValueError):
    """The passphrase breaks a rule; ``check`` says which, for a plain message."""

    def __init__(self, check: PassphraseCheck) -> None:
        super().__init__(", ".join(problem.value for problem in check.problems))
        self.check = check


class HouseholdNameMissing(ValueError):
    """The household needs a name before it can be created."""


def create_household(
    folder: Path, name: str, passphrase: str, *, kdf: KdfParams | None = None
) -> tuple[HouseholdStore, str]:
    """Create the encrypted store for a new household.

    Returns:
        The open store and the recovery key, to be shown once.

    Raises:
        HouseholdNameMissing: the name is blank.
        PassphraseRefused: the passphrase breaks a rule.
        StoreExists: a household already lives in ``folder``.
    """
    clean_name = " ".join(name.split())
    if not clean_name:
        raise HouseholdNameMissing
    check = check_passphrase(passphrase, household_name=clean_name)
    if not check.acceptable:
        raise PassphraseRefused(check)
    store, recovery_key = HouseholdStore.create(folder, passphrase, kdf=kdf)
    store.put(
        HOUSEHOLD,
        {
            "id": HOUSEHOLD_ID,
            "uid": str(uuid.uuid4()),
            "name": clean_name,
            "created_at": datetime.now(UTC).isoformat(),
            "setup_complete": False,
            "auto_lock_minutes": 5,
        },
    )
    return store, recovery_key


def create_for_joining(
    folder: Path, passphrase: str, *, kdf: KdfParams | None = None
) -> tuple[HouseholdStore, str]:
    """Create the encrypted store of a device that will join a household set up elsewhere.

    It holds nothing yet: the household and its people come from the agency when the device
    joins. It has its own passphrase (which may be the same words) and its own recovery key.

    Raises:
        PassphraseRefused: the passphrase breaks a rule.
        StoreExists: a household already lives in ``folder``.
    """
    check = check_passphrase(passphrase, household_name="")
    if not check.acceptable:
        raise PassphraseRefused(check)
    return HouseholdStore.create(folder, passphrase, kdf=kdf)
