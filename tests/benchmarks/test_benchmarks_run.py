"""The benchmarks run in CI at a small size, so they cannot rot; no timing is asserted."""

from __future__ import annotations

from . import anchoring


def test_anchoring_benchmark_runs_small(capsys):
    assert anchoring.main(["--quick", "--repeat", "1"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line[:3].strip("| ").isdigit()]
    assert len(rows) == 3


def test_build_benchmark_runs_small(capsys):
    """Both generated courses build strictly and the report line is printed; no report is written."""
    from . import scale

    report = scale.ROOT / "docs" / "reference" / "benchmarks.md"
    before = report.read_text(encoding="utf-8")
    assert scale.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "10 lessons: plain" in out and "ratio" in out
    assert "plugin CSS+JS:" in out
    assert report.read_text(encoding="utf-8") == before
