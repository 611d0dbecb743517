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

from functools import lru_cache

import regex

from .characters import joiners_in, notable

_CLUSTER = regex.compile(r"\X")


class Clusters:
    """Where the grapheme clusters of ``text`` begin and end: ``is_boundary``, ``floor``, ``ceil``.

    What a segmented region taught is kept as one byte per character (0 not known yet,
    1 a boundary, 2 inside a cluster), allocated the first time a position is in doubt:
    every later question about that region is answered at once, and memory stays a
    byte a character however the regions fall.
    """

    def __init__(self, text: str, chars: frozenset[str] | None = None) -> None:
        self.text = text
        self.joiners = joiners_in(frozenset(text) if chars is None else chars)
        self._state: bytearray | None = None
        self.work = 0  # characters looked at to find and segment regions (the cost tests bound it)

    @property
    def trivial(self) -> bool:
        """True when every character is a cluster of its own (no joiner in the text)."""
        return not self.joiners

    def _plain(self, p: int) -> bool:
        """Whether ``p`` is a boundary because neither neighbour is a joiner (or it is an end)."""
        text, joiners = self.text, self.joiners
        return p <= 0 or p >= len(text) or (text[p] not in joiners and text[p - 1] not in joiners)

    def _known(self, p: int) -> bytearray:
        """The state bytes, with the region around ``p`` segmented (from the nearest plain
        boundary before it to the next one after it)."""
        if self._state is None:
            self._state = bytearray(len(self.text) + 1)
        state = self._state
        if state[p]:
            return state
        start = p
        while not self._plain(start):
            start -= 1
        end = p + 1
        while not self._plain(end):
            end += 1
        self.work += end - start
        state[start:end + 1] = b"\x02" * (end + 1 - start)
        for cluster in _CLUSTER.finditer(self.text, start, end):
            state[cluster.start()] = 1
        state[end] = 1
        return state

    def is_boundary(self, p: int) -> bool:
        if not self.joiners or self._plain(p):
            return True
        return self._known(p)[p] == 1

    def floor(self, p: int) -> int:
        """The last boundary at or before ``p``."""
        if not self.joiners or self._plain(p):
            return max(0, min(p, len(self.text)))
        state = self._known(p)
        while state[p] != 1:
            p -= 1
        return p

    def ceil(self, p: int) -> int:
        """The first boundary at or after ``p``."""
        if not self.joiners or self._plain(p):
            return max(0, min(p, len(self.text)))
        state = self._known(p)
        while state[p] != 1:
            p += 1
        return p


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
