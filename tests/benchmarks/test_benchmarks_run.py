"""The benchmarks run in CI at a small size, so they cannot rot; no timing is asserted."""

from __future__ import annotations

from . import adversarial, anchoring


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


def test_adversarial_cases_run_small(capsys):
    """Every hostile case runs at a small size and ends as designed: reported, not crashed."""
    _, results = adversarial.table(quick=True)
    by_name = {r.case.name: r for r in results}
    assert by_name["missing quote"].status == 1 and "the quote is not in the article" in by_name["missing quote"].output
    assert by_name["shared quote"].status == 0 and "0 error(s)" in by_name["shared quote"].output
    assert by_name["nested brackets"].status == 0 and "too complex to render as Markdown" in by_name["nested brackets"].output
    assert by_name["one-character quote"].status == 1 and "places in the article" in by_name["one-character quote"].output
    assert "Traceback" not in "".join(r.output for r in results)
    assert len([line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]) == 1 + len(results)


def test_serve_benchmark_runs_small(tmp_path):
    """A pasted annotation reaches the page served by `mkdocs serve`, and the browser's long poll returns."""
    from . import serve

    course, slug = serve.generated_course(tmp_path, 10)
    results = serve.measure(course, slug, repeat=2)
    assert len(results) == 2 and all(r.served >= r.reload > 0 and r.build > 0 for r in results)
    assert "pasted-1" in (course / "lessons" / f"{slug}.yml").read_text(encoding="utf-8")
