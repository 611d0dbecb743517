"""Markdown fields render at a cost linear in their length; text past the limits stays text.

Python-Markdown is quadratic on nested or repeated brackets, on ``<``, and on long
paragraphs of many lines. Past :data:`LIMITS` a field is shown as escaped plain
paragraphs, and ``lessons check`` says so at the field's position.
"""

from __future__ import annotations

import html

import pytest

from annotated_lessons.core.markdown_notes import LIMITS, plain_paragraphs, render_markdown, too_complex

from .conftest import LESSON_HEAD, annotation_yaml, lesson_with

HOSTILE = {
    "nested brackets, 40 KB": "[" * 20_000 + "]" * 20_000,
    "open links": "[x](" * 10_000,
    "unclosed tags": "<a " * 10_000,
    "many lines": "a\n=\n" * 5_000,
    "long": "word " * 4_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_fields_are_plain_escaped_paragraphs(text):
    assert too_complex(text)
    out = render_markdown(text)
    assert out == plain_paragraphs(text)
    assert out.startswith("<p>") and out.count("<") == out.count("<p>") + out.count("</p>")
    assert html.unescape(out.replace("<p>", "").replace("</p>", "\n\n")).split() == text.split()


def test_plain_paragraphs_keep_every_paragraph_and_escape_markup():
    text = "one <script>alert(1)</script>\n\n  \n\ntwo [a](javascript:x)\nstill two"
    assert plain_paragraphs(text) == ("<p>one &lt;script&gt;alert(1)&lt;/script&gt;</p>"
                                      "<p>two [a](javascript:x)\nstill two</p>")


@pytest.mark.parametrize(("make", "reason"), [
    (lambda n: "x" * n, "characters"),
    (lambda n: "\n".join("- item" for _ in range(n)), "lines"),
    (lambda n: "[a] " * n, "'['"),
    (lambda n: "<b>x</b> " * (n // 2) + ("<i>" if n % 2 else ""), "'<'"),
])
def test_each_limit_is_exact(make, reason):
    limit = {"characters": LIMITS.chars, "lines": LIMITS.lines, "'['": LIMITS.brackets, "'<'": LIMITS.angles}[reason]
    assert too_complex(make(limit)) is None
    assert reason in (too_complex(make(limit + 1)) or "")


def test_limits_count_per_paragraph_where_the_cost_is_per_paragraph():
    # Brackets and lines are scanned within a paragraph: spread over paragraphs they are fine.
    many_paragraphs = "\n\n".join(["[a](http://x.org) " * LIMITS.brackets] * 4)
    assert too_complex(many_paragraphs) is None
    assert "<a href" in render_markdown(many_paragraphs)
    long_list = "\n\n".join(["\n".join(["- item"] * LIMITS.lines)] * 3)
    assert too_complex(long_list) is None


def test_ordinary_markdown_is_rendered_as_before():
    note = "A *loaded* word, [a source](https://example.org) and a list:\n\n- one\n- two\n"
    assert too_complex(note) is None
    out = render_markdown(note)
    assert "<em>loaded</em>" in out and 'href="https://example.org"' in out and "<li>one</li>" in out


def test_check_warns_at_the_field_and_keeps_the_annotation(make_course):
    note = "[" * 3000 + "x" + "]" * 3000
    course = make_course(lesson_with(annotation_yaml("bold", note=note)) + "teacher_notes: fine\n")
    warnings = [d for d in course.diagnostics if d.code == "markdown-too-complex"]
    assert len(warnings) == 1 and not warnings[0].is_error
    d = warnings[0]
    assert (d.line, d.col) == (7, 11)  # the note's value
    assert "annotations[0].note" in d.message and "plain paragraphs" in d.message and d.hint
    assert [a.id for a in course.lessons["lesson"].annotations] == ["bold"]


def test_check_finds_markdown_in_every_kind_of_field(make_course):
    bad = "x" * (LIMITS.chars + 1)
    lesson = (LESSON_HEAD.replace("summary: A lesson used by the tests.", f"summary: {bad}")
              + f"warm_up: {bad}\nobjectives: [fine, {bad}]\ndiscussion:\n  - {bad}\n"
              + f"  - question: fine\n    teacher: {bad}\nlateral_reading:\n  - question: q\n    tip: {bad}\n"
              + "annotations:\n" + annotation_yaml("bold", ask=bad, teacher=bad,
                                                   check={"question": bad, "options": ["a", bad], "answer": 1}))
    course = make_course(lesson)
    where = sorted(d.message.split(":")[0] for d in course.diagnostics if d.code == "markdown-too-complex")
    assert where == sorted(["summary", "warm_up", "objectives[1]", "discussion[0]", "discussion[1].teacher",
                            "lateral_reading[0].tip", "annotations[0].ask", "annotations[0].teacher",
                            "annotations[0].check.question", "annotations[0].check.options[1]"])
    # Plain-text fields (title, quote) are never Markdown and get no such warning.
    assert "lesson" in course.lessons
