"""The ``homeward`` command line: serve the app and look after a household's store.

Subcommands:
    run      serve the app as a web app on this device (no browser is opened)
    init     create a household without the app
    verify   check every file of a household, changing nothing
    passwd   change the household passphrase
    recover  set a new passphrase with the recovery key
    recovery-key  make a new recovery key, knowing the passphrase (the old one stops working)
    export   everything held about the household, as JSON and a PDF
    backup   the household in one sealed file; restore puts one back into an empty folder
    hub        serve the agency's hub (see ``app.hub.cli``)
    hub-admin  look after the hub: agency, workers, households, pairing codes, devices

Exit codes: 0 done; 1 refused or not possible (nothing changed); 2 wrong passphrase or
recovery key; 3 the store is damaged; 64 the command line itself is wrong; 130 stopped
with Ctrl+C. Expected problems print one plain message, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import paths
from app.backup_cli import add_backup_commands
from app.domain.passphrase import MIN_LENGTH, Problem, check_passphrase
from app.export_cli import add_export_command
from app.i18n import t
from app.recovery_key_cli import add_recovery_key_command
from app.store_cli import store_errors as _store_errors

if TYPE_CHECKING:
    from app.storage import HouseholdStore

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_WRONG_SECRET = 2
EXIT_DAMAGED = 3
EXIT_USAGE = 64
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """An expected problem: a plain message for the person and an exit code."""

    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class _Parser(argparse.ArgumentParser):
    """Argument parser whose usage errors exit 64, so they never look like exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the problem, then exit with ``EXIT_USAGE``."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


# --- reading secrets -------------------------------------------------------------------


def read_secret_file(path: Path) -> str:
    """Read a passphrase or key file, stripping one trailing newline only.

    Raises:
        CliError: the file cannot be read or is not UTF-8 text.
    """
    try:
        text = path.expanduser().read_bytes().decode("utf-8")
    except OSError as error:
        raise CliError(t("cli.error.file_unreadable", file=path, reason=error.strerror)) from None
    except UnicodeDecodeError:
        raise CliError(t("cli.error.file_not_text", file=path)) from None
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith("\n"):
        return text[:-1]
    return text


def _prompt(prompt: str) -> str:
    """Ask for a secret without echoing it."""
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CliError(t("cli.error.no_input")) from None


def _current_passphrase(file: Path | None) -> str:
    """The current passphrase, from its file or asked for once."""
    return read_secret_file(file) if file else _prompt(t("cli.prompt.passphrase"))


def _new_passphrase(file: Path | None, household_name: str) -> str:
    """A new passphrase, from its file or asked for twice, checked against the rules.

    Raises:
        CliError: the two entries differ, or the passphrase breaks a rule.
    """
    if file:
        candidate = read_secret_file(file)
    else:
        candidate = _prompt(t("cli.prompt.new_passphrase"))
        if _prompt(t("cli.prompt.repeat_passphrase")) != candidate:
            raise CliError(t("cli.error.passphrases_differ"))
    check = check_passphrase(candidate, household_name=household_name)
    if not check.acceptable:
        raise CliError(refusal_message(check.problems))
    return candidate


def refusal_message(problems: Sequence[Problem]) -> str:
    """Explain in plain words why a passphrase was refused."""
    reasons = [
        "  - " + t(f"cli.passphrase.problem.{problem.value}", min=MIN_LENGTH)
        for problem in problems
    ]
    return "\n".join([t("cli.passphrase.refused"), *reasons])


def _require_store(folder: Path) -> None:
    """Fail with a plain message when no household lives in ``folder``."""
    from app.storage import HouseholdStore

    if not HouseholdStore.exists(folder):
        raise CliError(t("cli.error.not_found", folder=folder))


def _household_name(store: HouseholdStore) -> str:
    """The household's name, for checking a new passphrase does not just repeat it."""
    from app.services.setup import HOUSEHOLD, HOUSEHOLD_ID

    record = store.get(HOUSEHOLD, HOUSEHOLD_ID) or {}
    return str(record.get("name", ""))


