"""Turning a quote (plus optional prefix, suffix, occurrence) into an exact span.

The rules are the format contract's: match on the normalised view, never starting
or ending inside a grapheme cluster, keep candidates by prefix and suffix, pick the
n-th with ``occurrence``, and require exactly one.
Failures come back as data (:class:`AnchorFailure`) carrying what a contributor needs
to fix the quote: the closest passage when nothing matches, every match and the
shortest way to choose between them when several do.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from .article import Article
from .caseless import folded
from .characters import cjk_in, is_cjk, notable
from .graphemes import Clusters, clip_head, clip_tail, clusters_of
from .normalise import OffsetMap, normalise

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


CANDIDATE_LIMIT = 100
"""How many candidate spans a failure carries: enough for hints and tools, bounded for huge counts."""


@dataclass
class AnchorFailure:
    """Why a selector did not pick exactly one passage, with material for the hint.

    ``candidates`` holds the first :data:`CANDIDATE_LIMIT` places concerned and ``count``
    how many there are in all (a one-letter quote in a long article has millions).
    """

    kind: str  # empty-quote | not-found | filtered-out | occurrence-out-of-range | ambiguous
    message: str
    hint: str | None = None
    candidates: list[Span] = field(default_factory=list)
    count: int = 0


def iter_matches(haystack: str, needle: str, end: int | None = None) -> Iterator[int]:
    """Every start index of ``needle`` in ``haystack[:end]``, overlapping matches included, lazily."""
    end = len(haystack) if end is None else end
    if not needle:
        return
    index = haystack.find(needle, 0, end)
    while index != -1:
        yield index
        index = haystack.find(needle, index + 1, end)


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start index of ``needle`` in ``haystack``, overlapping matches included."""
    return list(iter_matches(haystack, needle))


def count_matches(haystack: str, needle: str, end: int | None = None, limit: int | None = None) -> int:
    """How many (overlapping) matches :func:`iter_matches` yields, stopping at ``limit`` if given.

    A needle that cannot overlap itself (no border: no proper prefix that is also a
    suffix) is counted by ``str.count`` at C speed, whatever the number of matches.
    """
    end = len(haystack) if end is None else end
    if needle and limit is None and not _has_border(needle):
        return haystack.count(needle, 0, end)
    n = 0
    for _ in iter_matches(haystack, needle, end):
        n += 1
        if limit is not None and n >= limit:
            break
    return n


def _has_border(needle: str) -> bool:
    """Whether a proper prefix of ``needle`` is also its suffix (the KMP failure function, O(len))."""
    failure = [0] * len(needle)
    k = 0
    for i in range(1, len(needle)):
        while k and needle[i] != needle[k]:
            k = failure[k - 1]
        if needle[i] == needle[k]:
            k += 1
        failure[i] = k
    return bool(failure and failure[-1])


class Candidates:
    """The matches of a needle in an article's normalised view whose quote is made of whole clusters.

    A match is kept only when the quote inside it starts and ends on a grapheme cluster
    boundary of the article body: 🇸🇪 does not match inside 🇺🇸🇪🇺, nor ``e`` in ``é``
    written with a combining accent. In an article without any character that joins a
    cluster (most of them) every match is whole and the fast paths of
    :func:`count_matches` apply unchanged; otherwise each candidate costs two lookups.
    """

    def __init__(self, article: Article) -> None:
        self.text, self.offsets = article.normalised
        self.clusters: Clusters = clusters_of(article.body)

    def whole(self, start: int, length: int) -> bool:
        """Whether the quote at normalised ``start`` (``length`` characters) covers whole clusters."""
        offsets, clusters = self.offsets, self.clusters
        return clusters.is_boundary(offsets[start]) and clusters.is_boundary(offsets[start + length - 1] + 1)

    def starts(self, needle: str, lead: int, length: int, end: int | None = None) -> Iterator[int]:
        """Quote starts of the kept matches of ``needle``, whose quote is ``needle[lead:lead + length]``."""
        found = (s + lead for s in iter_matches(self.text, needle, end))
        if self.clusters.trivial:
            return found
        return (s for s in found if self.whole(s, length))

    def count(self, needle: str, lead: int, length: int, end: int | None = None, limit: int | None = None) -> int:
        """How many matches :meth:`starts` yields, stopping at ``limit`` if given."""
        if self.clusters.trivial:
            return count_matches(self.text, needle, end, limit)
        n = 0
        for _ in self.starts(needle, lead, length, end):
            n += 1
            if limit is not None and n >= limit:
                break
        return n


