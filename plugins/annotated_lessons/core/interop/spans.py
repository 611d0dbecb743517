"""Imported spans and the resolver that anchors them in an article."""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..anchoring import AnchorFailure, Selector, Span, anchor, disambiguate, iter_matches
from ..article import Article
from ..catalogue import Catalogue
from ..fields import slugify
from ._lines import Problem
from .labels import key, spellings
from .units import from_utf16

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
    # What a lesson exported by this project carries back (see :mod:`.vocabulary`); empty from other tools.
    ask: str = ""
    teacher: str = ""
    check: dict[str, Any] | None = None
    written: dict[str, Any] | None = None  # the selector as the lesson wrote it: quote, prefix, suffix, occurrence
    at: int | None = None


@dataclass
class Resolved:
    """A span anchored in the article, with the selector fields a lesson needs."""

    source: ImportedSpan
    span: Span
    selector: Selector
    technique: str | None  # a catalogue id, or None when the label maps to none
    landing: str = "exact"  # "exact": where and what the source says; "moved": found by its words elsewhere


def technique_index(catalogue: Catalogue) -> dict[str, str]:
    """Every name a technique goes by (id, name, ``maps_to`` labels), as a label key, to its id."""
    index: dict[str, str] = {}
    for tid, technique in catalogue.techniques.items():
        for name in (tid, technique.name, *(v for _, v in technique.maps_to)):
            index.setdefault(key(name), tid)
    return index


def map_technique(label: str, catalogue: Catalogue | None, index: dict[str, str] | None = None) -> str | None:
    """The catalogue id for a label: an id, a name, or a name of a public taxonomy under ``maps_to``,
    in any of its published spellings (see :mod:`.labels`). ``index`` saves rebuilding it per label."""
    if catalogue is None:
        return slugify(label) or None
    index = technique_index(catalogue) if index is None else index
    return next((index[k] for k in spellings(label) if k in index), None)


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


@dataclass
class _Found:
    span: Span
    exact: bool  # the very copy the source points at, with the same text; else it moved


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _nth(text: str, quote: str, start: int) -> int:
    """How many copies of ``quote`` start before ``start`` in ``text`` (overlapping copies count)."""
    n = 0
    for p in iter_matches(text, quote):
        if p >= start:
            break
        n += 1
    return n


def _choose(body: str, quote: str, prefix: str, suffix: str, copy: int | None,
            near: int | None) -> tuple[int, bool] | None:
    """Where ``quote`` is in the body, and whether its context picked it alone.

    The copy whose context matches best wins; among equals, copy number ``copy`` when
    the body has as many copies as the source (a header or a byte-order mark shifts
    every offset alike, not the order of copies), else the one nearest ``near``, else the first.
    """
    best: list[int] = []
    top, total = -1, 0
    for p in iter_matches(body, quote):  # streamed: a short quote may occur millions of times
        total += 1
        score = _context_score(body, p, p + len(quote), prefix, suffix)
        if score > top:
            best, top = [p], score
        elif score == top:
            best.append(p)
    if not best:
        return None
    alone = len(best) == 1 and top == len(prefix) + len(suffix)
    if copy is not None and total == len(best) and copy < total:
        return best[copy], alone
    if near is not None:
        return min(best, key=lambda p: abs(p - near)), alone
    return best[0], alone


def _views(text: str, item: ImportedSpan) -> str:
    """The source's own text, counted as written (a byte-order mark is a character), unless its own quote
    shows the tool counted without the mark."""
    if (text.startswith("\ufeff") and item.quote is not None and item.start is not None and item.end is not None
            and not _same_words(text[item.start:item.end], item.quote)
            and _same_words(text[1:][item.start:item.end], item.quote)):
        return text[1:]
    return text


