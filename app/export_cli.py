"""``homeward export``: everything Homeward holds about the household, as JSON and a PDF.

Run by the family (it needs the household passphrase). The two files are written into a
folder the family chooses, readable by this user only, and never over an existing file; the
store itself is opened read-only and nothing in the data folder changes.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from app import paths
from app.i18n import t

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the household's archive (JSON) and its readable PDF into ``--out``."""
    from app.cli import (
        EXIT_OK,
        CliError,
        _current_passphrase,
        _household_name,
        _require_store,
        _store_errors,
    )
    from app.reports import PrintFailed
    from app.services.export import archive_of, archive_pdf
    from app.storage import HouseholdStore
    from app.storage.crypto import write_new

    folder = paths.data_dir(args.data_dir)
    _require_store(folder)
    out: Path = args.out
    if out.resolve() == folder.resolve() or folder.resolve() in out.resolve().parents:
        raise CliError(t("cli.export.not_in_data_folder"))
    passphrase = _current_passphrase(args.passphrase_file)
    with _store_errors(folder):
        store = HouseholdStore.open(folder, passphrase, read_only=True)
        try:
            made = datetime.now(UTC)
            archive: dict[str, Any] = archive_of(store, _household_name(store), made)
        finally:
            store.close()
    # named on this computer's clock, as the person running it reads the time
    stem = out / f"homeward-export-{made.astimezone().strftime('%Y-%m-%d-%H%M%S')}"
    json_path, pdf_path = stem.with_suffix(".json"), stem.with_suffix(".pdf")
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        # the archive first: a record the PDF cannot lay out still leaves the family their file
        write_new(json_path, json.dumps(archive, ensure_ascii=False, indent=1,
                                        sort_keys=True).encode("utf-8"))
        written.append(json_path)
        try:
            pdf: bytes | None = archive_pdf(archive)
        except PrintFailed:
            pdf = None
        if pdf is not None:
            write_new(pdf_path, pdf)  # whole or not at all, never over an existing file
            written.append(pdf_path)
    except OSError as exc:
        for path in written:  # the two files go together: half an export is no use
            path.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError):
            raise CliError(t("cli.export.exists", path=str(exc.filename))) from exc
        raise CliError(t("cli.export.cannot_write", folder=out,
                         reason=exc.strerror or exc)) from exc
    count = sum(len(docs) for docs in archive["collections"].values())
    if pdf is None:
        print(t("cli.export.not_printed", count=count, json=json_path))
    else:
        print(t("cli.export.done", count=count, json=json_path, pdf=pdf_path))
    return EXIT_OK


def add_export_command(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``export`` to the ``homeward`` subcommands."""
    export = commands.add_parser("export", help=t("cli.help.export"),
                                 description=t("cli.help.export"))
    export.add_argument("--data-dir", type=Path, metavar="D", help=t("cli.help.data_dir"))
    export.add_argument("--passphrase-file", type=Path, metavar="F",
                        help=t("cli.help.pass_file_or_ask"))
    export.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help=t("cli.help.export_out"))
    export.set_defaults(handler=cmd_export)
