"""Anchoring and rendering speed on large articles (``make bench``).

Reports, for a fixed number of annotations, the time to load and anchor a lesson and
to render its article at growing article sizes, so the growth with article length can
be read off the table (time per MB stays flat when anchoring is linear). The headline
case is a 1 MB article with 10,000 annotations.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from annotated_lessons.core.anchoring import Selector, anchor, disambiguate
from annotated_lessons.core.catalogue import parse_catalogue
from annotated_lessons.core.course import ArticleCache, CourseConfig
from annotated_lessons.core.lesson import parse_lesson
from annotated_lessons.core.render import render_article

from .corpus import lesson_yaml, parsed, random_spans, synthetic_article

TECHNIQUES = [f"t{i}" for i in range(12)]
CATALOGUE_YAML = "techniques:\n" + "".join(f"  - {{id: {t}, name: T {t}, summary: s}}\n" for t in TECHNIQUES)


def measure(size: int, annotations: int, repeat: int) -> dict[str, float]:
    text = synthetic_article(size)
    article = parsed(text)
    spans = random_spans(article, annotations)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        (root / "seeds" / "bench.txt").write_text(text, encoding="utf-8")
        lesson_text = lesson_yaml("seeds/bench.txt", article, spans, TECHNIQUES)
        catalogue, _ = parse_catalogue(CATALOGUE_YAML, "lessons/techniques.yml")
        load_times, anchor_times, render_times = [], [], []
        selectors = [Selector(article.body[sp.start:sp.end], **disambiguate(article, sp).fields())  # type: ignore[arg-type]
                     for sp in spans]
        for _ in range(repeat):
            fresh = parsed(text)  # a new article, so the normalised view is built inside the timing
            t = time.perf_counter()
            for selector in selectors:
                anchor(fresh, selector)
            anchor_times.append(time.perf_counter() - t)
            articles = ArticleCache(CourseConfig(root))
            t0 = time.perf_counter()
            lesson, problems = parse_lesson(lesson_text, "lessons/bench.yml", "bench", catalogue, articles)
            t1 = time.perf_counter()
            assert lesson is not None and not problems, problems[:3]
            assert len(lesson.annotations) == annotations
            render_article(lesson, catalogue)
            t2 = time.perf_counter()
            load_times.append(t1 - t0)
            render_times.append(t2 - t1)
    return {"size": len(text.encode()), "annotations": annotations, "load": statistics.median(load_times),
            "anchor": statistics.median(anchor_times), "render": statistics.median(render_times)}


def table(repeat: int = 3, quick: bool = False) -> str:
    """The Markdown table of results (prints each row as it is measured)."""
    if quick:
        cases = [(31_250, 500), (62_500, 500), (125_000, 500)]
    else:
        cases = [(125_000, 10_000), (250_000, 10_000), (500_000, 10_000), (1_000_000, 10_000)]
    lines = ["| article | annotations | whole lesson (YAML, validation, anchoring) | anchoring alone "
             "| anchoring per annotation per 100 kB | render article |", "|---:|---:|---:|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    for size, count in cases:
        r = measure(size, count, repeat)
        per = r["anchor"] / count / (r["size"] / 100_000) * 1e6
        lines.append(f"| {r['size'] / 1000:,.0f} kB | {count:,} | {r['load']:.2f} s | {r['anchor']:.2f} s "
                     f"| {per:.1f} µs | {r['render']:.2f} s |")
        print(lines[-1], flush=True)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only (for CI)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    table(args.repeat, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
