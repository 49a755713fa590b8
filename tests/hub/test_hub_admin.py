"""The agency's own operations on the hub: agency key, workers, households, devices."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hub_device import HubDevice
from sqlalchemy import Engine, select

from app.hub.admin import (
    AgencyExists,
    NoAgency,
    UnknownDevice,
    UnknownHousehold,
    UsernameTaken,
    add_worker,
    agency_public_key,
    create_agency,
    issue_pairing_code,
    list_devices,
    open_agency,
    register_household,
    revoke_device,
    worker_password_matches,
)
from app.hub.credentials import WrongPassphrase
from app.hub.db import agency, workers
from app.storage.crypto import KdfParams
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub


def test_agency_key_opens_only_with_its_passphrase_and_is_never_stored_plain(
    hub_engine: Engine,
) -> None:
    public = create_agency(hub_engine, "Riverside", "correct horse", KdfParams.fast_for_tests())
    private = open_agency(hub_engine, "correct horse")
    assert private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) == public
    assert agency_public_key(hub_engine) == public
    with pytest.raises(WrongPassphrase):
        open_agency(hub_engine, "wrong horse")
    with hub_engine.connect() as connection:
        row = connection.execute(select(agency)).one()
    assert private.private_bytes_raw() not in b"".join(
        bytes(value) for value in row if isinstance(value, bytes | memoryview)
    )
    with pytest.raises(AgencyExists):
        create_agency(hub_engine, "Another", "x", KdfParams.fast_for_tests())


def test_no_pairing_code_before_the_agency_exists(hub_engine: Engine) -> None:
    household = register_household(hub_engine, "The Smith household")
    with pytest.raises(NoAgency):
        issue_pairing_code(hub_engine, household)


def test_worker_passwords_are_hashed_and_checked(hub_engine: Engine) -> None:
    add_worker(hub_engine, "Sam Worker", "Sam", "a long enough password")
    with pytest.raises(UsernameTaken):
        add_worker(hub_engine, "Another Sam", "sam", "another long password")
    with hub_engine.connect() as connection:
        stored = connection.execute(select(workers.c.password_hash)).scalar_one()
    assert "a long enough password" not in stored and stored.startswith("scrypt$")
    assert worker_password_matches(hub_engine, "SAM", "a long enough password")
    assert not worker_password_matches(hub_engine, "sam", "a long enough passwort")
    assert not worker_password_matches(hub_engine, "nobody", "a long enough password")


def test_devices_are_listed_and_revoked(
    hub: RunningHub, pair: Callable[[RunningHub], HubDevice]
) -> None:
    phone = pair(hub)
    [listed] = list_devices(hub.engine)
    assert listed.id == phone.device_id and listed.revoked_at is None
    revoke_device(hub.engine, phone.device_id)
    revoke_device(hub.engine, phone.device_id)  # revoking twice is harmless
    assert list_devices(hub.engine, hub.household_id)[0].revoked_at is not None
    with pytest.raises(UnknownDevice):
        revoke_device(hub.engine, "no-such-device")
    with pytest.raises(UnknownHousehold):
        issue_pairing_code(hub.engine, "no-such-household")
    assert open_agency(hub.engine, AGENCY_PASSPHRASE)
