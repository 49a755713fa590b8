"""Reading words aloud on this device, with no network: Debian's ``espeak-ng``.

The words go to ``espeak-ng`` on its standard input and the sound comes back on its
standard output as WAV, held in memory only: nothing spoken is written to disk or kept.
``espeak-ng`` has Welsh and UK English voices; when it is not installed, ``can_speak()``
says so and screens leave the "Read this to me" button out.
"""

from __future__ import annotations

import shutil
import struct
import subprocess

PROGRAM = "espeak-ng"
#: The voice for each language tag Homeward has; the one place a new language adds its voice.
VOICES = {"en-GB": "en-gb", "cy-GB": "cy"}
DEFAULT_VOICE = VOICES["en-GB"]
#: Words a minute: a little slower than espeak-ng's 175, for young listeners.
SPEED = 150
#: The most characters read in one go (about five minutes of speech), so a long screen
#: cannot keep the server busy for long.
MAX_CHARACTERS = 6000
TIMEOUT_SECONDS = 30


class SpeechUnavailable(Exception):
    """Reading aloud is not set up on this device (``espeak-ng`` is missing)."""


class SpeechFailed(Exception):
    """``espeak-ng`` ran but gave no sound for these words."""


def can_speak() -> bool:
    """True when this device can read words aloud."""
    return shutil.which(PROGRAM) is not None


def voice_for(language: str) -> str:
    """The ``espeak-ng`` voice for a language tag ("cy-GB" -> "cy"), UK English otherwise."""
    if language in VOICES:
        return VOICES[language]
    primary = language.split("-")[0].lower()
    for tag, voice in VOICES.items():
        if tag.split("-")[0].lower() == primary:
            return voice
    return DEFAULT_VOICE


def speak(text: str, language: str) -> bytes:
    """Say ``text`` in ``language``'s voice and return the sound as WAV bytes.

    Raises:
        SpeechUnavailable: ``espeak-ng`` is not installed.
        SpeechFailed: it failed, took too long, or gave no sound.
    """
    program = shutil.which(PROGRAM)
    if program is None:
        raise SpeechUnavailable(PROGRAM)
    words = " ".join(text.split())[:MAX_CHARACTERS]
    if not words:
        raise SpeechFailed("nothing to say")
    try:
        done = subprocess.run(
            [program, "-v", voice_for(language), "-s", str(SPEED), "--stdout"],
            input=words.encode("utf-8"), capture_output=True, timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechFailed(str(exc)) from exc
    if done.returncode != 0:
        raise SpeechFailed(done.stderr.decode("utf-8", "replace").strip())
    return with_true_sizes(done.stdout)


def with_true_sizes(wav: bytes) -> bytes:
    """The WAV with its RIFF and data sizes filled in.

    ``espeak-ng --stdout`` writes "unknown" (0x7FFFFFFF-ish) sizes, as it streams;
    browsers play a file more reliably when the header says how long it is.

    Raises:
        SpeechFailed: the bytes are not a WAV file with sound in it.
    """
    if len(wav) < 12 or wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise SpeechFailed("not a WAV file")
    at = 12
    while at + 8 <= len(wav):
        chunk, size = wav[at:at + 4], struct.unpack_from("<I", wav, at + 4)[0]
        if chunk == b"data":
            sound = len(wav) - (at + 8)
            if sound <= 0:
                raise SpeechFailed("no sound")
            head = bytearray(wav[:at + 8])
            struct.pack_into("<I", head, 4, len(wav) - 8)
            struct.pack_into("<I", head, at + 4, sound)
            return bytes(head) + wav[at + 8:]
        at += 8 + size + (size & 1)
    raise SpeechFailed("no sound")
