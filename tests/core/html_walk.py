"""Reading rendered article HTML back as text chunks, for tests of the page contract."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}


@dataclass
class Chunk:
    text: str
    paragraph: int | None  # None for text between paragraphs
    ids: frozenset[str]
    ui: bool


@dataclass
class _Frame:
    tag: str
    ui: bool
    ids: frozenset[str]
    paragraph: int | None


class ArticleWalk(HTMLParser):
    """Every text node with whether it is UI, its paragraph and the annotation ids covering it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[Chunk] = []
        self._stack: list[_Frame] = [_Frame("", False, frozenset(), None)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        top = self._stack[-1]
        ids = frozenset((a.get("data-annotations") or "").split()) or top.ids
        paragraph = int(a["data-paragraph"]) if a.get("data-paragraph") else top.paragraph
        self._stack.append(_Frame(tag, top.ui or "data-lesson-ui" in a, ids, paragraph))

    def handle_endtag(self, tag: str) -> None:
        while len(self._stack) > 1:
            if self._stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        top = self._stack[-1]
        self.chunks.append(Chunk(data, top.paragraph, top.ids, top.ui))


def walk(html: str) -> list[Chunk]:
    parser = ArticleWalk()
    parser.feed(html)
    parser.close()
    return parser.chunks


def visible_text(html: str) -> str:
    """The contract's check: the text outside ``data-lesson-ui``, whitespace collapsed."""
    return " ".join("".join(c.text for c in walk(html) if not c.ui).split())
