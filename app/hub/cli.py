"""The hub's command line: ``homeward hub`` serves it, ``homeward hub-admin`` looks after it.

Both use ``--db URL`` (PostgreSQL, for real use) or else a SQLite file in the hub's data
folder; migrations run whenever the database is opened. Exit codes and messages follow
``app.cli``: an expected problem is one plain line on stderr, exit 1, and nothing changed.
A PostgreSQL password is never printed.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import uvicorn

from app import paths
from app.cli import EXIT_OK, CliError
from app.i18n import t

if TYPE_CHECKING:
    from sqlalchemy import Engine

DEFAULT_HUB_PORT = 8560
#: A hub whose PostgreSQL server does not answer says so instead of waiting for ever.
CONNECT_TIMEOUT_SECONDS = "10"

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


@dataclass(frozen=True)
class HubDatabase:
    """Where the hub keeps its records: the URL to open and how to show it to a person."""

    url: str
    kind: str  # "sqlite" or "postgresql"
    shown: str  # the SQLite file, or the PostgreSQL URL with its password masked
    password: str | None


def choose_database(db: str | None, data_dir: str | None) -> HubDatabase:
    """Decide the hub's database from ``--db`` and ``--data-dir``, without opening it.

    Raises:
        CliError: the URL is not PostgreSQL or SQLite, or the data folder cannot be made.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from app.hub.db import HUB_FOLDER, default_database_url, normalise_url

    if db is None or not db.strip():
        folder = paths.data_dir(data_dir) / HUB_FOLDER
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = default_database_url(data_dir)
        except OSError as error:
            reason = error.strerror or str(error)
            raise CliError(t("hub_cli.error.folder", folder=folder, reason=reason)) from None
    try:
        given = make_url(db.strip())
        url = make_url(normalise_url(db.strip()))
    except (ArgumentError, ValueError):
        raise CliError(t("hub_cli.error.db_url")) from None
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        if not url.database or url.database == ":memory:":
            raise CliError(t("hub_cli.error.db_url"))
        return HubDatabase(url.render_as_string(hide_password=False), "sqlite", url.database, None)
    if url.drivername != "postgresql+psycopg":
        raise CliError(t("hub_cli.error.db_kind"))
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": CONNECT_TIMEOUT_SECONDS})
    shown = given.render_as_string(hide_password=True)
    return HubDatabase(url.render_as_string(hide_password=False), "postgresql", shown, url.password)


@contextmanager
def database_errors(database: HubDatabase) -> Iterator[None]:
    """Turn a database that cannot be reached or used into one plain line."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    try:
        yield
    except SQLAlchemyError as error:
        cause = error.orig if isinstance(error, DBAPIError) else error
        lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
        reason = lines[0].rstrip(".") if lines else type(cause).__name__
        if database.password:
            reason = reason.replace(database.password, "***")
        raise CliError(t("hub_cli.error.database", db=database.shown, reason=reason)) from None


def open_hub_database(database: HubDatabase) -> Engine:
    """Open the database and bring its schema up to date; raise CliError if that fails."""
    from app.hub.db import open_database

    with database_errors(database):
        return open_database(database.url)


# --- homeward hub ----------------------------------------------------------------------


def cmd_hub(args: argparse.Namespace) -> int:
    """Serve the hub until Ctrl+C."""
    from app import server
    from app.hub.server import build_hub_asgi, settle_heap

    database = choose_database(args.db, args.data_dir)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not server.is_loopback(args.host):
        print(t("hub_cli.hub.network_warning", host=args.host), file=sys.stderr, flush=True)
    try:
        sock = server.bind_socket(args.host, args.port)
    except OSError as error:
        reason = error.strerror or str(error)
        raise CliError(
            t("hub_cli.hub.cannot_listen", host=args.host, port=args.port, reason=reason)
        ) from None
    engine: Engine | None = None
    try:
        engine = open_hub_database(database)

        def announce() -> None:
            print(t("hub_cli.hub.address", url=server.page_url(args.host, args.port)), flush=True)
            if database.kind == "sqlite":
                print(t("hub_cli.hub.sqlite", file=database.shown), flush=True)
            else:
                print(t("hub_cli.hub.postgresql", url=database.shown), flush=True)
            print(t("hub_cli.hub.stop_hint"), flush=True)

        # Given the host, the hub refuses requests naming a host it does not answer to (DNS
        # rebinding: a web page in the worker's browser reaching the hub by a name of its own).
        hub = build_hub_asgi(engine, host=args.host, allowed_hosts=args.allowed_hosts)
        settle_heap()
        config = uvicorn.Config(
            hub,
            log_level="warning",
            access_log=False,
            server_header=False,
            timeout_graceful_shutdown=3,
        )
        # uvicorn re-raises Ctrl+C after its graceful shutdown; that is a normal stop.
        with contextlib.suppress(KeyboardInterrupt):
            server.ReadyServer(config, announce).run(sockets=[sock])
    finally:
        sock.close()
        if engine is not None:
            engine.dispose()
    print(t("hub_cli.hub.stopped"), flush=True)
    return EXIT_OK


# --- parsers ---------------------------------------------------------------------------


def _port(text: str) -> int:
    """A TCP port number for argparse: 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def database_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--db`` and ``--data-dir``, which every hub command takes."""
    parser.add_argument("--db", metavar="URL", help=t("hub_cli.help.db"))
    parser.add_argument("--data-dir", metavar="D", help=t("hub_cli.help.data_dir"))


def add_hub_commands(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``hub`` and ``hub-admin`` to the ``homeward`` subcommands."""
    from app.server import DEFAULT_HOST

    hub = commands.add_parser("hub", help=t("hub_cli.help.hub"), description=t("hub_cli.help.hub"))
    database_options(hub)
    hub.add_argument("--host", default=DEFAULT_HOST, help=t("hub_cli.help.host"))
    hub.add_argument("--allowed-host", dest="allowed_hosts", action="append", default=[],
                     metavar="NAME", help=t("hub_cli.help.allowed_host"))
    hub.add_argument("--port", type=_port, default=DEFAULT_HUB_PORT,
                     help=t("hub_cli.help.port", port=DEFAULT_HUB_PORT))
    hub.set_defaults(handler=cmd_hub)

    from app.hub.admin_cli import add_admin_command

    add_admin_command(commands)
