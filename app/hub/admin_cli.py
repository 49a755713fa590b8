"""``homeward hub-admin``: the agency looks after its hub from the command line.

Create the agency, add workers, register households and issue pairing codes, list and revoke
devices; the casework actions (caseloads, closing, retention, export and erasure) are in
``app.hub.casework.admin_cli``, the workers' accounts and the agency key's fingerprint in
``app.hub.accounts.admin_cli``. Every action opens the hub's database (running its
migrations) and does one thing; an expected problem is one plain line on stderr, exit 1, and
nothing changed.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_OK, CliError, read_secret_file
from app.domain.passphrase import MIN_LENGTH, Problem, check_passphrase
from app.domain.people import clean_name
from app.hub.cli import (
    ParserT,
    choose_database,
    database_errors,
    database_options,
    open_hub_database,
)
from app.i18n import dates, plural, t

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.hub.admin import HouseholdInfo


def cmd_hub_admin(args: argparse.Namespace) -> int:
    """Open the hub's database and do one agency task on it."""
    act: Callable[[Engine, argparse.Namespace], None] = args.act
    _check_text(args)
    database = choose_database(args.db, args.data_dir)
    engine = open_hub_database(database)
    try:
        with database_errors(database), _admin_errors():
            act(engine, args)
    finally:
        engine.dispose()
    return EXIT_OK


def _check_text(args: argparse.Namespace) -> None:
    """Refuse, before anything is opened, a word typed after the command that is not UTF-8
    text: a shell passes any bytes, and such a word cannot be stored, looked up or printed.
    Every action, its own or the casework's and accounts', comes through here."""
    for name, value in vars(args).items():
        if not isinstance(value, str | Path):
            continue
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:
            # The --db address may hold the database's password: name it, never show it.
            shown = "--db" if name == "db" else _escaped(str(value))
            raise CliError(t("hub_cli.error.not_text", word=shown)) from None


def _escaped(word: str) -> str:
    """A word with each byte that is not UTF-8 shown as \\xff, as the shell would write it."""
    try:
        raw = word.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate not from a byte: not from a shell
        return word.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


@contextmanager
def _admin_errors() -> Iterator[None]:
    """Turn the hub's refusals into plain messages (nothing was changed by any of them)."""
    from app.hub import admin

    try:
        yield
    except admin.AgencyExists:
        raise CliError(t("hub_cli.error.agency_exists")) from None
    except admin.NoAgency:
        raise CliError(t("hub_cli.error.no_agency")) from None
    except admin.UnusableUsername:
        raise CliError(t("hub_cli.error.username_unseen")) from None
    except admin.UsernameTaken as taken:
        raise CliError(t("hub_cli.error.username_taken", username=str(taken))) from None
    except admin.UnknownHousehold as unknown:
        raise CliError(t("hub_cli.error.unknown_household", id=str(unknown))) from None
    except admin.UnknownDevice as unknown:
        raise CliError(t("hub_cli.error.unknown_device", id=str(unknown))) from None
    except admin.HouseholdClosed as closed:
        raise CliError(t("hub_cli.error.household_closed", id=str(closed))) from None
    except admin.AdminError as error:
        raise CliError(t("hub_cli.error.admin", detail=str(error))) from None


def _ask(prompt_key: str) -> str:
    """Ask for a secret without echoing it."""
    try:
        return getpass.getpass(t(prompt_key))
    except EOFError:
        raise CliError(t("hub_cli.error.no_input")) from None


def new_secret(file: Path | None, kind: str, name: str) -> str:
    """A new passphrase or password, from its file or asked for twice, checked like a household's.

    Args:
        file: the file holding it, or None to ask.
        kind: ``"passphrase"`` (the agency's) or ``"password"`` (a worker's).
        name: the agency's or worker's name, which the secret must not merely repeat.
    """
    if file is not None:
        candidate = read_secret_file(file)
    else:
        first, again = (
            ("hub_cli.prompt.new_passphrase", "hub_cli.prompt.repeat_passphrase")
            if kind == "passphrase"
            else ("hub_cli.prompt.new_password", "hub_cli.prompt.repeat_password")
        )
        candidate = _ask(first)
        if _ask(again) != candidate:
            raise CliError(t("hub_cli.secret.differ"))
    check = check_passphrase(candidate, household_name=name)
    if not check.acceptable:
        reasons = "; ".join(
            t("hub_cli.secret.problem.has_name")
            if problem is Problem.HAS_NAME
            else t(f"cli.passphrase.problem.{problem.value}", min=MIN_LENGTH)
            for problem in check.problems
        )
        key = f"hub_cli.secret.refused_{kind}"
        raise CliError(t(key, reasons=reasons))
    return candidate


