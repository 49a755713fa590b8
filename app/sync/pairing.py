"""Pairing a device with its agency's hub in two steps, so that nobody in between is trusted.

The first step spends the worker's one-time code and brings back the agency's public key,
saving nothing. The device then shows a short fingerprint of that key; the worker compares
it with the one their agency gave them (``homeward hub-admin fingerprint``, or the hub's
"Connect a phone" screen) and only when they match is anything kept. A man in the middle
who answered with a key of his own would show a different fingerprint and be refused before
a single record is sealed for him.

Plain ``http://`` is accepted only to this very device (a hub running beside the app for a
demonstration or a test); anywhere else the address must be ``https://``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.hub.credentials import CODE_LENGTH, CROCKFORD, normalise_code
from app.hub.protocol import agency_key_fingerprint, b64decode, fingerprint_matches
from app.net import is_loopback
from app.services.household import InvalidInput
from app.sync.client import BadHubAddress, DeviceKeys, HubClient, HubRefused, HubUnreachable
from app.sync.client import clean_hub_url as _clean_url

#: Why a hub said no, in words the screens know how to say.
PAIRING_REFUSALS = frozenset({"unknown_code", "code_used", "code_expired", "household_exists",
                              "nothing_to_join", "other_household"})


class PairingFailed(Exception):
    """Pairing did not happen; ``reason`` says why in a word the screens translate."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Pairing:
    """A hub that accepted the code, waiting for the worker to confirm its key's fingerprint.

    Held in memory only: nothing of it is saved until it is confirmed.
    """

    url: str
    joining: bool
    fields: dict[str, str]
    keys: DeviceKeys

    @property
    def agency_key(self) -> bytes:
        return b64decode(self.fields["agency_public_key"])

    @property
    def fingerprint(self) -> str:
        """What the screen shows and the worker compares, e.g. ``7KQ2M XD9VA 3FJ8K PQ2ZR``."""
        return agency_key_fingerprint(self.agency_key)

    @property
    def household_name(self) -> str:
        """The household the code connects to, as the agency named it: shown beside the key
        check, so a code meant for another family is seen before anything is sent."""
        return self.fields.get("household_name", "")

    def matches(self, typed: str) -> bool:
        """True when ``typed`` is this agency key's fingerprint (spacing and case aside)."""
        return fingerprint_matches(typed, self.agency_key)


def clean_hub_url(text: str) -> str:
    """The hub's address in canonical form; ``http://`` only to this device.

    Raises:
        InvalidInput: ``sync.error.hub_url_invalid`` or ``sync.error.hub_url_not_secure``.
    """
    try:
        url = _clean_url(text)
    except BadHubAddress as exc:
        raise InvalidInput("sync.error.hub_url_invalid") from exc
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise InvalidInput("sync.error.hub_url_not_secure")
    return url


def contact_hub(client_for: Callable[[str], HubClient], hub_url: str, code: str, *,
                joining: bool, known_household: str | None,
                household_uid: str | None = None) -> Pairing:
    """Spend ``code`` at the hub and return what it answered; nothing is saved here.

    ``known_household`` and ``household_uid`` tell the hub which household this device held
    before (see ``HubClient.pair``).

    Raises:
        InvalidInput: the address or the code cannot be right.
        PairingFailed: the hub could not be reached, refused the code or answered nonsense.
    """
    url = clean_hub_url(hub_url)
    cleaned = normalise_code(code)
    if len(cleaned) != CODE_LENGTH or any(ch not in CROCKFORD for ch in cleaned):
        raise InvalidInput("sync.error.pairing_code_invalid")
    key = Ed25519PrivateKey.generate()
    try:
        with client_for(url) as client:
            answer = client.pair(cleaned, key, joining=joining, known_household=known_household,
                                 household_uid=household_uid)
    except HubUnreachable as exc:
        raise PairingFailed("unreachable") from exc
    except HubRefused as exc:
        raise PairingFailed(exc.code if exc.code in PAIRING_REFUSALS else "refused") from exc
    fields = _pairing_fields(answer)
    if fields is None:
        raise PairingFailed("refused")
    keys = DeviceKeys(fields["device_id"], fields["device_token"], key)
    return Pairing(url=url, joining=joining, fields=fields, keys=keys)


def _pairing_fields(answer: dict[str, object]) -> dict[str, str] | None:
    names = ("household_id", "device_id", "device_token", "agency_public_key")
    values = [answer.get(name) for name in names]
    if not all(isinstance(value, str) and value for value in values):
        return None
    fields = {name: str(value) for name, value in zip(names, values, strict=True)}
    try:
        if len(b64decode(fields["agency_public_key"])) != 32:
            return None
    except ValueError:
        return None
    fields["agency_name"] = str(answer.get("agency_name") or "")[:200]
    fields["household_name"] = str(answer.get("household_name") or "")[:200]
    return fields
