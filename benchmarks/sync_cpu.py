"""CPU use during the sync benchmark, read from /proc: the hub process, this benchmark's
PostgreSQL cluster, the simulated devices (this process) and the whole machine."""

from __future__ import annotations

import os
import time
from pathlib import Path


class CpuMeter:
    """CPU seconds used by the hub process, our PostgreSQL's processes, this process and
    the whole machine (other engineers' work included), between two readings."""

    def __init__(self, hub_pid: int, pg_port: int) -> None:
        self._hub = hub_pid
        self._pg_port = pg_port
        self._tick = os.sysconf("SC_CLK_TCK")

    def _proc_seconds(self, pid: int, *, reaped: bool = False) -> float:
        """CPU seconds of a process; with ``reaped``, plus its exited children's."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        ticks = int(fields[11]) + int(fields[12])
        if reaped:
            ticks += int(fields[13]) + int(fields[14])
        return ticks / self._tick

    def _postgres_pids(self) -> list[int]:
        postmaster = None
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents[int(entry.name)] = parent
            if "postgres" in command and f"-p {self._pg_port} " in command:
                postmaster = int(entry.name)
        if postmaster is None:
            return []
        return [postmaster] + [pid for pid, parent in parents.items() if parent == postmaster]

    def _postgres_seconds(self) -> float:
        # Backends that exit (the hub's overflow connections) count through the postmaster.
        pids = self._postgres_pids()
        if not pids:
            return 0.0
        postmaster, children = pids[0], pids[1:]
        return self._proc_seconds(postmaster, reaped=True) + sum(
            self._proc_seconds(pid) for pid in children)

    def read(self) -> dict[str, float]:
        """Return cumulative CPU seconds by part, and the machine's busy seconds."""
        with open("/proc/stat") as stat:
            ticks = [int(n) for n in stat.readline().split()[1:]]
        idle = ticks[3] + ticks[4]
        return {
            "hub": self._proc_seconds(self._hub),
            "postgres": self._postgres_seconds(),
            "devices": time.process_time(),
            "machine": (sum(ticks[:8]) - idle) / self._tick,
            "wall": time.perf_counter(),
        }

    @staticmethod
    def spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        """Return the CPU used between two readings as cores (1.0 = one core busy)."""
        wall = after["wall"] - before["wall"] or 1e-9
        used = {name: (after[name] - before[name]) / wall for name in before if name != "wall"}
        ours = used["hub"] + used["postgres"] + used["devices"]
        used["others"] = max(0.0, used["machine"] - ours)
        return {name: round(value, 2) for name, value in used.items()}
