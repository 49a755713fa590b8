"""``homeward backup`` and ``homeward restore``: the household in one sealed file, and back.

``backup --to FILE`` writes one encrypted, authenticated file (see ``app.storage.backup``):
nothing in it is readable without the passphrase or the recovery key. It is taken while
Homeward is closed, so never of a half-made save, and never written over an existing file;
a full disk or a crash leaves no cut-off file under the chosen name.

``restore --from FILE`` puts a backup into an empty (or new) data folder after checking the
whole of it; a wrong passphrase, a damaged or altered file, or a folder already in use
changes nothing. A backup keeps the key file it was made with, so it opens only with the
passphrase or recovery key the household had then, even after either was changed. The
restored device is the same device to the agency: its next sync sends what the agency lacks
and fetches what changed since the backup.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app import paths
from app.i18n import t

if TYPE_CHECKING:
    from app.storage.backup import Unlock

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


def _unlock(args: argparse.Namespace) -> Unlock:
    """The passphrase (from its file or asked for) or the recovery key (from its file)."""
    from app.cli import _current_passphrase, read_secret_file
    from app.storage.backup import Unlock

    if args.recovery_key_file:
        return Unlock(recovery_key=read_secret_file(args.recovery_key_file).strip())
    return Unlock(passphrase=_current_passphrase(args.passphrase_file))


def cmd_backup(args: argparse.Namespace) -> int:
    """Write the household's backup to ``--to`` (a new file, readable by this user only)."""
    from app.cli import EXIT_OK, CliError, _require_store, _store_errors
    from app.storage.backup import make_backup
    from app.storage.crypto import write_new

    folder = paths.data_dir(args.data_dir)
    _require_store(folder)
    target: Path = args.to
    if folder.resolve() in target.resolve().parents:
        raise CliError(t("cli.backup.not_in_data_folder"))
    if target.exists():
        raise CliError(t("cli.backup.exists", path=target))
    unlock = _unlock(args)
    with _store_errors(folder):
        backup = make_backup(folder, unlock)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_new(target, backup)  # whole or not at all: a full card leaves no cut-off file
    except FileExistsError as exc:
        raise CliError(t("cli.backup.exists", path=target)) from exc
    except OSError as exc:
        raise CliError(t("cli.backup.cannot_write", path=target,
                         reason=exc.strerror or exc)) from exc
    print(t("cli.backup.done", path=target, size=max(1, len(backup) // 1024)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Put the backup in ``--from`` into the (empty) data folder."""
    from app.cli import EXIT_DAMAGED, EXIT_OK, EXIT_WRONG_SECRET, CliError, _store_errors
    from app.storage import WrongPassphrase, WrongRecoveryKey
    from app.storage.backup import MAX_ARCHIVE_BYTES, BadBackup, restore_backup

    folder = paths.data_dir(args.data_dir)
    source: Path = args.source
    try:
        if source.stat().st_size > MAX_ARCHIVE_BYTES + 1024 * 1024:
            raise CliError(t("cli.restore.bad", why="it is far larger than a household"),
                           EXIT_DAMAGED)
        backup = source.read_bytes()
    except OSError as exc:
        raise CliError(t("cli.restore.unreadable", path=source)) from exc
    unlock = _unlock(args)
    with _store_errors(folder):
        try:
            names = restore_backup(backup, folder, unlock)
        except BadBackup as bad:
            raise CliError(t("cli.restore.bad", why=bad.why), EXIT_DAMAGED) from None
        except (WrongPassphrase, WrongRecoveryKey):
            # Often the secret works at home but was changed after this backup was made.
            raise CliError(t("cli.restore.wrong_secret"), EXIT_WRONG_SECRET) from None
    if unlock.recovery_key is None:
        print(t("cli.restore.done", folder=folder, count=len(names)))
    else:  # most likely the passphrase is forgotten: the unlock screen's own way in
        print(t("cli.restore.done_with_key", folder=folder, count=len(names),
                button=t("unlock.forgot")))
    return EXIT_OK


def add_backup_commands(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``backup`` and ``restore`` to the ``homeward`` subcommands."""
    for name, handler in (("backup", cmd_backup), ("restore", cmd_restore)):
        sub = commands.add_parser(name, help=t(f"cli.help.{name}"),
                                  description=t(f"cli.help.{name}"))
        sub.add_argument("--data-dir", metavar="D", help=t("cli.help.data_dir"))
        sub.add_argument("--passphrase-file", type=Path, metavar="F",
                         help=t("cli.help.pass_file_or_ask"))
        sub.add_argument("--recovery-key-file", type=Path, metavar="K",
                         help=t("cli.help.backup_key_file"))
        if name == "backup":
            sub.add_argument("--to", type=Path, required=True, metavar="FILE",
                             help=t("cli.help.backup_to"))
        else:
            sub.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                             help=t("cli.help.restore_from"))
        sub.set_defaults(handler=handler)
