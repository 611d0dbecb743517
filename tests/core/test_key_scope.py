"""``key_scope``: what the annotations are a key for, validated and handed to the practice script."""

from __future__ import annotations

import re

from annotated_lessons.core.render import render_lesson
from annotated_lessons.core.templating import templates_for
from annotated_lessons.core.translations import translation

from .conftest import LESSON_HEAD, annotation_yaml


def lesson(scope: str) -> str:
    return LESSON_HEAD + scope + "annotations:\n" + annotation_yaml("historic")


def test_no_scope_means_the_whole_key(make_course):
    course = make_course(lesson(""))
    assert course.ok and course.lessons["lesson"].key_scope is None
    html = render_lesson(course.lessons["lesson"], course.catalogue)
    assert "data-key-complete" not in html and "al-key-scope" not in html


def test_a_scope_reaches_the_page_with_its_statement(make_course):
    course = make_course(lesson("key_scope:\n  complete: true\n  techniques: [loaded-language]\n"))
    assert course.ok, [d.format_text() for d in course.diagnostics]
    scope = course.lessons["lesson"].key_scope
    assert scope.complete and scope.techniques == ("loaded-language",)
    html = render_lesson(course.lessons["lesson"], course.catalogue)
    assert 'data-key-complete="true" data-key-techniques="loaded-language"' in html
    name = course.catalogue["loaded-language"].name
    statement = re.search(r'<p class="al-key-scope" data-lesson-ui hidden>(.*?)</p>', html, re.S).group(1)
    assert statement == f"This key covers: {name}; tags of other techniques are not scored."


def test_the_four_statements(make_course):
    cases = {
        "key_scope:\n  complete: false\n  techniques: [loaded-language]\n": "but may not mark every passage",
        "key_scope:\n  complete: true\n": "This key marks every passage that uses a technique.",
        "key_scope:\n  complete: false\n": "a tag where nothing is marked is not counted as wrong",
    }
    for scope, words in cases.items():
        course = make_course(lesson(scope))
        html = render_lesson(course.lessons["lesson"], course.catalogue)
        assert words in html, scope
    complete = 'data-key-complete="false" data-key-techniques=""'
    assert complete in html


def test_bad_scopes_are_errors_at_their_place(make_course):
    course = make_course(lesson("key_scope:\n  complete: yes please\n  techniques: [loaded-languag, nope]\n"))
    found = sorted((d.code, d.line, d.col) for d in course.diagnostics)
    assert found == [("unknown-technique", 6, 16), ("unknown-technique", 6, 32), ("wrong-type", 5, 13)], found
    course = make_course(lesson("key_scope:\n  complete: true\n  techniques: [loaded-languag, loaded-language]\n"))
    [d] = course.diagnostics
    assert (d.code, d.line, d.col) == ("unknown-technique", 6, 16)
    assert "did you mean 'loaded-language'?" in d.hint
    assert course.lessons["lesson"].key_scope.techniques == ("loaded-language",)
    course = make_course(lesson("key_scope: [loaded-language]\n"))
    assert [d.code for d in course.diagnostics] == ["wrong-type"]
    assert course.lessons["lesson"].key_scope is None  # the rest of the lesson survives
    course = make_course(lesson("key_scope:\n  techniques: [loaded-language]\n"))
    assert [d.code for d in course.diagnostics] == ["missing-key"]


def test_the_statement_is_translated(make_course):
    course = make_course(lesson("key_scope:\n  complete: true\n  techniques: [loaded-language]\n"))
    html = render_lesson(course.lessons["lesson"], course.catalogue, templates=templates_for(ui=translation("de")))
    assert "Dieser Lösungsschlüssel umfasst:" in html
