"""A lesson in a course Zensical built from the stubs of ``lessons stubs``, used in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..plugin.zensical_site import build_with_stubs
from .conftest import Tabs, require_chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_tabs(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tabs]:  # noqa: ANN001
    require_chromium()
    site = build_with_stubs(tmp_path_factory.mktemp("zensical"))
    url, server = serve(site)
    opened = Tabs(browser, url)
    yield opened
    opened.close()
    server.shutdown()
    server.server_close()
    assert opened.errors == []


def test_notes_and_technique_links_work_on_a_zensical_page(zensical_tabs: Tabs, tmp_path: Path):
    from playwright.sync_api import expect

    tab = zensical_tabs.open("lessons/")
    tab.locator('[data-lesson-card="insider-access"] a').first.click()
    expect(tab).to_have_url(re.compile(r"lessons/insider-access/$"))
    tab.locator('article[data-lesson] .al-hl[data-annotations~="alarmist"]').first.click()
    panel = tab.locator("aside.al-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("judges the warning")
    panel.locator("a.al-technique-link").click()
    expect(tab).to_have_url(re.compile(r"techniques/loaded-language/$"))
    expect(tab.locator("h1.al-page-title")).to_have_text("Loaded language")
