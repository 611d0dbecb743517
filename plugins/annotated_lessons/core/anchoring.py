"""Turning a quote (plus optional prefix, suffix, occurrence) into an exact span.

The rules are the format contract's: match on the normalised view, keep candidates
by prefix and suffix, pick the n-th with ``occurrence``, and require exactly one.
Failures come back as data (:class:`AnchorFailure`) carrying what a contributor needs
to fix the quote: the closest passage when nothing matches, every match and the
shortest way to choose between them when several do.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .article import Article
from .normalise import normalise

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """A stretch of the article body: ``body[start:end]``."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Selector:
    """What a lesson says about where a passage is."""

    quote: str
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None


@dataclass
class AnchorFailure:
    """Why a selector did not pick exactly one passage, with material for the hint."""

    kind: str  # empty-quote | not-found | filtered-out | occurrence-out-of-range | ambiguous
    message: str
    hint: str | None = None
    candidates: list[Span] = field(default_factory=list)


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start index of ``needle`` in ``haystack``, overlapping matches included."""
    found: list[int] = []
    index = haystack.find(needle)
    while index != -1:
        found.append(index)
        index = haystack.find(needle, index + 1)
    return found


def anchor(article: Article, selector: Selector) -> Span | AnchorFailure:
    """Apply the anchoring rules of the contract to one selector."""
    text, offsets = article.normalised
    quote = normalise(selector.quote).strip()
    if not quote:
        return AnchorFailure("empty-quote", "the quote is empty", "copy the words of the passage from the article")
    starts = find_all(text, quote)
    if not starts:
        return _not_found(article, quote)
    kept = starts
    if selector.prefix is not None:
        prefix = normalise(selector.prefix)
        kept = [s for s in kept if text.endswith(prefix, 0, s)]
    if selector.suffix is not None:
        suffix = normalise(selector.suffix)
        kept = [s for s in kept if text.startswith(suffix, s + len(quote))]
    if not kept:
        spans = [_span(offsets, s, len(quote)) for s in starts]
        where = "; ".join(describe(article, span) for span in spans[:5])
        return AnchorFailure(
            "filtered-out",
            f"the quote occurs {len(starts)} time(s) but none has the given prefix/suffix",
            f"the quote occurs at {where}; check the prefix and suffix against the article",
            spans,
        )
    if selector.occurrence is not None:
        if not 1 <= selector.occurrence <= len(kept):
            return AnchorFailure(
                "occurrence-out-of-range",
                f"occurrence {selector.occurrence} asked for, but only {len(kept)} match(es) remain",
                f"use a number from 1 to {len(kept)}",
                [_span(offsets, s, len(quote)) for s in kept],
            )
        kept = [kept[selector.occurrence - 1]]
    spans = [_span(offsets, s, len(quote)) for s in kept]
    if len(spans) > 1:
        lines = [f"{i}. {describe(article, span)}: {disambiguate(article, span).describe()}"
                 for i, span in enumerate(spans[:10], 1)]
        more = [f"... and {len(spans) - 10} more"] if len(spans) > 10 else []
        return AnchorFailure(
            "ambiguous",
            f"the quote matches {len(spans)} places in the article",
            "add a prefix, a suffix or an occurrence to choose one:\n" + "\n".join(lines + more),
            spans,
        )
    return spans[0]


def _span(offsets: list[int], start: int, length: int) -> Span:
    return Span(offsets[start], offsets[start + length - 1] + 1 if length else offsets[start])


def describe(article: Article, span: Span) -> str:
    """'line 7, column 12 ("...context...")' for messages about a place in the article."""
    line, col = article.line_col(span.start)
    before = _SPACES.sub(" ", article.body[max(0, span.start - 24):span.start]).split(" ", 1)[-1]
    after = _SPACES.sub(" ", article.body[span.end:span.end + 24]).rsplit(" ", 1)[0]
    passage = " ".join(article.body[span.start:span.end].split())
    if len(passage) > 60:
        passage = passage[:28] + " ... " + passage[-28:]
    return f'line {line}, column {col} ("...{before}[{passage}]{after}...")'


@dataclass(frozen=True)
class Disambiguation:
    """The shortest selector fields that single out one match."""

    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None

    def describe(self) -> str:
        if self.prefix is not None:
            return f"prefix: {self.prefix!r}"
        if self.suffix is not None:
            return f"suffix: {self.suffix!r}"
        return f"occurrence: {self.occurrence}"

    def fields(self) -> dict[str, object]:
        return {k: v for k, v in (("prefix", self.prefix), ("suffix", self.suffix),
                                  ("occurrence", self.occurrence)) if v is not None}


def disambiguate(article: Article, span: Span) -> Disambiguation:
    """The shortest prefix or suffix (grown word by word) that makes ``span`` unique.

    Falls back to ``occurrence`` when no context shorter than a few words separates the
    matches. Used in hints for ambiguous quotes and by importers that write selectors.
    """
    text, offsets = article.normalised
    quote = normalise(article.body[span.start:span.end]).strip()
    starts = find_all(text, quote)
    if len(starts) <= 1:
        return Disambiguation()
    import bisect

    target = bisect.bisect_left(offsets, span.start)
    if target not in starts:  # the span does not start on a normalised boundary
        target = min(starts, key=lambda s: abs(offsets[s] - span.start))
    best: Disambiguation | None = None
    best_len = 1 << 30
    for words in range(1, 9):
        prefix = _context_before(text, target, words)
        if prefix and sum(text.endswith(prefix, 0, s) for s in starts) == 1 and len(prefix) < best_len:
            best, best_len = Disambiguation(prefix=prefix), len(prefix)
        suffix = _context_after(text, target + len(quote), words)
        if suffix and sum(text.startswith(suffix, s + len(quote)) for s in starts) == 1 and len(suffix) < best_len:
            best, best_len = Disambiguation(suffix=suffix), len(suffix)
        if best is not None:
            return best
    return Disambiguation(occurrence=starts.index(target) + 1)


def _context_before(text: str, index: int, words: int) -> str:
    start = index
    for _ in range(words):
        start = text.rfind(" ", 0, max(0, start - 1)) + 1 if start > 0 else 0
        if start == 0:
            break
    return text[start:index]


def _context_after(text: str, index: int, words: int) -> str:
    end = index
    for _ in range(words):
        nxt = text.find(" ", end + 1)
        end = len(text) if nxt == -1 else nxt
        if end == len(text):
            break
    return text[index:end]


def _not_found(article: Article, quote: str) -> AnchorFailure:
    text, offsets = article.normalised
    lowered = find_all(text.lower(), quote.lower())
    if lowered:
        span = _span(offsets, lowered[0], len(quote))
        return AnchorFailure(
            "not-found", "the quote is not in the article (matching is case-sensitive)",
            f"it matches if case is ignored, at {describe(article, span)}; copy the capitals as they are",
            [span],
        )
    near = closest_passage(text, quote)
    if near is None:
        return AnchorFailure("not-found", "the quote is not in the article",
                             "copy the passage from the article text; no similar passage was found")
    start, end, ratio = near
    span = Span(offsets[start], offsets[end - 1] + 1)
    passage = " ".join(article.body[span.start:span.end].split())
    diff = _first_difference(quote, text[start:end])
    return AnchorFailure(
        "not-found", "the quote is not in the article",
        f"the closest passage ({ratio:.0%} similar) is at {describe(article, span)}:\n"
        f'"{passage}"' + (f"\n{diff}" if diff else ""),
        [span],
    )


def _first_difference(quote: str, passage: str) -> str | None:
    for i, (a, b) in enumerate(zip(quote, passage, strict=False)):
        if a != b:
            return f"first difference at character {i + 1}: the quote has {a!r}, the article {b!r}"
    return None


def closest_passage(text: str, quote: str) -> tuple[int, int, float] | None:
    """The stretch of ``text`` most similar to ``quote`` as ``(start, end, ratio)``.

    Seeds candidate windows at the quote's longest common substrings with the text, so
    the search stays fast on long articles, then scores each window with difflib.
    """
    if not text or not quote:
        return None
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    seeds: set[int] = set()
    lo = 0
    while lo < len(quote) and len(seeds) < 8:
        block = matcher.find_longest_match(0, len(text), lo, len(quote))
        if block.size < 3:
            break
        seeds.add(block.a - (block.b))
        lo = block.b + block.size
    best: tuple[int, int, float] | None = None
    for seed in seeds:
        for shift in (-3, -2, -1, 0, 1, 2, 3):
            for stretch in (-2, -1, 0, 1, 2):
                start = max(0, seed + shift)
                end = min(len(text), start + len(quote) + stretch)
                ratio = difflib.SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
                if best is None or ratio > best[2]:
                    best = (start, end, ratio)
    if best is None or best[2] < 0.4:
        return None
    return best
