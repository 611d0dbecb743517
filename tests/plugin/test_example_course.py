"""The example course `make serve` shows: it builds strictly, checks clean, and its lessons
have what a teacher needs (the content requirements of the course are tested, not hoped for)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig, load_course

from .conftest import build

REPO = Path(__file__).resolve().parents[2]
REQUIRED_TECHNIQUES = {"insider-access", "one-sided-sourcing", "loaded-qualifier", "labelling-critics",
                       "headline-framing", "vague-attribution", "appeal-to-values", "speculation-as-news",
                       "omitted-context"}
FOCUSED = ("insider-access-and-verification", "sourcing-and-voices", "loaded-language-and-framing")


@pytest.fixture(scope="module")
def course():
    return load_course(CourseConfig(REPO, "lessons", "lessons/techniques.yml"))


def test_the_example_course_checks_clean(capsys):
    assert main(["check", str(REPO), "--strict"]) == 0


def test_the_example_course_builds_strictly(tmp_path: Path):
    root = tmp_path / "course"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "lessons", "seeds"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    for page in ("index.html", "teachers/index.html", "contributing-annotations/index.html",
                 "reference/format/index.html", "reference/interop/index.html", "reference/benchmarks/index.html",
                 "lessons/index.html", "techniques/index.html", "teacher/index.html",
                 "lessons/reading-the-whole-article/annotations.jsonld"):
        assert (result.site / page).is_file(), page


def test_the_catalogue_covers_the_techniques_the_course_teaches(course):
    techniques = course.catalogue.techniques
    assert 12 <= len(techniques) <= 16
    assert set(techniques) >= REQUIRED_TECHNIQUES
    for tid, technique in techniques.items():
        assert technique.summary and technique.ask, tid
    assert sum(bool(t.maps_to) for t in techniques.values()) == len(techniques)


def _paragraphs_with_annotations(lesson) -> set[int]:
    return {lesson.article.paragraph_of(a.span.start) for a in lesson.technique_annotations}


def test_the_full_lesson_walks_the_whole_article(course):
    lesson = course.lessons["reading-the-whole-article"]
    assert len(lesson.technique_annotations) >= 20
    covered = _paragraphs_with_annotations(lesson)
    assert 0 in covered  # the headline
    assert len(covered | {lesson.article.paragraph_of(a.span.start) for a in lesson.clean_passages}) >= 16
    assert set(lesson.technique_counts()) == set(course.catalogue.techniques)


@pytest.mark.parametrize("slug", FOCUSED)
def test_focused_lessons_have_six_to_ten_notes(course, slug):
    assert 6 <= len(course.lessons[slug].technique_annotations) <= 10


@pytest.mark.parametrize("slug", ["reading-the-whole-article", *FOCUSED])
def test_every_lesson_has_what_a_teacher_needs(course, slug):
    lesson = course.lessons[slug]
    assert lesson.audience and lesson.duration and lesson.warm_up and lesson.teacher_notes
    assert lesson.objectives and all(o.startswith("I can ") for o in lesson.objectives)
    assert lesson.discussion and all(q.teacher for q in lesson.discussion)
    assert lesson.lateral_reading
    assert lesson.clean_passages, "fair passages keep students from blanket cynicism"
    assert all(a.ask for a in lesson.technique_annotations), "every note asks a question a student can check"
    assert any(a.check for a in lesson.technique_annotations)
