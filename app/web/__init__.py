"""Delivering the web client: compressed and revalidated files, a service worker, an offline page.

A family's phone may be on a slow or prepaid connection, or offline. :mod:`encodings` keeps
compressed copies of the Flet client's files; :mod:`delivery` serves them ahead of Flet with
validators, so a repeat visit costs a few hundred kilobytes; :mod:`offline` makes Homeward's
own service worker, which, when the server cannot be reached, shows a page with the help
lines (Childline, Meic, 999) and no family data.
:func:`deliver` wraps the Flet app with all of it.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_dir

from app import paths
from app.server import ASGIApp
from app.web.delivery import ClientFiles, Delivery
from app.web.encodings import Precompressed
from app.web.offline import ALIVE_PATH, REGISTER_PATH, generated_files


def client_roots() -> list[Path]:
    """Where the client's files are, in Flet's order: Homeward's ``assets/``, then flet-web's."""
    from flet_web import get_package_web_dir

    return [paths.assets_dir(), Path(get_package_web_dir())]


def cache_folder() -> Path:
    """Where the compressed copies are kept: the user's cache folder, never the data folder."""
    return Path(user_cache_dir("Homeward", appauthor=False)) / "web"


def deliver(app: ASGIApp, roots: list[Path], copies: Precompressed | None = None) -> Delivery:
    """Wrap the Flet ``app`` serving the client files in ``roots`` (first match wins)."""
    files = ClientFiles(roots)
    return Delivery(app, files, copies or Precompressed(cache_folder()),
                    generated=generated_files(files.fingerprint()),
                    page_script=REGISTER_PATH, alive=ALIVE_PATH)
