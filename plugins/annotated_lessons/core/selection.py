"""From a passage selected on the page to the selector a lesson writes for it.

A contributor selects text in the rendered article (whose text content is exactly the
article body) and wants the YAML that anchors exactly there. This module is the
reference for that step: :func:`snap` turns a raw selection into a span that a quote
can name, :func:`passage_quote` is the quote to write, :func:`selector_for` adds the
shortest ``prefix``/``suffix``/``occurrence`` under the anchoring rules.

The browser does the same in ``assets/annotate/selectors.js`` without classifying a
single Unicode character itself: normalisation and grapheme clusters depend on the
Unicode version, so they are computed once here, at build time, and shipped as the
article's *selection view* (:func:`selection_view`). A property test runs both
implementations on the same selections and requires identical results.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from .anchoring import Selector, Span, disambiguate, unstable_gaps
from .article import Article
from .characters import cjk_in, notable
from .graphemes import Clusters, clusters_of
from .normalise import DOUBLE_QUOTES, SINGLE_QUOTES

VIEW_VERSION = 1
"""Bumped whenever the shape of :func:`selection_view` changes, so a stale page can tell."""

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _clamp(offset: int, length: int) -> int:
    return max(0, min(int(offset), length))


def snap(article: Article, start: int, end: int) -> Span | None:
    """The span a quote can name for the selection ``body[start:end]`` (code points), or None.

    Whitespace at either end is left out, since a quote is stripped; the ends then widen
    to grapheme cluster boundaries, since a match never starts or ends inside a cluster.
    A cluster that begins (or ends) with whitespace, such as a space carrying a
    combining mark, can be neither inside the stripped quote's edge nor split, so it is
    left out whole and the ends are trimmed again. Offsets out of range are clamped and
    a reversed selection is read forwards.
    """
    body = article.body
    start, end = sorted((_clamp(start, len(body)), _clamp(end, len(body))))
    clusters = clusters_of(body)
    while True:
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        wide_start, wide_end = clusters.floor(start), clusters.ceil(end)
        if body[wide_start].isspace():
            start = clusters.ceil(start)
        elif body[wide_end - 1].isspace():
            end = clusters.floor(end)
        else:
            return Span(wide_start, wide_end)


def passage_quote(article: Article, span: Span) -> str:
    """The quote to write for ``span``: the article's own characters, spaced as normalisation reads them.

    Quote marks, case and composition stay as the article has them, so the lesson reads
    like the article; every whitespace run becomes one space, or nothing between two CJK
    characters (a line break inside Chinese or Japanese text is not a space).
    """
    text, offsets = article.normalised
    first, last = offsets.index_of(span.start), offsets.index_of(span.end) - 1
    body = article.body
    spaced = set(unstable_gaps(text, offsets))  # a space kept there, or the quote would compose differently
    return "".join((" " if i in spaced and i > first else "") + (" " if text[i] == " " else body[offsets[i]])
                   for i in range(first, last + 1)).strip()


def selector_for(article: Article, span: Span) -> Selector:
    """The quote of ``span`` with the shortest fields that single it out (see :func:`.anchoring.disambiguate`).

    ``span`` is one :func:`snap` returned; the result anchors back to exactly it.
    """
    quote = passage_quote(article, span)
    extra = disambiguate(article, span)
    return Selector(quote, extra.prefix, extra.suffix, extra.occurrence)


def selection(article: Article, start: int, end: int) -> dict[str, Any] | None:
    """What the browser's ``AlAnnotate.selection`` returns, in code points: for tests and tools."""
    span = snap(article, start, end)
    if span is None:
        return None
    selector = selector_for(article, span)
    fields = {"prefix": selector.prefix, "suffix": selector.suffix, "occurrence": selector.occurrence}
    return {"start": span.start, "end": span.end, "quote": selector.quote,
            **{k: v for k, v in fields.items() if v is not None}}


# The selection view --------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes: what a browser counts offsets in."""
    return len(text) + len(_ASTRAL.findall(text))


