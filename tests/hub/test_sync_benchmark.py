"""The sync benchmark runs end to end with tiny numbers against a real PostgreSQL and a hub
in its own process, and reports in the shape the issue asks for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_sync_benchmark_reports_every_record_back_with_no_errors() -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "sync.py"), "--devices", "3",
               "--records", "20", "--batch", "8", "--initial-records", "50", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"devices", "records", "records_per_s", "p95_ms", "errors", "lost"} <= set(result)
    assert (result["devices"], result["records"]) == (3, 60)
    assert result["errors"] == 0, result["error_samples"]
    assert result["lost"] == 0
    assert result["unexpected_answers"] == 0
    assert result["answers"] == {"stored": 60}
    # Two households (2 devices and 1): each device pulls its household's records and the
    # household's 4 people, who were on the hub before the timed pushes.
    assert result["pull"]["records"] == 3 * 20 + 2 * 20 + 3 * 4
    assert result["records_per_s"] > 0 and result["p95_ms"] > 0
    initial = result["initial_sync"]
    assert (initial["records"], initial["lost"], initial["errors"]) == (50, 0, 0)
    assert 0 < initial["body_bytes_per_record"] < initial["json_bytes_per_record"]
