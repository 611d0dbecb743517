"""Hostile inputs that once made checking or building super-linear (``make bench``).

Each case is a small course written to a folder: a quote of 2,000 words that is not in
the article, 20,000 annotations sharing one quote (and so one default id), a 40 KB note
of nested brackets, a one-character quote in a 20 MB article, and a one-cluster quote in
1 MB of emoji sequences (every match inside a larger cluster is looked at, and
dropped). Each is run as a child
process (``lessons check``, or ``mkdocs build`` for the note) whose wall time and own
peak resident memory (see :mod:`.peak`) are reported; the exit status is reported, not
asserted, as these lessons are meant to be reported, not to pass.

``python -m tests.benchmarks.adversarial`` prints the table; ``--quick`` runs every case
at a small size (the test suite does that, so the cases cannot rot).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .corpus import synthetic_article

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = "techniques:\n  - {id: framing, name: Framing, summary: One plain sentence.}\n"


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    write: Callable[[Path, int], list[str]]  # writes the course, returns the command to run in it
    full: int  # the size measured by ``make bench``
    quick: int  # the size the test suite runs


@dataclass
class Result:
    case: Case
    size: int
    seconds: float
    peak_mb: float
    status: int
    output: str


def _course(root: Path, article: str, lesson: str) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Course\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Hostile course\nplugins:\n  - annotated-lessons\n", encoding="utf-8")
    (root / "lessons").mkdir(exist_ok=True)
    (root / "lessons" / "techniques.yml").write_text(CATALOGUE, encoding="utf-8")
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "article.txt").write_text(article, encoding="utf-8")
    (root / "lessons" / "hostile.yml").write_text(lesson, encoding="utf-8")


def _lesson(annotations: list[dict[str, str]]) -> str:
    lines = ["title: Hostile lesson", "article: seeds/article.txt", "summary: Made to be expensive.", "annotations:"]
    for item in annotations:
        lines.append("  - " + "\n    ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items()))
    return "\n".join(lines) + "\n"


def _check(root: Path) -> list[str]:
    return ["lessons", "check", str(root)]


def missing_quote(root: Path, words: int) -> list[str]:
    """A quote of ``words`` words of the article's own vocabulary, in an order the article never has."""
    article = synthetic_article(20_000)
    vocabulary = sorted(set(article.split()))
    rng = random.Random(5)
    quote = " ".join(rng.choice(vocabulary) for _ in range(words))
    _course(root, article, _lesson([{"quote": quote, "technique": "framing", "note": "Not in the article."}]))
    return _check(root)


def shared_quote(root: Path, count: int) -> list[str]:
    """``count`` annotations on the same passage and without ids, so all derive the same default id."""
    article = "Headline\n\nThe same passage, annotated again and again.\n"
    item = {"quote": "The same passage", "technique": "framing", "note": "Again."}
    _course(root, article, _lesson([item] * count))
    return _check(root)


def nested_note(root: Path, size: int) -> list[str]:
    """A note of ``size`` bytes of nested brackets, ``[[[[...]]]]``, built into a site (non-strict)."""
    note = "[" * (size // 2) + "]" * (size // 2)
    article = "Headline\n\nA passage with a note.\n"
    _course(root, article, _lesson([{"quote": "A passage", "technique": "framing", "note": note}]))
    return ["mkdocs", "build"]


def one_character_quote(root: Path, megabytes: int) -> list[str]:
    """A one-letter quote in an article of ``megabytes`` MB: millions of candidates.

    The text has typographic apostrophes, as real articles do, so Python holds it at two
    bytes a character: the memory figure is the realistic one, not the ASCII best case.
    """
    block = synthetic_article(100_000).replace("e ", "\u2019s ", 200)
    article = block[:100_000 - 1] + "\n"
    article = article * max(1, megabytes * 10)
    _course(root, article, _lesson([{"quote": "e", "technique": "framing", "note": "Everywhere."}]))
    return _check(root)


def one_cluster_quote(root: Path, kilobytes: int) -> list[str]:
    """A one-cluster quote ("👍") in ``kilobytes`` kB of emoji ZWJ sequences, skin tones and flags.

    Half of its matches lie inside a larger cluster (``👍🏽``), so every one is checked
    against the cluster boundaries and the stretches around them are segmented.
    """
    unit = "👨\u200d👩\u200d👧 👍🏽👍 🇺🇸🇪🇺 "
    article = "Emoji\n\n" + unit * max(1, kilobytes * 1000 // len(unit.encode())) + "\n"
    _course(root, article, _lesson([{"quote": "👍", "technique": "framing", "note": "Everywhere."}]))
    return _check(root)


CASES = [
    Case("missing quote", "a 2,000-word quote not in the article (20 kB article)", missing_quote, 2000, 200),
    Case("shared quote", "20,000 annotations sharing one quote and default id", shared_quote, 20_000, 2000),
    Case("nested brackets", "a 40 KB note of nested `[`, `mkdocs build`", nested_note, 40_000, 4000),
    Case("one-character quote", "a 1-character quote in a 20 MB article (`’` in it)", one_character_quote, 20, 1),
    Case("one-cluster quote", "a 1-cluster quote in 1 MB of emoji ZWJ sequences and flags", one_cluster_quote, 1000, 100),
]


def run(case: Case, size: int, workdir: Path) -> Result:
    """Write the case's course and run its command in a child process: wall time and its own peak memory.

    The command runs under :mod:`.peak`, which reports the child's own high-water mark
    (``ru_maxrss`` would include this process's memory at the time of the fork).
    """
    root = workdir / case.name.replace(" ", "-")
    command = case.write(root, size)
    peak_file = workdir / "peak.txt"
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.peak", str(peak_file), *command], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    status = process.wait()
    seconds = time.perf_counter() - start
    peak = int(peak_file.read_text(encoding="utf-8")) / 1024 if peak_file.exists() else float("nan")
    return Result(case, size, seconds, peak, status, output)


def table(quick: bool = False) -> tuple[str, list[Result]]:
    """The Markdown table of every case (printing each row as it is measured)."""
    lines = ["| case | input | wall time | peak memory | exit status |", "|---|---|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            result = run(case, case.quick if quick else case.full, Path(tmp))
            results.append(result)
            what = case.what if not quick else f"{case.name}, small ({result.size:,})"
            lines.append(f"| {case.name} | {what} | {result.seconds:.2f} s | {result.peak_mb:.0f} MB | {result.status} |")
            print(lines[-1], flush=True)
    return "\n".join(lines), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only (for the test suite)")
    parser.add_argument("--case", help="run one case, by name")
    parser.add_argument("--size", type=int, help="with --case: the size to run")
    parser.add_argument("--keep", type=Path, help="with --case: write the course here and keep it")
    args = parser.parse_args(argv)
    if args.case:
        case = next(c for c in CASES if c.name == args.case)
        with tempfile.TemporaryDirectory() as tmp:
            result = run(case, args.size or case.full, args.keep or Path(tmp))
        print(f"{case.name} ({result.size:,}): {result.seconds:.2f} s, {result.peak_mb:.0f} MB, exit {result.status}")
        print(result.output[-3000:], flush=True)
        return 0
    table(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