def _name(raw: str) -> str:
    """A name with its spaces tidied; refused when empty or too long."""
    from app.hub.admin import MAX_NAME_LENGTH

    cleaned = clean_name(raw)
    if not cleaned or len(cleaned) > MAX_NAME_LENGTH:
        raise CliError(t("hub_cli.error.name", max=MAX_NAME_LENGTH))
    return cleaned


def _when(moment: datetime) -> str:
    """A time in plain words in this computer's time zone: "14:32 on Tuesday 3 March 2026"."""
    local = moment.astimezone()
    day = f"{dates.weekday(local.date())} {dates.long_date(local.date())}"
    return t("hub_cli.when", time=f"{local:%H:%M}", day=day, zone=local.tzname() or "UTC")


def _print_code(engine: Engine, code: str, expires_at: datetime) -> None:
    """Show a pairing code, when it stops working, what the family does with it, and the key
    check their device will show (so nobody in between can pass for the agency)."""
    from app.hub.admin import agency_public_key
    from app.hub.protocol import agency_key_fingerprint

    print(t("hub_cli.code.show", code=code))
    print(t("hub_cli.code.expiry", when=_when(expires_at)))
    print(t("hub_cli.code.how"))
    print(t("hub_cli.code.key_check",
            fingerprint=agency_key_fingerprint(agency_public_key(engine))))


def _print_table(headings: list[str], rows: list[list[str]]) -> None:
    """Print rows under headings in aligned columns."""
    widths = [max(len(cell) for cell in column) for column in zip(headings, *rows, strict=True)]
    for line in [headings, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())


