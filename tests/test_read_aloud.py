"""Reading aloud with espeak-ng: each language has its voice, and the sound is real speech."""

from __future__ import annotations

import shutil
import struct

import pytest

from app import speech
from app.i18n import t
from tests.sound import QUIET_RMS, measure


@pytest.fixture(autouse=True)
def espeak_installed() -> None:
    if shutil.which(speech.PROGRAM) is None:
        pytest.fail("espeak-ng is missing: `make test` installs it (make speech-deps)")


def test_each_language_has_its_own_voice() -> None:
    assert speech.voice_for("en-GB") == "en-gb"
    assert speech.voice_for("cy-GB") == "cy"
    assert speech.voice_for("cy") == "cy"
    assert speech.voice_for("fr-FR") == "en-gb"  # a language with no voice yet: UK English


def test_an_english_child_screen_is_spoken_aloud() -> None:
    words = [t("checkins.feel.title", language="en-GB"),
             t("checkins.feel.intro", language="en-GB")]
    seconds, rms = measure(speech.speak(" ".join(words), "en-GB"))
    assert seconds > 0.5
    assert rms > QUIET_RMS


def test_a_welsh_child_screen_is_spoken_aloud_in_the_welsh_voice() -> None:
    welsh = "Sut wyt ti'n teimlo heddiw?"
    sound = speech.speak(welsh, "cy-GB")
    seconds, rms = measure(sound)
    assert seconds > 0.5
    assert rms > QUIET_RMS
    assert sound != speech.speak(welsh, "en-GB")  # the Welsh voice, not English on Welsh


def test_the_sound_says_how_long_it_is_so_browsers_play_it_whole() -> None:
    sound = speech.speak("Hello Sam.", "en-GB")
    assert sound[:4] == b"RIFF" and sound[8:12] == b"WAVE"
    assert struct.unpack_from("<I", sound, 4)[0] == len(sound) - 8
    data = sound.index(b"data")
    assert struct.unpack_from("<I", sound, data + 4)[0] == len(sound) - data - 8


def test_nothing_to_say_is_a_clear_error() -> None:
    with pytest.raises(speech.SpeechFailed):
        speech.speak("  \n ", "en-GB")


def test_a_device_without_espeak_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "PROGRAM", "espeak-ng-not-installed-here")
    assert not speech.can_speak()
    with pytest.raises(speech.SpeechUnavailable):
        speech.speak("Hello", "en-GB")
