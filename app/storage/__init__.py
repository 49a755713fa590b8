"""Encrypted household storage: TinyDB tables sealed with AES-256-GCM in hash-named files.

The on-disk format is described in ``FORMAT.md`` beside this file. Everything other code needs
is re-exported here; the modules behind it are internal.
"""

from .crypto import KdfParams
from .errors import (
    FormatTooNew,
    ReadOnlyStore,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    StoreWriteFailed,
    WrongPassphrase,
    WrongRecoveryKey,
)
from .store import HouseholdStore

__all__ = [
    "FormatTooNew",
    "HouseholdStore",
    "KdfParams",
    "ReadOnlyStore",
    "StoreDamaged",
    "StoreError",
    "StoreExists",
    "StoreNotFound",
    "StoreWriteFailed",
    "WrongPassphrase",
    "WrongRecoveryKey",
]
