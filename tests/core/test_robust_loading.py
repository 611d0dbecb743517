"""One bad file never takes the course down: not in the loader, not in a non-strict build."""

from __future__ import annotations

import pytest

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core import course as course_module

from ..plugin.conftest import build, copy_course
from .conftest import annotation_yaml, lesson_with


def test_an_unexpected_exception_is_an_internal_error_for_that_file_only(make_course, tmp_path, monkeypatch):
    make_course({"broken": lesson_with(annotation_yaml("bold")), "fine": lesson_with(annotation_yaml("bold"))})
    real = course_module.parse_lesson

    def trips_on_broken(text, path, slug, *args, **kwargs):
        if slug == "broken":
            raise ZeroDivisionError
        return real(text, path, slug, *args, **kwargs)

    monkeypatch.setattr(course_module, "parse_lesson", trips_on_broken)
    course = load_course(CourseConfig(tmp_path))
    [d] = [d for d in course.diagnostics if d.code == "internal-error"]
    assert (d.path, d.line, d.col) == ("lessons/broken.yml", 1, 1) and "ZeroDivisionError" in d.message
    assert "report" in (d.hint or "")
    assert list(course.lessons) == ["fine"]


def test_an_unexpected_exception_in_the_catalogue_is_an_internal_error(make_course, tmp_path, monkeypatch):
    make_course(lesson_with(annotation_yaml("bold")))

    def trips(text, path):
        raise KeyError(path)

    monkeypatch.setattr(course_module, "parse_catalogue", trips)
    course = load_course(CourseConfig(tmp_path))
    assert [(d.path, d.code) for d in course.diagnostics if d.code == "internal-error"] == [
        ("lessons/techniques.yml", "internal-error")]


HOSTILE_LESSONS = {
    "date": "note: 2023-02-30",
    "digits": "note: n\n    occurrence: " + "9" * 5000,
    "deep": "note: " + "[" * 600 + "]" * 600,
    "control": 'note: "a\\0b\\e[2J"\n    ask: a\x1bb',
    "index": "note: n",
    "x)<img src=x onerror=alert(1)>(": "note: n",
    "a b": "note: n",
}


@pytest.mark.slow
def test_a_non_strict_build_survives_every_hostile_file(tmp_path):
    root = copy_course(tmp_path)
    head = "title: T\narticle: seeds/odd.txt\nsummary: S\nannotations:\n  - quote: a\n    technique: x\n    "
    for name, tail in HOSTILE_LESSONS.items():
        (root / "lessons" / f"{name}.yml").write_text(head + tail + "\n", encoding="utf-8")
    (root / "lessons" / "latin1.yml").write_bytes(b"title: caf\xe9\n")
    (root / "lessons" / "nulpath.yml").write_text(head.replace("seeds/odd.txt", '"seeds/\\0"') + "note: n\n",
                                                  encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log and "internal-error" not in result.log
    for name in ("digits", "deep", "control", "index", "latin1", "nulpath", "a b"):
        assert f"lessons/{name}.yml" in result.log, name
    assert "\x1b" not in result.log
    assert (result.site / "lessons" / "insider-access" / "index.html").is_file()
    assert not any("onerror" in str(p) for p in result.site.rglob("*"))
    assert build(root, "--strict").returncode != 0
