"""How the command line puts the household store's expected errors into words.

Every error a person can meet (a wrong passphrase, a damaged file, a household open elsewhere)
becomes one plain message from the catalogue and the exit code ``app.cli`` documents; nothing
here prints a traceback. Kept apart from ``app.cli`` so that module stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.i18n import t

if TYPE_CHECKING:
    from app.storage import StoreDamaged


@contextmanager
def store_errors(folder: Path) -> Iterator[None]:
    """Turn the store's expected errors into ``CliError``s with the right exit code."""
    from app.cli import EXIT_DAMAGED, EXIT_WRONG_SECRET, CliError
    from app.storage import (
        FormatTooNew,
        InvalidText,
        ReadOnlyStore,
        StoreDamaged,
        StoreError,
        StoreExists,
        StoreInUse,
        StoreNotFound,
        StoreWriteFailed,
        WrongPassphrase,
        WrongRecoveryKey,
    )

    try:
        yield
    except WrongPassphrase:
        raise CliError(t("cli.error.wrong_passphrase"), EXIT_WRONG_SECRET) from None
    except WrongRecoveryKey:
        raise CliError(t("cli.error.wrong_recovery_key"), EXIT_WRONG_SECRET) from None
    except StoreDamaged as damage:
        raise CliError(damage_message(damage), EXIT_DAMAGED) from None
    except StoreInUse:
        raise CliError(t("cli.error.in_use")) from None
    except InvalidText:
        raise CliError(t("cli.error.broken_text")) from None
    except FormatTooNew:
        raise CliError(t("cli.error.format_too_new")) from None
    except StoreNotFound:
        raise CliError(t("cli.error.not_found", folder=folder)) from None
    except StoreExists:
        raise CliError(t("cli.error.exists", folder=folder)) from None
    except StoreWriteFailed as failure:
        raise CliError(t("cli.error.write_failed", file=failure.file, folder=folder)) from None
    except ReadOnlyStore:
        raise CliError(t("cli.error.needs_upgrade")) from None
    except StoreError as error:
        # Store messages are plain English and never hold secrets (see app.storage.errors).
        raise CliError(t("cli.error.store", detail=str(error))) from None


def damage_message(damage: StoreDamaged) -> str:
    """Name every damaged file, saying for each whether an earlier good copy exists."""
    if len(damage.damages) == 1:
        key = "cli.error.damaged_previous" if damage.previous_available else "cli.error.damaged"
        return t(key, file=damage.file)
    lines = [
        t("cli.error.damaged_many.file_previous" if d.previous_available
          else "cli.error.damaged_many.file", file=d.file)
        for d in damage.damages
    ]
    return t("cli.error.damaged_many", files="\n".join(lines))
