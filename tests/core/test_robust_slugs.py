"""A lesson's file name must be a slug; anything else is an error that suggests one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.slugs import is_lesson_slug, lesson_slug_problem, suggest_slug

from .conftest import annotation_yaml, lesson_with

GOOD = ["insider-access", "unit-1/sourcing", "a", "2024", "Sourcing", "हिंदी-पाठ", "درس-عربي", "日本語-1",
        "e\u0301te", "ελληνικά", "unit-1/part-2/lesson-3"]
BAD = ["a b", "a]b", "a#b", "x)<img src=x onerror=alert(1)>(", "index", "unit-1/index", "index/lesson", "Index",
       "a--b", "-a", "a-", "a/", "/a", "a//b", "", "a.b", "a_b", "a%20b", "\u0301a", "a\u202eb", "a\nb", "a\udcffb",
       "a:b", "a'b", "a\"b", "🙂"]


@pytest.mark.parametrize("slug", GOOD)
def test_letters_and_digits_of_any_script_are_slugs(slug):
    assert is_lesson_slug(slug), lesson_slug_problem(slug)


@pytest.mark.parametrize("slug", BAD)
def test_anything_else_is_not(slug):
    assert not is_lesson_slug(slug)
    assert lesson_slug_problem(slug)


@given(st.text())
def test_a_suggestion_is_always_a_slug(name):
    assert is_lesson_slug(suggest_slug(name))


@pytest.mark.parametrize(("name", "suggestion"), [
    ("x)<img src=x onerror=alert(1)>(", "x-img-src-x-onerror-alert-1"), ("index", "index-lesson"),
    ("Unit 1/My Lesson", "unit-1/my-lesson"), ("", "lesson"), ("a--b", "a-b"), ("हिंदी पाठ", "हिंदी-पाठ"),
])
def test_suggestions_stay_close_to_the_name(name, suggestion):
    assert suggest_slug(name) == suggestion


@pytest.mark.parametrize("name", ["a b", "a]b", "a#b", "x)<img src=x onerror=alert(1)>(", "index", "unit-1/index",
                                  "index/lesson", "a.b"])
def test_a_lesson_with_a_bad_name_is_left_out_with_an_error(make_course, name):
    course = make_course({name: lesson_with(annotation_yaml("bold")), "fine": lesson_with(annotation_yaml("bold"))})
    assert list(course.lessons) == ["fine"]
    [d] = [d for d in course.diagnostics if d.code == "bad-lesson-name"]
    assert (d.path, d.line, d.col) == (f"lessons/{name}.yml", 1, 1)
    assert d.is_error and d.hint is not None and d.hint.startswith("rename the file to lessons/")
    suggested = d.hint.removeprefix("rename the file to lessons/").removesuffix(".yml")
    assert is_lesson_slug(suggested)


def test_names_in_other_scripts_load(make_course):
    course = make_course({"हिंदी-पाठ": lesson_with(annotation_yaml("bold")),
                          "unit-1/درس": lesson_with(annotation_yaml("bold"))})
    assert course.ok and sorted(course.lessons) == sorted(["हिंदी-पाठ", "unit-1/درس"])


def test_two_files_with_one_name_are_an_error(make_course, tmp_path):
    make_course({"sourcing": lesson_with(annotation_yaml("bold")), "Other": lesson_with(annotation_yaml("bold"))})
    (tmp_path / "lessons" / "sourcing.yaml").write_text(lesson_with(annotation_yaml("bold")), encoding="utf-8")
    (tmp_path / "lessons" / "other.yml").write_text(lesson_with(annotation_yaml("bold")), encoding="utf-8")
    course = load_course(CourseConfig(tmp_path))
    taken = {d.path: d.message for d in course.diagnostics if d.code == "lesson-name-taken"}
    # Files are taken in name order: Other.yml before other.yml, sourcing.yaml before sourcing.yml.
    assert taken.keys() == {"lessons/other.yml", "lessons/sourcing.yml"}
    assert "lessons/sourcing.yaml" in taken["lessons/sourcing.yml"]
    assert sorted(course.lessons) == ["Other", "sourcing"]


def test_drafts_and_hidden_files_are_still_skipped(make_course):
    course = make_course({"_draft": "not: [valid", ".hidden": "not: [valid", "fine": lesson_with(annotation_yaml("bold"))})
    assert course.ok and list(course.lessons) == ["fine"]
