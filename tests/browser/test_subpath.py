"""A course served under a sub-path (as GitHub Pages serves a project site) with Material's instant navigation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Tabs, require_chromium, serve

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
PREFIX = "schools/news-course/"


@pytest.fixture(scope="module")
def subpath_tabs(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tabs]:  # noqa: ANN001
    require_chromium()
    tmp = tmp_path_factory.mktemp("subpath")
    root = tmp / "course"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: !ENV SITE_URL\nsite_dir: !ENV SITE_DIR\n",
                      encoding="utf-8")
    www = tmp / "www"
    url, server = serve(www)
    env = {**os.environ, "SITE_URL": url + PREFIX, "SITE_DIR": str(www / PREFIX), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    opened = Tabs(browser, url)
    yield opened
    opened.close()
    server.shutdown()
    server.server_close()
    assert opened.errors == []


def test_instant_navigation_under_a_sub_path_reaches_a_working_lesson(subpath_tabs: Tabs):
    from playwright.sync_api import expect

    tab = subpath_tabs.open(PREFIX)
    tab.evaluate("window.__same_document = true")  # survives only instant (in-page) navigation
    tab.get_by_role("link", name="lessons", exact=True).first.click()
    expect(tab).to_have_url(re.compile(re.escape(PREFIX) + r"lessons/$"))
    tab.locator('[data-lesson-card="insider-access"] a').first.click()
    expect(tab).to_have_url(re.compile(re.escape(PREFIX) + r"lessons/insider-access/$"))
    assert tab.evaluate("window.__same_document") is True, "the page was loaded in full, not by instant navigation"
    tab.locator('article[data-lesson] .al-hl[data-annotations~="alarmist"]').first.click()
    panel = tab.locator("aside.al-panel")
    expect(panel).to_be_visible()
    panel.locator("a.al-technique-link").click()
    expect(tab).to_have_url(re.compile(re.escape(PREFIX) + r"techniques/loaded-language/$"))
    expect(tab.locator("h1.al-page-title")).to_have_text("Loaded language")
    tab.go_back()
    tab.locator('article[data-lesson] .al-hl[data-annotations~="privileged-glimpse"]').first.click()
    expect(panel).to_be_visible()
    assert tab.locator(".al-toolbar").count() == 1  # set up once, though the page was announced twice
