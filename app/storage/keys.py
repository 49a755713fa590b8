"""The key file: the household data key, stored only wrapped.

``keys.json`` is plain JSON so support staff can read its header without secrets. It holds the
format version, the Argon2id parameters and salt, and the random 256-bit data key wrapped twice
with AES-256-GCM: once under the passphrase key, once under the recovery key. A SHA-256 checksum
over the canonical JSON of every other field tells damage from a wrong passphrase (AES-GCM alone
cannot), and the file must be byte-identical to its canonical form, so any changed byte shows.
Since format 5 its ``history`` says, with no secret, when the current recovery key was made and
when the family said they had kept it (see ``RecoveryKeyHistory``).

Passphrases are wrapped in Unicode NFC form, so "Zoë" typed with a composed or a decomposed
"ë" opens the same household. Key files wrapped before that, with the passphrase as it was
typed, still open: the typed and NFD forms are tried after NFC (see ``passphrase_forms``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .crypto import (
    PREVIOUS_SUFFIX,
    SALT_BYTES,
    EnvelopeError,
    FaultHook,
    KdfParams,
    derive_passphrase_key,
    derive_recovery_key,
    random_key,
    seal,
    unseal,
    write_durably,
)
from .errors import FormatTooNew, InvalidText, StoreDamaged, WrongPassphrase, WrongRecoveryKey

log = logging.getLogger(__name__)

KEY_FILE = "keys.json"
FORMAT_NAME = "homeward-household-keys"
#: The store format this code writes; the key file's version is the version of the whole store.
FORMAT_VERSION = 5
#: Older formats whose sealed files this format reads as they are (see ``opening.MIGRATIONS``).
READS_AS_IS = (3, 4)

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BYTES = 20  # 160 bits = 32 base32 symbols = 8 groups of 4
_RECOVERY_SYMBOLS = _RECOVERY_BYTES * 8 // 5
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
#: The key file's history: when the current recovery key was made, and when it was kept.
MADE, KEPT = "recovery_key_made", "recovery_key_kept"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, size: int | None = None) -> bytes:
    data = base64.b64decode(text.encode("ascii"), validate=True) if isinstance(text, str) else b""
    if not isinstance(text, str) or size not in (None, len(data)):
        raise ValueError(f"expected {size or 'some'} bytes of base64 text")
    return data


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def passphrase_forms(passphrase: str) -> list[str]:
    """The forms a typed passphrase is tried in: NFC (every wrap since format 3), as typed, NFD.

    Only passphrases with accented letters have more than one form, so a wrong passphrase
    costs more than one derivation only then.
    """
    forms = [unicodedata.normalize(form, passphrase) for form in ("NFC", "NFD")]
    return list(dict.fromkeys([forms[0], passphrase, forms[1]]))


def utf8(text: str) -> bytes:
    """Encode text as UTF-8; InvalidText (not a raw UnicodeEncodeError) for a lone surrogate."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidText(exc.object[exc.start : exc.end]) from None


def utc_stamp(moment: datetime | None = None) -> str:
    """A moment (now by default) as the key file's history writes it: UTC, to the second."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(stamp: str | None) -> datetime | None:
    return None if stamp is None else datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z")


@dataclass(frozen=True)
class RecoveryKeyHistory:
    """What the key file says of the current recovery key; ``made`` None: made before format 5."""

    made: datetime | None
    kept: datetime | None

    @property
    def pending(self) -> bool:
        """True while nobody has said the current key was written down or handed over."""
        return self.made is not None and self.kept is None


def format_recovery_key(secret: bytes) -> str:
    """Spell a recovery secret as Crockford base32 in dash-separated groups of four."""
    number = int.from_bytes(secret, "big")
    symbols = [
        _CROCKFORD[(number >> (5 * (_RECOVERY_SYMBOLS - 1 - i))) & 31]
        for i in range(_RECOVERY_SYMBOLS)
    ]
    text = "".join(symbols)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Read a typed recovery key, forgiving case, spaces, dashes and O/I/L look-alikes."""
    cleaned = re.sub(r"[\s\-]", "", text).upper().translate(_LOOKALIKES)
    if len(cleaned) != _RECOVERY_SYMBOLS:
        raise WrongRecoveryKey(f"it should have {_RECOVERY_SYMBOLS} letters and digits")
    number = 0
    for char in cleaned:
        index = _CROCKFORD.find(char)
        if index < 0:
            raise WrongRecoveryKey("it contains a character that is not used in recovery keys")
        number = (number << 5) | index
    return number.to_bytes(_RECOVERY_BYTES, "big")


