"""Creating a household: the one place a new store is made, for the app and the CLI."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.domain.passphrase import PassphraseCheck, check_passphrase
from app.domain.people import clean_name
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
    tidy_name = clean_name(name)
    if not tidy_name:
        raise HouseholdNameMissing
    check = check_passphrase(passphrase, household_name=tidy_name)
    if not check.acceptable:
        raise PassphraseRefused(check)
    there_before = set(folder.iterdir()) if folder.is_dir() else None
    store, recovery_key = HouseholdStore.create(folder, passphrase, kdf=kdf)
    try:
        store.put(
            HOUSEHOLD,
            {
                "id": HOUSEHOLD_ID,
                "uid": str(uuid.uuid4()),
                "name": tidy_name,
                "created_at": datetime.now(UTC).isoformat(),
                "setup_complete": False,
                "auto_lock_minutes": 5,
            },
        )
    except BaseException:
        # A store without its household reads, once unlocked, as a phone waiting to join
        # another household: take it all away, so the family can simply try again.
        store.close()
        _take_away(folder, there_before)
        raise
    return store, recovery_key


def _take_away(folder: Path, there_before: set[Path] | None) -> None:
    """Remove what creating a store in ``folder`` made (the folder too, if it made that)."""
    if there_before is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for made in set(folder.iterdir()) - there_before:
        if made.is_dir() and not made.is_symlink():
            shutil.rmtree(made, ignore_errors=True)
        else:
            made.unlink(missing_ok=True)


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
