"""The six-script fixture course in headless Chromium: each highlight covers exactly its passage.

The text of a highlight is what the reader sees marked: every ``[data-annotations~=ID]``
segment joined in document order, the plugin's own controls (``[data-lesson-ui]``, such
as the numbered markers) left out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..scripts_course import LANGUAGES, PASSAGES, copy_scripts
from .conftest import Tabs, built_and_served, require_chromium, screenshot, tabs_on

pytestmark = pytest.mark.browser

HIGHLIGHT_TEXT = """id => {
  const parts = [];
  for (const segment of document.querySelectorAll(`[data-annotations~="${CSS.escape(id)}"]`)) {
    const copy = segment.cloneNode(true);
    copy.querySelectorAll("[data-lesson-ui]").forEach(ui => ui.remove());
    parts.push(copy.textContent);
  }
  return parts.join("");
}"""


@pytest.fixture(scope="module")
def scripts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course built by ``mkdocs build --strict`` in a copy, and served over HTTP."""
    require_chromium()
    yield from built_and_served(copy_scripts(tmp_path_factory.mktemp("browser-scripts") / "course"))


@pytest.fixture
def scripts_tabs(browser, scripts_url) -> Iterator[Tabs]:  # noqa: ANN001 - Playwright objects
    yield from tabs_on(browser, scripts_url)


def expect_language_and_direction(tab, slug: str) -> None:  # noqa: ANN001 - a Playwright page
    """Where the article's ``lang`` and ``dir`` on the page get asserted (``LANGUAGES[slug]``).

    The article carries its declared ``lang``, ``dir="rtl"`` only for a right-to-left
    script (the page itself is English, left to right), and the browser lays it out so.
    """
    lang, direction = LANGUAGES[slug]
    article = tab.locator("[data-lesson]")
    assert article.get_attribute("lang") == lang
    assert article.get_attribute("dir") == ("rtl" if direction == "rtl" else None)
    assert article.evaluate("e => getComputedStyle(e).direction") == direction
    assert tab.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("slug", sorted(PASSAGES))
def test_each_highlight_covers_exactly_its_passage(scripts_tabs, slug):
    tab = scripts_tabs.open(f"lessons/{slug}/")
    tab.wait_for_selector(".al-hl")
    for annotation, passage in PASSAGES[slug].items():
        assert tab.evaluate(HIGHLIGHT_TEXT, annotation) == passage, annotation
    # No marked stretch of the page belongs to an annotation the lesson does not have.
    ids = set(tab.evaluate("""() => [...document.querySelectorAll('[data-annotations]')]
        .flatMap(e => e.dataset.annotations.split(' ')).filter(Boolean)"""))
    assert ids == set(PASSAGES[slug])
    expect_language_and_direction(tab, slug)
    screenshot(tab, f"scripts-{slug}", full_page=True)
