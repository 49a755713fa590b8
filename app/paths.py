"""Where Homeward keeps things on disk: the household data folder and the web assets.

The data folder is decided in exactly one place, :func:`data_dir`, so the served app,
a native build and every command of the ``homeward`` command line agree on it.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Homeward"
#: Set by Flet on a phone to the app-private folder; honoured everywhere else too.
STORAGE_ENV = "FLET_APP_STORAGE_DATA"


def data_dir(cli_value: str | Path | None = None) -> Path:
    """Return the household data folder: ``--data-dir``, else the Flet env var, else the OS's."""
    if cli_value is not None and str(cli_value).strip():
        return Path(cli_value).expanduser().resolve()
    from_env = os.environ.get(STORAGE_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(user_data_dir(APP_NAME, appauthor=False)).resolve()


def assets_dir() -> Path:
    """Return the project's ``assets/`` folder: icons, manifest and favicon for the web app."""
    return Path(__file__).resolve().parent.parent / "assets"
