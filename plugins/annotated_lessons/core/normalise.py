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
_NON_SPACE = re.compile(r"\S")
CHUNK = 1 << 20  # characters collapsed at a time (see _collapse_spaces)


def fold_quotes(text: str) -> str:
    """Typographic quotes to straight ones (what ``str.translate(_QUOTES)`` does, many times faster).

    ``translate`` looks every character up in a dict; one ``replace`` per quote present
    runs at memory speed, which matters on articles of many megabytes.
    """
    for typographic, straight in _FOLDS.items():
        if typographic in text:
            text = text.replace(typographic, straight)
    return text


def _collapse_spaces(text: str) -> str:
    """Every whitespace run to one space, a chunk at a time.

    ``re.sub`` keeps every piece of its result until it joins them: on a 20 MB text
    with millions of runs that is millions of small strings at once, several times
    the text's own size. Chunks end just before a non-space character, so no run is
    ever split between two of them.
    """
    if len(text) <= CHUNK:
        return _SPACE_RUN.sub(" ", text)
    parts: list[str] = []
    start = 0
    while start < len(text):
        found = _NON_SPACE.search(text, min(len(text), start + CHUNK))
        end = found.start() if found else len(text)
        parts.append(_SPACE_RUN.sub(" ", text[start:end]))
        start = end
    return "".join(parts)


def normalise(text: str) -> str:
    """Return the normalised view of ``text`` (NFC, folded quotes, one space per whitespace run)."""
    return _collapse_spaces(fold_quotes(unicodedata.normalize("NFC", text)))


class OffsetMap:
    """Normalised index -> original offset, stored sparsely.

    Quote folding keeps lengths and a single whitespace character becomes a single
    space, so offsets shift only after a run of two or more whitespace characters. The
    map keeps two machine integers per such run instead of one Python int per
    character: a 20 MB article with a blank line per paragraph needs a few hundred
    kilobytes rather than hundreds of megabytes. Lookups are a binary search.

    It behaves as the dense list it replaces: ``len`` is the normalised length plus
    one, and index ``len - 1`` maps to the end of the original text.
    """

    __slots__ = ("_after", "_length", "_shift")

    def __init__(self, length: int, original_length: int) -> None:
        self._length = length  # entries: normalised length + 1
        kind = "i" if original_length < 2**31 else "q"
        self._after = array(kind)  # normalised index just after each collapsed run's space
        self._shift = array(kind)  # original - normalised, from ``_after[k]`` on

    def _add_run(self, start: int, end: int) -> None:
        shift = self._shift[-1] if self._shift else 0
        self._after.append(start - shift + 1)
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

    def _run_end(self, k: int) -> int:
        """The original offset just after run ``k``."""
        return self._after[k] + self._shift[k]

    def index_of(self, offset: int) -> int:
        """The first normalised index whose original offset is ``offset`` or later.

        What ``bisect.bisect_left`` gives on the dense list: an offset inside a collapsed
        run (past its first character) maps to the character after the run.
        """
        runs = len(self._after)
        k = bisect.bisect_right(range(runs), offset, key=self._run_end) - 1  # the last run ending by ``offset``
        shift = self._shift[k] if k >= 0 else 0
        nxt = k + 1
        if nxt < runs:
            # Run ``nxt`` starts where its space is, ``after - 1``, shifted as the text before it.
            start = self._after[nxt] - 1 + shift
            if start < offset:
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
    normalised = _collapse_spaces(folded)
    offsets = OffsetMap(len(normalised) + 1, len(folded))
    for match in _LONG_SPACE_RUN.finditer(folded):
        offsets._add_run(*match.span())
    return normalised, offsets
