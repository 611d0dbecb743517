"""Which characters anchoring treats specially: CJK characters and grapheme-cluster joiners.

The classes come from the Unicode properties the ``regex`` module knows (scripts,
grapheme cluster break values), but testing a property on every character of a 20 MB
article costs seconds. Articles use a few hundred distinct characters at most, so each
text is reduced once to the set of characters that may matter (:func:`notable`, at C
speed) and only those are classified, each at most once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

# Han, Hiragana and Katakana (by script extension, so the iteration and prolonged-sound
# marks count) and their punctuation: the CJK Symbols and Punctuation block, the
# full-width and half-width punctuation, the compatibility and vertical forms.
_CJK = regex.compile(r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{Block=CJK_Symbols_And_Punctuation}"
                     r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufe30-\ufe4f\ufe10-\ufe1f]")

# A character that may belong to the same grapheme cluster as its neighbour (UAX #29):
# it may follow the previous character in one (Extend, ZWJ, SpacingMark, the Hangul
# jamo and syllables, regional indicators) or the next one may follow it (Prepend).
# Every rule that keeps two characters together involves one of these: an emoji after
# ZWJ (GB11) and a consonant after a virama (GB9c) have the ZWJ or virama before them.
_JOINER = regex.compile(r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=Regional_Indicator}"
                        r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}\r]")


# Below U+0300 (Latin, Greek spacing letters...) no character joins a cluster; only these
# few matter: quotes that fold, the carriage return (which joins a line feed), letters
# whose case folding changes length, and the few that count as CJK punctuation (the middle
# dot, used in Chinese and Japanese text, has Han among its scripts).
_PLAIN_RANGE = re.compile("[\x00-\u02ff]+")
_NOTABLE_PLAIN = "\u00ab\u00bb\u02bc\r" + "".join(c for c in map(chr, range(0x300))
                                                  if len(c.casefold()) != 1 or (_CJK.match(c) and not c.isspace()))


@lru_cache(maxsize=8)
def notable(text: str) -> frozenset[str]:
    """The characters of ``text`` anchoring may treat specially, and maybe others (never fewer).

    Every character from U+0300 on, plus the few below it that matter. Dropping the
    plain range first makes this several times faster than ``set(text)`` on a long
    Latin article. Kept for the few texts being anchored into.
    """
    rest = _PLAIN_RANGE.sub("", text)
    return frozenset(rest).union(c for c in _NOTABLE_PLAIN if c in text)


@lru_cache(maxsize=1 << 16)  # bounded: a hostile text may use every character
def is_cjk(char: str) -> bool:
    """Whether whitespace next to ``char`` (on both sides) is only a line break in CJK text.

    The ideographic space is in the CJK punctuation block but is whitespace, not text.
    """
    return _CJK.match(char) is not None and not char.isspace()


@lru_cache(maxsize=1 << 16)  # bounded: a hostile text may use every character
def is_joiner(char: str) -> bool:
    """Whether ``char`` may be glued to a neighbour in one grapheme cluster."""
    return _JOINER.match(char) is not None


def cjk_in(chars: frozenset[str]) -> frozenset[str]:
    return frozenset(c for c in chars if is_cjk(c))


def joiners_in(chars: frozenset[str]) -> frozenset[str]:
    return frozenset(c for c in chars if is_joiner(c))
