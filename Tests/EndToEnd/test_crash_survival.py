"""Crash survival, short version: Benchmarks/crash_survival.py with 3 kills.

Ten visitors chat under load while the server is `kill -9`ed three times at
random moments and restarted on the same data directory; the script checks
every invariant (each acked message exactly once at its acked seq in the
resumed history and the lead, seqs 1..n, a lead for every ended
conversation, no partial lead file, no crash in the log) and exits non-zero
on any violation. The long run is the same script with `--kills 300`.
"""

import os
import subprocess
import sys
from pathlib import Path

from nightdesk_e2e import REPO, nightdesk_bin

SCRIPT = REPO / "Benchmarks" / "crash_survival.py"


def test_crash_survival_short(tmp_path: Path):
    assert nightdesk_bin().exists(), f"build first: {nightdesk_bin()} is missing"
    seed = os.environ.get("NIGHTDESK_CRASH_SEED", "1")
    cmd = [
        sys.executable, str(SCRIPT),
        "--kills", "3", "--visitors", "10", "--seed", seed,
        "--data", str(tmp_path / "crash"), "--log", str(tmp_path / "server.log"),
    ]
    res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)
    report = f"$ {' '.join(cmd)}\n{res.stdout}\n{res.stderr}"
    assert res.returncode == 0, report
    assert "RESULT: PASS" in res.stdout, report
    assert "kills (SIGKILL):         3" in res.stdout, report
