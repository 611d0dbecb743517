"""The benchmarks run in CI at a small size, so they cannot rot; no timing is asserted."""

from __future__ import annotations

from . import anchoring


def test_anchoring_benchmark_runs_small(capsys):
    assert anchoring.main(["--quick", "--repeat", "1"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line[:3].strip("| ").isdigit()]
    assert len(rows) == 3
