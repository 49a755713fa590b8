"""Random sequences of saves, deletes and reopenings agree with a plain dict model."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from app.storage import HouseholdStore, KdfParams

PASSPHRASE = "kettle on, shoes by the door"

collections = st.sampled_from(["checkins", "diary"])
ids = st.sampled_from(["a", "b", "c", "d", "e", "f"])
shards = st.sampled_from([None, "2026-10", "2026-11", "2027-01"])
values = st.one_of(st.integers(-5, 5), st.text(max_size=6), st.lists(st.integers(0, 3), max_size=3))
items = st.tuples(collections, ids, shards, values)

# collection -> shard -> id -> document; dicts keep insertion order like the store's tables.
Model = dict[str, dict[str | None, dict[str, dict[str, Any]]]]


def _model_put(model: Model, collection: str, doc_id: str, shard: str | None, value: Any) -> None:
    by_shard = model.setdefault(collection, {})
    doc = {"id": doc_id, "value": value}
    for name, docs in by_shard.items():
        if doc_id in docs and name != shard:
            del docs[doc_id]
    by_shard.setdefault(shard, {})[doc_id] = doc


class StoreAgainstModel(RuleBasedStateMachine):
    """Drives a real store in a temp folder alongside the model."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="homeward-model-"))
        self.folder = self.tmp / "household"
        self.store, _ = HouseholdStore.create(
            self.folder, PASSPHRASE, kdf=KdfParams.fast_for_tests()
        )
        self.model: Model = {}

    @rule(item=items)
    def put(self, item: tuple[str, str, str | None, Any]) -> None:
        collection, doc_id, shard, value = item
        self.store.put(collection, {"id": doc_id, "value": value}, shard=shard)
        _model_put(self.model, collection, doc_id, shard, value)

    @rule(batch=st.lists(items, min_size=1, max_size=4))
    def put_many(self, batch: list[tuple[str, str, str | None, Any]]) -> None:
        self.store.put_many([(c, {"id": i, "value": v}, s) for c, i, s, v in batch])
        for collection, doc_id, shard, value in batch:
            _model_put(self.model, collection, doc_id, shard, value)

    @rule(collection=collections, doc_id=ids)
    def remove(self, collection: str, doc_id: str) -> None:
        existed = any(doc_id in docs for docs in self.model.get(collection, {}).values())
        assert self.store.remove(collection, doc_id) is existed
        for docs in self.model.get(collection, {}).values():
            docs.pop(doc_id, None)

    @rule(read_only=st.booleans())
    def close_and_reopen(self, read_only: bool) -> None:
        self.store.close()
        if read_only:
            viewer = HouseholdStore.open(self.folder, PASSPHRASE, read_only=True)
            self._check(viewer)
            viewer.close()
        self.store = HouseholdStore.open(self.folder, PASSPHRASE)

    @invariant()
    def matches_model(self) -> None:
        self._check(self.store)

    def _check(self, store: HouseholdStore) -> None:
        expected_counts = {}
        for collection in ("checkins", "diary"):
            by_shard = self.model.get(collection, {})
            ordered = sorted(by_shard, key=lambda s: (s is not None, s or ""))
            expected = [doc for shard in ordered for doc in by_shard[shard].values()]
            assert store.find(collection) == expected
            for doc in expected:
                assert store.get(collection, doc["id"]) == doc
            if expected:
                expected_counts[collection] = len(expected)
        assert store.counts() == expected_counts

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


StoreAgainstModel.TestCase.settings = settings(
    max_examples=100, stateful_step_count=25, deadline=None
)
test_store_agrees_with_a_dict_model = StoreAgainstModel.TestCase
