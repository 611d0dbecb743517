"""Code points and UTF-16 units: the two ways tools count positions in a text.

The W3C model and this project count Unicode code points; a browser's ``Range``,
``textContent.length`` and the Hypothesis client count UTF-16 units, where every
character outside the Basic Multilingual Plane (most emoji, mathematical letters, rarer
CJK) is two. The counts agree until the first such character. Conversions here cost one
scan of the text to find those characters, then a binary search per position.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

CONTEXT_UNITS = 32  # diff-match-patch, which fuzzy clients use, cannot search for more UTF-16 units than this
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters that join the character before them into one grapheme cluster (UAX #29 Extend, ZWJ,
# SpacingMark) or, for Prepend, the one after: a cut next to them would split what a reader sees as one.
_JOINS_BEFORE = frozenset("\u200c\u200d") | frozenset(chr(c) for c in range(0xFE00, 0xFE10))
_PREPEND = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2\U000110bd\U000110cd")


@lru_cache(maxsize=8)
def _astral_positions(text: str) -> tuple[int, ...]:
    """Code-point indexes of the characters that take two UTF-16 units."""
    return tuple(m.start() for m in _ASTRAL.finditer(text))


def utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


def to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset of code point ``index`` in ``text``."""
    return index + bisect.bisect_left(_astral_positions(text), index)


def from_utf16(text: str, units: int) -> int | None:
    """The code point index at UTF-16 offset ``units``, or None when it falls inside a character or past the end."""
    astral = _astral_positions(text)
    lo, hi = 0, len(text)
    while lo < hi:  # the smallest index whose UTF-16 offset is at least ``units``
        mid = (lo + hi) // 2
        if mid + bisect.bisect_left(astral, mid) < units:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo <= len(text) and to_utf16(text, lo) == units else None


def _joins_previous(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Mc") or char in _JOINS_BEFORE or (
        "\U0001f3fb" <= char <= "\U0001f3ff") or ("\U000e0020" <= char <= "\U000e007f")


def fit_prefix(prefix: str, limit: int = CONTEXT_UNITS) -> str:
    """``prefix`` itself when it fits in ``limit`` UTF-16 units, else its longest tail that fits and starts a word.

    A tail starts right after whitespace, where no grapheme cluster can continue, so
    the cut never splits a character a reader sees as one; when no word fits, no prefix.
    """
    if utf16_length(prefix) <= limit:
        return prefix
    for i, char in enumerate(prefix):
        tail = prefix[i + 1:]
        if char.isspace() and utf16_length(tail) <= limit and not (tail and _joins_previous(tail[0])):
            return tail
    return ""


def fit_suffix(suffix: str, limit: int = CONTEXT_UNITS) -> str:
    """``suffix`` when it fits, else its longest head that fits and ends before whitespace (see :func:`fit_prefix`)."""
    if utf16_length(suffix) <= limit:
        return suffix
    for i in range(len(suffix) - 1, 0, -1):
        head = suffix[:i]
        if suffix[i].isspace() and utf16_length(head) <= limit and head[-1] not in _PREPEND:
            return head
    return ""
