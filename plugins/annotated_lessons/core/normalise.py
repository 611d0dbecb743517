"""The normalised view of text that anchoring matches on (see the format contract).

Typographic quotes, runs of whitespace and Unicode composition differ between the
article and what a contributor types, so both sides are compared through
:func:`normalise_with_map`, which also keeps, for every normalised character, the
offset of the original character it came from. That map turns a match in the
normalised view back into an exact stretch of the original text.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
})
_SPACE_RUN = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return the normalised view of ``text`` (NFC, folded quotes, one space per whitespace run)."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES))


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise an already-NFC ``text`` and map each normalised index to an original offset.

    The returned list has one more entry than the normalised string: the offset just
    past the end, so that an exclusive end index maps too. Quote folding keeps lengths,
    so only whitespace runs shift offsets; the work is one regex pass plus list slices.
    """
    folded = text.translate(_QUOTES)
    parts: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in _SPACE_RUN.finditer(folded):
        start, end = match.span()
        parts.append(folded[last:start])
        offsets.extend(range(last, start))
        parts.append(" ")
        offsets.append(start)
        last = end
    parts.append(folded[last:])
    offsets.extend(range(last, len(folded)))
    offsets.append(len(folded))
    return "".join(parts), offsets