def _context_fields(selector: Selector, quote: str) -> tuple[str, str]:
    """The normalised prefix and suffix, joined to the quote as the article text would be.

    Each is normalised on its own, so a space typed between it and the quote survives;
    when both sides of that space are CJK characters the article has no space there
    (see :mod:`.normalise`), so the space is dropped here too.
    """
    prefix = normalise(selector.prefix) if selector.prefix is not None else ""
    suffix = normalise(selector.suffix) if selector.suffix is not None else ""
    if prefix.endswith(" ") and len(prefix) > 1 and _cjk_edge(selector.prefix, -1) and _cjk_edge(selector.quote, 0):
        prefix = prefix[:-1]
    if suffix.startswith(" ") and len(suffix) > 1 and _cjk_edge(selector.suffix, 0) and _cjk_edge(selector.quote, -1):
        suffix = suffix[1:]
    return prefix, suffix


def _cjk_edge(text: str | None, side: int) -> bool:
    """Whether the first (``side`` 0) or last (-1) character of ``text`` that is not whitespace is CJK."""
    stripped = (text or "").strip()
    return bool(stripped) and is_cjk(stripped[side])


def anchor(article: Article, selector: Selector) -> Span | AnchorFailure:
    """Apply the anchoring rules of the contract to one selector.

    Candidates are streamed, never listed: keeping those with the prefix and suffix is
    the same as finding ``prefix + quote + suffix``, and only the n-th, the first few
    (for messages) and the count are ever needed. Memory stays constant however many
    times the quote occurs.
    """
    candidates = Candidates(article)
    text, offsets = candidates.text, candidates.offsets
    quote = normalise(selector.quote).strip()
    if not quote:
        return AnchorFailure("empty-quote", "the quote is empty", "copy the words of the passage from the article")
    prefix, suffix = _context_fields(selector, quote)
    needle = prefix + quote + suffix

    def kept() -> Iterator[int]:
        return candidates.starts(needle, len(prefix), len(quote))

    def matches() -> Iterator[int]:
        return candidates.starts(quote, 0, len(quote))

    def spans(starts: Iterator[int], limit: int = CANDIDATE_LIMIT) -> list[Span]:
        return [_span(offsets, s, len(quote)) for s in itertools.islice(starts, limit)]

    first_two = spans(kept(), 2)  # one pass over the article in the common case: a unique match
    if not first_two:
        if needle == quote or candidates.count(quote, 0, len(quote), limit=1) == 0:
            return _not_found(article, quote, candidates)
        total = candidates.count(quote, 0, len(quote))
        shown = spans(matches())
        where = "; ".join(describe(article, span) for span in shown[:5])
        return AnchorFailure(
            "filtered-out",
            f"the quote occurs {total} time(s) but none has the given prefix/suffix",
            f"the quote occurs at {where}; check the prefix and suffix against the article",
            shown, total,
        )
    if selector.occurrence is not None:
        n = selector.occurrence
        chosen = next(itertools.islice(kept(), n - 1, None), None) if 1 <= n <= len(text) else None
        if chosen is None:
            total = candidates.count(needle, len(prefix), len(quote))
            return AnchorFailure(
                "occurrence-out-of-range",
                f"occurrence {n} asked for, but only {total} match(es) remain",
                f"use a number from 1 to {total}",
                spans(kept()), total,
            )
        return _span(offsets, chosen, len(quote))
    if len(first_two) == 1:
        return first_two[0]
    total = candidates.count(needle, len(prefix), len(quote))
    shown = spans(kept())
    lines = [f"{i}. {describe(article, span)}: {disambiguate(article, span).describe()}"
             for i, span in enumerate(shown[:10], 1)]
    more = [f"... and {total - 10} more"] if total > 10 else []
    return AnchorFailure(
        "ambiguous",
        f"the quote matches {total} places in the article",
        "add a prefix, a suffix or an occurrence to choose one:\n" + "\n".join(lines + more),
        shown, total,
    )


