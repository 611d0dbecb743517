"""Finding a quote when case is ignored, for the hint "it matches if case is ignored".

Full case folding changes lengths: ``İ`` folds to two characters, ``ß`` and ``ẞ`` to
``ss``, ``ﬁ`` to ``fi``, ``ŉ`` to ``ʼn``. An index into the folded text is therefore not
an index into the text. Only the characters whose folding changes length move the
indices, so the map back keeps one entry per such character (none in most articles),
as :class:`~.normalise.OffsetMap` does for whitespace.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .characters import notable


class FoldedText:
    """``text.casefold()`` with a map from folded indices back to the characters they came from."""

    def __init__(self, text: str) -> None:
        self.folded = text.casefold()
        changing = sorted(c for c in notable(text) if len(c.casefold()) != 1)
        self._origin: list[int] = []  # original index of each character whose folding changes length
        self._start: list[int] = []  # where its folding starts in the folded text
        self._end: list[int] = []  # and ends
        if changing:
            shift = 0
            for m in re.finditer("[" + "".join(re.escape(c) for c in changing) + "]", text):
                size = len(m.group().casefold())
                self._origin.append(m.start())
                self._start.append(m.start() + shift)
                self._end.append(m.start() + shift + size)
                shift += size - 1

    def origin(self, index: int) -> int:
        """The index in the text of the character whose folding holds folded ``index``."""
        k = bisect.bisect_right(self._start, index) - 1
        if k < 0:
            return index
        if index < self._end[k]:
            return self._origin[k]
        return self._origin[k] + 1 + index - self._end[k]

    def find(self, quote: str) -> tuple[int, int] | None:
        """The first stretch of the text equal to ``quote`` once both are case-folded, as ``(start, end)``."""
        wanted = quote.casefold()
        at = self.folded.find(wanted) if wanted else -1
        if at == -1:
            return None
        return self.origin(at), self.origin(at + len(wanted) - 1) + 1


@lru_cache(maxsize=4)
def folded(text: str) -> FoldedText:
    """The folded article, made once per article rather than once per missing quote."""
    return FoldedText(text)
