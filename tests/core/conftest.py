"""Helpers that build small courses on disk, so core tests run through the real loader."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from annotated_lessons.core import Course, CourseConfig, load_course

ARTICLE = """\
Headline: A <b>bold</b> claim & more

The minister said the plan was "historic" and 'brave'.
It was, he said, a plan for peace.

Critics called the plan reckless. The plan was reckless, critics said.
"""

TECHNIQUES = """\
techniques:
  - id: loaded-language
    name: Loaded language
    summary: Words chosen to make you feel before you think.
  - id: vague-attribution
    name: Vague attribution
    summary: A claim credited to nobody in particular.
"""

LESSON_HEAD = """\
title: Test lesson
article: seeds/article.txt
summary: A lesson used by the tests.
"""

CourseMaker = Callable[..., Course]


@pytest.fixture
def make_course(tmp_path: Path) -> CourseMaker:
    """Write a course (article, catalogue, lessons) into tmp_path and load it."""

    def make(lessons: dict[str, str] | str, article: str = ARTICLE, techniques: str = TECHNIQUES,
             extra_files: dict[str, str] | None = None) -> Course:
        if isinstance(lessons, str):
            lessons = {"lesson": lessons}
        (tmp_path / "seeds").mkdir(exist_ok=True)
        (tmp_path / "lessons").mkdir(exist_ok=True)
        (tmp_path / "seeds" / "article.txt").write_text(article, encoding="utf-8")
        (tmp_path / "lessons" / "techniques.yml").write_text(techniques, encoding="utf-8")
        for name, text in lessons.items():
            target = tmp_path / "lessons" / f"{name}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in (extra_files or {}).items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return load_course(CourseConfig(root=tmp_path))

    return make


def annotation_yaml(quote: str, technique: str = "loaded-language", note: str = "A note.", **extra: object) -> str:
    """One annotation list item, quoted safely for YAML."""
    import json

    lines = [f"  - quote: {json.dumps(quote)}", f"    technique: {technique}", f"    note: {json.dumps(note)}"]
    lines += [f"    {k}: {json.dumps(v)}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def lesson_with(*annotations: str, head: str = LESSON_HEAD) -> str:
    return head + "annotations:\n" + "".join(annotations)
