"""Imported spans and the resolver that anchors them in an article."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..anchoring import AnchorFailure, Selector, Span, anchor, disambiguate, iter_matches
from ..article import Article
from ..catalogue import Catalogue
from ..fields import slugify
from ._lines import Problem

CONTEXT = 32  # characters of prefix and suffix kept in exports, as Hypothesis does


@dataclass
class ImportedSpan:
    """One passage as another tool describes it.

    Either ``quote`` (with optional ``prefix``/``suffix`` context) or ``start``/``end``
    offsets, or both. Offsets are into ``source_text`` when the format ships its own copy
    of the text (brat, PTC), else into the article body.
    """

    label: str  # the technique as the other tool names it
    quote: str | None = None
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    id: str | None = None
    clean: bool = False
    where: str = ""  # the input file and line, for messages
    other_labels: tuple[str, ...] = ()  # further tags, tried when ``label`` is not in the catalogue


@dataclass
class Resolved:
    """A span anchored in the article, with the selector fields a lesson needs."""

    source: ImportedSpan
    span: Span
    selector: Selector
    technique: str | None  # a catalogue id, or None when the label maps to none


def map_technique(label: str, catalogue: Catalogue | None) -> str | None:
    """The catalogue id for a label: an id, a name, or an id of a public taxonomy under ``maps_to``."""
    if catalogue is None:
        return slugify(label) or None
    wanted = label.strip().lower()
    for tid, technique in catalogue.techniques.items():
        names = {tid, technique.name.lower(), *(v.lower() for _, v in technique.maps_to)}
        if wanted in names or slugify(label) == tid:
            return tid
    return None


def _context_score(body: str, start: int, end: int, prefix: str, suffix: str) -> int:
    score = 0
    for a, b in zip(reversed(body[max(0, start - len(prefix)):start]), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(body[end:end + len(suffix)], suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _locate(article: Article, item: ImportedSpan, source_text: str | None) -> Span | str:
    body = article.body
    quote, prefix, suffix = item.quote, item.prefix, item.suffix
    if item.start is not None and item.end is not None:
        text = source_text if source_text is not None else body
        if not 0 <= item.start < item.end <= len(text):
            return f"offsets {item.start}-{item.end} are outside the text ({len(text)} characters)"
        exact = text[item.start:item.end]
        if quote is not None and quote != exact:
            if source_text is None and quote in body:
                exact = quote  # the position is stale; trust the quote
            else:
                return f"the quote {quote!r} does not match the text at {item.start}-{item.end} ({exact!r})"
        if source_text is None and body[item.start:item.end] == exact:
            return _trim(body, Span(item.start, item.end))
        quote = exact
        prefix = prefix or text[max(0, item.start - CONTEXT):item.start]
        suffix = suffix or text[item.end:item.end + CONTEXT]
    if not quote:
        return "no quote and no offsets"
    best = max(iter_matches(body, quote), key=lambda s: _context_score(body, s, s + len(quote), prefix, suffix),
               default=None)  # streamed: a short quote may occur millions of times
    if best is not None:
        return _trim(body, Span(best, best + len(quote)))
    found = anchor(article, Selector(quote))  # whitespace or typography differ: anchor as a lesson would
    if isinstance(found, AnchorFailure):
        return f"the passage {quote[:60]!r} is not in the article" + (f" ({found.hint})" if found.hint else "")
    return found


def _trim(body: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _selector(article: Article, span: Span) -> Selector | None:
    """The shortest selector that anchors exactly ``span``: usually what ``disambiguate`` proposes."""
    quote = " ".join(article.body[span.start:span.end].split())
    extra = disambiguate(article, span)
    proposed = Selector(quote, extra.prefix, extra.suffix, extra.occurrence)
    if anchor(article, proposed) == span:
        return proposed
    for n in itertools.count(1):  # the span starts mid-match (normalisation): count occurrences instead
        found = anchor(article, Selector(quote, occurrence=n))
        if found == span:
            return Selector(quote, occurrence=n)
        if isinstance(found, AnchorFailure) or found.start > span.start:
            return None
    return None


def resolve(article: Article, items: list[ImportedSpan], catalogue: Catalogue | None,
            source_text: str | None = None) -> tuple[list[Resolved], list[Problem]]:
    """Anchor every imported span; return the passages and a message for each one that failed."""
    resolved: list[Resolved] = []
    problems: list[Problem] = []
    for item in items:
        where = item.where
        span = _locate(article, item, source_text)
        if isinstance(span, str):
            problems.append(Problem(where, span))
            continue
        if span.start == span.end:
            problems.append(Problem(where, "the passage is only whitespace"))
            continue
        selector = _selector(article, span)
        if selector is None:
            passage = article.body[span.start:span.end]
            problems.append(Problem(where, f"no selector picks out exactly {passage!r}"))
            continue
        technique = None
        if not item.clean:
            technique = next((t for t in (map_technique(x, catalogue) for x in (item.label, *item.other_labels)) if t),
                             None)
        if not item.clean and technique is None:
            problems.append(Problem(where, f"the technique {item.label!r} is not in the catalogue; "
                                           "it is kept as written, add it to techniques.yml or change it"))
        resolved.append(Resolved(item, span, selector, technique))
    return resolved, problems