@dataclass(frozen=True)
class KeyFile:
    """The parsed contents of ``keys.json``."""

    version: int
    store_id: bytes
    kdf: KdfParams
    salt: bytes
    passphrase_wrap: bytes
    recovery_salt: bytes
    recovery_wrap: bytes
    recovery_made: str | None = None  # UTC stamps (``utc_stamp``); None: not recorded
    recovery_kept: str | None = None

    @property
    def recovery_history(self) -> RecoveryKeyHistory:
        """When the current recovery key was made, and when the family said they kept it."""
        return RecoveryKeyHistory(_moment(self.recovery_made), _moment(self.recovery_kept))

    def _body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": self.version,
            "store_id": _b64(self.store_id),
            "kdf": {
                "algorithm": "argon2id",
                "memory_cost_kib": self.kdf.memory_cost,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": _b64(self.salt),
            },
            "passphrase_wrap": {"aead": "aes-256-gcm", "sealed": _b64(self.passphrase_wrap)},
            "recovery_wrap": {
                "kdf": "hkdf-sha256",
                "salt": _b64(self.recovery_salt),
                "aead": "aes-256-gcm",
                "sealed": _b64(self.recovery_wrap),
            },
        }
        history = {MADE: self.recovery_made, KEPT: self.recovery_kept}
        if any(history.values()):  # key files made before format 5 have none
            body["history"] = {name: at for name, at in history.items() if at is not None}
        return body

    def _aad(self, purpose: str) -> bytes:
        # Binds each wrap to this store, the file name and the inputs of its own key
        # derivation only, so re-wrapping one never invalidates the other (nor does a format
        # upgrade, which changes only the version).
        body = self._body()
        bound = {"format": body["format"], "store_id": body["store_id"]}
        if purpose == "passphrase":
            bound["kdf"] = body["kdf"]
        else:
            bound["recovery_salt"] = body["recovery_wrap"]["salt"]
        return f"homeward/{purpose}/".encode() + _canonical(bound) + b"\x00" + KEY_FILE.encode()

    def to_bytes(self) -> bytes:
        """Serialise to the canonical on-disk bytes, checksum included."""
        body = self._body()
        body["checksum"] = hashlib.sha256(_canonical(body)).hexdigest()
        return json.dumps(body, sort_keys=True, indent=1).encode("ascii") + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes, *, file_name: str = KEY_FILE) -> KeyFile:
        """Parse and check ``keys.json`` bytes.

        Raises:
            StoreDamaged: the bytes are not exactly a well-formed key file with a good checksum.
            FormatTooNew: the key file is intact but written by a newer format.
        """
        try:
            body = json.loads(data.decode("ascii"))
            if not isinstance(body, dict) or body.get("format") != FORMAT_NAME:
                raise ValueError("not a Homeward key file")
            checksum = body.pop("checksum")
            history = body.get("history", {})
            if not isinstance(history, dict) or not all(
                isinstance(v, str) and _STAMP.fullmatch(v) and _moment(v)  # a real time
                for v in history.values()
            ):
                raise ValueError("bad history")
            if not hmac.compare_digest(str(checksum), hashlib.sha256(_canonical(body)).hexdigest()):
                raise ValueError("checksum mismatch")
            version = body["version"]
            if not isinstance(version, int):
                raise ValueError("bad version")
            if version > FORMAT_VERSION:
                raise FormatTooNew(version, FORMAT_VERSION, file_name)
            kdf = body["kdf"]
            parsed = cls(
                version=version,
                store_id=_unb64(body["store_id"]),
                kdf=KdfParams.checked(  # anyone can edit these: no absurd cost is tried
                    memory_cost=int(kdf["memory_cost_kib"]),
                    iterations=int(kdf["iterations"]),
                    lanes=int(kdf["lanes"]),
                ),
                salt=_unb64(kdf["salt"], SALT_BYTES),
                passphrase_wrap=_unb64(body["passphrase_wrap"]["sealed"]),
                recovery_salt=_unb64(body["recovery_wrap"]["salt"], SALT_BYTES),
                recovery_wrap=_unb64(body["recovery_wrap"]["sealed"]),
                recovery_made=history.get(MADE),
                recovery_kept=history.get(KEPT),
            )
            if parsed.to_bytes() != data:
                raise ValueError("not in canonical form")
        except FormatTooNew:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise StoreDamaged(file_name, False, str(exc) or type(exc).__name__) from exc
        return parsed

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        """Return the data key; WrongPassphrase if the passphrase does not unwrap it."""
        return self.unwrap_passphrase(passphrase)[0]

    def unwrap_passphrase(self, passphrase: str) -> tuple[bytes, bool]:
        """Return the data key, and True if only a form other than NFC unwrapped it.

        Raises:
            WrongPassphrase: no form of the passphrase unwraps the data key.
        """
        for index, form in enumerate(passphrase_forms(passphrase)):
            try:
                secret = utf8(form)
            except InvalidText:
                break  # no passphrase was ever wrapped with one: it cannot be the right one
            wrapping = derive_passphrase_key(secret, self.salt, self.kdf)
            try:
                return unseal(wrapping, self.passphrase_wrap, self._aad("passphrase")), index > 0
            except EnvelopeError:
                continue
        raise WrongPassphrase()

    def unwrap_with_recovery_key(self, recovery_key: str) -> bytes:
        """Return the data key; WrongRecoveryKey if the recovery key does not unwrap it."""
        wrapping = derive_recovery_key(parse_recovery_key(recovery_key), self.recovery_salt)
        try:
            return unseal(wrapping, self.recovery_wrap, self._aad("recovery"))
        except EnvelopeError as exc:
            raise WrongRecoveryKey() from exc

    def with_passphrase(self, data_key: bytes, passphrase: str) -> KeyFile:
        """Return a copy with the passphrase wrap redone under a new salt; recovery wrap kept.

        Raises:
            InvalidText: the passphrase holds a lone surrogate, which UTF-8 cannot encode.
        """
        secret = utf8(unicodedata.normalize("NFC", passphrase))
        updated = replace(self, salt=secrets.token_bytes(SALT_BYTES), passphrase_wrap=b"")
        wrapping = derive_passphrase_key(secret, updated.salt, updated.kdf)
        sealed = seal(wrapping, data_key, updated._aad("passphrase"))
        return replace(updated, passphrase_wrap=sealed)

    def with_new_recovery_key(self, data_key: bytes) -> tuple[KeyFile, str]:
        """Return a copy whose recovery wrap is under a new recovery key, and that key's text.

        The old recovery key stops working with the new file (the passphrase wrap is kept).
        The history records that the key was made now, and that nobody has said it was kept.
        """
        secret = secrets.token_bytes(_RECOVERY_BYTES)
        updated = replace(self, recovery_salt=secrets.token_bytes(SALT_BYTES), recovery_wrap=b"",
                          recovery_made=utc_stamp(), recovery_kept=None)
        wrapping = derive_recovery_key(secret, updated.recovery_salt)
        sealed = seal(wrapping, data_key, updated._aad("recovery"))
        return replace(updated, recovery_wrap=sealed), format_recovery_key(secret)

    def with_recovery_key_kept(self, recovery_key: str) -> KeyFile:
        """Return a copy whose history says the family kept ``recovery_key``, as of now.

        Raises:
            WrongRecoveryKey: it is not the current recovery key (a key made since replaced it).
        """
        self.unwrap_with_recovery_key(recovery_key)
        return replace(self, recovery_kept=utc_stamp())

    def rekeyed(self, passphrase: str) -> tuple[KeyFile, bytes, str]:
        """Wrap a new random data key under ``passphrase`` and a new recovery key.

        Returns (key file, new data key, recovery key text); the store id, version and KDF
        costs are kept.
        """
        data_key = random_key()
        with_recovery, recovery_key = self.with_new_recovery_key(data_key)
        return with_recovery.with_passphrase(data_key, passphrase), data_key, recovery_key


