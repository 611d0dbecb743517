"""The zip of ``lessons offline``, unzipped and opened over ``file://`` as a classroom would from a USB stick.

Built with and without Material's ``navigation.instant``: every lesson must work from
disk (notes, J/K, the legend filter, self-checks, practice, the handout) and every link
between pages must name a file, not a folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import require_chromium, screenshot
from .test_practice import NO_PRINT

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
#: The one request an offline copy may make and lose: the search shim Material's offline plugin adds.
SEARCH_SHIM = "https://unpkg.com/iframe-worker/shim"


def offline_copy(tmp: Path, instant: bool) -> Path:
    """The fixture course through ``lessons offline``, unzipped; returns the folder holding index.html."""
    course = tmp / "course"
    shutil.copytree(FIXTURE, course)
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    - navigation.instant\n" in text
    features = "    - navigation.footer\n" + ("    - navigation.instant\n" if instant else "")
    config.write_text(text.replace("    - navigation.instant\n", features), encoding="utf-8")
    output = tmp / "news-lessons.zip"
    result = subprocess.run([sys.executable, "-m", "annotated_lessons.cli.main", "offline", str(course),
                             "-o", str(output), "--strict"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "open news-lessons/index.html" in result.stdout
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        assert all(name.startswith("news-lessons/") for name in names)
        archive.extractall(tmp / "usb")
    return tmp / "usb" / "news-lessons"


@pytest.fixture(scope="module", params=[True, False], ids=["instant", "plain"])
def copy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    return offline_copy(tmp_path_factory.mktemp("offline"), request.param)


def test_the_copy_has_file_links_only(copy: Path):
    lesson = (copy / "lessons" / "insider-access.html").read_text(encoding="utf-8")
    assert (copy / "lessons" / "insider-access" / "annotations.jsonld").is_file()
    hrefs = re.findall(r'<a [^>]*href="([^"#]+)"', lesson)
    local = [h for h in hrefs if not h.startswith(("http:", "https:", "mailto:"))]
    assert local, "the lesson links to nothing"
    assert [h for h in local if not h.endswith((".html", ".jsonld", ".yml"))] == []


def test_a_lesson_works_from_disk(browser, copy: Path):  # noqa: ANN001 - Playwright
    from playwright.sync_api import expect

    base = copy.as_uri() + "/"
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error"
           and m.location.get("url") != SEARCH_SHIM else None)
    tab.on("request", lambda r: errors.append(f"request {r.url}")
           if not r.url.startswith((base, "data:", "blob:")) and r.url != SEARCH_SHIM else None)
    try:
        tab.goto(base + "index.html")
        tab.get_by_role("link", name="lessons", exact=True).first.click()
        expect(tab).to_have_url(base + "lessons/index.html")
        tab.locator('[data-lesson-card="insider-access"] a').first.click()
        expect(tab).to_have_url(base + "lessons/insider-access.html")
        # The page announced again before any note opened (document$ and the plain load both
        # start the scripts): J still opens the first note, and the lesson is set up once.
        tab.evaluate("document.dispatchEvent(new Event('DOMContentLoaded'))")
        tab.locator("article[data-lesson] a.al-marker").first.focus()  # J/K act while focus is in the lesson
        tab.keyboard.press("j")
        panel = tab.locator("aside.al-panel")
        expect(panel).to_be_visible()
        assert tab.locator(".al-toolbar").count() == 1
        tab.keyboard.press("Escape")
        # Notes: a click on a passage, then J to the next one.
        tab.locator('article[data-lesson] .al-hl[data-annotations~="privileged-glimpse"]').first.click()
        expect(panel).to_be_visible()
        expect(panel.get_by_role("heading")).to_have_text(re.compile(r"Note 2 of \d+"))
        tab.keyboard.press("Escape")
        tab.keyboard.press("j")
        expect(panel).to_be_visible()
        tab.keyboard.press("Escape")
        # The legend filter.
        insider = tab.locator('.al-legend button.al-filter[data-technique="insider-access"]')
        insider.click()
        expect(insider).to_have_attribute("aria-pressed", "false")
        insider.click()
        # A self-check answered in place.
        check = tab.locator(".al-check").first
        check.locator(".al-option").nth(1).click()
        expect(check.locator(".al-check-feedback")).to_contain_text("Right: B.")
        # Practice mode and the handout.
        practice = tab.get_by_role("button", name="Spot it first")
        practice.click()
        expect(practice).to_have_attribute("aria-pressed", "true")
        practice.click()
        tab.evaluate(NO_PRINT)
        tab.get_by_role("button", name="Print handout").click()
        assert "al-print-handout" in tab.evaluate("window.__printed")
        screenshot(tab, f"offline-lesson-{copy.parent.parent.name}")
        # Next page (Material's footer): a file, which opens.
        tab.locator("a.md-footer__link--next").click()
        expect(tab).to_have_url(re.compile(re.escape(base) + r".+\.html$"))
        tab.go_back()
        expect(tab).to_have_url(re.compile(re.escape(base + "lessons/insider-access.html")))
        tab.locator('article[data-lesson] .al-hl[data-annotations~="alarmist"]').first.click()
        expect(panel).to_be_visible()
        # A technique link from the note, to its page on disk.
        panel.locator("a.al-technique-link").click()
        expect(tab).to_have_url(base + "techniques/loaded-language.html")
        expect(tab.locator("article.md-content__inner")).to_contain_text("alarmist")
    finally:
        context.close()
    assert errors == []
