"""What a worker changes from the hub: alerts seen, bottom lines, next steps, resolved conflicts.

Each change is built with the same domain rules the app uses and written by
``sync.write_as_worker`` as a new hub revision signed ``agency:<worker id>``, so every paired
device gets it on its next pull (but a "seen" mark, which stays at the agency with the alerts:
rule 7). A plan change is made to the plan as the hub holds it at that moment (read again
just before writing), not to the copy on the worker's screen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine

from app.domain.alerts import AlertSeen, SafetyAlert
from app.domain.people import Avatar, Member, Role
from app.domain.safety import FAMILY_PLAN_ID, SafetyPlan, Section
from app.hub import conflict_queue, sync
from app.hub.caseload import ALERTS_SEEN, PLANS
from app.hub.worker.accounts import WorkerAccount
from app.hub.worker.household.data import current_doc


def as_member(worker: WorkerAccount, now: datetime) -> Member:
    """The worker as the household's records name them: the family's worker, from the agency."""
    return Member(worker.author, worker.name, Role.WORKER, Avatar.WORKER, now.isoformat())


def mark_alert_seen(
    engine: Engine, household_id: str, alert: SafetyAlert, worker: WorkerAccount, now: datetime
) -> AlertSeen:
    """Record that the worker has seen an alert (a new event; the alert itself never changes)."""
    at = now.isoformat()
    mark = AlertSeen(str(uuid.uuid4()), alert.id, worker.author, at)
    sync.write_as_worker(engine, household_id, collection=ALERTS_SEEN, record_id=mark.id,
                         body=mark.to_json(), shard=at[:7], worker_id=worker.id, now=now,
                         epoch=worker.epoch)
    return mark


PlanChange = Callable[[SafetyPlan, Member, str], SafetyPlan]
#: A plan that keeps changing under the worker's hands is tried again a few times.
PLAN_ATTEMPTS = 3


def change_plan(
    engine: Engine, household_id: str, change: PlanChange, worker: WorkerAccount, now: datetime
) -> SafetyPlan:
    """Apply ``change`` to the family's safety plan as the hub holds it now, and write it.

    Raises:
        SafetyRuleBroken: the words are missing or too long, or the point has gone already.
        sync.StaleBase: the plan kept changing under the worker's hands; nothing was written.
        WriteRefused: the worker may not change this household now; nothing was written.
    """
    for _attempt in range(PLAN_ATTEMPTS):
        stored = current_doc(engine, household_id, FAMILY_PLAN_ID)
        plan = SafetyPlan.from_json(stored.body) if stored is not None else SafetyPlan()
        changed = change(plan, as_member(worker, now), now.isoformat())
        try:
            sync.write_as_worker(engine, household_id, collection=PLANS,
                                 record_id=FAMILY_PLAN_ID, body=changed.to_json(),
                                 shard=stored.shard if stored else None, worker_id=worker.id,
                                 now=now, base_revision=stored.revision if stored else 0,
                                 epoch=worker.epoch)
        except sync.StaleBase:
            continue  # the family's edit landed in between: apply ours to theirs
        return changed
    raise sync.StaleBase(-1)


def add_bottom_line(text: str, reason: str) -> PlanChange:
    """A change that adds a bottom line (the agency's non-negotiable) and says why."""
    point_id = str(uuid.uuid4())
    return lambda plan, by, at: plan.with_point(by, Section.BOTTOM_LINES, point_id, text, at,
                                                reason)


def remove_bottom_line(point_id: str) -> PlanChange:
    """A change that takes a bottom line off the plan (its words stay in the history)."""
    return lambda plan, by, at: plan.without_point(by, Section.BOTTOM_LINES, point_id, at)


def add_action(what: str, who: str, due: str | None, reason: str) -> PlanChange:
    """A change that adds a next step: what, who does it, by when (ISO date or None), and why."""
    action_id = str(uuid.uuid4())
    return lambda plan, by, at: plan.with_action(by, action_id, what, who, due, at, reason)


def resolve(
    engine: Engine, conflict_id: int, keep: Literal["hub", "device"], worker: WorkerAccount,
    now: datetime,
) -> int:
    """Settle a conflicting edit by keeping one version; return the new hub revision."""
    return conflict_queue.resolve_conflict(engine, conflict_id, keep=keep, worker_id=worker.id,
                                           now=now, epoch=worker.epoch)
