"""Grapheme cluster boundaries of a text, found lazily (UAX #29 via the ``regex`` module's ``\\X``).

A reader sees a flag, an emoji sequence or a letter with its marks as one character,
so a passage must never start or end inside one. Segmenting a whole 20 MB article
into clusters costs seconds, and most articles need none of it: two characters belong
to one cluster only when one of them is a joiner (see :mod:`.characters`). So a
position with no joiner on either side is a boundary at once, and only the stretch of
joiners around a position in doubt (a *region*, which starts and ends on a certain
boundary) is segmented, once, when a match first lands in it.
"""

from __future__ import annotations

import bisect
from array import array
from functools import lru_cache

import regex

from .characters import joiners_in, notable

_CLUSTER = regex.compile(r"\X")


class Clusters:
    """Where the grapheme clusters of ``text`` begin and end: ``is_boundary``, ``floor``, ``ceil``."""

    def __init__(self, text: str, chars: frozenset[str] | None = None) -> None:
        self.text = text
        self.joiners = joiners_in(frozenset(text) if chars is None else chars)
        self._regions: dict[int, tuple[int, array]] = {}  # region start -> (end, its boundaries)
        self._recent: list[tuple[int, int, array]] = []  # the last regions used, newest first
        self.work = 0  # characters looked at to find and segment regions (the cost tests bound it)

    @property
    def trivial(self) -> bool:
        """True when every character is a cluster of its own (no joiner in the text)."""
        return not self.joiners

    def _plain(self, p: int) -> bool:
        """Whether ``p`` is a boundary because neither neighbour is a joiner (or it is an end)."""
        text, joiners = self.text, self.joiners
        return p <= 0 or p >= len(text) or (text[p] not in joiners and text[p - 1] not in joiners)

    def _region(self, p: int) -> tuple[int, int, array]:
        """The region around ``p``: from the nearest plain boundary before it to the next one after."""
        for region in self._recent:
            if region[0] <= p <= region[1]:
                return region
        start = p
        while not self._plain(start):
            start -= 1
        self.work += p - start
        known = self._regions.get(start)
        if known is None:
            end = p + 1
            while not self._plain(end):
                end += 1
            self.work += end - start
            bounds = array("q", (m.start() for m in _CLUSTER.finditer(self.text, start, end)))
            bounds.append(end)
            known = (end, bounds)
            self._regions[start] = known
        region = (start, known[0], known[1])
        self._recent = [region, *self._recent[:1]]
        return region

    def is_boundary(self, p: int) -> bool:
        if not self.joiners or self._plain(p):
            return True
        _, _, bounds = self._region(p)
        k = bisect.bisect_left(bounds, p)
        return k < len(bounds) and bounds[k] == p

    def floor(self, p: int) -> int:
        """The last boundary at or before ``p``."""
        if not self.joiners or self._plain(p):
            return max(0, min(p, len(self.text)))
        _, _, bounds = self._region(p)
        return bounds[bisect.bisect_right(bounds, p) - 1]

    def ceil(self, p: int) -> int:
        """The first boundary at or after ``p``."""
        if not self.joiners or self._plain(p):
            return max(0, min(p, len(self.text)))
        _, _, bounds = self._region(p)
        return bounds[bisect.bisect_left(bounds, p)]


@lru_cache(maxsize=8)
def clusters_of(text: str) -> Clusters:
    """The (lazily filled) cluster boundaries of an article body, kept for the few being anchored into."""
    return Clusters(text, notable(text))


def clip_head(text: str, length: int) -> str:
    """At most ``length`` characters from the start of ``text``, never ending inside a cluster."""
    if len(text) <= length:
        return text
    return text[:Clusters(text).floor(length)]


def clip_tail(text: str, length: int) -> str:
    """At most ``length`` characters from the end of ``text``, never starting inside a cluster."""
    if len(text) <= length:
        return text
    return text[Clusters(text).ceil(len(text) - length):]
