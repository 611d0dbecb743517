"""The normalised view of text that anchoring matches on (see the format contract).

Typographic quotes, runs of whitespace, line breaks inside CJK text and Unicode
composition differ between the article and what a contributor types, so both sides
are compared through :func:`normalise_with_map`, which also maps every normalised
character back to the offset of the original character it came from. That map turns
a match in the normalised view back into an exact stretch of the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterable

from .characters import cjk_in, notable

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u02bc\u05f3\u2032"  # ‘ ’ ‚ ‛ ‹ › ʼ ׳ ′
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u05f4\u2033\u300c\u300d\u300e\u300f"  # “ ” „ ‟ « » ״ ″ 「 」 『 』
_FOLDS = {**dict.fromkeys(SINGLE_QUOTES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"')}
_QUOTES = str.maketrans(_FOLDS)
# Replacing only what changes gives the same text as ``\s+`` -> " " with far fewer
# replacements: a run of several whitespace characters, or one that is not a space.
_SPACE_RUN = re.compile(r"\s\s+|[^\S ]")
_LONG_SPACE_RUN = re.compile(r"\s\s+")  # the only runs that shift offsets: one space replaces several
_NON_SPACE = re.compile(r"\S")
CHUNK = 1 << 20  # characters collapsed at a time (see _collapse_spaces)


def fold_quotes(text: str, chars: frozenset[str] | None = None) -> str:
    """Typographic quotes to straight ones (what ``str.translate(_QUOTES)`` does, many times faster).

    ``translate`` looks every character up in a dict; one ``replace`` per quote present
    runs at memory speed, which matters on articles of many megabytes. ``chars``, the
    characters of ``text`` when already known, saves looking for absent quotes.
    """
    for typographic, straight in _FOLDS.items():
        if typographic in (text if chars is None else chars):
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


def _cjk_gap(chars: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern for the whitespace runs that count as nothing: between two CJK characters.

    Built from the CJK characters the text holds, so a text without any pays nothing and
    the class stays small enough for the standard ``re`` engine to test at C speed.
    """
    cjk = cjk_in(chars)
    if not cjk:
        return None
    cls = "".join(re.escape(c) for c in sorted(cjk))
    return re.compile(rf"(?<=[{cls}])\s+(?=[{cls}])")


def normalise(text: str) -> str:
    """The normalised view of ``text``: NFC, no whitespace inside CJK text, one space per other
    whitespace run, typographic quotes folded."""
    text = unicodedata.normalize("NFC", text)
    gap = _cjk_gap(frozenset(text))
    if gap is not None:
        text = gap.sub("", text)
    return _collapse_spaces(fold_quotes(text))


class OffsetMap:
    """Normalised index -> original offset, stored sparsely.

    Quote folding keeps lengths and a single whitespace character becomes a single
    space, so offsets shift only after a run of two or more whitespace characters, or
    a run dropped inside CJK text. The map keeps two machine integers per such run
    instead of one Python int per character: a 20 MB article with a blank line per
    paragraph needs a few hundred kilobytes rather than hundreds of megabytes. Lookups
    are a binary search.

    It behaves as the dense list it replaces: ``len`` is the normalised length plus
    one, and index ``len - 1`` maps to the end of the original text.
    """

    __slots__ = ("_after", "_length", "_shift")

    def __init__(self, length: int, original_length: int) -> None:
        self._length = length  # entries: normalised length + 1
        kind = "i" if original_length < 2**31 else "q"
        self._after = array(kind)  # normalised index of the first character after each run
        self._shift = array(kind)  # original - normalised, from ``_after[k]`` on

    def _add_run(self, start: int, end: int, kept: int = 1) -> None:
        """Record that ``original[start:end]`` became ``kept`` characters (one space, or none)."""
        shift = self._shift[-1] if self._shift else 0
        self._after.append(start - shift + kept)
        self._shift.append(shift + end - start - kept)

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

        What ``bisect.bisect_left`` gives on the dense list (which only grows): an
        offset inside a collapsed or dropped run maps to the character after the run.
        """
        return bisect.bisect_left(range(self._length), offset, key=self.__getitem__)

    @property
    def runs(self) -> int:
        """How many whitespace runs shift offsets (the size of the map)."""
        return len(self._after)


def normalise_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise an already-NFC ``text`` and map each normalised index to an original offset.

    The map has one more entry than the normalised string: the offset just past the
    end, so that an exclusive end index maps too. The work is a few regex passes (one
    more for an article with CJK characters); memory is the normalised copy plus one
    map entry per run that shifts offsets.
    """
    chars = notable(text)
    gap = _cjk_gap(chars)
    dropped = {m.start(): m.end() for m in gap.finditer(text)} if gap is not None else {}
    runs: Iterable[tuple[int, int, int]] = ((m.start(), m.end(), 1) for m in _LONG_SPACE_RUN.finditer(text))
    original = len(text)
    if dropped:  # a dropped run is a whole whitespace run: it replaces the collapsed one there
        runs = sorted([r for r in runs if r[0] not in dropped] + [(s, e, 0) for s, e in dropped.items()])
        text = gap.sub("", text)  # type: ignore[union-attr]
    # Folding first: joining the collapsed pieces then makes the narrowest string (one byte
    # a character once the typographic quotes of a Latin text are straight).
    normalised = _collapse_spaces(fold_quotes(text, chars))
    offsets = OffsetMap(len(normalised) + 1, original)
    for run in runs:
        offsets._add_run(*run)
    return normalised, offsets
