"""``benchmarks/bench.py --quick`` runs end to end and prints its table (not a timed test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "| measure" in proc.stdout and "cold start" in proc.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["quick"] is True
    assert results["text_rate"] > 0 and results["html_rate"] > 0
    assert results["cold_start_ms"] > 0 and results["j1_s"] > 0 and results["j2_s"] > 0
    assert results["batch"]["returncode"] == 0
    assert results["batch"]["peak_rss_mb"] > 0
