"""The course order of lessons/course.yml in built sites: the index, the sidebar and previous/next links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .hosts import UNITS, content, course_with, sidebar_links, strict_build


@pytest.mark.parametrize("nav", ["automatic", "hand-written"])
def test_units_shape_the_index_the_sidebar_and_previous_next(tmp_path: Path, nav: str):
    def change(config: dict) -> None:
        if nav == "automatic":
            del config["nav"]

    site = strict_build(course_with(tmp_path, change, UNITS))
    index = content(site.page("lessons/index.html"))
    assert index.index("Start here") < index.index('data-lesson-card="unit-1/odd-characters"') \
        < index.index("Then") < index.index('data-lesson-card="insider-access"')
    assert '<h2 class="al-unit-title">Start here</h2>' in index and '<h3 class="al-card-title" dir="auto">' in index
    page = site.page("lessons/insider-access/index.html")
    links = sidebar_links(page)
    lessons = links.index("../")  # the course index, then the lessons in course order, then techniques
    assert links[lessons:lessons + 4] == ["../", "../unit-1/odd-characters/", "./", "../../techniques/"], links
    start, then = (re.search(rf">\s*{title}\s*<", page) for title in ("Start here", "Then"))
    assert start and then and start.start() < then.start()  # the units are sidebar sections
    assert re.search(r'<link rel="prev" href="\.\./unit-1/odd-characters/">', page)
    assert re.search(r'<link rel="next" href="\.\./\.\./techniques/', page)
    first = site.page("lessons/unit-1/odd-characters/index.html")
    assert re.search(r'<link rel="prev" href="\.\./\.\./">', first)  # the course index comes before
    assert "Unit 1" not in first  # MkDocs' section for the folder unit-1/ is gone: the units replace it


def test_technique_pages_and_teacher_editions_follow_the_order(tmp_path: Path):
    site = strict_build(course_with(tmp_path, lambda config: None, UNITS))
    technique = content(site.page("techniques/headline-framing/index.html"))
    assert technique.index("lessons/unit-1/odd-characters/") < technique.index("lessons/insider-access/")
    teacher = content(site.page("teacher/index.html"))
    assert teacher.index("unit-1/odd-characters/") < teacher.index("insider-access/")


def test_a_bad_course_yml_fails_a_strict_build_with_its_place(tmp_path: Path):
    from .conftest import build

    root = course_with(tmp_path, lambda config: None, "units:\n  - title: One\n    lessons: [insider-acess]\n")
    result = build(root, "--strict")
    assert result.returncode != 0
    assert "lessons/course.yml:3:15: error: there is no lesson 'insider-acess'" in result.log
