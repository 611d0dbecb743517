"""A two-language course built with mkdocs-static-i18n: each language's lessons in its own tree and interface."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from annotated_lessons.core.translations import translation

from .conftest import Build, build
from .test_i18n_build import leftovers, visible_text

COURSE = Path(__file__).resolve().parents[1] / "i18n" / "multilingual"
TREES = {"en": "", "uk": "uk/"}
LESSON = {"en": "whose-view", "uk": "chyi-pohliad"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("static-i18n") / "course"
    shutil.copytree(COURSE, root)
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize("language", sorted(TREES))
def test_each_language_has_every_page_in_its_own_tree(site: Build, language: str) -> None:
    tree, slug = TREES[language], LESSON[language]
    for page in (f"lessons/{slug}/index.html", "lessons/index.html", "techniques/index.html",
                 "techniques/insider-access/index.html", "teacher/index.html", f"teacher/{slug}/index.html"):
        html = site.page(tree + page)
        assert f'<html lang="{language}"' in html, page
        if language != "en":
            assert leftovers(html, language) == [], page
    assert (site.site / tree / "lessons" / slug / "annotations.jsonld").is_file()
    other = "uk" if language == "en" else "en"
    assert not (site.site / tree / "lessons" / LESSON[other]).exists(), "a language shows only its own lessons"


def test_the_lesson_pages_speak_their_language(site: Build) -> None:
    english = visible_text(site.page("lessons/whose-view/index.html"))
    ukrainian = visible_text(site.page("uk/lessons/chyi-pohliad/index.html"))
    assert "Notes" in english and "Claimed insider access" in english
    assert translation("uk")["Notes"] in ukrainian and "Удаваний доступ до закулісся" in ukrainian
    assert "Notes" not in ukrainian


def test_links_stay_in_the_languages_tree(site: Build) -> None:
    html = site.page("uk/lessons/chyi-pohliad/index.html")
    links = set(re.findall(r'href="(\.\./\.\./techniques/[^"]*)"', html))
    assert {"../../techniques/insider-access/", "../../techniques/loaded-language/"} <= links
    assert (site.site / "uk" / "techniques" / "insider-access" / "index.html").is_file()
    index = site.page("uk/lessons/index.html")
    assert 'href="chyi-pohliad/"' in index


def test_the_navigation_of_each_language_lists_its_pages_in_its_words(site: Build) -> None:
    uk_nav = site.page("uk/index.html")
    assert translation("uk")["Lessons"] in uk_nav and "Чий це погляд?" in uk_nav
    en_nav = site.page("index.html")
    assert "Whose view is this?" in en_nav and "Чий це погляд?" not in en_nav


def test_the_suffix_layout_works_too(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(COURSE, root)
    (root / "docs" / "en" / "index.md").rename(root / "docs" / "index.md")
    (root / "docs" / "uk" / "index.md").rename(root / "docs" / "index.uk.md")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_structure: folder", "docs_structure: suffix"),
                      encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    assert translation("uk")["Notes"] in visible_text(result.page("uk/lessons/chyi-pohliad/index.html"))
    assert "Notes" in visible_text(result.page("lessons/whose-view/index.html"))
    assert (result.site / "uk" / "techniques" / "insider-access" / "index.html").is_file()


def test_serve_watches_every_languages_lessons(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from .test_hooks import FakeServer

    root = tmp_path / "course"
    shutil.copytree(COURSE, root)
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["annotated-lessons"]
    config = config.plugins.on_config(config)
    plugin.on_files(get_files(config), config=config)
    assert set(plugin.course.lessons) == {"whose-view"}, "the default language's lessons"
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)
    assert str(root / "lessons") in server.watched and str(root / "seeds") in server.watched
