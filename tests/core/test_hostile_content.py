"""Lessons arrive by pull request: nothing in them may reach the page as live HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from annotated_lessons.core.markdown_notes import render_markdown
from annotated_lessons.core.render import Links, render_lesson

from .conftest import annotation_yaml

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.invalid"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>',
    "<object data=x></object><embed src=x>",
    '<form action="https://evil.invalid"><input name=x></form>',
]

DANGEROUS_TAGS = {"script", "iframe", "style", "svg", "object", "embed", "form", "input", "link", "meta", "base"}


class _Live(HTMLParser):
    """Collects what a browser would act on: dangerous elements, handlers, styles, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = re.sub(r"\s", "", value or "").lower()
            if name.startswith("on") or name == "style" or url.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag}[{name}={value}]")


def live_parts(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", HOSTILE)
def test_note_markdown_is_sanitised(payload):
    html = render_markdown(f"Note {payload} end")
    assert live_parts(html) == [], html


def test_safe_markdown_survives():
    html = render_markdown("A *note* with a [link](https://example.org) and `code`.")
    assert "<em>note</em>" in html and 'href="https://example.org"' in html and "<code>code</code>" in html
    assert 'rel="noopener noreferrer"' in html


def test_every_field_of_a_hostile_lesson_is_inert(make_course):
    payload = " ".join(HOSTILE)
    techniques = ("techniques:\n  - id: loaded-language\n"
                  f"    name: {json.dumps('Loaded ' + payload)}\n    summary: {json.dumps(payload)}\n")
    lesson = (
        f"title: {json.dumps('T ' + payload)}\narticle: seeds/article.txt\nsummary: {json.dumps(payload)}\n"
        f"audience: {json.dumps(payload)}\nobjectives: [{json.dumps(payload)}]\nwarm_up: {json.dumps(payload)}\n"
        f"discussion:\n  - {json.dumps(payload)}\nlateral_reading:\n  - question: {json.dumps(payload)}\n"
        f"    tip: {json.dumps(payload)}\nannotations:\n"
        + annotation_yaml("historic", note=payload, ask=payload)
        + f"    check:\n      question: {json.dumps(payload)}\n      options: [{json.dumps(payload)}, b]\n"
          f"      answer: 1\n      explain: {json.dumps(payload)}\n"
        + f"clean:\n  - quote: critics said\n    note: {json.dumps(payload)}\n"
    )
    course = make_course(lesson, techniques=techniques)
    assert not [d for d in course.diagnostics if d.is_error], [d.format_text() for d in course.diagnostics]
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(technique=lambda t: f"../t/{t}/"))
    assert live_parts(html) == []


def test_article_text_is_escaped(make_course):
    course = make_course("title: T\narticle: seeds/article.txt\nsummary: s\nannotations:\n"
                         + annotation_yaml("<b>bold</b> claim & more"))
    lesson = course.lessons["lesson"]
    html = render_lesson(lesson, course.catalogue)
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; claim &amp; more" in html


def test_yaml_cannot_construct_python_objects(make_course):
    course = make_course("title: !!python/object/apply:os.system ['true']\narticle: seeds/article.txt\n"
                         "summary: s\nannotations: []\n")
    codes = {d.code for d in course.diagnostics}
    assert codes & {"yaml-syntax", "yaml-value"}, codes
    assert course.lessons == {}
