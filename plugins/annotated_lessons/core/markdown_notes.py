"""Note Markdown to safe HTML, at a cost that stays linear in the note's length.

Notes are written by contributors and arrive by pull request, so their HTML is always
passed through ``nh3`` (an allow-list sanitiser): no script, no event handler, no
``javascript:`` URL, no iframe, no style. Raw HTML in a note is therefore inert.

Python-Markdown is quadratic on some shapes: every ``[`` scans ahead to the end of its
paragraph for a closing bracket, every ``<`` to the end of the whole text for the end
of a tag (raw HTML is looked for before paragraphs are split), and block processors
split and re-join a paragraph once per line. Text past the :data:`LIMITS` is therefore not given to it:
it is shown as plain, escaped paragraphs (nothing is lost), and ``lessons check``
warns about it (``markdown-too-complex``) at the field's position.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "b", "i", "code", "kbd", "q", "blockquote", "ul", "ol", "li", "a",
    "abbr", "cite", "del", "ins", "mark", "sub", "sup", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = markdown.Markdown(extensions=["smarty"], output_format="html")


@dataclass(frozen=True)
class Limits:
    """What a Markdown field may hold and still be rendered as Markdown.

    A paragraph here is a stretch between blank lines (lists and quotes included). With
    at most ``brackets`` of ``[`` per paragraph and ``angles`` of ``<`` in the field, the
    scans ahead cost at most that many passes over the paragraph or the field; with at
    most ``lines`` lines per paragraph, so do the block processors; ``chars`` bounds the
    rest (the shapes that are merely a little worse than linear).
    """

    chars: int = 10_000
    lines: int = 64
    brackets: int = 32
    angles: int = 32


LIMITS = Limits()

TOO_LONG = "{chars:,} characters, more than the {limit:,} a Markdown field may have"
TOO_MANY_LINES = "a paragraph of {count} lines, more than {limit}"
TOO_MANY_BRACKETS = "a paragraph with {count} '[', more than {limit}"
TOO_MANY_ANGLES = "{count} '<', more than the {limit} a Markdown field may have"
SHOWN_AS_TEXT = "the text is shown as plain paragraphs, without Markdown formatting"
HINT = ("split it into shorter paragraphs (a blank line between them) or move the long material out of the "
        "lesson; links and other markup are limited per paragraph")

_BLANK_LINE = re.compile(r"\n[ \t\f\v\r]*\n")


def too_complex(text: str, limits: Limits = LIMITS) -> str | None:
    """Why ``text`` would be too costly to render as Markdown, or None when it is fine (one linear pass)."""
    if len(text) > limits.chars:
        return TOO_LONG.format(chars=len(text), limit=limits.chars)
    if (angles := text.count("<")) > limits.angles:
        return TOO_MANY_ANGLES.format(count=angles, limit=limits.angles)
    for block in _BLANK_LINE.split(text):
        if (lines := block.count("\n") + 1) > limits.lines:
            return TOO_MANY_LINES.format(count=lines, limit=limits.lines)
        if (brackets := block.count("[")) > limits.brackets:
            return TOO_MANY_BRACKETS.format(count=brackets, limit=limits.brackets)
    return None


def plain_paragraphs(text: str) -> str:
    """``text`` as escaped ``<p>`` paragraphs, one per stretch between blank lines: no markup at all."""
    return "".join(f"<p>{html.escape(block.strip())}</p>" for block in _BLANK_LINE.split(text) if block.strip())


def sanitise_html(html_text: str) -> str:
    """Strip everything outside the allow-list; links get ``rel=noopener noreferrer``."""
    return nh3.clean(html_text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) to sanitised HTML.

    Text past the limits (see :func:`too_complex`) comes out as plain paragraphs.
    """
    text = text or ""
    if too_complex(text):
        return sanitise_html(plain_paragraphs(text))
    _md.reset()
    return sanitise_html(_md.convert(text))


@lru_cache(maxsize=8192)
def render_inline(text: str) -> str:
    """Markdown for one line (a question, an option): no wrapping paragraph."""
    html_text = render_markdown(text)
    if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        html_text = html_text[3:-4]
    return html_text
