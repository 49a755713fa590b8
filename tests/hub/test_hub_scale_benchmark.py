"""The agency-size benchmark runs end to end on a tiny agency and reports every p95 the issue
asks for (the full 5-million-record load is a benchmark, not a test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ("caseload", "household_page", "timeline_month", "pull_day")


def test_hub_scale_benchmark_loads_a_small_agency_and_times_each_read() -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "hub_scale.py"), "--households", "6",
               "--records", "3000", "--runs", "3", "--json", "--explain"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["households"], result["runs"]) == (6, 3)
    assert result["records"] >= 3000
    for operation in OPERATIONS:
        assert result[f"{operation}_p95_ms"] > 0
        assert result["busiest"][f"{operation}_p95_ms"] > 0
        assert result["plans"][operation], operation
    assert set(result["targets"]) == set(OPERATIONS)
