"""The teacher edition holds every expected answer; the student page holds none of them."""

from __future__ import annotations

from annotated_lessons.core.render import render_lesson
from annotated_lessons.core.render_teacher import render_teacher_edition

from .conftest import LESSON_HEAD, annotation_yaml

LESSON = (
    LESSON_HEAD
    + "teacher_notes: Watch for TEACHER-NOTES.\n"
    + "discussion:\n  - question: Why?\n    teacher: EXPECTED-DISCUSSION\n"
    + "lateral_reading:\n  - question: Who?\n    teacher: EXPECTED-LATERAL\n"
    + "annotations:\n"
    + annotation_yaml("historic", ask="What makes it historic?", teacher="EXPECTED-ANNOTATION")
    + "    check:\n      question: Which word?\n      options: [plan, historic]\n      answer: 2\n"
      "      explain: EXPLAIN-CHECK\n"
    + "clean:\n  - quote: critics said\n    note: CLEAN-NOTE attributes the claim.\n"
)


def test_teacher_edition_has_every_answer(make_course):
    course = make_course(LESSON)
    lesson = course.lessons["lesson"]
    html = render_teacher_edition(lesson, course.catalogue, student_page="../")
    for expected in ("TEACHER-NOTES", "EXPECTED-DISCUSSION", "EXPECTED-LATERAL", "EXPECTED-ANNOTATION",
                     "EXPLAIN-CHECK", "CLEAN-NOTE", "Answer B", "not secret"):
        assert expected in html, expected


def test_student_page_has_no_teacher_answers(make_course):
    course = make_course(LESSON)
    html = render_lesson(course.lessons["lesson"], course.catalogue)
    for hidden in ("TEACHER-NOTES", "EXPECTED-DISCUSSION", "EXPECTED-LATERAL", "EXPECTED-ANNOTATION"):
        assert hidden not in html, hidden
