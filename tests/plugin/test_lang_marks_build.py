"""Real builds: a site in a language without a catalogue, and lesson titles in another script than the page's.

Material writes ``<html lang>`` from ``theme.language``; where the plugin has no catalogue
for it, its interface is English and says so with ``lang="en"``, while the course's own
text keeps the page's language. A lesson's H1 takes its direction from its letters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..scripts_course import copy_scripts
from .conftest import build
from .test_i18n_build import PAGES, course_in

pytestmark = pytest.mark.slow


def test_an_interface_without_a_catalogue_is_english_marked_inside_the_sites_language(tmp_path: Path) -> None:
    result = build(course_in(tmp_path, "it"))  # not --strict: the missing catalogue is a warning
    assert result.returncode == 0, result.log
    assert "no translation for the language 'it'" in result.log
    lesson = result.page(PAGES["lesson"])
    assert '<html lang="it"' in lesson
    assert re.search(r'<div class="al-lesson" lang="en" data-lesson-root="sources"', lesson)
    assert re.search(r'<div class="al-note-text" lang="uk">', lesson), "the lesson says its notes are Ukrainian"
    assert re.search(r'<article class="al-article" data-lesson="sources" aria-label="[^"]*" lang="uk">', lesson)
    # A technique's name is the course's own text: in the site's language, not the interface's.
    assert re.search(r'<a class="al-technique-link" href="[^"]*" lang="it">', lesson)
    assert re.search(r'<h1 class="al-page-title" lang="uk" dir="auto">', lesson)
    assert re.search(r'<ul class="al-cards" lang="en">', result.page(PAGES["course index"]))
    assert re.search(r'<div class="al-technique" lang="en"', result.page(PAGES["technique page"]))


def test_a_right_to_left_title_on_a_left_to_right_page_has_its_own_direction(tmp_path: Path) -> None:
    result = build(copy_scripts(tmp_path / "course"), "--strict")
    assert result.returncode == 0, result.log
    page = result.page("lessons/ar/index.html")
    assert '<h1 class="al-page-title" dir="auto">ميناء «تاريخي»</h1>' in page
    cards = result.page("lessons/index.html")
    assert re.search(r'<h2 class="al-card-title" dir="auto"><a href="[^"]*">ميناء «تاريخي»</a></h2>', cards)
