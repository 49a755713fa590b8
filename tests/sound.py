"""Measure a sound with sox, from memory: how long it is and how loud (RMS amplitude)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

#: A voice speaking is far above this; silence and clicks are below it.
QUIET_RMS = 0.01


def measure(wav: bytes) -> tuple[float, float]:
    """Seconds and RMS amplitude (0 to 1) of a WAV, read by ``sox -t wav - -n stat``."""
    if shutil.which("sox") is None:
        pytest.fail("sox is missing: `make test` installs Debian's sox (make speech-deps)")
    done = subprocess.run(["sox", "-t", "wav", "-", "-n", "stat"], input=wav,
                          capture_output=True, timeout=30, check=True)
    report = done.stderr.decode()  # sox writes its statistics to standard error
    length = re.search(r"Length \(seconds\):\s+([0-9.]+)", report)
    rms = re.search(r"RMS\s+amplitude:\s+([0-9.]+)", report)
    assert length and rms, report
    return float(length.group(1)), float(rms.group(1))
