"""The door to a household folder: create it, unlock it, recover it.

One ``HouseholdGate`` per data folder per process. Every browser session proves the
passphrase once; the store itself is opened once and shared, because TinyDB must
have a single writer per file.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from app.domain.passphrase import check_passphrase
from app.domain.people import Member
from app.services.device_pins import move_pins_to_device
from app.services.household import MEMBERS, HouseholdService, NotAllowed, require_parent
from app.services.pins import PinTurns
from app.services.setup import PassphraseRefused, create_for_joining, create_household
from app.storage import (
    FormatTooNew,
    HouseholdStore,
    KdfParams,
    RecoveryKeyHistory,
    StoreDamaged,
    StoreExists,
    StoreInUse,
    WrongPassphrase,
    WrongRecoveryKey,
    recovery_key_history,
)
from app.storage.backup import done_restoring, was_restored
from app.storage.errors import InvalidText
from app.sync.tracker import forget_hub_offset, track_changes

# What opening or unlocking a household can raise, for the screens to put into words
# (screens never import the store itself).
__all__ = ["FormatTooNew", "HouseholdGate", "InvalidText", "NotAllowed", "RecoveryKeyHistory",
           "StoreDamaged", "StoreExists", "StoreInUse", "WrongPassphrase", "WrongRecoveryKey"]


class HouseholdGate:
    """Opens the one encrypted store in ``data_dir`` for the sessions that prove the passphrase."""

    def __init__(
        self,
        data_dir: Path,
        *,
        kdf: KdfParams | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.data_dir = data_dir
        self._kdf = kdf
        self._clock = clock
        self._lock = threading.Lock()
        self._store: HouseholdStore | None = None
        self._pin_turns = PinTurns()  # every tab's PIN tries take turns (see PinTurns)
        # The services (one per tab) made for someone who proved the current passphrase. A
        # new passphrase leaves only the tab that set it: the old one may be known to
        # someone who should not know it, and their open tab must ask for the new one.
        self._proved: weakref.WeakSet[HouseholdService] = weakref.WeakSet()

    def exists(self) -> bool:
        """True once a household has been created in this folder."""
        return self._store is not None or HouseholdStore.exists(self.data_dir)

    def create(self, name: str, passphrase: str) -> tuple[HouseholdService, str]:
        """Create the household; returns its service and the recovery key to show once."""
        with self._lock:
            store, recovery_key = create_household(
                self.data_dir, name, passphrase, kdf=self._kdf
            )
            self._store = store
            return self._service(store), recovery_key

    def create_for_joining(self, passphrase: str) -> tuple[HouseholdService, str]:
        """Create this device's empty store, to join a household; return it and its recovery key."""
        with self._lock:
            store, recovery_key = create_for_joining(self.data_dir, passphrase, kdf=self._kdf)
            self._store = store
            return self._service(store), recovery_key

    def unlock(self, passphrase: str) -> HouseholdService:
        """Prove the passphrase and get the household.

        Raises:
            WrongPassphrase: it is not this household's passphrase.
            StoreDamaged, FormatTooNew: the folder cannot be read safely.
            StoreInUse: another program on this device has the household open.
        """
        with self._lock:
            if self._store is None:
                self._store = HouseholdStore.open(self.data_dir, passphrase)
            elif not self._store.check_passphrase(passphrase):
                raise WrongPassphrase()
            return self._service(self._store)

    def recover(self, recovery_key: str, new_passphrase: str) -> tuple[HouseholdService, str]:
        """Use the recovery key to set a new passphrase, then unlock.

        A recovery key that has been used is replaced: the old one stops working and the new
        one is returned, to show once (the family gives it to their worker).

        Raises:
            WrongRecoveryKey: the key does not fit this household.
            PassphraseRefused: the new passphrase breaks a rule.
            StoreInUse: another program on this device has the household open.
        """
        with self._lock:
            store = self._store
            if store is None:
                store = HouseholdStore.open_with_recovery_key(self.data_dir, recovery_key)
            else:
                # Prove the key even though the store is open: it is the only credential here.
                HouseholdStore.open_with_recovery_key(
                    self.data_dir, recovery_key, read_only=True
                ).close()
            self._store = store
            service = self._service(store)
            self._refuse_weak(new_passphrase, service.household().name)
            store.change_passphrase(new_passphrase)
            self._only_proved_by(service)
            return service, store.replace_recovery_key()

    def _require_parent(self, by: Member) -> None:
        """``by`` must be a parent or carer as the household now knows them: a screen's copy
        is from their sign-in, and another tab may have taken them off since."""
        doc = self._store.get(MEMBERS, by.id) if self._store is not None else None
        if doc is None:
            raise NotAllowed()
        require_parent(Member.from_json(doc))

    def change_passphrase(self, service: HouseholdService, old: str, new: str, *, by: Member,
                          someone_knows: bool = False) -> str | None:
        """Change the passphrase for a parent or carer who knows the current one.

        Knowing it is not enough: on a family tablet a child may have seen it typed, and a
        new passphrase would lock the family out. (``homeward passwd`` has nobody signed in
        and works on the store itself.)

        ``someone_knows``: someone who should not know the passphrase might. Then every file
        is sealed again under a new data key and a new recovery key is made, so that neither
        the old passphrase nor the old recovery key, even with an old copy of the folder's
        key file, opens anything saved from now on. Returns that new key, to show once.

        Raises:
            NotAllowed: ``by`` is not a parent or carer; nothing was changed.
            WrongPassphrase: ``old`` is not the current passphrase.
            PassphraseRefused: ``new`` breaks a rule.
        """
        self._require_parent(by)  # before the passphrase, so a child cannot even try one
        with self._lock:
            store = self._store
            if store is None or not store.check_passphrase(old):
                raise WrongPassphrase()
            self._refuse_weak(new, service.household().name)
            if someone_knows:
                new_key: str | None = store.rekey(new)
            else:
                store.change_passphrase(new)
                new_key = None
            self._only_proved_by(service)
            return new_key

    def new_recovery_key(self, passphrase: str, *, by: Member) -> str:
        """Make a new recovery key for a parent or carer who knows the passphrase; show it once.

        The old key stops working at once, so the worker's paper copy is void: only a parent or
        carer may do this, not a child who has seen the passphrase typed. The data and the
        passphrase are untouched. (``homeward recovery-key`` works on the store itself.)

        Raises:
            NotAllowed: ``by`` is not a parent or carer; nothing was changed.
            WrongPassphrase: it is not the passphrase; nothing was changed.
        """
        self._require_parent(by)
        with self._lock:
            store = self._store
            if store is None or not store.check_passphrase(passphrase):
                raise WrongPassphrase()
            return store.replace_recovery_key()

    def recovery_key_again(self) -> str | None:
        """Make the recovery key again if nobody has said they kept the current one.

        For a session past the passphrase whose key was never written down (a reload cut
        setup short, or another window made a newer one): the key is not kept in the clear,
        so the only way to show one is to make it afresh. None if the current key was kept.
        """
        with self._lock:
            if self._store is None or not recovery_key_history(self.data_dir).pending:
                return None
            return self._store.replace_recovery_key()

    def recovery_key_kept(self, recovery_key: str) -> None:
        """The family has written ``recovery_key`` down or given it to their worker.

        Raises:
            WrongRecoveryKey: a newer key has replaced it (made in another window).
        """
        with self._lock:
            if self._store is None:
                raise WrongRecoveryKey()
            self._store.recovery_key_kept(recovery_key)

    def still_proved(self, service: HouseholdService) -> bool:
        """True unless the passphrase has changed since ``service`` was opened with it (in
        another tab: the tab that changed it stays proved)."""
        return service in self._proved

    def _only_proved_by(self, service: HouseholdService) -> None:
        self._proved.clear()
        self._proved.add(service)

    def recovery_key_history(self) -> RecoveryKeyHistory:
        """When the current recovery key was made, and whether the family said they kept it."""
        return recovery_key_history(self.data_dir)

    def close(self) -> None:
        """Close the store (at shutdown)."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    @staticmethod
    def _refuse_weak(passphrase: str, household_name: str) -> None:
        check = check_passphrase(passphrase, household_name=household_name)
        if not check.acceptable:
            raise PassphraseRefused(check)

    def _service(self, store: HouseholdStore) -> HouseholdService:
        if not store.read_only:
            move_pins_to_device(store)
            if was_restored(self.data_dir):
                forget_hub_offset(store)
                done_restoring(self.data_dir)
        # Every change from now on is stamped and, once paired, queued for the agency.
        track_changes(store)
        service = HouseholdService(store, clock=self._clock, pin_turns=self._pin_turns)
        self._proved.add(service)
        return service
