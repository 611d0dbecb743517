"""Property test: whatever a course holds, the renderers emit only their own elements,
attributes and URL schemes, and every plain-text field comes back out as exactly that text.

Generated: lessons whose every field (title, summary, audience, objectives, warm-up,
notes, asks, teacher notes, self-checks, discussion, lateral reading) and whose
catalogue (names, summaries, descriptions, questions, mappings) and article mix hostile
fragments (script, handlers, javascript: and data: links, images, attr_list, embed lines,
entities, quotes) with arbitrary Unicode (combining marks, right-to-left text, emoji,
no-break and zero-width spaces); annotations on random spans. Each is rendered by every
core renderer and read back with an HTML parser.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.core.anchoring import Selector, Span
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.catalogue import Catalogue, Technique
from annotated_lessons.core.course import Course, CourseConfig
from annotated_lessons.core.lesson import Annotation, Check, LateralPrompt, Lesson, Question
from annotated_lessons.core.markdown_notes import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from annotated_lessons.core.render import Links, passage_text, render_excerpt, render_lesson
from annotated_lessons.core.render_index import (
    render_course_index,
    render_teacher_index,
    render_technique_index,
    render_technique_page,
)
from annotated_lessons.core.render_teacher import render_teacher_edition
from annotated_lessons.core.templating import DEFAULT

FRAGMENTS = [
    "<script>alert(1)</script>", "</title><script>alert(1)</script>", '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))", "[d](data:text/html,<script>alert(1)</script>)", "![i](https://evil.invalid/x.png)",
    "{: onmouseover=alert(1) }", "\n\n[teacher-edition: other]\n\n", "\n    [lesson-index]\n", "&lt;script&gt;",
    "&amp;", '"', "'", "`", '" onmouseover="alert(1)', "<svg onload=alert(1)>", "<style>*{}</style>",
    '<a href="JaVaScRiPt:alert(1)">a</a>', "<iframe src=//evil.invalid>", "-->", "<!--", "]]>", "{{ 7*7 }}",
    "{% raw %}", "<b>", "*em*", "[link](https://example.org)", "<https://example.org>", "\\",
    "👩‍👩‍👧", "🇺🇦", "e\u0301", "\u202eevil",
]
ODD = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\r\x85") | st.sampled_from(
    ["\u0301", "\u202e", "\u200d", "\u00a0", "\u200b", "\ufeff", "ש", "ع", "漢", "\t", "\n"])
text = st.lists(st.sampled_from(FRAGMENTS) | st.text(ODD, max_size=6), min_size=1, max_size=5).map("".join)
line = text.map(lambda t: " ".join(t.split()) or "x")  # a one-line plain-text field, as YAML would give it

TAGS = ALLOWED_TAGS | {"article", "details", "div", "h1", "h2", "h3", "nav", "rect", "section", "summary", "svg", "table",
                       "tbody", "td", "th", "thead", "tr", "dl", "dt", "dd", "time", "dfn", "q", "blockquote"}
ATTRIBUTES = {a for names in ALLOWED_ATTRIBUTES.values() for a in names} | {
    "class", "id", "href", "value", "type", "role", "scope", "rel", "viewbox", "preserveaspectratio", "x", "y",
    "width", "height", "dir", "datetime"}


@st.composite
def courses(draw) -> tuple[Course, Lesson]:
    raw = draw(text)
    article, _ = parse_article("x " + raw + " z", "seeds/a.txt")
    positions = [i for i, c in enumerate(article.body) if not c.isspace()]
    catalogue = Catalogue("lessons/techniques.yml", {
        tid: Technique(tid, draw(line), draw(line), draw(text), tuple(draw(st.lists(text, max_size=2))),
                       (("semeval2023", draw(line)), (draw(line), draw(line))), tone)
        for tone, tid in enumerate(("t-one", "t-two"))})
    annotations = []
    for i in range(draw(st.integers(1, 5))):
        a, b = sorted((draw(st.sampled_from(positions)), draw(st.sampled_from(positions))))
        check = Check(draw(text), (draw(text), draw(text)), draw(st.integers(1, 2)), draw(text)) \
            if draw(st.booleans()) else None
        annotations.append(Annotation(
            id=f"a-{i}", kind="clean" if i == 3 else "technique", technique=None if i == 3 else ("t-one", "t-two")[i % 2],
            selector=Selector("x"), span=Span(a, b + 1), note=draw(text), ask=draw(text), teacher=draw(text),
            check=check))
    annotations.sort(key=lambda a: (a.span.start, -a.span.end))
    annotations = [replace(a, number=n) for n, a in enumerate(annotations, 1)]
    lesson = Lesson(
        slug="unit/lesson", path="lessons/unit/lesson.yml", title=draw(line), summary=draw(text), article=article,
        audience=draw(line), duration=draw(st.none() | st.integers(1, 300)), objectives=draw(st.lists(text, max_size=2)),
        warm_up=draw(text), annotations=annotations, discussion=[Question(draw(text), draw(text))],
        lateral_reading=[LateralPrompt(draw(text), draw(text), draw(text))], teacher_notes=draw(text))
    return Course(CourseConfig(Path(".")), catalogue, {lesson.slug: lesson}), lesson


class Read(HTMLParser):
    """Every element and attribute, and the text inside each element that has a class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[tuple[str, list[str]]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ATTRIBUTES and not re.fullmatch(r"(data|aria)-[a-z-]+", name):
                self.problems.append(f"<{tag} {name}>")
            if name == "href":
                url = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                match = re.match(r"([a-z][a-z0-9+.-]*):", url)
                if match and match.group(1) not in ("http", "https", "mailto"):
                    self.problems.append(f"<{tag} href={value!r}>")
        classes = [c for _, v in attrs if _ == "class" for c in (v or "").split()] + [tag]
        for c in classes:
            self.text.setdefault(c, []).append("")
        if tag not in ("br", "rect"):
            self.stack.append((tag, classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "rect"):
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> out of place")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for c in {c for _, classes in self.stack for c in classes}:
            self.text[c][-1] += data


def read(html: str) -> Read:
    reader = Read()
    reader.feed(str(html))  # as a plain string, so the parser unescapes like a browser
    reader.close()
    assert reader.problems == [], reader.problems
    assert reader.stack == [], reader.stack
    return reader


def technique_links(tid: str) -> str:
    return f"../../techniques/{tid}/"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(courses())
def test_every_renderer_emits_only_its_own_markup_and_keeps_text_as_text(case):
    course, lesson = case
    links = Links(technique=technique_links)
    urls = {lesson.slug: "../unit/lesson/"}
    used = [t for tid, t in course.catalogue.techniques.items() if tid in lesson.technique_counts()]

    page = read(render_lesson(lesson, course.catalogue, links))
    assert page.text["al-legend-name"][:len(used)] == [t.name for t in used]
    assert page.text["al-note-quote"] == [passage_text(lesson, a) for a in lesson.annotations]
    if lesson.audience:
        assert lesson.audience in page.text["al-meta"][0]

    teacher = read(render_teacher_edition(lesson, course.catalogue, links, student_page="../"))
    assert teacher.text["al-teacher-intro"][0].count(lesson.title) >= 1
    read(render_excerpt(lesson, lesson.annotations[0], course.catalogue, links, "../"))

    index = read(render_course_index(course, links, urls))
    assert index.text["al-card-title"] == [lesson.title]
    for tid, technique in course.catalogue.techniques.items():
        technique_page = read(render_technique_page(course, tid, links, urls))
        assert technique.summary in technique_page.text["al-technique-summary"][0]
        wrapped = read(DEFAULT.render("page.html", title=technique.name, body=technique_page, jsonld=None))
        assert wrapped.text["al-page-title"] == [technique.name]
    listing = read(render_technique_index(course, {t: f"{t}/" for t in course.catalogue.techniques}))
    assert listing.text["a"] == [t.name for t in course.catalogue.techniques.values()]
    teachers = read(render_teacher_index(course, {lesson.slug: "unit/lesson/"}))
    assert teachers.text["a"] == [lesson.title]
    title = read(DEFAULT.render("page.html", title=lesson.title, body="", jsonld="lessons/x.jsonld"))
    assert title.text["al-page-title"] == [lesson.title]
