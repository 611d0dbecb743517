"""What a lesson's name may be, decided in one place.

A lesson's slug is its file's path under the lessons folder without ``.yml``, and it
becomes a URL, a folder of the built site and a ``data-lesson`` attribute. So it is
held to words of letters and digits of any script (combining marks included, so Hindi
or Arabic names work), joined by ``-``, with ``/`` between units. Nothing that means
something in a URL, in Markdown or in HTML (space, ``#``, ``]``, ``<``, ``%``...) can be
part of one, and ``index`` is reserved at every level because it names the course
index and each unit's own page.

The loader checks lesson files with :func:`lesson_slug_problem`; commands that create
lessons (``lessons new``, ``lessons import``) check ``--slug`` with the same function
and offer :func:`suggest_slug`.
"""

from __future__ import annotations

import unicodedata

RESERVED = frozenset({"index"})
#: A lesson file is ``<slug>`` plus one of these.
LESSON_SUFFIXES = (".yml", ".yaml")
UNIT_SEPARATOR = "/"
WORD_SEPARATOR = "-"
FALLBACK = "lesson"

# What is wrong with a name, for messages; one entry per rule below.
PROBLEMS = {
    "empty": "an empty name",
    "empty-unit": "an empty folder name (two '/' in a row, or '/' at an end)",
    "reserved": "'index' is reserved for the course index and may not name a lesson or a unit",
    "edge-dash": "a name that starts or ends with '-'",
    "double-dash": "'--' (use one '-' between words)",
    "mark-first": "a word that starts with a combining mark",
    "character": "the character {char} (U+{code:04X}); only letters, digits and '-' are allowed",
}


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def lesson_slug_problem(slug: str) -> str | None:
    """Why ``slug`` is not a valid lesson slug, or None when it is one."""
    if not slug:
        return PROBLEMS["empty"]
    for unit in slug.split(UNIT_SEPARATOR):
        if not unit:
            return PROBLEMS["empty-unit"]
        if unit.casefold() in RESERVED:
            return PROBLEMS["reserved"]
        if unit.startswith(WORD_SEPARATOR) or unit.endswith(WORD_SEPARATOR):
            return PROBLEMS["edge-dash"]
        if WORD_SEPARATOR * 2 in unit:
            return PROBLEMS["double-dash"]
        for i, char in enumerate(unit):
            if char == WORD_SEPARATOR:
                continue
            if not _is_word_char(char):
                return PROBLEMS["character"].format(char=repr(char), code=ord(char))
            if unicodedata.category(char)[0] == "M" and (i == 0 or unit[i - 1] == WORD_SEPARATOR):
                return PROBLEMS["mark-first"]
    return None


def is_lesson_slug(slug: str) -> bool:
    """True when ``slug`` may name a lesson: words of letters and digits, ``-``, ``/``; not ``index``."""
    return lesson_slug_problem(slug) is None


def suggest_slug(name: str) -> str:
    """A valid slug close to ``name``: NFC, lower case, every other character run turned into ``-``.

    Units (``/``) are kept; a reserved or empty unit gets ``-lesson`` or becomes ``lesson``.
    """
    units = []
    for unit in unicodedata.normalize("NFC", name).lower().split(UNIT_SEPARATOR):
        words: list[str] = []
        current = ""
        for char in unit:
            if _is_word_char(char) and (current or unicodedata.category(char)[0] != "M"):
                current += char
            else:
                if current:
                    words.append(current)
                current = ""
        if current:
            words.append(current)
        word = WORD_SEPARATOR.join(words)
        if not word:
            continue
        units.append(f"{word}{WORD_SEPARATOR}{FALLBACK}" if word in RESERVED else word)
    return UNIT_SEPARATOR.join(units) or FALLBACK
