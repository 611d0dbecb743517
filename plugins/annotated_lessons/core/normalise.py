"""The normalised view of text that anchoring matches on (see the format contract).

Typographic quotes, runs of whitespace and Unicode composition differ between the
article and what a contributor types, so both sides are compared through
:func:`normalise_with_map`, which also maps every normalised character back to the
offset of the original character it came from. That map turns a match in the
normalised view back into an exact stretch of the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array

_FOLDS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
}
_QUOTES = str.maketrans(_FOLDS)
# Replacing only what changes gives the same text as ``\s+`` -> " " with far fewer
# replacements: a run of several whitespace characters, or one that is not a space.
_SPACE_RUN = re.compile(r"\s\s+|[^\S ]")
_LONG_SPACE_RUN = re.compile(r"\s\s+")  # the only runs that shift offsets: one space replaces several


def fold_quotes(text: str) -> str:
    """Typographic quotes to straight ones (what ``str.translate(_QUOTES)`` does, many times faster).

    ``translate`` looks every character up in a dict; one ``replace`` per quote present
    runs at memory speed, which matters on articles of many megabytes.
    """
    for typographic, straight in _FOLDS.items():
        if typographic in text:
            text = text.replace(typographic, straight)
    return text


def normalise(text: str) -> str:
    """Return the normalised view of ``text`` (NFC, folded quotes, one space per whitespace run)."""
    return _SPACE_RUN.sub(" ", fold_quotes(unicodedata.normalize("NFC", text)))


class OffsetMap:
    """Normalised index -> original offset, stored sparsely.

    Quote folding keeps lengths and a single whitespace character becomes a single
    space, so offsets shift only after a run of two or more whitespace characters. The
    map keeps one entry per such run, in machine-integer arrays, instead of one Python
    int per character: a 20 MB article with a blank line per paragraph needs a few
    hundred kilobytes rather than hundreds of megabytes. Lookups are a binary search.

    It behaves as the dense list it replaces: ``len`` is the normalised length plus
    one, and index ``len - 1`` maps to the end of the original text.
    """

    __slots__ = ("_after", "_length", "_orig_after", "_orig_start", "_shift")

    def __init__(self, length: int) -> None:
        self._length = length  # entries: normalised length + 1
        self._after = array("q")  # normalised index just after each collapsed run's space
        self._orig_start = array("q")  # original offset where each run starts
        self._orig_after = array("q")  # original offset just after each run
        self._shift = array("q")  # original - normalised, from ``_after[k]`` on

    def _add_run(self, start: int, end: int) -> None:
        shift = self._shift[-1] if self._shift else 0
        self._after.append(start - shift + 1)
        self._orig_start.append(start)
        self._orig_after.append(end)
        self._shift.append(shift + end - start - 1)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("normalised index out of range")
        k = bisect.bisect_right(self._after, index) - 1
        return index + (self._shift[k] if k >= 0 else 0)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self[i] for i in range(self._length))

    def index_of(self, offset: int) -> int:
        """The first normalised index whose original offset is ``offset`` or later.

        What ``bisect.bisect_left`` gives on the dense list: an offset inside a collapsed
        run (past its first character) maps to the character after the run.
        """
        k = bisect.bisect_right(self._orig_after, offset) - 1  # the last run ending at or before ``offset``
        shift = self._shift[k] if k >= 0 else 0
        nxt = k + 1
        if nxt < len(self._orig_start) and self._orig_start[nxt] < offset:
            return self._after[nxt]
        return max(0, min(offset - shift, self._length))

    @property
    def runs(self) -> int:
        """How many whitespace runs shift offsets (the size of the map)."""
        return len(self._after)


def normalise_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise an already-NFC ``text`` and map each normalised index to an original offset.

    The map has one more entry than the normalised string: the offset just past the
    end, so that an exclusive end index maps too. The work is two regex passes; memory
    is the normalised copy plus one map entry per run of several whitespace characters.
    """
    folded = fold_quotes(text)
    normalised = _SPACE_RUN.sub(" ", folded)
    offsets = OffsetMap(len(normalised) + 1)
    for match in _LONG_SPACE_RUN.finditer(folded):
        offsets._add_run(*match.span())
    return normalised, offsets
