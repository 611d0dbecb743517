"""Language tags and writing direction: what an article or a lesson declares, and what the page says.

An article may declare ``language`` (a BCP 47 tag) and ``dir`` in its front matter, a
lesson ``language`` for its notes. The page then marks the article and the notes with
``lang``, and with ``dir`` where the direction differs from the page's, so a screen
reader picks the right voice, a browser the right hyphenation and quotes, and a
right-to-left article lays out right to left inside a left-to-right site.

Tags are checked strictly but simply: well-formed (language, optional script, region
and variants; no extensions or private use) and a primary language that CLDR knows, so
a typo such as ``ukr`` or a name such as ``English`` gets a clear error with the tag
that was probably meant.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from babel import Locale, UnknownLocaleError

from .suggest import closest

#: language[-Script][-REGION][-variant...], the subset of BCP 47 a course needs.
_TAG = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
                  r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*")
#: Scripts written right to left (ISO 15924), for tags that name their script.
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend", "Yezi"})
DIRECTIONS = ("ltr", "rtl")
TAG_HINT = "write a BCP 47 language tag such as 'en', 'uk', 'ar', 'pt-BR' or 'zh-Hans'"


class Lang(NamedTuple):
    """A declared language and direction; '' means "as the surrounding page"."""

    tag: str = ""
    dir: str = ""


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Lower-case English names of languages -> their code, to suggest 'en' for 'English'."""
    return {name.lower(): code for code, name in Locale("en").languages.items() if "_" not in code}


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    return frozenset(code.lower() for code in Locale("en").languages if "_" not in code)


def tag_problem(tag: str) -> tuple[str, str] | None:
    """Why ``tag`` is not a usable BCP 47 tag, as (message, hint), or None when it is."""
    match = _TAG.fullmatch(tag)
    if match is None or match.group("language").lower() not in _known_languages():
        hint = f"did you mean '{canonical(near)}'? " if (near := _suggest(tag)) else ""
        return f"'{tag}' is not a BCP 47 language tag", hint + TAG_HINT
    return None


def _suggest(tag: str) -> str | None:
    """The tag probably meant: 'en_US' -> 'en-US', 'English' -> 'en', 'ukr' -> 'uk', 'enn' -> 'en'."""
    dashed = tag.strip().replace("_", "-")
    if dashed != tag and tag_problem(dashed) is None:
        return dashed
    word = dashed.split("-")[0].lower()
    known = _known_languages()
    name = _language_names().get(tag.strip().lower())
    if name:
        return name
    if len(word) == 3 and word[:2] in known:  # an ISO 639-2 code such as 'ukr', 'deu', 'rus'
        return word[:2]
    return closest(word, sorted(known)) if word else None


def canonical(tag: str) -> str:
    """The conventional spelling of a well-formed tag: 'PT-br' -> 'pt-BR', 'zh-hans' -> 'zh-Hans'."""
    match = _TAG.fullmatch(tag)
    if match is None:
        return tag
    parts = [match.group("language").lower()]
    if match.group("script"):
        parts.append(match.group("script").title())
    if match.group("region"):
        parts.append(match.group("region").upper())
    rest = tag[match.end("region") if match.group("region") else
               match.end("script") if match.group("script") else match.end("language"):]
    return "-".join(parts) + rest.lower()


@lru_cache(maxsize=256)
def direction_of(tag: str) -> str:
    """'rtl' for a tag written right to left (ar, he, fa, ur, az-Arab...), else 'ltr'."""
    match = _TAG.fullmatch(tag)
    if match is None:
        return "ltr"
    script = match.group("script")
    if script:
        return "rtl" if script.title() in RTL_SCRIPTS else "ltr"
    try:
        return Locale.parse(match.group("language").lower()).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


def resolve(declared: Lang, outer: Lang) -> Lang:
    """The language in effect: what is declared, the rest as ``outer``; a declared tag brings its direction."""
    tag = declared.tag or outer.tag
    direction = declared.dir or (direction_of(declared.tag) if declared.tag else outer.dir)
    return Lang(tag, direction)


def same_language(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()
