"""Saving and reading records: round trips, shards, copies, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.storage import HouseholdStore, KdfParams, StoreError, StoreExists, StoreNotFound


def test_round_trip_survives_close_and_reopen(
    new_store: tuple[HouseholdStore, str], folder: Path, passphrase: str
) -> None:
    store, _ = new_store
    store.put("members", {"id": "m1", "name": "Sam", "pictures": ["sun", "tree"]})
    store.put("checkins", {"id": "c1", "score": 3, "note": "Café ☕"}, shard="2026-11")
    store.put("checkins", {"id": "c0", "score": 2}, shard="2026-10")
    store.close()

    reopened = HouseholdStore.open(folder, passphrase)
    assert reopened.get("members", "m1") == {"id": "m1", "name": "Sam", "pictures": ["sun", "tree"]}
    assert reopened.get("checkins", "c1") == {"id": "c1", "score": 3, "note": "Café ☕"}
    assert [d["id"] for d in reopened.find("checkins")] == ["c0", "c1"]
    assert reopened.find("checkins", lambda d: d["score"] > 2) == [
        {"id": "c1", "score": 3, "note": "Café ☕"}
    ]
    assert reopened.counts() == {"checkins": 2, "members": 1}
    assert reopened.verify() == {"checkins": 2, "members": 1}
    reopened.close()


def test_find_orders_shards_ascending_and_keeps_insertion_order(
    new_store: tuple[HouseholdStore, str],
) -> None:
    store, _ = new_store
    store.put("diary", {"id": "x"})
    store.put("diary", {"id": "b"}, shard="2026-12")
    store.put("diary", {"id": "a"}, shard="2026-12")
    store.put("diary", {"id": "z"}, shard="2026-02")
    store.put("diary", {"id": "b", "edited": True}, shard="2026-12")  # replaced in place
    assert [d["id"] for d in store.find("diary")] == ["x", "z", "b", "a"]
    assert store.get("diary", "b") == {"id": "b", "edited": True}


def test_put_replaces_whole_document_and_can_move_it_between_shards(
    new_store: tuple[HouseholdStore, str], folder: Path, passphrase: str
) -> None:
    store, _ = new_store
    store.put("checkins", {"id": "c1", "score": 1, "old": True}, shard="2026-10")
    store.put("checkins", {"id": "c1", "score": 5}, shard="2026-11")
    assert store.find("checkins") == [{"id": "c1", "score": 5}]
    store.close()
    reopened = HouseholdStore.open(folder, passphrase)
    assert reopened.find("checkins") == [{"id": "c1", "score": 5}]
    assert reopened.counts() == {"checkins": 1}
    reopened.close()


def test_remove_deletes_from_whichever_shard(
    new_store: tuple[HouseholdStore, str], folder: Path, passphrase: str
) -> None:
    store, _ = new_store
    store.put_many([("chores", {"id": "t1"}, "2026-10"), ("chores", {"id": "t2"}, "2026-11")])
    assert store.remove("chores", "t1") is True
    assert store.remove("chores", "t1") is False
    assert store.remove("nothing", "t1") is False
    store.close()
    reopened = HouseholdStore.open(folder, passphrase)
    assert reopened.find("chores") == [{"id": "t2"}]
    reopened.close()


def test_get_and_find_return_copies(new_store: tuple[HouseholdStore, str]) -> None:
    store, _ = new_store
    steps = ["breathe"]
    store.put("plans", {"id": "p1", "steps": steps, "meta": {"by": "m1"}})
    steps.append("changed after put")
    got = store.get("plans", "p1")
    assert got is not None
    got["steps"].append("changed after get")
    store.find("plans")[0]["meta"]["by"] = "someone else"
    assert store.get("plans", "p1") == {"id": "p1", "steps": ["breathe"], "meta": {"by": "m1"}}


@pytest.mark.parametrize(
    ("collection", "doc", "shard"),
    [
        ("members", {"name": "no id"}, None),
        ("members", {"id": 7}, None),
        ("members", {"id": "m1", "when": object()}, None),
        ("members", {"id": "m1", "nan": float("nan")}, None),
        ("Members", {"id": "m1"}, None),
        ("members", {"id": "m1"}, "../escape"),
    ],
)
def test_bad_documents_and_names_are_refused_without_saving(
    new_store: tuple[HouseholdStore, str],
    collection: str,
    doc: dict[str, object],
    shard: str | None,
) -> None:
    store, _ = new_store
    with pytest.raises(ValueError):
        store.put(collection, doc, shard=shard)
    assert store.counts() == {}


def test_create_refuses_existing_store_and_open_needs_one(
    new_store: tuple[HouseholdStore, str], folder: Path, tmp_path: Path, fast_kdf: KdfParams
) -> None:
    with pytest.raises(StoreExists):
        HouseholdStore.create(folder, "another", kdf=fast_kdf)
    with pytest.raises(StoreNotFound):
        HouseholdStore.open(tmp_path / "empty", "whatever")
    assert HouseholdStore.exists(folder)
    assert not HouseholdStore.exists(tmp_path / "empty")


def test_closed_store_refuses_use(new_store: tuple[HouseholdStore, str]) -> None:
    store, _ = new_store
    store.close()
    with pytest.raises(StoreError):
        store.get("members", "m1")
    store.close()  # closing twice is harmless


def test_error_messages_are_plain_english(
    new_store: tuple[HouseholdStore, str], folder: Path
) -> None:
    with pytest.raises(StoreError) as caught:
        HouseholdStore.open(folder, "not it")
    assert "passphrase" in str(caught.value)
