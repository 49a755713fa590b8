"""The offline page's words: every language Homeward has, nothing left unfilled."""

from __future__ import annotations

import json
import re

import pytest

from app.i18n import available_languages, t
from app.web.offline import _TEXT_KEYS, offline_page, service_worker


@pytest.mark.parametrize("language", available_languages())
def test_the_offline_page_is_whole_in_every_language(language: str) -> None:
    page = offline_page(language).decode("utf-8")
    assert f'<html lang="{language}">' in page
    assert "__" not in page
    texts = json.loads(re.search(r'<script type="application/json" id="texts">(.*?)</script>',
                                 page, re.S).group(1))
    assert sorted(texts) == available_languages()
    for key in _TEXT_KEYS:
        assert texts[language][key] == t(key, language=language) != key


def test_the_worker_version_must_be_a_fingerprint() -> None:
    assert b'const VERSION = "0a1b";' in service_worker("0a1b")
    with pytest.raises(ValueError):
        service_worker('"; importScripts("https://elsewhere.example/x.js"); "')