class Utf16:
    """Code point index -> UTF-16 index for one text, through its (usually few) astral characters."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        return index + bisect.bisect_left(self.astral, index)


def _unfolded(article: Article) -> str:
    """The normalised text with the article's own quote marks: the browser folds them itself."""
    text, offsets = article.normalised
    body = article.body
    marks = frozenset(SINGLE_QUOTES + DOUBLE_QUOTES) & notable(body)
    if not marks:
        return text
    chars = list(text)
    for i, char in enumerate(chars):
        if char in "'\"":
            chars[i] = body[offsets[i]]
    return "".join(chars)


def _inner_runs(text: str, clusters: Clusters) -> list[int]:
    """Where ``text`` has positions inside a grapheme cluster, as UTF-16 runs ``[gap, length, ...]``.

    A run is a stretch of consecutive positions that are not boundaries, counted in UTF-16
    units; ``gap`` is its distance from the end of the previous run. The middle of a
    surrogate pair is never a boundary and the browser sees that by itself, so a run made
    only of such a middle is not listed. A Latin article has no run at all.
    """
    if clusters.trivial:
        return []
    joiners = clusters.joiners
    utf16 = Utf16(text)
    middles = {utf16(i) + 1 for i in utf16.astral}
    doubtful = {p for i, c in enumerate(text) if c in joiners for p in (i, i + 1) if 0 < p < len(text)}
    inner = sorted({utf16(p) for p in doubtful if not clusters.is_boundary(p)} | middles)
    runs: list[int] = []
    previous_end = 0
    i = 0
    while i < len(inner):
        j = i
        while j + 1 < len(inner) and inner[j + 1] == inner[j] + 1:
            j += 1
        if j > i or inner[i] not in middles:
            runs += [inner[i] - previous_end, j - i + 1]
            previous_end = inner[j] + 1
        i = j + 1
    return runs


def selection_view(article: Article) -> dict[str, Any]:
    """Everything ``selectors.js`` needs to snap a selection and choose a selector, as JSON-able data.

    All offsets are UTF-16 code units, as the browser counts them:

    - ``text``: the normalised text (whitespace collapsed, CJK gaps dropped), keeping the
      article's quote marks; ``fold`` says which marks count as ``'`` and ``"``.
    - ``map``: normalised index -> body offset, as runs ``[after, shift, ...]``: from
      normalised index ``after`` on, the body offset is the index plus ``shift`` (the
      runs of :class:`.normalise.OffsetMap`; whitespace is never astral, so a shift in
      code points is the same in UTF-16).
    - ``body_inner`` and ``text_inner``: positions inside a grapheme cluster of the body
      and of the normalised text (see :func:`_inner_runs`).
    - ``gaps``: normalised indices where a dropped CJK gap is followed by a combining mark
      (see :func:`.anchoring.unstable_gaps`): a quote keeps a space there and no context
      crosses one.
    - ``cjk``: every CJK character of the (folded) normalised text, which grows context
      one character at a time.
    """
    text, offsets = article.normalised
    utf16 = Utf16(text)
    runs: list[int] = []
    for after, shift in zip(offsets._after, offsets._shift, strict=True):
        runs += [utf16(after), shift]
    body_clusters = clusters_of(article.body)
    text_clusters = Clusters(text, body_clusters.joiners)  # as disambiguate segments the normalised text
    return {
        "version": VIEW_VERSION,
        "text": _unfolded(article),
        "fold": {"'": SINGLE_QUOTES, '"': DOUBLE_QUOTES},
        "map": runs,
        "body_inner": _inner_runs(article.body, body_clusters),
        "text_inner": _inner_runs(text, text_clusters),
        "gaps": [utf16(g) for g in unstable_gaps(text, offsets)],
        "cjk": "".join(sorted(cjk_in(notable(text)))),
    }


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                                "\u2029": "\\u2029"})


def selection_view_json(article: Article) -> str:
    """:func:`selection_view` as compact JSON that is safe inside ``<script type="application/json">``.

    Article text is untrusted: ``</script>`` in it must not end the element, so ``<``, ``>``
    and ``&`` are written as JSON escapes (as are the two line separators old parsers choke on).
    """
    text = json.dumps(selection_view(article), ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_UNSAFE)


__all__ = ["passage_quote", "selection", "selection_view", "selection_view_json", "selector_for", "snap",
           "utf16_length"]
