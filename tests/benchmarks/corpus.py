"""Deterministic synthetic articles and lessons for benchmarks (no timing here)."""

from __future__ import annotations

import random

from annotated_lessons.core.anchoring import Span, disambiguate
from annotated_lessons.core.article import Article, parse_article


def synthetic_article(size: int, seed: int = 7) -> str:
    """About ``size`` characters of word salad in paragraphs of 40-120 words, headline first."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
                  for _ in range(6000)]
    paragraphs = ["Synthetic headline for a benchmark article"]
    length = len(paragraphs[0])
    while length < size:
        words = [rng.choice(vocabulary) for _ in range(rng.randint(40, 120))]
        words[0] = words[0].capitalize()
        paragraph = " ".join(words) + "."
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size].rstrip() + "\n"


def random_spans(article: Article, count: int, seed: int = 11, words: tuple[int, int] = (3, 9)) -> list[Span]:
    """Spans of whole words inside paragraphs; they overlap and nest at random like real lessons."""
    rng = random.Random(seed)
    body = article.body
    spans = []
    paragraphs = article.paragraphs[1:] or article.paragraphs
    for _ in range(count):
        p_start, p_end = rng.choice(paragraphs)
        start = body.rfind(" ", p_start, rng.randint(p_start, p_end - 1)) + 1 or p_start
        start = max(start, p_start)
        end = start
        for _ in range(rng.randint(*words)):
            nxt = body.find(" ", end + 1, p_end)
            end = p_end if nxt == -1 else nxt
        spans.append(Span(start, end))
    return spans


def lesson_yaml(article_path: str, article: Article, spans: list[Span], techniques: list[str]) -> str:
    """A lesson whose selectors anchor exactly to ``spans`` (disambiguated like an importer would)."""
    import json

    out = [f"title: Benchmark lesson\narticle: {article_path}\nsummary: Generated for benchmarks.\nannotations:"]
    for i, span in enumerate(spans):
        fields = disambiguate(article, span).fields()
        out.append(f"  - id: a{i}\n    quote: {json.dumps(article.body[span.start:span.end])}")
        out.extend(f"    {k}: {json.dumps(v)}" for k, v in fields.items())
        out.append(f"    technique: {techniques[i % len(techniques)]}\n    note: Note number {i}.")
    return "\n".join(out) + "\n"


def parsed(text: str) -> Article:
    return parse_article(text, "seeds/bench.txt")[0]