def _span(offsets: OffsetMap, start: int, length: int) -> Span:
    return Span(offsets[start], offsets[start + length - 1] + 1 if length else offsets[start])


def describe(article: Article, span: Span) -> str:
    """'line 7, column 12 ("...context...")' for messages about a place in the article.

    The context is cut at word ends where there are spaces, and never inside a grapheme
    cluster, so no accent, vowel sign or half of a flag is shown on its own.
    """
    line, col = article.line_col(span.start)
    clusters = clusters_of(article.body)
    before = _SPACES.sub(" ", article.body[clusters.ceil(max(0, span.start - 24)):span.start]).split(" ", 1)[-1]
    after = _SPACES.sub(" ", article.body[span.end:clusters.floor(span.end + 24)]).rsplit(" ", 1)[0]
    passage = " ".join(article.body[span.start:span.end].split())
    if len(passage) > 60:
        passage = clip_head(passage, 28) + " ... " + clip_tail(passage, 28)
    return f'line {line}, column {col} ("...{before}[{passage}]{after}...")'


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar to paste into a lesson as it is shown.

    Single-quoted when every character can be shown as itself; otherwise double-quoted,
    with what a terminal would not show (a zero-width joiner or non-joiner inside a
    Hindi, Persian or emoji context, a bidi mark) written as a YAML escape, so that the
    pasted value is the context itself, not its Python spelling.
    """
    if value.isprintable() and "'" not in value:
        return f"'{value}'"
    out = []
    for char in value:
        if char in '\\"':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@dataclass(frozen=True)
class Disambiguation:
    """The shortest selector fields that single out one match."""

    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None

    def describe(self) -> str:
        if self.prefix is not None:
            return f"prefix: {yaml_text(self.prefix)}"
        if self.suffix is not None:
            return f"suffix: {yaml_text(self.suffix)}"
        return f"occurrence: {self.occurrence}"

    def fields(self) -> dict[str, object]:
        return {k: v for k, v in (("prefix", self.prefix), ("suffix", self.suffix),
                                  ("occurrence", self.occurrence)) if v is not None}


def disambiguate(article: Article, span: Span) -> Disambiguation:
    """The shortest prefix or suffix (grown word by word) that makes ``span`` unique.

    Falls back to ``occurrence`` when no context shorter than a few words separates the
    matches. Used in hints for ambiguous quotes and by importers that write selectors.
    A prefix singles out a match exactly when ``prefix + quote`` occurs once, so each
    try is one search that stops at the second match, not a pass over every match.
    """
    candidates = Candidates(article)
    text, offsets = candidates.text, candidates.offsets
    quote = normalise(article.body[span.start:span.end]).strip()
    n = len(quote)
    if candidates.count(quote, 0, n, limit=2) <= 1:
        return Disambiguation()
    target = offsets.index_of(span.start)
    if not (text.startswith(quote, target) and candidates.whole(target, n)):  # not on a normalised boundary
        target = _nearest_match(candidates, quote, span.start)
    gaps = unstable_gaps(text, offsets)
    best: Disambiguation | None = None
    best_len = 1 << 30
    # The normalised view has the body's joiners (folding and spacing touch none of them).
    around = Around(Clusters(text, candidates.clusters.joiners), bool(cjk_in(notable(text))))
    for words in range(1, 9):
        prefix = _context_before(text, target, words, around)
        if (prefix and not crosses(gaps, target - len(prefix), target)
                and candidates.count(prefix + quote, len(prefix), n, limit=2) == 1 and len(prefix) < best_len):
            best, best_len = Disambiguation(prefix=prefix), len(prefix)
        suffix = _context_after(text, target + n, words, around)
        if (suffix and not crosses(gaps, target + n, target + n + len(suffix))
                and candidates.count(quote + suffix, 0, n, limit=2) == 1 and len(suffix) < best_len):
            best, best_len = Disambiguation(suffix=suffix), len(suffix)
        if best is not None:
            return best
    return Disambiguation(occurrence=candidates.count(quote, 0, n, end=target + n - 1) + 1)


def unstable_gaps(text: str, offsets: OffsetMap) -> list[int]:
    """Normalised indices where a whitespace run dropped inside CJK text is followed by a combining mark.

    Normalising composes before it drops such runs, so the normalised text there (``か``
    then U+3099, once a line break between them is gone) is not what normalising it again
    gives (``が``): a context copied across such a place would not be found, and a quote
    must keep a space there. Only a combining mark can compose with or reorder around
    what precedes it among the CJK characters, so no other place is concerned.
    """
    return [a for a in offsets._after if 0 < a < len(text) and text[a - 1] != " " and unicodedata.combining(text[a])]


def crosses(gaps: list[int], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of the ``gaps`` (between two of its characters)."""
    k = bisect.bisect_right(gaps, start)
    return k < len(gaps) and gaps[k] < end