# --- subcommands -----------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    """Serve the app on this device until Ctrl+C."""
    from app import server

    folder = paths.data_dir(args.data_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not server.is_loopback(args.host):
        print(t("cli.run.network_warning", host=args.host), file=sys.stderr, flush=True)

    def announce() -> None:
        print(t("cli.run.address", url=server.page_url(args.host, args.port)), flush=True)
        print(t("cli.run.data_folder", folder=folder), flush=True)
        print(t("cli.run.stop_hint"), flush=True)

    try:
        server.serve(folder, host=args.host, port=args.port, allowed_hosts=args.allowed_hosts,
                     on_ready=announce)
    except OSError as error:
        raise CliError(
            t("cli.run.cannot_listen", host=args.host, port=args.port, reason=error.strerror)
        ) from None
    print(t("cli.run.stopped"), flush=True)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """Create a household store without the app."""
    from app.services.setup import HouseholdNameMissing, PassphraseRefused, create_household
    from app.storage.crypto import write_new

    folder = paths.data_dir(args.data_dir)
    passphrase = read_secret_file(args.passphrase_file)
    key_file: Path | None = args.recovery_key_file
    if key_file is not None:
        key_file = key_file.expanduser()
        if key_file.exists():
            raise CliError(t("cli.init.key_file_exists", file=key_file))
        if not key_file.parent.is_dir():
            raise CliError(t("cli.init.key_folder_missing", folder=key_file.parent))
    try:
        with _store_errors(folder):
            # The store makes a new folder readable by this user only (0700), as ``run`` does.
            store, recovery_key = create_household(folder, args.household, passphrase)
    except HouseholdNameMissing:
        raise CliError(t("cli.init.name_missing")) from None
    except PassphraseRefused as refused:
        raise CliError(refusal_message(refused.check.problems)) from None
    try:
        # Saved or printed below: the command line's showing is the handing over, so the app
        # must not make it again when setup carries on there.
        with _store_errors(folder):
            store.recovery_key_kept(recovery_key)
    finally:
        store.close()
    print(t("cli.init.created", name=" ".join(args.household.split()), folder=folder))
    if key_file is not None:
        try:
            write_new(key_file, (recovery_key + "\n").encode("utf-8"))  # whole or not at all
        except OSError as error:
            print(t("cli.init.key_file_failed", file=key_file, reason=error.strerror))
        else:
            print(t("cli.init.key_saved", file=key_file))
            return EXIT_OK
    print(t("cli.init.key_shown", key=recovery_key))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Authenticate every file read-only and print record counts; never writes."""
    from app.storage import HouseholdStore
    from app.sync.home import counts_at_home

    folder = paths.data_dir(args.data_dir)
    _require_store(folder)
    passphrase = _current_passphrase(args.passphrase_file)
    with _store_errors(folder):
        # Every file, copies and journal included, without opening the store: one damaged
        # file never hides another, and each is named.
        HouseholdStore.check(folder, passphrase)
        # Whoever has the passphrase may run this, a parent too: the counts are those a
        # parent may be told of, with no alert, nothing sealed for the worker, no rating that
        # raised an alert, nor the queue they pass through (rule 7).
        store = HouseholdStore.open(folder, passphrase, read_only=True)
        try:
            counts = counts_at_home(store)
        finally:
            store.close()
    print(t("cli.verify.sound", folder=folder))
    print(t("cli.verify.counts_heading"))
    width = max((len(name) for name in counts), default=0)
    for name in sorted(counts):
        print(f"  {name.ljust(width)}  {counts[name]}")
    print(t("cli.verify.left_out"))
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    """Change the household passphrase, knowing the current one."""
    from app.storage import HouseholdStore

    folder = paths.data_dir(args.data_dir)
    _require_store(folder)
    old = _current_passphrase(args.passphrase_file)
    with _store_errors(folder):
        store = HouseholdStore.open(folder, old)
        try:
            new = _new_passphrase(args.new_passphrase_file, _household_name(store))
            recovery_key = store.rekey(new) if args.new_keys else None
            if recovery_key is None:
                store.change_passphrase(new)
            else:
                store.recovery_key_kept(recovery_key)  # printed below, once
        finally:
            store.close()
    if recovery_key is None:
        print(t("cli.passwd.changed"))
    else:
        print(t("cli.passwd.rekeyed"))
        print(t("cli.init.key_shown", key=recovery_key))
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    """Set a new passphrase using the recovery key."""
    from app.storage import HouseholdStore

    folder = paths.data_dir(args.data_dir)
    _require_store(folder)
    key = read_secret_file(args.recovery_key_file).strip()
    with _store_errors(folder):
        store = HouseholdStore.open_with_recovery_key(folder, key)
        try:
            new = _new_passphrase(args.new_passphrase_file, _household_name(store))
            store.change_passphrase(new)
            new_key = store.replace_recovery_key()  # a used key is replaced, shown once
            store.recovery_key_kept(new_key)  # printed below
        finally:
            store.close()
    print(t("cli.recover.changed"))
    print(t("cli.init.key_shown", key=new_key))
    return EXIT_OK


# --- parser and entry point ------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """Build the ``homeward`` argument parser with its subcommands."""
    from app.hub.cli import add_hub_commands
    from app.server import DEFAULT_HOST, DEFAULT_PORT

    parser = _Parser(prog="homeward", description=t("cli.help.description"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_dir_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--data-dir", metavar="D", help=t("cli.help.data_dir"))

    run = commands.add_parser("run", help=t("cli.help.run"), description=t("cli.help.run"))
    data_dir_option(run)
    run.add_argument("--host", default=DEFAULT_HOST, help=t("cli.help.host"))
    run.add_argument("--port", type=int, default=DEFAULT_PORT, help=t("cli.help.port"))
    run.add_argument("--allowed-host", dest="allowed_hosts", action="append", default=[],
                     metavar="NAME", help=t("cli.help.allowed_host"))
    run.set_defaults(handler=cmd_run)

    init = commands.add_parser("init", help=t("cli.help.init"), description=t("cli.help.init"))
    data_dir_option(init)
    init.add_argument("--household", required=True, metavar="NAME", help=t("cli.help.household"))
    init.add_argument(
        "--passphrase-file", type=Path, required=True, metavar="F", help=t("cli.help.pass_file")
    )
    init.add_argument(
        "--recovery-key-file", type=Path, metavar="K", help=t("cli.help.key_file_out")
    )
    init.set_defaults(handler=cmd_init)

    verify = commands.add_parser(
        "verify", help=t("cli.help.verify"), description=t("cli.help.verify")
    )
    data_dir_option(verify)
    verify.add_argument(
        "--passphrase-file", type=Path, metavar="F", help=t("cli.help.pass_file_or_ask")
    )
    verify.set_defaults(handler=cmd_verify)

    passwd = commands.add_parser(
        "passwd", help=t("cli.help.passwd"), description=t("cli.help.passwd")
    )
    data_dir_option(passwd)
    passwd.add_argument(
        "--passphrase-file", type=Path, metavar="OLD", help=t("cli.help.pass_file_or_ask")
    )
    passwd.add_argument(
        "--new-passphrase-file", type=Path, metavar="NEW", help=t("cli.help.new_pass_file")
    )
    passwd.add_argument("--new-keys", action="store_true", help=t("cli.help.new_keys"))
    passwd.set_defaults(handler=cmd_passwd)

    recover = commands.add_parser(
        "recover", help=t("cli.help.recover"), description=t("cli.help.recover")
    )
    data_dir_option(recover)
    recover.add_argument(
        "--recovery-key-file", type=Path, required=True, metavar="K", help=t("cli.help.key_file")
    )
    recover.add_argument(
        "--new-passphrase-file", type=Path, metavar="NEW", help=t("cli.help.new_pass_file")
    )
    recover.set_defaults(handler=cmd_recover)
    add_recovery_key_command(commands)

    add_hub_commands(commands)
    add_export_command(commands)
    add_backup_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``homeward`` command line and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except CliError as error:
        print(error.message, file=sys.stderr, flush=True)
        return error.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        print(t("cli.interrupted"), file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    return code
