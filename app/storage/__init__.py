"""Encrypted household storage: TinyDB tables sealed with AES-256-GCM in hash-named files.

The on-disk format is described in ``FORMAT.md`` beside this file. Everything other code needs
is re-exported here; the modules behind it are internal.
"""

from .crypto import KdfParams
from .errors import (
    Damage,
    FormatTooNew,
    InvalidTableName,
    InvalidText,
    ReadOnlyStore,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreInUse,
    StoreNotFound,
    StoreWriteFailed,
    WrongPassphrase,
    WrongRecoveryKey,
)
from .keys import RecoveryKeyHistory, recovery_key_history
from .store import HouseholdStore

__all__ = [
    "Damage",
    "FormatTooNew",
    "HouseholdStore",
    "InvalidTableName",
    "InvalidText",
    "KdfParams",
    "ReadOnlyStore",
    "RecoveryKeyHistory",
    "StoreDamaged",
    "StoreError",
    "StoreExists",
    "StoreInUse",
    "StoreNotFound",
    "StoreWriteFailed",
    "WrongPassphrase",
    "WrongRecoveryKey",
    "recovery_key_history",
]
