"""``homeward hub-admin`` actions for workers' accounts, and the agency key's fingerprint.

``disable-worker`` switches an account off and signs its open tabs out within seconds;
``enable-worker`` switches it back on; ``reset-password`` gives it a new password (asked twice,
or from a file) and signs out every tab that used the old one. ``fingerprint`` prints the short
fingerprint of the agency's public key, which a family's device shows while it connects, so
the worker can check that the device is talking to this hub and nobody in between.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.cli import CliError
from app.i18n import t

if TYPE_CHECKING:
    from sqlalchemy import Engine

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)
Act = Callable[["Engine", argparse.Namespace], None]


@contextmanager
def account_errors() -> Iterator[None]:
    """Turn an unknown username into one plain line (nothing was changed)."""
    from app.hub.accounts.workers import UnknownUsername

    try:
        yield
    except UnknownUsername as unknown:
        raise CliError(t("hub_cli.error.unknown_worker", username=str(unknown))) from None


def _disable(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.accounts.workers import disable_worker, find_account

    before = find_account(engine, args.username)
    after = disable_worker(engine, before.username, datetime.now(UTC))
    key = "hub_cli.account.disabled" if before.disabled_at is None else "hub_cli.account.was_off"
    print(t(key, name=after.name, username=after.username))
    print(t("hub_cli.account.sessions_ended"))


def _enable(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.accounts.workers import enable_worker, find_account

    before = find_account(engine, args.username)
    if before.disabled_at is None:
        print(t("hub_cli.account.already_on", name=before.name, username=before.username))
        return
    after = enable_worker(engine, before.username)
    print(t("hub_cli.account.enabled", name=after.name, username=after.username))


def _reset_password(engine: Engine, args: argparse.Namespace) -> None:
    from app.hub.accounts.workers import find_account, reset_password
    from app.hub.admin_cli import new_secret

    account = find_account(engine, args.username)
    password = new_secret(args.password_file, "password", account.name)
    after = reset_password(engine, account.username, password)
    print(t("hub_cli.account.password_reset", name=after.name, username=after.username))
    print(t("hub_cli.account.sessions_ended"))
    if after.disabled_at is not None:
        print(t("hub_cli.account.still_off", username=after.username))


def _fingerprint(engine: Engine, _args: argparse.Namespace) -> None:
    from app.hub.admin import agency_public_key
    from app.hub.protocol import agency_key_fingerprint

    print(t("hub_cli.fingerprint.show", fingerprint=agency_key_fingerprint(
        agency_public_key(engine))))
    print(t("hub_cli.fingerprint.how"))


def add_account_actions(action: Callable[[str, str, Act], ParserT]) -> None:
    """Add the account actions through ``hub-admin``'s own ``action(name, help, act)``."""

    def guarded(act: Act) -> Act:
        def run(engine: Engine, args: argparse.Namespace) -> None:
            with account_errors():
                act(engine, args)

        return run

    username_help = t("hub_cli.help.worker_username")
    for name, help_key, act in (("disable-worker", "hub_cli.help.disable_worker", _disable),
                                ("enable-worker", "hub_cli.help.enable_worker", _enable)):
        sub = action(name, help_key, guarded(act))
        sub.add_argument("username", metavar="USERNAME", help=username_help)
    reset = action("reset-password", "hub_cli.help.reset_password", guarded(_reset_password))
    reset.add_argument("username", metavar="USERNAME", help=username_help)
    reset.add_argument("--password-file", type=Path, metavar="F",
                       help=t("hub_cli.help.password_file"))
    action("fingerprint", "hub_cli.help.fingerprint", _fingerprint)