def _create_agency(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import AgencyExists, create_agency, has_agency

    name = _name(args.name)
    if has_agency(engine):
        raise AgencyExists()
    create_agency(engine, name, new_secret(args.passphrase_file, "passphrase", name))
    print(t("hub_cli.agency.created", name=name))
    print(t("hub_cli.agency.keep_passphrase"))


def _add_worker(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import (
        NoAgency,
        UsernameTaken,
        add_worker,
        clean_username,
        has_agency,
        username_taken,
    )

    name = _name(args.name)
    username = args.username.strip().lower()
    if not username or len(username) > 100 or len(username.split()) != 1:
        raise CliError(t("hub_cli.error.username"))
    clean_username(username)  # before the password is asked for
    if not has_agency(engine):
        raise NoAgency()
    if username_taken(engine, username):
        raise UsernameTaken(username)
    add_worker(engine, name, username, new_secret(args.password_file, "password", name),
               manager=args.manager)
    print(t("hub_cli.worker.added", name=name, username=username))
    print(t("hub_cli.worker.manager" if args.manager else "hub_cli.worker.allocate",
            username=username))


def _add_household(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import agency_public_key, issue_pairing_code, register_household

    name = _name(args.name)
    agency_public_key(engine)  # no agency yet: refuse before registering anything
    household_id = register_household(engine, name)
    code = issue_pairing_code(engine, household_id)
    print(t("hub_cli.household.added", name=name))
    print(t("hub_cli.household.id", id=household_id))
    _print_code(engine, code.code, code.expires_at)


def _pairing_code(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import issue_pairing_code

    code = issue_pairing_code(engine, args.household_id)
    print(t("hub_cli.code.new", id=args.household_id))
    _print_code(engine, code.code, code.expires_at)


def _households(engine: Engine, _args: argparse.Namespace) -> None:
    from app.hub.admin import list_households

    found = list_households(engine)
    if not found:
        print(t("hub_cli.households.none"))
        return
    headings = [t("hub_cli.households.id"), t("hub_cli.households.name"),
                t("hub_cli.households.devices"), t("hub_cli.households.revoked"),
                t("hub_cli.households.status"), t("hub_cli.households.keep")]
    rows = [[h.id, h.name or "-", str(h.devices), str(h.revoked_devices), _status(h),
             t("hub_cli.households.keep_days", days=h.retention_days)
             if h.retention_days is not None else t("hub_cli.households.keep_unset")]
            for h in found]
    _print_table(headings, rows)


def _status(household: HouseholdInfo) -> str:
    """Open, closed (and when) or erased (and when), in a word or three."""
    if household.erased_at is not None:
        return t("hub_cli.households.erased", day=_short_time(household.erased_at, "")[:10])
    if household.closed_at is not None:
        return t("hub_cli.households.closed", day=_short_time(household.closed_at, "")[:10])
    return t("hub_cli.households.open")


def _short_time(moment: datetime | None, missing: str) -> str:
    return missing if moment is None else f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _devices(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import UnknownHousehold, find_household, list_devices

    if args.household is not None and find_household(engine, args.household) is None:
        raise UnknownHousehold(args.household)
    found = list_devices(engine, args.household)
    if not found:
        print(t("hub_cli.devices.none"))
        return
    headings = [t("hub_cli.devices.id"), t("hub_cli.devices.household"),
                t("hub_cli.devices.paired"), t("hub_cli.devices.last_seen"),
                t("hub_cli.devices.revoked")]
    never, no = t("hub_cli.devices.never"), t("hub_cli.devices.no")
    rows = [
        [d.id, d.household_id, _short_time(d.paired_at, never),
         _short_time(d.last_seen_at, never), _short_time(d.revoked_at, no)]
        for d in found
    ]
    _print_table(headings, rows)
    print(t("hub_cli.devices.times", zone=datetime.now().astimezone().tzname() or "UTC"))


def _revoke(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.admin import UnknownDevice, find_device, records_last_sent_by, revoke_device

    device = find_device(engine, args.device_id)
    if device is None:
        raise UnknownDevice(args.device_id)
    if device.revoked_at is not None:
        print(t("hub_cli.revoke.already", id=device.id, when=_when(device.revoked_at)))
        return
    revoke_device(engine, device.id)
    print(t("hub_cli.revoke.done", id=device.id, household=device.household_id))
    print(plural(records_last_sent_by(engine, device.id), "hub_cli.revoke.records",
                 household=device.household_id))


def add_admin_command(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``hub-admin`` and its actions to the ``homeward`` subcommands."""
    admin = commands.add_parser(
        "hub-admin", help=t("hub_cli.help.hub_admin"), description=t("hub_cli.help.hub_admin")
    )
    database_options(admin)
    actions = admin.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, help_key: str, act: Callable[[Engine, argparse.Namespace], None]
               ) -> ParserT:
        sub = actions.add_parser(name, help=t(help_key), description=t(help_key))
        sub.set_defaults(handler=cmd_hub_admin, act=act)
        return sub

    create = action("create-agency", "hub_cli.help.create_agency", _create_agency)
    create.add_argument("--name", required=True, metavar="NAME", help=t("hub_cli.help.agency_name"))
    create.add_argument("--passphrase-file", type=Path, metavar="F",
                        help=t("hub_cli.help.passphrase_file"))
    worker = action("add-worker", "hub_cli.help.add_worker", _add_worker)
    worker.add_argument("--name", required=True, metavar="NAME", help=t("hub_cli.help.worker_name"))
    worker.add_argument("--username", required=True, metavar="U", help=t("hub_cli.help.username"))
    worker.add_argument("--password-file", type=Path, metavar="F",
                        help=t("hub_cli.help.password_file"))
    worker.add_argument("--manager", action="store_true", help=t("hub_cli.help.manager"))
    household = action("add-household", "hub_cli.help.add_household", _add_household)
    household.add_argument("--name", required=True, metavar="NAME",
                           help=t("hub_cli.help.household_name"))
    code = action("pairing-code", "hub_cli.help.pairing_code", _pairing_code)
    code.add_argument("household_id", metavar="HOUSEHOLD_ID", help=t("hub_cli.help.household_id"))
    action("households", "hub_cli.help.households", _households)
    devices = action("devices", "hub_cli.help.devices", _devices)
    devices.add_argument("--household", metavar="ID", help=t("hub_cli.help.only_household"))
    revoke = action("revoke", "hub_cli.help.revoke", _revoke)
    revoke.add_argument("device_id", metavar="DEVICE_ID", help=t("hub_cli.help.device_id"))

    from app.hub.accounts.admin_cli import add_account_actions
    from app.hub.casework.admin_cli import add_casework_actions

    add_casework_actions(action)
    add_account_actions(action)
