"""Cryptographic and durable-file primitives of the household store.

This module knows how bytes are sealed and how a file reaches the disk safely; it knows nothing
about households, tables or key files. Three pieces:

* KDF: Argon2id for the passphrase, HKDF-SHA256 for the (already high-entropy) recovery key
  and for sub-keys of the data key.
* Envelope: the binary layout of every encrypted file (header, nonce, AES-256-GCM ciphertext)
  whose AAD binds the header bytes and the file's name, so files cannot be swapped or renamed.
* ``write_durably``: temp file in the same folder, fsync, keep the previous generation as
  ``<name>.prev``, ``os.replace``, fsync the folder. Plaintext never reaches this function.
  ``write_new`` is its sibling for files written once outside the store (a backup, an
  export): whole or not at all, and never over an existing file.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
PREVIOUS_SUFFIX = ".prev"
TEMP_SUFFIX = ".tmp"

#: magic(4) | format version (u16, big-endian) | generation (u64, big-endian)
_HEADER = struct.Struct(">4sHQ")
HEADER_BYTES = _HEADER.size

#: Called with a step name at each point of a durable write; tests use it to inject faults.
FaultHook = Callable[[str], None]


#: The Argon2id costs a key file may name, (least, most): memory in KiB (8 MiB to 1 GiB),
#: passes and lanes.
KDF_MEMORY = (8 * 1024, 1024 * 1024)
KDF_ITERATIONS = (1, 64)
KDF_LANES = (1, 16)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters for deriving the passphrase key."""

    # 64 MiB keeps the unlock within a mid-range phone's memory; 7 passes bring it to about
    # 0.35 s on the 2-core reference machine (measured: 3 passes 0.2 s, 6 passes 0.29 s).
    memory_cost: int = 64 * 1024  # KiB
    iterations: int = 7
    lanes: int = 1

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        """Cheap parameters (8 MiB, 1 pass) so tests run quickly; never use them for real data."""
        return cls(memory_cost=8 * 1024, iterations=1, lanes=1)

    @classmethod
    def checked(cls, memory_cost: int, iterations: int, lanes: int) -> KdfParams:
        """Costs read from a file, if no household could be refused them; else ValueError.

        From the cheap test costs to far beyond the default: a file naming no lanes, or more
        memory or passes than a phone has, must not crash or hang the unlock.
        """
        if not (KDF_MEMORY[0] <= memory_cost <= KDF_MEMORY[1]
                and KDF_ITERATIONS[0] <= iterations <= KDF_ITERATIONS[1]
                and KDF_LANES[0] <= lanes <= KDF_LANES[1]):
            raise ValueError(f"unlock costs out of range: {memory_cost} KiB, "
                             f"{iterations} passes, {lanes} lanes")
        return cls(memory_cost=memory_cost, iterations=iterations, lanes=lanes)


class EnvelopeError(Exception):
    """Internal: a sealed file is truncated, malformed or fails authentication."""


@dataclass(frozen=True)
class Envelope:
    """The authenticated contents of a sealed file."""

    magic: bytes
    version: int
    generation: int
    plaintext: bytes


def random_key() -> bytes:
    """Return a fresh random 256-bit key."""
    return secrets.token_bytes(KEY_BYTES)


def derive_passphrase_key(passphrase: str | bytes, salt: bytes, params: KdfParams) -> bytes:
    """Derive the 256-bit key-wrapping key from a passphrase (text, or its bytes) with Argon2id.

    Text is encoded as UTF-8 as it is; the household key file normalises it first (see
    ``keys.passphrase_forms``).
    """
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_cost,
    )
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    return kdf.derive(secret)


def derive_recovery_key(secret: bytes, salt: bytes) -> bytes:
    """Derive the key-wrapping key from the recovery secret (already 160 random bits)."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"homeward recovery wrap v1"
    )
    return hkdf.derive(secret)


def derive_subkey(key: bytes, info: bytes) -> bytes:
    """Derive an independent 256-bit key for one purpose (``info``) from a random key."""
    # No salt is needed: the input is already a uniformly random 256-bit key.
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(key)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt with AES-256-GCM under a fresh random nonce; return nonce + ciphertext."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Decrypt nonce + ciphertext from ``seal``; raise EnvelopeError if it does not authenticate."""
    if len(blob) < NONCE_BYTES + 16:
        raise EnvelopeError("too short")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag as exc:
        raise EnvelopeError("authentication failed") from exc


def _aad(header: bytes, file_name: str) -> bytes:
    # The name is bound so a table file renamed to another table's name fails to open.
    return header + b"\x00" + file_name.encode("utf-8")


def seal_file(
    key: bytes, magic: bytes, version: int, generation: int, file_name: str, plaintext: bytes
) -> bytes:
    """Return the bytes of a sealed file: header, then nonce + ciphertext bound to header+name."""
    header = _HEADER.pack(magic, version, generation)
    return header + seal(key, plaintext, _aad(header, file_name))


