"""``homeward hub-admin`` actions for casework: caseloads, closing and opening again,
retention, export, erasure.

Each action checks everything it can before it changes anything, and says what it did in
plain words; a refusal is one plain line, exit 1, with nothing changed (``app.cli``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.cli import CliError
from app.i18n import dates, plural, t

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.hub.casework.retention import CaseState

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)
Act = Callable[["Engine", argparse.Namespace], None]
#: Asks for the agency's full copy of a household's records; its name is its warning.
FULL_COPY = "--full-copy-not-for-the-family"


@contextmanager
def casework_errors() -> Iterator[None]:
    """Turn casework refusals into plain lines (none of them changed anything)."""
    from app.hub.casework import allocation, export, retention

    try:
        yield
    except allocation.UnknownWorker as unknown:
        raise CliError(t("hub_cli.error.unknown_worker", username=str(unknown))) from None
    except allocation.NotAllocated as gone:  # taken off a moment ago, by someone else
        raise CliError(t("hub_cli.error.no_longer_allocated", id=str(gone))) from None
    except retention.HouseholdErased as erased:
        raise CliError(t("hub_cli.error.erased", id=str(erased))) from None
    except retention.AlreadyOpen as open_case:  # opened a moment ago, by someone else
        raise CliError(t("hub_cli.error.already_open", household=str(open_case))) from None
    except retention.NotClosed as open_case:
        raise CliError(t("hub_cli.error.not_closed", id=str(open_case))) from None
    except retention.NoRetention as unset:
        raise CliError(t("hub_cli.error.no_retention", id=str(unset))) from None
    except retention.WithinRetention as within:
        raise CliError(t("hub_cli.error.within_retention", when=_day(within.until))) from None
    except retention.BadRetention:
        raise CliError(t("hub_cli.error.days", max=retention.MAX_RETENTION_DAYS)) from None
    except export.ExportExists as exists:
        raise CliError(t("hub_cli.error.export_exists", path=str(exists))) from None


def _day(moment: datetime) -> str:
    """A date in plain words, in this computer's time zone: "3 March 2026"."""
    local = moment.astimezone()
    return dates.long_date(local.date())


def _live_household(engine: Engine, household_id: str) -> CaseState:
    """The household's case, refused if the hub has no such household or it was erased."""
    from app.hub.admin import UnknownHousehold
    from app.hub.casework.retention import HouseholdErased, case_state

    state = case_state(engine, household_id)
    if state is None:
        raise UnknownHousehold(household_id)
    if state.erased_at is not None:
        raise HouseholdErased(household_id)
    return state