def _locate(article: Article, item: ImportedSpan, source_text: str | None) -> _Found | str:
    body = article.body
    quote, prefix, suffix = item.quote, item.prefix, item.suffix
    start, end = item.start, item.end
    has_offsets = start is not None and end is not None
    copy = near = None
    if has_offsets and source_text is None:  # offsets into the body: code points, or UTF-16 units
        assert start is not None and end is not None
        if quote is None:
            if not 0 <= start < end <= len(body):
                return f"offsets {start}-{end} are outside the text ({len(body)} characters)"
            span = _trim(body, Span(start, end))
            return _Found(span, span == Span(start, end))
        if 0 <= start < end <= len(body) and body[start:end] == quote:
            return _Found(Span(start, end), True)
        cp_start, cp_end = from_utf16(body, start), from_utf16(body, end)
        if cp_start is not None and cp_end is not None and body[cp_start:cp_end] == quote:
            return _Found(Span(cp_start, cp_end), True)  # the source counted UTF-16 units, as browsers do
        near = start  # stale or page-relative positions: the quote decides, the offset only breaks ties
    elif has_offsets:  # offsets into the source's own copy of the text
        assert start is not None and end is not None and source_text is not None
        text = _views(source_text, item)
        if not 0 <= start < end <= len(text):
            if not quote:
                return f"offsets {start}-{end} are outside the text ({len(text)} characters)"
        else:
            exact = text[start:end]
            if quote is not None and not _same_words(quote, exact):
                return f"the quote {quote!r} does not match the text at {start}-{end} ({exact!r})"
            quote = unicodedata.normalize("NFC", exact)  # the body is NFC; the source may be NFD
            prefix = prefix or unicodedata.normalize("NFC", text[max(0, start - CONTEXT):start])
            suffix = suffix or unicodedata.normalize("NFC", text[end:end + CONTEXT])
            copy, near = _nth(text, exact, start), start
    if not quote:
        return "no quote and no offsets"
    found = _choose(body, quote, prefix, suffix, copy, near)
    if found is not None:
        at, alone = found
        span = _trim(body, Span(at, at + len(quote)))
        whole = span == Span(at, at + len(quote))
        # With offsets into the source's own text: exact when it is the same copy. Offsets into the body
        # that missed are a move. A quote alone is exact when its context picks it out.
        same_copy = copy is not None and _nth(body, quote, at) == copy
        return _Found(span, whole and (same_copy if copy is not None else alone and not has_offsets))
    anchored = anchor(article, Selector(quote))  # whitespace or typography differ: anchor as a lesson would
    if isinstance(anchored, AnchorFailure):
        return f"the passage {quote[:60]!r} is not in the article" + (f" ({anchored.hint})" if anchored.hint else "")
    return _Found(anchored, False)


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


def _written(article: Article, item: ImportedSpan, span: Span) -> Selector | None:
    """The selector the lesson wrote, when the source carries it and it still picks out exactly ``span``."""
    w = item.written
    if not w:
        return None
    prefix, suffix, occurrence = w.get("prefix"), w.get("suffix"), w.get("occurrence")
    if not (isinstance(prefix, (str, type(None))) and isinstance(suffix, (str, type(None)))
            and (occurrence is None or (type(occurrence) is int and occurrence >= 1))):
        return None
    selector = Selector(w["quote"], prefix, suffix, occurrence)
    return selector if anchor(article, selector) == span else None


def resolve(article: Article, items: list[ImportedSpan], catalogue: Catalogue | None,
            source_text: str | None = None) -> tuple[list[Resolved], list[Problem]]:
    """Anchor every imported span; return the passages and a message for each one that failed."""
    resolved: list[Resolved] = []
    problems: list[Problem] = []
    index = technique_index(catalogue) if catalogue is not None else None
    for item in items:
        where = item.where
        found = _locate(article, item, source_text)
        if isinstance(found, str):
            problems.append(Problem(where, found))
            continue
        span = found.span
        if span.start == span.end:
            problems.append(Problem(where, "the passage is only whitespace"))
            continue
        selector = _written(article, item, span) or _selector(article, span)
        if selector is None:
            passage = article.body[span.start:span.end]
            problems.append(Problem(where, f"no selector picks out exactly {passage!r}"))
            continue
        technique = None
        if not item.clean:
            technique = next((t for t in (map_technique(x, catalogue, index) for x in (item.label, *item.other_labels)) if t),
                             None)
        if not item.clean and technique is None:
            problems.append(Problem(where, f"the technique {item.label!r} is not in the catalogue; "
                                           "it is kept as written, add it to techniques.yml or change it"))
        resolved.append(Resolved(item, span, selector, technique, "exact" if found.exact else "moved"))
    return resolved, problems
