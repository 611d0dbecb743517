"""Note Markdown to safe HTML.

Notes are written by contributors and arrive by pull request, so their HTML is always
passed through ``nh3`` (an allow-list sanitiser): no script, no event handler, no
``javascript:`` URL, no iframe, no style. Raw HTML in a note is therefore inert.
"""

from __future__ import annotations

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


def sanitise_html(html: str) -> str:
    """Strip everything outside the allow-list; links get ``rel=noopener noreferrer``."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) to sanitised HTML."""
    _md.reset()
    return sanitise_html(_md.convert(text or ""))


@lru_cache(maxsize=8192)
def render_inline(text: str) -> str:
    """Markdown for one line (a question, an option): no wrapping paragraph."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
