"""The six-script fixture course in a real ``mkdocs build --strict``: every lesson page, every passage marked."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ..scripts_course import PASSAGES, copy_scripts
from .conftest import Build, build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(copy_scripts(tmp_path_factory.mktemp("scripts") / "course"), "--strict")
    assert result.returncode == 0, result.log
    return result


def test_the_course_builds_strict_without_a_warning(scripts_site: Build):
    assert "WARNING" not in scripts_site.log and "ERROR" not in scripts_site.log, scripts_site.log
    for slug in PASSAGES:
        assert (scripts_site.site / "lessons" / slug / "index.html").is_file()


def _segments(page: str, annotation: str) -> str:
    """The text of every highlight segment of ``annotation`` in the page, markers left out, in order."""
    found = []
    page = re.sub(r'<span class="al-cjk-break">(\s*)</span>', r"\1", page)  # a CJK line break, kept in the text
    for match in re.finditer(r'<span class="al-hl" data-annotations="([^"]*)"[^>]*>(.*?)</span>', page, re.S):
        if annotation in match.group(1).split():
            inner = re.sub(r"<a [^>]*data-lesson-ui.*?</a>", "", match.group(2), flags=re.S)
            found.append(html.unescape(re.sub(r"<[^>]+>", "", inner)))
    return "".join(found)


def test_each_passage_is_marked_whole_in_the_built_page(scripts_site: Build):
    for slug, passages in PASSAGES.items():
        page = scripts_site.page(f"lessons/{slug}/index.html")
        for annotation, passage in passages.items():
            assert _segments(page, annotation) == passage, (slug, annotation)


def test_the_nfd_article_is_shown_composed(scripts_site: Build):
    page = scripts_site.page("lessons/vi/index.html")
    assert "Một quan chức giấu tên" in page  # NFC, as the body is read
    assert Path(scripts_site.root / "seeds" / "vi.txt").read_text(encoding="utf-8").count("\u0301") > 5
