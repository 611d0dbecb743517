"""A course's fingerprints change exactly where what a page is made from changes (see ``Fingerprints``)."""

from __future__ import annotations

from tests.core.conftest import ARTICLE, TECHNIQUES, annotation_yaml, lesson_with

LOADED = annotation_yaml("historic", "loaded-language")
VAGUE = annotation_yaml("critics said", "vague-attribution")


def test_an_edit_changes_the_fingerprints_of_what_shows_it(make_course):
    first = make_course({"a": lesson_with(LOADED), "b": lesson_with(VAGUE)}).fingerprints
    again = make_course({"a": lesson_with(LOADED), "b": lesson_with(VAGUE)}).fingerprints
    assert again == first  # same files, same digests
    edited = make_course({"a": lesson_with(annotation_yaml("historic", note="Edited.")),
                          "b": lesson_with(VAGUE)}).fingerprints
    assert edited.lessons["a"] != first.lessons["a"] and edited.lessons["b"] == first.lessons["b"]
    assert edited.techniques["loaded-language"] != first.techniques["loaded-language"]
    assert edited.techniques["vague-attribution"] == first.techniques["vague-attribution"]
    assert edited.course != first.course and edited.catalogue == first.catalogue


def test_an_article_or_catalogue_edit_changes_every_lesson_on_it(make_course):
    lessons = {"a": lesson_with(LOADED), "b": lesson_with(VAGUE)}
    first = make_course(lessons).fingerprints
    article = make_course(lessons, article=ARTICLE.replace("brave", "bold")).fingerprints
    assert all(article.lessons[s] != first.lessons[s] for s in lessons) and article.catalogue == first.catalogue
    catalogue = make_course(lessons, techniques=TECHNIQUES.replace("Loaded language", "Emotive words")).fingerprints
    assert catalogue.catalogue != first.catalogue
    assert all(catalogue.lessons[s] != first.lessons[s] for s in lessons)
    assert all(catalogue.techniques[t] != first.techniques[t] for t in first.techniques)


def test_the_course_order_changes_the_course_alone(make_course):
    lessons = {"a": lesson_with(LOADED), "b": lesson_with(VAGUE)}
    first = make_course(lessons, extra_files={"lessons/course.yml": "lessons: [a, b]\n"}).fingerprints
    swapped = make_course(lessons, extra_files={"lessons/course.yml": "lessons: [b, a]\n"}).fingerprints
    assert swapped.lessons == first.lessons and swapped.course != first.course
    units = make_course(lessons, extra_files={"lessons/course.yml": "units:\n  - title: One\n    lessons: [a, b]\n"})
    assert units.fingerprints.course not in (first.course, swapped.course)
