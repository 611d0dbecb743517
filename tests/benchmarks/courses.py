"""Generated courses for the scale benchmarks, and their plain-MkDocs equivalents.

A generated course has N lessons of 20-40 annotations on a pool of synthetic articles.
Its plain equivalent is what a teacher would otherwise write by hand: each lesson as a
Markdown page holding the article text with the notes as footnotes, plus an index page
and a page per technique, built by Material without the plugin. Both are made from the
same data, so a build-time ratio compares like with like.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from annotated_lessons.core.anchoring import Span, disambiguate

from .corpus import parsed, random_spans, synthetic_article

TECHNIQUE_COUNT = 14
ARTICLE_POOL = 25


@dataclass(frozen=True)
class GeneratedLesson:
    slug: str
    article: str  # course-relative path
    spans: list[Span]
    techniques: list[str]


def _techniques_yaml() -> str:
    out = ["techniques:"]
    for i in range(TECHNIQUE_COUNT):
        out.append(f"  - id: technique-{i}\n    name: Technique {i}\n    summary: A technique used in benchmarks.\n"
                   f"    description: What technique {i} does and how to spot it.\n"
                   f"    ask:\n      - What does the text offer as evidence?")
    return "\n".join(out) + "\n"


def _mkdocs_yml(plugin: bool) -> str:
    # No teacher editions: the hand-written equivalent has none, so both sides build the same pages.
    plugins = "  - search\n" + ("  - annotated-lessons:\n      teacher_edition: false\n" if plugin else "")
    extensions = "" if plugin else "markdown_extensions:\n  - footnotes\n"
    return (f"site_name: Benchmark course\ntheme:\n  name: material\nplugins:\n{plugins}{extensions}")


def plan(lessons: int, article_size: int = 4000, seed: int = 3) -> tuple[dict[str, str], list[GeneratedLesson]]:
    """The articles (path -> text) and the lessons of a generated course."""
    rng = random.Random(seed)
    articles = {f"seeds/article-{i:03d}.txt": synthetic_article(article_size, seed=100 + i)
                for i in range(min(ARTICLE_POOL, lessons))}
    paths = sorted(articles)
    parsed_articles = {p: parsed(t) for p, t in articles.items()}
    out = []
    for i in range(lessons):
        path = paths[i % len(paths)]
        count = rng.randint(20, 40)
        spans = random_spans(parsed_articles[path], count, seed=seed * 1000 + i)
        techniques = [f"technique-{rng.randrange(TECHNIQUE_COUNT)}" for _ in spans]
        out.append(GeneratedLesson(f"lesson-{i:04d}", path, spans, techniques))
    return articles, out


def write_plugin_course(root: Path, lessons: int, article_size: int = 4000) -> None:
    """A course for the plugin: mkdocs.yml, seeds, catalogue and lesson YAML."""
    articles, planned = plan(lessons, article_size)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Benchmark course\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(_mkdocs_yml(plugin=True), encoding="utf-8")
    (root / "lessons").mkdir(exist_ok=True)
    (root / "lessons" / "techniques.yml").write_text(_techniques_yaml(), encoding="utf-8")
    for path, text in articles.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    cache = {p: parsed(t) for p, t in articles.items()}
    for lesson in planned:
        article = cache[lesson.article]
        lines = [f"title: Lesson {lesson.slug}", f"article: {lesson.article}",
                 "summary: A generated lesson for benchmarks.", "audience: Ages 15-18", "duration: 45",
                 "annotations:"]
        for n, (span, technique) in enumerate(zip(lesson.spans, lesson.techniques, strict=True)):
            lines.append(f"  - id: a{n}\n    quote: {json.dumps(article.body[span.start:span.end])}")
            lines.extend(f"    {k}: {json.dumps(v)}" for k, v in disambiguate(article, span).fields().items())
            lines.append(f"    technique: {technique}\n    note: Note {n} says what this passage does.\n"
                         f"    ask: What evidence does the text give?")
        (root / "lessons" / f"{lesson.slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_plain_course(root: Path, lessons: int, article_size: int = 4000) -> None:
    """The hand-written equivalent: Markdown pages with footnotes, index and technique pages."""
    articles, planned = plan(lessons, article_size)
    docs = root / "docs"
    (docs / "lessons").mkdir(parents=True, exist_ok=True)
    (docs / "techniques").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Benchmark course\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(_mkdocs_yml(plugin=False), encoding="utf-8")
    cache = {p: parsed(t) for p, t in articles.items()}
    examples: dict[str, list[str]] = {}
    index = ["# Lessons\n"]
    for lesson in planned:
        article = cache[lesson.article]
        ends: dict[int, list[int]] = {}
        for n, span in enumerate(lesson.spans, 1):
            ends.setdefault(span.end, []).append(n)
        body = article.body
        out, last = [], 0
        for end in sorted(ends):
            out.append(body[last:end] + "".join(f"[^{n}]" for n in ends[end]))
            last = end
        out.append(body[last:])
        notes = [f"[^{n}]: **Technique {t.split('-')[1]}**: Note {n - 1} says what this passage does. "
                 f"*Ask:* What evidence does the text give?" for n, t in enumerate(lesson.techniques, 1)]
        (docs / "lessons" / f"{lesson.slug}.md").write_text(
            f"# Lesson {lesson.slug}\n\nA generated lesson for benchmarks.\n\n" + "".join(out) + "\n\n"
            + "\n".join(notes) + "\n", encoding="utf-8")
        index.append(f"- [Lesson {lesson.slug}]({lesson.slug}.md): A generated lesson for benchmarks.")
        for n, (span, technique) in enumerate(zip(lesson.spans, lesson.techniques, strict=True)):
            passage = " ".join(body[span.start:span.end].split())
            examples.setdefault(technique, []).append(
                f"- [{lesson.slug}](../lessons/{lesson.slug}.md): \"{passage}\" Note {n} says what this passage does.")
    (docs / "lessons" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    (docs / "techniques" / "index.md").write_text("# Techniques\n\n" + "\n".join(
        f"- [Technique {i}](technique-{i}.md): A technique used in benchmarks." for i in range(TECHNIQUE_COUNT)) + "\n",
        encoding="utf-8")
    for i in range(TECHNIQUE_COUNT):
        tid = f"technique-{i}"
        (docs / "techniques" / f"{tid}.md").write_text(
            f"# Technique {i}\n\nA technique used in benchmarks.\n\nWhat technique {i} does and how to spot it.\n\n"
            "## Ask\n\n- What does the text offer as evidence?\n\n## Examples\n\n"
            + "\n".join(examples.get(tid, [])) + "\n", encoding="utf-8")
