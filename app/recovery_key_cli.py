"""``homeward recovery-key``: make a new recovery key, knowing the passphrase.

For a worker who lost the paper, or a family who fears the wrong person saw it. The new key
goes into a new file readable by this user only (0600), never over an existing one and never
inside the household's folder; the old key stops working at once. The store's one rewrap
(``HouseholdStore.replace_recovery_key``) does the work, as in the app.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TypeVar

from app import paths
from app.i18n import t

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


def _refuse_unsafe_target(out: Path, folder: Path) -> None:
    """Refuse, before anything is asked or touched, a file that exists or cannot be made."""
    from app.cli import CliError

    if out.exists() or out.is_symlink():
        raise CliError(t("cli.recovery_key.exists", file=out))
    if not out.parent.is_dir():
        raise CliError(t("cli.recovery_key.folder_missing", folder=out.parent))
    parent = out.parent.resolve()
    if folder.resolve() in (parent, *parent.parents):
        raise CliError(t("cli.recovery_key.in_data_folder"))


def cmd_recovery_key(args: argparse.Namespace) -> int:
    """Make a new recovery key and save it to a new private file; the old key stops working."""
    from app.cli import EXIT_OK, CliError, _current_passphrase, _require_store, _store_errors
    from app.reports.words import when_words
    from app.storage import HouseholdStore, recovery_key_history

    folder = paths.data_dir(args.data_dir)
    _require_store(folder)
    out: Path = args.recovery_key_file.expanduser()
    _refuse_unsafe_target(out, folder)
    passphrase = _current_passphrase(args.passphrase_file)
    with _store_errors(folder):
        # A wrong passphrase or a household open elsewhere stops here, before the file exists.
        store = HouseholdStore.open(folder, passphrase)
        try:
            try:
                fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                raise CliError(t("cli.recovery_key.exists", file=out)) from None
            except OSError as error:
                raise CliError(t("cli.recovery_key.cannot_write", file=out,
                                 reason=error.strerror)) from None
            try:
                key = store.replace_recovery_key()
            except BaseException:
                os.close(fd)
                out.unlink(missing_ok=True)
                raise
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(key + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as error:
                # The new key already works and the old one does not: never lose it.
                out.unlink(missing_ok=True)
                print(t("cli.init.key_file_failed", file=out, reason=error.strerror))
                print(t("cli.init.key_shown", key=key))
                store.recovery_key_kept(key)
                return EXIT_OK
            store.recovery_key_kept(key)
        finally:
            store.close()
    made = recovery_key_history(folder).made
    when = t("recovery.made_on", when=when_words(made.astimezone())) if made else ""
    print(t("cli.recovery_key.done", file=out, made=when))
    return EXIT_OK


def add_recovery_key_command(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``recovery-key`` to the ``homeward`` subcommands."""
    command = commands.add_parser("recovery-key", help=t("cli.help.recovery_key"),
                                  description=t("cli.help.recovery_key"))
    command.add_argument("--data-dir", metavar="D", help=t("cli.help.data_dir"))
    command.add_argument("--passphrase-file", type=Path, metavar="F",
                         help=t("cli.help.pass_file_or_ask"))
    command.add_argument("--recovery-key-file", type=Path, required=True, metavar="K",
                         help=t("cli.help.key_file_new"))
    command.set_defaults(handler=cmd_recovery_key)