def _nearest_match(candidates: Candidates, quote: str, offset: int) -> int:
    """The match whose original start is nearest ``offset`` (the earlier one on a tie)."""
    offsets = candidates.offsets
    previous: int | None = None
    for s in candidates.starts(quote, 0, len(quote)):
        if offsets[s] >= offset:
            if previous is not None and offset - offsets[previous] <= offsets[s] - offset:
                return previous
            return s
        previous = s
    assert previous is not None  # callers know there are matches
    return previous


def _cjk_step(step: int) -> int:
    """How many characters the ``step``-th word of context is in CJK text, which has no spaces.

    One character at a time at first, so the context stays the shortest that works, then
    doubling, so that eight steps still reach a few dozen characters.
    """
    return 1 if step <= 4 else 1 << (step - 4)


WORD_SCAN = 64
"""How far a word of context is searched for a CJK neighbour before settling for the next space."""


@dataclass(frozen=True)
class Around:
    """What growing a context needs to know about the text: its clusters, and whether it has CJK."""

    clusters: Clusters
    cjk: bool

    @classmethod
    def of(cls, text: str) -> Around:
        chars = frozenset(text)
        return cls(Clusters(text, chars), bool(cjk_in(chars)))


def _context_before(text: str, index: int, words: int, around: Around | None = None) -> str:
    """The ``words`` words before ``index``, never starting inside a grapheme cluster.

    A word ends at a space; in CJK text, which has none, at a CJK character, and a step
    over CJK characters takes :func:`_cjk_step` of them.
    """
    around = around or Around.of(text)
    start = index
    for step in range(1, words + 1):
        if start > 0 and is_cjk(text[start - 1]):
            for _ in range(_cjk_step(step)):
                if start == 0 or not is_cjk(text[start - 1]):
                    break
                start -= 1
        elif start > 0:
            limit = start - 1
            start = text.rfind(" ", 0, limit) + 1
            if around.cjk:
                start = next((j + 1 for j in range(limit - 1, max(start, limit - WORD_SCAN) - 1, -1)
                              if is_cjk(text[j])), start)
        if start == 0:
            break
    return text[around.clusters.ceil(start):index]


def _context_after(text: str, index: int, words: int, around: Around | None = None) -> str:
    """The ``words`` words after ``index`` (see :func:`_context_before`), never ending inside a cluster."""
    around = around or Around.of(text)
    end = index
    for step in range(1, words + 1):
        if end < len(text) and is_cjk(text[end]):
            for _ in range(_cjk_step(step)):
                if end == len(text) or not is_cjk(text[end]):
                    break
                end += 1
        else:
            first = end + 1
            nxt = text.find(" ", first)
            end = len(text) if nxt == -1 else nxt
            if around.cjk:
                end = next((j for j in range(first, min(end, first + WORD_SCAN)) if is_cjk(text[j])), end)
        if end == len(text):
            break
    return text[index:around.clusters.floor(end)]


