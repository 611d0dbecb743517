"""A course whose every field is hostile builds (without --strict) into a site where each
payload is only text: in ``<title>``, the H1, the header, the nav, the search index, the
teacher list and the content. Nothing becomes an element, a handler, a URL or an embed."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.fixtures.hostile.payloads import (
    HOSTILE_FILE_NAMES,
    SECRET,
    TECHNIQUE_NAME,
    TECHNIQUE_SUMMARY,
    TITLE,
    write_course,
)

from .conftest import Build, build

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background"}
#: What the package's templates and the note sanitiser produce, plus Material's content wrapper and
#: what Markdown makes of the hand-written home page.
CONTENT_TAGS = {
    "a", "abbr", "article", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt",
    "em", "h1", "h2",
    "h3", "i", "b", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "rect", "section", "span", "strong",
    "sub", "summary", "sup", "svg", "table", "tbody", "td", "th", "thead", "time", "tr", "ul",
}


def collapse(text: str) -> str:
    return " ".join(text.split())


class Page(HTMLParser):
    """One built page: what a browser would act on, and the text of the places a title shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.live: list[str] = []  # handlers, script URLs, foreign hosts, smuggled elements
        self.texts: dict[str, list[str]] = {}
        self._capture: list[tuple[int, str]] = []

    def _in(self, cls: str) -> bool:
        return any(cls in (attrs.get("class") or "").split() for _, attrs in self.stack)

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attr_list}
        for name, value in attrs.items():
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES:
                url = re.sub(r"[\s\x00-\x1f]", "", unescape(value)).lower()
                scheme = url.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", url) else ""
                if scheme not in ("", "http", "https", "mailto") or "evil.invalid" in url:
                    self.live.append(f"<{tag} {name}={value!r}>")
        content = self._in("md-content")
        if content and tag not in CONTENT_TAGS:
            self.live.append(f"<{tag}> in the content")
        if content and tag == "svg" and attrs.get("class") != "al-strip":
            self.live.append("an <svg> that is not the annotation strip")
        if tag == "script" and (content or "src" in attrs and "://" in attrs["src"]):
            self.live.append(f"<script {attrs}>")
        for key, test in (("title", tag == "title"), ("h1", tag == "h1" and content),
                          ("header", tag == "span" and self._in("md-header__topic")
                           and any(a.get("data-md-component") == "header-topic" for _, a in self.stack))):
            if test:
                self._capture.append((len(self.stack), key))
                self.texts.setdefault(key, []).append("")
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        self._capture = [(depth, key) for depth, key in self._capture if depth < len(self.stack)]

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script" and "alert" in data:
            self.live.append(f"script text {data[:60]!r}")
        if self.stack and self.stack[-1][0] == "style" and "display:none" in data:
            self.live.append("smuggled style")
        for _, key in self._capture:
            self.texts[key][-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(write_course(tmp_path_factory.mktemp("hostile") / "course"))
    assert result.returncode == 0, result.log
    return result


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_hostile_course_builds_every_page(hostile: Build):
    for path in ("lessons/hostile/index.html", "lessons/other/index.html", "teacher/hostile/index.html",
                 "techniques/hostile/index.html", "techniques/index.html", "teacher/index.html", "lessons/index.html"):
        assert (hostile.site / path).is_file(), path
    assert "Traceback" not in hostile.log


def test_lessons_named_other_than_a_slug_are_reported_and_not_built(hostile: Build):
    for name in HOSTILE_FILE_NAMES:
        assert f"lessons/{name}.yml:1:1: error:" in hostile.log, name
    built = {p.parent.name for p in (hostile.site / "lessons").glob("*/index.html")}
    assert built == {"hostile", "other"}


def test_no_page_has_a_live_part_that_the_content_smuggled(hostile: Build):
    found = {str(p.relative_to(hostile.site)): parse(p.read_text(encoding="utf-8")).live for p in pages(hostile.site)}
    assert len(found) >= 10
    assert {path: live for path, live in found.items() if live} == {}


@pytest.mark.parametrize(("path", "title"), [
    ("lessons/hostile/index.html", TITLE),
    ("teacher/hostile/index.html", "Teacher edition: " + TITLE),
    ("techniques/hostile/index.html", TECHNIQUE_NAME),
])
def test_titles_are_text_in_the_title_element_the_h1_and_the_header(hostile: Build, path: str, title: str):
    page = parse(hostile.page(path))
    assert [collapse(t) for t in page.texts["title"]] == [collapse(title) + " - A hostile course"]
    assert [collapse(t) for t in page.texts["h1"]] == [collapse(title)]
    assert collapse(title) in [collapse(t) for t in page.texts["header"]]


def _nav_texts(html: str, href: str) -> list[str]:
    """The text of every nav link to ``href``."""
    texts: list[str] = []

    class Nav(HTMLParser):
        depth = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "a" and "md-nav__link" in (a.get("class") or "") and a.get("href") == href:
                self.depth = 1
                texts.append("")
            elif self.depth and tag not in VOID:
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                texts[-1] += data

    Nav(convert_charrefs=True).feed(html)
    return [collapse(t) for t in texts]


def test_titles_and_names_are_text_in_the_nav(hostile: Build):
    home = hostile.page("index.html")
    assert collapse(TITLE) in _nav_texts(home, "lessons/hostile/")
    assert collapse(TECHNIQUE_NAME) in _nav_texts(home, "techniques/hostile/")


def test_the_search_index_holds_the_title_as_text_and_no_answer(hostile: Build):
    docs = json.loads(hostile.page("search/search_index.json"))["docs"]
    titles = [unescape(d["title"]) for d in docs if d["location"] == "lessons/hostile/"]
    assert [collapse(t) for t in titles] == [collapse(TITLE)]
    technique = [unescape(d["title"]) for d in docs if d["location"] == "techniques/hostile/"]
    assert [collapse(t) for t in technique] == [collapse(TECHNIQUE_NAME)]
    for d in docs:
        # The index is HTML that the search UI renders: any payload in it must stay escaped.
        for field in ("title", "text"):
            assert not re.search(r"<(script|img|svg|style|a)\b", d[field]), (d["location"], d[field][:200])
        assert SECRET not in d["text"], d["location"]
        assert not d["location"].startswith("teacher/")


def test_lists_of_techniques_and_teacher_editions_show_text(hostile: Build):
    teacher = hostile.page("teacher/index.html")
    links = re.findall(r'<li data-teacher-edition-link="hostile"><a href="hostile/"[^>]*>(.*?)</a></li>', teacher, re.S)
    assert [collapse(unescape(t)) for t in links] == [collapse(TITLE)]
    techniques = hostile.page("techniques/index.html")
    item = re.search(r'<li data-technique="hostile"><a href="hostile/">(.*?)</a>: (.*?)</li>', techniques, re.S)
    assert item is not None
    assert collapse(unescape(item.group(1))) == collapse(TECHNIQUE_NAME)
    assert collapse(unescape(item.group(2))) == collapse(TECHNIQUE_SUMMARY)


def test_a_newline_in_a_title_embeds_nothing(hostile: Build):
    for path in pages(hostile.site):
        if path.relative_to(hostile.site).parts[:2] != ("teacher", "other"):
            assert SECRET not in path.read_text(encoding="utf-8"), path
    assert hostile.page("lessons/hostile/index.html").count('data-teacher-edition="') == 0


def test_an_indented_embed_is_code(hostile: Build):
    home = hostile.page("index.html")
    assert "<pre><code>[lesson-index]\n</code></pre>" in home
    assert 'class="al-cards"' not in home
    assert 'data-lesson-excerpt="hostile"' in home  # the embed at column 0 still works
