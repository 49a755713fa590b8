"""Three devices of one household and their worker, in random order, with the network failing.

Hypothesis drives a real hub (SQLite, on 127.0.0.1) and three real encrypted stores through
random edits (a shared document, events, diary entries shared and taken back), syncs, lost
answers, batches delayed and delivered late, a device restored from an older copy of its
folder, and a hub restart. After everyone has synced, in the spirit of Jepsen's checks:

- every check-in a device ever had acknowledged by the hub is on the hub and on every device;
- every line of the safety plan that the hub acknowledged (from a device, or written by the
  worker) is in the hub's plan, or was shown to a person in a conflict;
- every device and the hub hold the same version of every record, or an open conflict names
  the record that differs, so a person is shown it;
- the worker never sees the words of a diary entry its author has made private.

``HOMEWARD_CONVERGENCE_EXAMPLES`` runs more examples (CI runs 200, the same ones each time);
``HOMEWARD_CONVERGENCE_RANDOM=1`` explores new ones on each run, and
``HOMEWARD_CONVERGENCE_STEPS`` makes each longer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
)

from app.domain.checkins import Feeling
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.safety import SafetyPlan, Section
from app.hub import conflict_queue
from app.hub.admin import add_worker, create_agency, register_household
from app.hub.casework.allocation import allocate
from app.hub.db import make_engine, migrate
from app.hub.server import build_hub_asgi
from app.hub.worker.accounts import WorkerAccount
from app.hub.worker.household.changes import add_bottom_line, change_plan
from app.hub.worker.household.data import household_records
from app.services.checkins import checkins_for
from app.services.diary import diary_for
from app.services.safety import safety_for
from app.storage.crypto import KdfParams
from app.sync.catalogue import CONFLICTS
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub, ThreadedServer, free_port
from tests.sync.household_devices import (
    Device,
    first_device,
    hub_shared_records,
    joined_device,
    shared_records,
)

EXAMPLES = int(os.environ.get("HOMEWARD_CONVERGENCE_EXAMPLES", "100"))
STEPS = int(os.environ.get("HOMEWARD_CONVERGENCE_STEPS", "12"))
WORDS = ["Bedtimes", "School run", "Tea", "Homework", "Screens", "Mornings"]
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


class LostAnswer(httpx.TransportError):
    """The hub answered, but the answer never reached the device."""


class HouseholdConvergence(RuleBasedStateMachine):
    """The household's three devices, the worker and the hub, driven at random."""

    diary_entries = Bundle("diary_entries")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="homeward-converge-"))
        self.engine = make_engine(f"sqlite:///{self.folder / 'hub.sqlite3'}")
        migrate(self.engine)
        create_agency(self.engine, "Riverside Family Service", AGENCY_PASSPHRASE,
                      KdfParams.fast_for_tests())
        worker_id = add_worker(self.engine, "Priya Shah", "priya", "a long password for priya")
        self.worker = WorkerAccount(worker_id, "Priya Shah", "priya")
        self.household_id = register_household(self.engine, "The Taylor household")
        allocate(self.engine, self.household_id, worker_id, NOW)  # Priya's caseload
        self.port = free_port()
        self.server = ThreadedServer(build_hub_asgi(self.engine), self.port)
        self.server.start()
        self.devices: list[Device] = []
        self.backups: dict[int, Path] = {}
        self.held_back: list[httpx.Request] = []
        self.acknowledged: set[str] = set()  # check-ins the hub is known to have
        self.plan_lines: set[str] = set()  # lines of the plan the hub is known to have had
        self.shown: set[str] = set()  # lines a person saw while settling a conflict

    @property
    def hub(self) -> RunningHub:
        """The running hub, as the device helpers expect it."""
        return RunningHub(self.server.url, self.engine, self.household_id, self.server)

    @initialize()
    def three_devices(self) -> None:
        """The Taylors' phone, then a tablet and a carer's phone that join it."""
        self.devices = [first_device(self.folder / "phone", self.hub),
                        joined_device(self.folder / "tablet", "tablet", self.hub),
                        joined_device(self.folder / "carer", "carer", self.hub)]

    # --- what people do -----------------------------------------------------------------

    @rule(which=st.integers(0, 2), words=st.sampled_from(WORDS),
          section=st.sampled_from([Section.WORRIES, Section.WORKING_WELL]))
    def change_the_plan(self, which: int, words: str, section: Section) -> None:
        device = self.devices[which]
        safety = safety_for(device.household)
        plan = safety.plan()
        if words not in [p.text for p in (*plan.worries, *plan.working_well)]:
            safety.add_point(device.person("Jo"), section, words)

    @rule(which=st.integers(0, 2), feeling=st.sampled_from(list(Feeling)))
    def a_child_checks_in(self, which: int, feeling: Feeling) -> None:
        device = self.devices[which]
        checkins_for(device.household).record(device.person("Sam"), feeling, 2)

    @rule(target=diary_entries, which=st.integers(0, 2), shared=st.booleans())
    def a_parent_writes_in_the_diary(self, which: int, shared: bool) -> tuple[int, str]:
        device = self.devices[which]
        entry = diary_for(device.household).write(device.person("Jo"), _words(shared))
        return which, entry.entry_id

    @rule(entry=diary_entries, shared=st.booleans())
    def a_parent_shares_or_takes_back_an_entry(self, entry: tuple[int, str],
                                               shared: bool) -> None:
        which, entry_id = entry
        device = self.devices[which]
        diary = diary_for(device.household)
        jo = device.person("Jo")
        if any(e.entry_id == entry_id for e in diary.entries(jo)):  # gone after a restore
            diary.change(jo, entry_id, _words(shared))

    @rule(words=st.sampled_from(WORDS))
    def the_worker_adds_a_bottom_line(self, words: str) -> None:
        change_plan(self.engine, self.household_id,
                    add_bottom_line(words, "Agreed at the last review"), self.worker, NOW)
        self.plan_lines.add(words)

    @rule(keep=st.sampled_from(["hub", "device"]))
    def the_worker_settles_a_conflict(self, keep: str) -> None:
        found = conflict_queue.list_conflicts(self.engine, self.household_id)
        if found:
            # The worker sees both versions side by side before choosing.
            self.shown |= _lines(found[0].body) | _lines(self._hub_plan())
            conflict_queue.resolve_conflict(self.engine, found[0].id, keep=keep,  # type: ignore[arg-type]
                                            worker_id=self.worker.id, now=NOW)

    # --- syncing, and the network failing ---------------------------------------------------

    @rule(which=st.integers(0, 2))
    def sync(self, which: int) -> None:
        device = self.devices[which]
        status = device.sync().sync_now()
        if status.problem is None and status.waiting == 0:
            self.acknowledged |= _checkin_ids(device)
            self.plan_lines |= _lines(device.store.get("safety_plans", "family"))

    @rule(which=st.integers(0, 2))
    def sync_and_lose_the_answer(self, which: int) -> None:
        device = self.devices[which]

        def lose(request: httpx.Request) -> None:
            if request.url.path == "/v1/push":
                raise LostAnswer("the answer was lost", request=request)

        device.transport.after = lose
        try:
            device.sync().sync_now()
        finally:
            device.transport.after = lambda request: None

    @rule(which=st.integers(0, 2))
    def a_batch_is_held_back_on_the_network(self, which: int) -> None:
        device = self.devices[which]

        def hold(request: httpx.Request) -> None:
            if request.url.path == "/v1/push":
                request.read()
                self.held_back.append(request)
                raise httpx.ConnectError("held back", request=request)

        device.transport.before = hold
        try:
            device.sync().sync_now()
        finally:
            device.transport.before = lambda request: None

    @precondition(lambda self: bool(self.held_back))
    @rule()
    def the_held_back_batch_arrives_late(self) -> None:
        late = self.held_back.pop(0)
        if time.time() - int(late.headers["X-Homeward-Timestamp"]) < 240:
            with httpx.Client() as client:
                client.send(late)

    @rule(which=st.integers(0, 2))
    def back_up_a_device(self, which: int) -> None:
        copy = self.folder / f"backup-{which}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.devices[which].folder, copy)
        self.backups[which] = copy

    @precondition(lambda self: bool(self.backups))
    @rule(data=st.data())
    def restore_a_device_from_its_backup(self, data: st.DataObject) -> None:
        which = data.draw(st.sampled_from(sorted(self.backups)))
        device = self.devices[which]
        device.gate.close()
        shutil.rmtree(device.folder)
        shutil.copytree(self.backups[which], device.folder)
        device.reopen()

    @rule()
    def restart_the_hub(self) -> None:
        self.server.stop()
        self.server = ThreadedServer(build_hub_asgi(self.engine), self.port)
        self.server.start()

    # --- afterwards -------------------------------------------------------------------------

    def _hub_plan(self) -> dict[str, Any] | None:
        held = hub_shared_records(self.engine, self.household_id).get(("safety_plans", "family"))
        return None if held is None else held[1]

    def teardown(self) -> None:
        try:
            if self.devices:
                self._everyone_syncs_and_agrees()
        finally:
            for device in self.devices:
                device.gate.close()
            self.server.stop()
            self.engine.dispose()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _everyone_syncs_and_agrees(self) -> None:
        for _round in range(3):
            for device in self.devices:
                status = device.sync().sync_now()
                assert status.problem is None, (device.name, status)
        on_hub = hub_shared_records(self.engine, self.household_id)
        crossed = {c.record_id for c in conflict_queue.list_conflicts(
            self.engine, self.household_id)}
        hub_checkins = {rid for (collection, rid) in on_hub if collection == "checkins"}
        assert self.acknowledged <= hub_checkins, self.acknowledged - hub_checkins
        filed = set().union(*(_lines(c.body) for c in conflict_queue.list_conflicts(
            self.engine, self.household_id, include_resolved=True)))
        missing = self.plan_lines - _lines(self._hub_plan()) - filed - self.shown
        assert not missing, missing
        for device in self.devices:
            assert device.sync().status().waiting == 0, device.name
            mine = shared_records(device.store)
            noted = {n["record_id"] for n in device.store.find(CONFLICTS) if n.get("open")}
            assert self.acknowledged <= _checkin_ids(device), device.name
            for key in set(mine) | set(on_hub):
                if mine.get(key) != on_hub.get(key):
                    assert key[1] in crossed | noted, (device.name, key, mine.get(key),
                                                       on_hub.get(key))
            # The worker sees a diary wording only while its author still shares it.
            seen = household_records(self.engine, self.household_id)
            assert seen is not None
            private = {e["id"] for e in device.store.find("diary_entries")
                       if e.get("sharing") != "worker" or e.get("withdrawn_at")}
            assert not private & {e.id for e in seen.diary}, device.name


def _words(shared: bool) -> DiaryWords:
    return DiaryWords(date.today(), DayPart.BEDTIME, went_well="A calm evening",
                      sharing=Sharing.WORKER if shared else Sharing.PRIVATE)


def _lines(plan: dict[str, Any] | None) -> set[str]:
    """Every line of a safety plan's body (as stored or sent), for comparing versions."""
    if not plan:
        return set()
    found = SafetyPlan.from_json(plan)
    return {p.text for p in (*found.worries, *found.working_well, *found.bottom_lines)}


def _checkin_ids(device: Device) -> set[str]:
    return {doc["id"] for doc in device.store.find("checkins")}


HouseholdConvergence.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    derandomize=not os.environ.get("HOMEWARD_CONVERGENCE_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_the_household_and_the_agency_converge = HouseholdConvergence.TestCase
# 100 examples of real stores and a real hub take minutes, more on a busy machine (set
# HOMEWARD_CONVERGENCE_EXAMPLES for a longer search).
test_the_household_and_the_agency_converge.pytestmark = [pytest.mark.timeout(1800)]
