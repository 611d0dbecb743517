"""Reloading a course reuses the work done for files that did not change."""

from __future__ import annotations

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.course import CourseCache

from .conftest import annotation_yaml, lesson_with


def test_unchanged_lessons_are_not_parsed_again(make_course, tmp_path):
    make_course({"one": lesson_with(annotation_yaml("historic")), "two": lesson_with(annotation_yaml("brave"))})
    config, cache = CourseConfig(tmp_path), CourseCache()
    first = load_course(config, cache)
    assert (cache.hits, cache.misses) == (0, 2)
    second = load_course(config, cache)
    assert (cache.hits, cache.misses) == (2, 2)
    assert second.lessons["one"] is first.lessons["one"]

    (tmp_path / "lessons" / "two.yml").write_text(lesson_with(annotation_yaml("reckless", suffix=".")))
    third = load_course(config, cache)
    assert (cache.hits, cache.misses) == (3, 3)
    assert third.lessons["one"] is first.lessons["one"]
    assert third.lessons["two"].annotations[0].selector.quote == "reckless"


def test_an_edited_article_reanchors_its_lessons(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("historic")))
    config, cache = CourseConfig(tmp_path), CourseCache()
    assert load_course(config, cache).ok
    article = tmp_path / "seeds" / "article.txt"
    article.write_text(article.read_text().replace("historic", "histrionic"))
    course = load_course(config, cache)
    assert cache.misses == 2
    assert [d.code for d in course.diagnostics] == ["quote-not-found"]


def test_an_edited_catalogue_revalidates_everything(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("historic")))
    config, cache = CourseConfig(tmp_path), CourseCache()
    load_course(config, cache)
    catalogue = tmp_path / "lessons" / "techniques.yml"
    catalogue.write_text(catalogue.read_text().replace("id: loaded-language", "id: loaded-words"))
    course = load_course(config, cache)
    assert [d.code for d in course.diagnostics] == ["unknown-technique"]


def test_removed_lessons_leave_the_cache_and_progress_is_reported(make_course, tmp_path):
    make_course({"one": lesson_with(annotation_yaml("historic")), "two": lesson_with(annotation_yaml("brave"))})
    config, cache = CourseConfig(tmp_path), CourseCache()
    load_course(config, cache)
    (tmp_path / "lessons" / "two.yml").unlink()
    calls: list[tuple[int, int, str]] = []
    course = load_course(config, cache, progress=lambda done, total, path: calls.append((done, total, path)))
    assert set(course.lessons) == {"one"} and set(cache.lessons) == {"lessons/one.yml"}
    assert calls == [(1, 1, "lessons/one.yml")]
