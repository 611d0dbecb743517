"""The translated interface in a browser: what the page scripts add is in the page's language too.

The Ukrainian course of ``tests/i18n/course`` is built with a Ukrainian and an Arabic
interface and read in Chromium; the live page (after the scripts ran, with the note panel
open and in practice mode) holds no English interface text, and the Arabic page passes axe
in both colour schemes. Screenshots go to /tmp/shots-i18n/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotated_lessons.core.translations import translation

from ..plugin.test_i18n_build import course_in, leftovers
from .conftest import Tabs, built_and_served, require_chromium, tabs_on
from .test_reading import _axe

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots-i18n")


@pytest.fixture(scope="module", params=["uk", "ar"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    require_chromium()
    language = request.param
    root = course_in(tmp_path_factory.mktemp(f"browser-{language}"), language)
    serving = built_and_served(root)
    yield language, next(serving)
    serving.close()  # stops the server


@pytest.fixture
def tabs(browser, served) -> Iterator[Tabs]:  # noqa: ANN001 - Playwright objects
    yield from tabs_on(browser, served[1])


def _shot(tab, name: str) -> None:  # noqa: ANN001
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_live_page_speaks_the_language(tabs, served) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    language, _ = served
    ui = translation(language)
    tab = tabs.open("lessons/sources/")
    assert leftovers(tab.content(), language) == []
    tab.locator('article[data-lesson] .al-hl[data-annotations~="glimpse"]').first.click()
    panel = tab.locator("aside.al-panel")
    expect(panel).to_be_visible()
    heading = re.escape(ui["Note %(number)s of %(total)s: %(technique)s"]).replace(re.escape("%(number)s"), r"\d+").replace(
        re.escape("%(total)s"), r"\d+").replace(re.escape("%(technique)s"), ".+")
    expect(panel.get_by_role("heading")).to_have_text(re.compile(heading))
    assert leftovers(tab.content(), language) == []
    _shot(tab, f"{language}-lesson-note-open")
    tab.keyboard.press("Escape")
    tab.get_by_role("button", name=ui["Spot it first"]).click()
    expect(tab.get_by_role("button", name=ui["Check my answers"])).to_be_visible()
    assert leftovers(tab.content(), language) == []
    _shot(tab, f"{language}-lesson-practice")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_right_to_left_lesson_passes_axe(tabs, served, scheme: str) -> None:  # noqa: ANN001
    language, _ = served
    tab = tabs.open("lessons/arabic/", scheme=scheme)
    direction = tab.evaluate("getComputedStyle(document.querySelector('article[data-lesson]')).direction")
    assert direction == "rtl"
    assert tab.evaluate("document.querySelector('article[data-lesson]').lang") == ("" if language == "ar" else "ar")
    _axe(tab, f"arabic lesson, {language} interface ({scheme})")
    _shot(tab, f"{language}-arabic-lesson-{scheme}")
