"""The service worker, its registration script and the offline page, made from templates.

The worker's version is the fingerprint of every client file, so a new release brings a new
worker, which keeps the new files and drops the old ones. The offline page is written in
every language Homeward has; it opens in the server's language, or in the language last used
on this device if the app has stored one under ``homeward.language`` in the browser's
preferences, and carries no family data at all: only the words
"Homeward can't be reached right now. Nothing is lost." and the help lines.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from app.i18n import DEFAULT_LANGUAGE, available_languages, current_language, t

WORKER_PATH = "/service-worker.js"
REGISTER_PATH = "/register-service-worker.js"
OFFLINE_PATH = "/offline.html"
#: What the offline page asks to learn that the server is back (204, never kept).
ALIVE_PATH = "/alive"
#: Where the app keeps the language last used, as Flutter's web preferences name it.
LANGUAGE_PREFERENCE = "homeward.language"

JAVASCRIPT = "text/javascript; charset=utf-8"
HTML = "text/html; charset=utf-8"

_TEXT_KEYS = ("web.offline.title", "web.offline.body", "web.offline.again",
              "web.offline.help_title", "web.offline.childline", "web.offline.childline_body",
              "web.offline.meic", "web.offline.meic_body", "web.offline.emergency",
              "web.offline.emergency_body")


def _template(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text("utf-8")


def offline_page(language: str = DEFAULT_LANGUAGE) -> bytes:
    """The offline page, written in ``language``, with every language's words inside."""
    texts = {tag: {key: t(key, language=tag) for key in _TEXT_KEYS}
             for tag in available_languages()}
    page = _template("offline.html").replace("__LANG__", html.escape(language))
    for key in _TEXT_KEYS:
        page = page.replace(f"__{key}__", html.escape(t(key, language=language)))
    # "</" cannot end the data block early once escaped this way.
    data = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
    return page.replace("__TEXTS__", data).encode("utf-8")


def service_worker(version: str) -> bytes:
    """The worker script for this set of client files."""
    if not re.fullmatch(r"[0-9a-f]{1,64}", version):
        raise ValueError("the version must be a hex fingerprint")
    return _template("service-worker.js").replace("__VERSION__", version).encode("utf-8")


def generated_files(version: str) -> dict[str, tuple[bytes, str]]:
    """Every file Homeward itself adds to the client, by path, with its media type."""
    return {
        WORKER_PATH: (service_worker(version), JAVASCRIPT),
        REGISTER_PATH: (_template("register.js").encode("utf-8"), JAVASCRIPT),
        OFFLINE_PATH: (offline_page(current_language()), HTML),
    }