def _not_found(article: Article, quote: str, candidates: Candidates) -> AnchorFailure:
    text, offsets = article.normalised
    clusters = candidates.clusters
    inside = text.find(quote)
    if inside != -1:  # it occurs, but only as part of larger characters
        span = Span(clusters.floor(offsets[inside]), clusters.ceil(offsets[inside + len(quote) - 1] + 1))
        return AnchorFailure(
            "not-found", "the quote is not in the article as whole characters",
            f"it occurs only inside a longer character (a letter with its marks, an emoji sequence or a flag) "
            f"at {describe(article, span)}; quote the whole character",
            [span], 1,
        )
    caseless = folded(text).find(quote)
    if caseless is not None:
        start, end = caseless
        span = Span(clusters.floor(offsets[start]), clusters.ceil(offsets[end - 1] + 1))
        return AnchorFailure(
            "not-found", "the quote is not in the article (matching is case-sensitive)",
            f"it matches if case is ignored, at {describe(article, span)}; copy the capitals as they are",
            [span], 1,
        )
    search = search_closest(text, quote)
    if search.passage is None:
        return AnchorFailure("not-found", "the quote is not in the article",
                             NOT_FOUND_OVER_BUDGET if search.exhausted else NOT_FOUND_NOTHING_CLOSE)
    start, end, ratio = search.passage
    span = Span(clusters.floor(offsets[start]), clusters.ceil(offsets[end - 1] + 1))
    passage = " ".join(article.body[span.start:span.end].split())
    diff = _first_difference(quote, text[start:end])
    return AnchorFailure(
        "not-found", "the quote is not in the article",
        f"the closest passage ({ratio:.0%} similar) is at {describe(article, span)}:\n"
        f'"{passage}"' + (f"\n{diff}" if diff else ""),
        [span], 1,
    )


def _first_difference(quote: str, passage: str) -> str | None:
    for i, (a, b) in enumerate(zip(quote, passage, strict=False)):
        if a != b:
            return f"first difference at character {i + 1}: the quote has {a!r}, the article {b!r}"
    return None


NOT_FOUND_NOTHING_CLOSE = "copy the passage from the article text; no similar passage was found"
NOT_FOUND_OVER_BUDGET = ("copy the passage from the article text; no close passage was found within the search "
                         "budget (a long quote that differs from the article is not searched further)")


@dataclass(frozen=True)
class SearchBudget:
    """How much work the closest-passage search may do for one quote, in deterministic units.

    ``scan``: characters of the article that ``str.find`` may run over while looking for
    pieces of the quote. ``compare``: character pairs that difflib may compare while
    scoring candidate passages (an upper bound of its inner loop, charged before each
    step). Counting work rather than time keeps the hint the same on every machine.
    """

    scan: int = 64_000_000
    compare: int = 6_000_000


@dataclass
class ClosestSearch:
    """The outcome of :func:`search_closest`, with the work it did."""

    passage: tuple[int, int, float] | None
    exhausted: bool = False  # the budget ran out before every candidate was scored
    scanned: int = 0
    compared: int = 0


class _OverBudget(Exception):
    pass


class _Work:
    def __init__(self, budget: SearchBudget) -> None:
        self.budget = budget
        self.scanned = 0
        self.compared = 0

    def scan_left(self) -> int:
        return self.budget.scan - self.scanned

    def compare(self, pairs: int) -> None:
        if self.compared + pairs > self.budget.compare:
            raise _OverBudget
        self.compared += pairs


