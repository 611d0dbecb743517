"""``rate``: the rating task, anchored like annotations, validated, rendered for students and teachers."""

from __future__ import annotations

import re

from annotated_lessons.core.render import render_lesson
from annotated_lessons.core.render_teacher import render_teacher_edition

from .conftest import LESSON_HEAD, annotation_yaml

BASE = LESSON_HEAD + "annotations:\n" + annotation_yaml("historic") + "    id: hist\n"


def lesson(rate: str) -> str:
    return BASE + "rate:\n" + rate


GOOD = ("  - annotation: hist\n    answer: unsupported\n    why: Nothing <script>alert(1)</script>backs it.\n"
        "  - quote: Critics called the plan reckless.\n    answer: fair\n    why: Attributed to *critics*.\n")


def test_items_anchor_by_id_or_quote_in_reading_order(make_course):
    course = make_course(lesson(GOOD))
    assert course.ok, [d.format_text() for d in course.diagnostics]
    rate = course.lessons["lesson"].rate
    body = course.lessons["lesson"].article.body
    assert [(body[r.span.start:r.span.end], r.answer) for r in rate] == [
        ("historic", "unsupported"), ("Critics called the plan reckless.", "fair")]
    assert rate[0].annotation == "hist" and rate[0].line == 10


def test_bad_items_are_errors_at_their_place_and_the_good_ones_stay(make_course):
    course = make_course(lesson(
        "  - annotation: hsit\n    answer: fair\n    why: x\n"                        # line 10: unknown id
        "  - quote: no such words\n    answer: fair\n    why: x\n"                   # line 13: not in the article
        "  - quote: brave\n    annotation: hist\n    answer: fair\n    why: x\n"     # line 16: both
        "  - quote: brave\n    answer: supportd\n    why: x\n"                       # line 20: bad answer
        "  - quote: brave\n    answer: fair\n"                                       # line 23: no why
        "  - quote: peace\n    answer: supported\n    why: fine\n"))                 # line 26: kept
    found = {(d.code, d.line) for d in course.diagnostics}
    assert found == {("unknown-annotation", 10), ("quote-not-found", 13), ("missing-key", 16), ("bad-choice", 21),
                     ("missing-key", 23)}, found
    hints = {d.code: d.hint for d in course.diagnostics}
    assert "did you mean 'hist'?" in hints["unknown-annotation"]
    assert "did you mean 'supported'?" in hints["bad-choice"]
    assert [r.answer for r in course.lessons["lesson"].rate] == ["supported"]


def test_the_student_page_has_buttons_to_be_and_a_closed_answer_without_script(make_course):
    course = make_course(lesson(GOOD))
    html = render_lesson(course.lessons["lesson"], course.catalogue)
    task = re.search(r'<section class="al-rate".*?</section>', html, re.S).group(0)
    assert task.count('<div class="al-check"') == 2
    assert 'data-answer="2" data-rating="unsupported"' in task and 'data-answer="3" data-rating="fair"' in task
    assert [m for m in re.findall(r'<li data-option="\d">([^<]*)</li>', task)] == [
        "Supported", "Unsupported", "Fair reporting"] * 2
    assert "<details" in task and "<details open" not in task
    assert "<strong>Unsupported.</strong>" in task and "Nothing backs it." in task and "<script" not in task
    assert "<em>critics</em>" in task  # Markdown, sanitised
    assert '<p class="al-rate-score" role="status"></p>' in task


def test_the_teacher_edition_lists_every_answer(make_course):
    course = make_course(lesson(GOOD))
    html = render_teacher_edition(course.lessons["lesson"], course.catalogue)
    section = re.search(r'<section class="al-teacher-rate".*?</section>', html, re.S).group(0)
    assert "<strong>Answer: Unsupported.</strong>" in section and "<strong>Answer: Fair reporting.</strong>" in section
    assert "Critics called the plan reckless." in section


def test_no_task_no_section(make_course):
    course = make_course(BASE)
    assert "al-rate" not in render_lesson(course.lessons["lesson"], course.catalogue)
    assert "al-teacher-rate" not in render_teacher_edition(course.lessons["lesson"], course.catalogue)