def _assign(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.casework.allocation import allocate, find_worker

    state = _live_household(engine, args.household_id)
    worker = find_worker(engine, args.username)
    if allocate(engine, state.id, worker.id, datetime.now(UTC)):
        print(t("hub_cli.assign.done", household=state.name, name=worker.name))
    else:
        print(t("hub_cli.assign.already", household=state.name, name=worker.name))
    if worker.manager:
        print(t("hub_cli.assign.manager", name=worker.name))


def _unassign(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.casework.allocation import deallocate, find_worker, is_allocated

    state = _live_household(engine, args.household_id)
    worker = find_worker(engine, args.username)
    if not is_allocated(engine, state.id, worker.id):
        raise CliError(t("hub_cli.error.not_allocated", household=state.name, name=worker.name))
    deallocate(engine, state.id, worker.id)
    print(t("hub_cli.unassign.done", household=state.name, name=worker.name))


def _close(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import list_devices
    from app.hub.casework.retention import close_household

    state = _live_household(engine, args.household_id)
    if state.closed_at is not None:
        print(t("hub_cli.close.already", name=state.name, day=_day(state.closed_at)))
        return
    removed = sum(1 for d in list_devices(engine, state.id) if d.revoked_at is None)
    close_household(engine, state.id, datetime.now(UTC))
    print(plural(removed, "hub_cli.close.done", name=state.name))
    if state.retention_days is None:
        print(t("hub_cli.close.set_retention", id=state.id))


def _reopen(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.casework.retention import reopen_household

    state = _live_household(engine, args.household_id)
    if state.closed_at is None:
        raise CliError(t("hub_cli.error.already_open", household=state.name))
    reopen_household(engine, state.id, datetime.now(UTC),
                     f"homeward hub-admin reopen-household {state.id}")
    print(t("hub_cli.reopen.done", name=state.name, id=state.id))
    if state.retention_days is not None:
        print(t("hub_cli.reopen.retention", days=state.retention_days))


def _set_retention(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.casework.retention import case_state, parse_days, set_retention

    days = parse_days(args.days)
    state = _live_household(engine, args.household_id)
    set_retention(engine, state.id, days)
    print(t("hub_cli.retention.done", name=state.name, days=days))
    after = case_state(engine, state.id)
    if after is not None and after.keep_until is not None:
        print(t("hub_cli.retention.until", day=_day(after.keep_until)))


def _export(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.casework.export import ExportExists, export_household

    state = _live_household(engine, args.household_id)
    folder: Path = args.out
    for_the_family = not args.full_copy_not_for_the_family
    try:
        done = export_household(engine, state.id, folder, datetime.now(UTC),
                                for_the_family=for_the_family)
    except ExportExists:
        raise  # said plainly by casework_errors
    except OSError as error:
        reason = error.strerror or str(error)
        raise CliError(t("hub_cli.error.export_folder", folder=folder, reason=reason)) from None
    if for_the_family:
        print(t("hub_cli.export.family_done", name=state.name, count=done.records,
                path=done.json_path))
        print(t("hub_cli.export.for_family"))
    else:
        print(t("hub_cli.export.done", name=state.name, count=done.records, path=done.json_path))
        print(t("hub_cli.export.sealed"))
        print(t("hub_cli.export.not_for_family", option=FULL_COPY))
    if done.pdf_path is not None:
        print(t("hub_cli.export.pdf", path=done.pdf_path))
    elif done.not_printed:
        print(t("hub_cli.export.not_printed"))
    else:
        print(t("hub_cli.export.no_pdf"))


def _erase(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.casework.retention import check_erasable, erase_household

    state = _live_household(engine, args.household_id)
    now = datetime.now(UTC)
    check_erasable(state, now)  # refuse in plain words before anything is touched
    erase_household(engine, state.id, now, f"homeward hub-admin erase-household {state.id}")
    print(t("hub_cli.erase.done", name=state.name, id=state.id))


def add_casework_actions(action: Callable[[str, str, Act], ParserT]) -> None:
    """Add the casework actions through ``hub-admin``'s own ``action(name, help, act)``."""

    def guarded(act: Act) -> Act:
        def run(engine: Engine, args: argparse.Namespace) -> None:
            with casework_errors():
                act(engine, args)

        return run

    household_help = t("hub_cli.help.household_id")
    for name, help_key, act in (("assign", "hub_cli.help.assign", _assign),
                                ("unassign", "hub_cli.help.unassign", _unassign)):
        sub = action(name, help_key, guarded(act))
        sub.add_argument("household_id", metavar="HOUSEHOLD", help=household_help)
        sub.add_argument("username", metavar="USERNAME", help=t("hub_cli.help.worker_username"))
    close = action("close-household", "hub_cli.help.close_household", guarded(_close))
    close.add_argument("household_id", metavar="HOUSEHOLD", help=household_help)
    reopen = action("reopen-household", "hub_cli.help.reopen", guarded(_reopen))
    reopen.add_argument("household_id", metavar="HOUSEHOLD", help=household_help)
    keep = action("set-retention", "hub_cli.help.set_retention", guarded(_set_retention))
    keep.add_argument("household_id", metavar="HOUSEHOLD", help=household_help)
    keep.add_argument("days", metavar="DAYS", help=t("hub_cli.help.days"))
    export = action("export-household", "hub_cli.help.export_household", guarded(_export))
    export.add_argument("household_id", metavar="HOUSEHOLD", help=household_help)
    export.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help=t("hub_cli.help.out"))
    export.add_argument(FULL_COPY, action="store_true", help=t("hub_cli.help.full_copy"))
    erase = action("erase-household", "hub_cli.help.erase_household", guarded(_erase))
    erase.add_argument("household_id", metavar="HOUSEHOLD", help=household_help)