def new_key_file(passphrase: str, kdf: KdfParams) -> tuple[KeyFile, bytes, str]:
    """Make a new data key and recovery key; return (key file, data key, recovery key text)."""
    blank = KeyFile(
        version=FORMAT_VERSION,
        store_id=secrets.token_bytes(16),
        kdf=kdf,
        salt=b"",
        passphrase_wrap=b"",
        recovery_salt=b"",
        recovery_wrap=b"",
    )
    return blank.rekeyed(passphrase)


def recovery_key_history(folder: Path) -> RecoveryKeyHistory:
    """What ``folder``'s key file says of its current recovery key (needs no passphrase)."""
    return read_key_file(folder).recovery_history


def read_key_file(folder: Path) -> KeyFile:
    """Read and check ``folder/keys.json``; StoreDamaged says if ``keys.json.prev`` is good."""
    try:
        data = (folder / KEY_FILE).read_bytes()
    except OSError as exc:
        raise StoreDamaged(KEY_FILE, previous_key_file_good(folder), str(exc)) from exc
    try:
        return KeyFile.from_bytes(data)
    except StoreDamaged as exc:
        detail = exc.damages[0].detail
        raise StoreDamaged(KEY_FILE, previous_key_file_good(folder), detail) from exc


def previous_key_file_good(folder: Path) -> bool:
    """True if ``keys.json.prev`` exists and is an intact key file."""
    prev_name = KEY_FILE + PREVIOUS_SUFFIX
    try:
        KeyFile.from_bytes((folder / prev_name).read_bytes(), file_name=prev_name)
    except (OSError, StoreDamaged, FormatTooNew):
        return False
    return True


