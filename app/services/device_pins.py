"""Moving PIN hashes out of people's records, where stores made before kept them."""

from __future__ import annotations

from typing import Any

from app.domain.people import DevicePin
from app.services.household import MEMBERS, PINS
from app.storage import HouseholdStore


def move_pins_to_device(store: HouseholdStore) -> None:
    """Move PIN hashes out of people's records (where stores made before kept them).

    A PIN belongs to one device; in a person's record it would travel with it. Runs once per
    store opening and writes nothing when there is nothing to move. Untracked: PIN hashes
    never reached the agency, so the people's records there are already without them.
    """
    with store.exclusive():
        moving = store.find(MEMBERS, lambda doc: "pin_hash" in doc)
        if not moving:
            return
        puts: list[tuple[str, dict[str, Any], str | None]] = []
        for doc in moving:
            pin = DevicePin(doc["id"], doc.pop("pin_hash"), doc.get("created_at", ""))
            puts += [(MEMBERS, doc, None), (PINS, pin.to_json(), None)]
        store.put_many(puts, track=False)