def read_header(data: bytes, magic: bytes) -> tuple[int, int]:
    """Return (version, generation) from an unauthenticated header; EnvelopeError if malformed."""
    if len(data) < HEADER_BYTES:
        raise EnvelopeError("shorter than its header")
    found_magic, version, generation = _HEADER.unpack_from(data)
    if found_magic != magic:
        raise EnvelopeError("not a Homeward file of this kind")
    return version, generation


def open_file(key: bytes, data: bytes, magic: bytes, file_name: str) -> Envelope:
    """Authenticate and decrypt a sealed file's bytes; raise EnvelopeError on any mismatch."""
    version, generation = read_header(data, magic)
    header = data[:HEADER_BYTES]
    plaintext = unseal(key, data[HEADER_BYTES:], _aad(header, file_name))
    return Envelope(magic, version, generation, plaintext)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk where the platform allows it."""
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _step(hook: FaultHook | None, name: str) -> None:
    if hook is not None:
        hook(name)


def _write_temp(folder: Path, name: str, data: bytes, hook: FaultHook | None) -> Path:
    temp = folder / f".{name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            _step(hook, "temp-written")
            os.fsync(fd)
        finally:
            os.close(fd)
    except Exception:
        # A failed write leaves nothing behind; a simulated crash (BaseException) keeps the
        # temp file, as a real crash would, so tests see that stray temp files are harmless.
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _keep_previous(folder: Path, name: str) -> None:
    current = folder / name
    if not current.exists():
        return
    previous = folder / (name + PREVIOUS_SUFFIX)
    if previous.exists() and os.path.samefile(current, previous):
        # Already linked by an interrupted earlier write. (rename() between two links to one
        # inode is a no-op that would leave the staged link behind.)
        return
    staged = folder / f".{name}{PREVIOUS_SUFFIX}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        # A hard link is instant and the current file is never modified in place afterwards.
        os.link(current, staged)
    except OSError:
        # Some filesystems refuse hard links: fall back to a synced copy.
        staged.write_bytes(current.read_bytes())
        with open(staged, "rb+") as handle:
            os.fsync(handle.fileno())
    os.replace(staged, previous)


def write_durably(
    folder: Path,
    name: str,
    data: bytes,
    *,
    keep_previous: bool = True,
    hook: FaultHook | None = None,
    flush_folder: bool = True,
) -> None:
    """Atomically replace ``folder/name`` with ``data``, keeping the old file as ``name.prev``.

    Without ``flush_folder`` the file's contents are on disk but its new name is not flushed:
    the caller flushes the folder later (any later flush of the folder covers it).

    Raises:
        OSError: only for failures before the replace, when nothing visible has changed.
            A failed folder fsync after the replace is logged: the new file is already in place.
    """
    temp = _write_temp(folder, name, data, hook)
    try:
        if keep_previous:
            _keep_previous(folder, name)
        _step(hook, "before-replace")
        os.replace(temp, folder / name)
    except Exception:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    try:
        _step(hook, "replaced")
        if flush_folder:
            fsync_folder(folder)
    except OSError as exc:
        log.warning("Saved %s but could not flush its folder: %s", name, exc)


def write_new(path: Path, data: bytes) -> None:
    """Write a new file readable by this user only (0600), whole or not at all.

    The bytes go to a temp file beside ``path`` and reach the disk before the file takes its
    name, so a full disk or a crash never leaves a cut-off file there; an existing file is
    never replaced.

    Raises:
        FileExistsError: ``path`` exists already; nothing was written.
        OSError: writing failed; nothing was left behind.
    """
    folder = path.parent
    temp = _write_temp(folder, path.name, data, None)
    try:
        try:
            os.link(temp, path)  # unlike a rename, a link refuses to replace a file
        except FileExistsError:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        except OSError:
            # No hard links (a FAT memory card): claim the name, then fill it in one rename.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            try:
                os.replace(temp, path)
            except OSError:
                path.unlink(missing_ok=True)
                raise
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    try:
        fsync_folder(folder)
    except OSError as exc:
        log.warning("Wrote %s but could not flush its folder: %s", path.name, exc)


def remove_durably(folder: Path, name: str) -> None:
    """Delete ``folder/name`` (if present) and flush the folder."""
    with contextlib.suppress(FileNotFoundError):
        (folder / name).unlink()
    fsync_folder(folder)


def move_aside(folder: Path, name: str, label: str = "damaged") -> Path:
    """Rename ``folder/name`` to a new ``name.<label>-<n>`` that did not exist; return it.

    Used for damaged files: they are kept for inspection, never overwritten or deleted.
    """
    source = folder / name
    for attempt in range(1, 10_000):
        target = folder / f"{name}.{label}-{attempt}"
        try:
            # link() refuses to overwrite, so an earlier set-aside copy is never clobbered.
            os.link(source, target)
        except FileExistsError:
            continue
        source.unlink()
        fsync_folder(folder)
        return target
    raise FileExistsError(f"too many set-aside copies of {name}")