def write_key_file(folder: Path, key_file: KeyFile, *, hook: FaultHook | None = None) -> None:
    """Atomically write ``keys.json`` and mirror it to ``keys.json.prev``.

    The key file's ``.prev`` is a second copy of the current file, not an older generation:
    an older copy would still open with a passphrase the family has just retired.
    """
    data = key_file.to_bytes()
    write_durably(folder, KEY_FILE, data, keep_previous=False, hook=hook)
    write_durably(folder, KEY_FILE + PREVIOUS_SUFFIX, data, keep_previous=False, hook=hook)


def heal_key_mirror(folder: Path) -> None:
    """Rewrite ``keys.json.prev`` if it is not the same as ``keys.json`` (a cut-off write).

    A mirror left behind by a crash between the two writes may still hold a retired
    passphrase's wrap, so it is brought up to date on the next writable open. Failure is
    logged only: the key file itself is sound.
    """
    mirror = folder / (KEY_FILE + PREVIOUS_SUFFIX)
    try:
        current = (folder / KEY_FILE).read_bytes()
        if mirror.is_file() and mirror.read_bytes() == current:
            return
        write_durably(folder, mirror.name, current, keep_previous=False)
    except OSError as exc:
        log.warning("Could not bring keys.json.prev up to date: %s", exc)