class _BudgetedMatcher(difflib.SequenceMatcher):
    """A SequenceMatcher that charges each longest-match step before doing it.

    ``find_longest_match`` loops over ``a[alo:ahi]`` and, for each character, over its
    positions in ``b`` below ``bhi``: at most ``(ahi - alo) * bhi`` pairs. Charging that
    bound makes the total cost of ``get_matching_blocks`` bounded by the budget, whatever
    the two strings.
    """

    def __init__(self, a: str, b: str, work: _Work) -> None:
        self._work = work
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):  # type: ignore[no-untyped-def]
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        self._work.compare(max(1, (ahi - alo) * bhi))
        return super().find_longest_match(alo, ahi, blo, bhi)


PROBES = 12  # pieces of the quote looked up in the article
HITS_PER_PROBE = 64  # places remembered per piece
SEEDS = 6  # candidate alignments scored, most voted first


def _probes(quote: str) -> list[tuple[int, str]]:
    """Evenly spread pieces of the quote: a typo spoils one or two, the others still match."""
    length = min(len(quote), max(4, min(16, len(quote) // 4)))
    if length < 3:
        return []
    last = len(quote) - length
    count = min(PROBES, last + 1)
    starts = sorted({round(i * last / max(1, count - 1)) for i in range(count)})
    return [(s, quote[s:s + length]) for s in starts]


def search_closest(text: str, quote: str, budget: SearchBudget | None = None) -> ClosestSearch:
    """Find the stretch of ``text`` most similar to ``quote``, within a work budget.

    Pieces of the quote are looked up with ``str.find`` and vote for where the quote
    would start; the most voted alignments are scored with difflib on a window a
    little longer than the quote, trimmed to the matched stretch. A quote much longer
    than the budget allows to score is given up on (``exhausted``) rather than searched
    at any cost.
    """
    work = _Work(budget or SearchBudget())
    result = ClosestSearch(None)
    if not text or not quote:
        return result
    votes: dict[int, int] = {}
    try:
        for offset, probe in _probes(quote):
            position = 0
            for _ in range(HITS_PER_PROBE):
                limit = work.scan_left()
                if limit <= 0:
                    raise _OverBudget
                found = text.find(probe, position, position + limit + len(probe))
                work.scanned += (found + len(probe) if found != -1 else min(len(text), position + limit)) - position
                if found == -1:
                    break
                votes[found - offset] = votes.get(found - offset, 0) + 1
                position = found + 1
    except _OverBudget:
        result.exhausted = True
    slack = max(8, len(quote) // 16)
    scored: list[int] = []
    try:
        for seed in sorted(votes, key=lambda s: (-votes[s], s)):
            if len(scored) >= SEEDS:
                break
            if any(abs(seed - s) <= slack // 2 for s in scored):
                continue
            scored.append(seed)
            candidate = _score(text, quote, seed, slack, work)
            if candidate and (result.passage is None or candidate[2] > result.passage[2]):
                result.passage = candidate
    except _OverBudget:
        result.exhausted = True
    result.scanned, result.compared = work.scanned, work.compared
    if result.passage is not None and result.passage[2] < 0.4:
        result.passage = None
    return result


def _score(text: str, quote: str, seed: int, slack: int, work: _Work) -> tuple[int, int, float] | None:
    """The passage aligned on ``seed`` as ``(start, end, ratio)``, trimmed to what matches."""
    lo = max(0, seed - slack)
    window = text[lo:min(len(text), seed + len(quote) + slack)]
    blocks = [b for b in _BudgetedMatcher(quote, window, work).get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = max(0, first.b - first.a)
    end = min(len(window), last.b + last.size + (len(quote) - last.a - last.size))
    if end <= start:
        return None
    matched = sum(b.size for b in blocks if start <= b.b and b.b + b.size <= end)
    return lo + start, lo + end, 2 * matched / (len(quote) + end - start)


def closest_passage(text: str, quote: str, budget: SearchBudget | None = None) -> tuple[int, int, float] | None:
    """The stretch of ``text`` most similar to ``quote`` as ``(start, end, ratio)``, or None."""
    return search_closest(text, quote, budget).passage
