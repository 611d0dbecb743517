"""A course fresh from ``lessons init``, under ``mkdocs serve``: its sample lesson works in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotated_lessons.cli.main import main

from .conftest import Tabs, assert_axe_clean, mkdocs_serve, require_chromium

pytestmark = pytest.mark.browser
LESSON = "lessons/sample-lesson/"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``lessons init`` then ``mkdocs serve``, exactly as the teacher guide says, on a free port."""
    require_chromium()
    root = tmp_path_factory.mktemp("starter") / "my-course"
    assert main(["init", str(root)]) == 0
    with mkdocs_serve(root, LESSON, livereload=False) as url:
        yield url


@pytest.fixture
def tabs(browser, served) -> Iterator[Tabs]:  # noqa: ANN001 - Playwright objects
    opened = Tabs(browser, served)
    yield opened
    opened.close()
    assert opened.errors == []


def test_the_sample_lesson_opens_its_notes(tabs):
    from playwright.sync_api import expect

    tab = tabs.open(LESSON)
    highlight = tab.locator('article[data-lesson] .al-hl[data-annotations~="some-experts"]').first
    expect(highlight).to_have_text("Some experts warn")
    highlight.click()
    panel = tab.locator("aside.al-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading")).to_have_text(re.compile(r"Note \d+ of \d+"))
    expect(panel).to_contain_text("No expert is named")
    link = panel.locator("a.al-technique-link")
    expect(link).to_have_text("Vague attribution")
    link.click()
    expect(tab).to_have_url(re.compile(r"techniques/vague-attribution/$"))
    expect(tab.locator("article.md-content__inner")).to_contain_text("Some experts warn")


def test_the_home_page_leads_to_the_lesson(tabs):
    from playwright.sync_api import expect

    tab = tabs.open("")
    tab.get_by_role("link", name="course index").click()
    expect(tab).to_have_url(re.compile(r"lessons/$"))
    tab.locator(f'a[href$="{Path(LESSON).name}/"]').first.click()
    expect(tab).to_have_url(re.compile(re.escape(LESSON) + "$"))
    expect(tab.locator("article[data-lesson]")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_starter_palette_passes_axe_in_both_schemes(tabs, scheme):
    from playwright.sync_api import expect

    for path in ("", LESSON):
        tab = tabs.open(path, scheme=scheme)
        if path == LESSON:
            tab.locator('article[data-lesson] .al-hl[data-annotations~="critics-say"]').first.click()
            expect(tab.locator("aside.al-panel")).to_be_visible()
        assert_axe_clean(tab, f"{path or 'home'} ({scheme})")
