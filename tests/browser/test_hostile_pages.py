"""Every page of the hostile course in headless Chromium: no dialog, no request to another
host, no element or handler that the content smuggled in, even with every element
hovered and the lesson used. And the small URL cases of the reading script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.hostile.payloads import TITLE, write_course

from .conftest import require_chromium, screenshot, serve

pytestmark = pytest.mark.browser

#: What the page may hold that would act: elements with handlers, script URLs, foreign
#: resources, scripts or frames inside the content, and styles the content brought.
INSPECT = """() => {
  const found = [], here = location.origin;
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (a.name.startsWith("on")) found.push(`${el.tagName} ${a.name}`);
      if (["href", "src", "action", "formaction", "srcset", "data", "poster"].includes(a.name)
          && (/^(javascript|data|vbscript):/.test(v) || v.includes("evil.invalid")))
        found.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const el of document.querySelectorAll(".md-content :is(script, iframe, object, embed, img, style, form, input, link, meta, base)"))
    found.push(`${el.tagName} in the content`);
  for (const el of document.querySelectorAll(".md-content svg:not(.al-strip)")) found.push("svg in the content");
  for (const el of document.querySelectorAll("script[src], link[href], img[src]")) {
    const url = new URL(el.src || el.href, location.href);
    if (url.origin !== here) found.push(`${el.tagName} from ${url.origin}`);
  }
  return found;
}"""
HOVER = """() => { for (const el of document.querySelectorAll("body *"))
  for (const type of ["mouseover", "mouseenter", "focus", "click"])
    if (type != "click" || !el.closest("a, button, label, input")) el.dispatchEvent(new Event(type, {bubbles: true})); }"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    require_chromium()
    root = write_course(tmp_path_factory.mktemp("hostile-site") / "course")
    (root / "site").mkdir()
    url, server = serve(root / "site")
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                            check=False, env=env)
    assert result.returncode == 0, result.stderr
    yield url, root / "site"
    server.shutdown()
    server.server_close()


def test_no_page_of_the_hostile_course_runs_or_loads_what_the_content_holds(browser, hostile_site):  # noqa: ANN001
    url, site = hostile_site
    paths = sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))
    assert len(paths) >= 10, paths
    dialogs: list[str] = []
    requests: list[str] = []
    found: dict[str, list[str]] = {}
    context = browser.new_context()
    try:
        for path in paths:
            tab = context.new_page()
            tab.on("dialog", lambda d, path=path: (dialogs.append(f"{path}: {d.message}"), d.dismiss()))
            tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None)
            tab.goto(url + ("" if path == "." else path + "/"))
            tab.evaluate(HOVER)
            tab.wait_for_timeout(50)
            live = tab.evaluate(INSPECT)
            if live:
                found[path] = live
            tab.close()
    finally:
        context.close()
    assert dialogs == []
    assert requests == []
    assert found == {}


def test_the_hostile_lesson_is_used_like_any_other(browser, hostile_site):  # noqa: ANN001
    from playwright.sync_api import expect

    url, _ = hostile_site
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(url + "lessons/hostile/")
        assert " ".join(tab.title().split()) == " ".join(TITLE.split()) + " - A hostile course"
        assert " ".join(tab.locator("h1").text_content().split()) == " ".join(TITLE.split())
        tab.locator("a.al-marker").first.click()
        expect(tab.locator("aside.al-panel")).to_be_visible()
        tab.keyboard.press("j")
        tab.locator(".al-legend .al-filter").first.click()
        tab.get_by_role("button", name="Spot it first").click()
        screenshot(tab, "hostile-lesson", full_page=True)
        assert tab.evaluate(INSPECT) == []
    finally:
        context.close()
    assert dialogs == []


def test_a_malformed_fragment_does_not_stop_the_keys(tabs):  # noqa: ANN001
    from playwright.sync_api import expect

    tab = tabs.open("lessons/reading-the-whole-article/#100%")
    tab.locator(".al-toolbar .al-btn").first.focus()  # the keys act while focus is in the lesson
    tab.keyboard.press("j")
    expect(tab.locator("aside.al-panel")).to_be_visible()
    expect(tab.locator("aside.al-panel").get_by_role("heading")).to_have_text(re.compile(r"Note 1 of \d+"))
    tab.keyboard.press("Escape")
    # A broken escape after the page is set up; the test goes on once the page has handled it.
    tab.evaluate("""() => new Promise(done => {
        addEventListener("hashchange", () => setTimeout(done), { once: true });
        location.hash = "#ann-%E0%A4%A";
    })""")
    expect(tab.locator("aside.al-panel")).to_be_hidden()
    tab.locator(".al-toolbar .al-btn").first.focus()  # the fragment navigation left the focus on the page
    tab.keyboard.press("k")  # from no open note, K goes to the last note
    total = tab.locator("article[data-lesson] a.al-marker").count()
    expect(tab.locator("aside.al-panel").get_by_role("heading")).to_have_text(re.compile(f"^Note {total} of {total}: "))


def test_an_unknown_technique_in_only_filters_nothing(tabs):  # noqa: ANN001
    from playwright.sync_api import expect

    tab = tabs.open("lessons/reading-the-whole-article/?only=nonexistent")
    expect(tab.locator("article[data-lesson] .al-hl").first).to_be_attached()
    assert tab.locator("article[data-lesson] .al-dim").count() == 0
    assert tab.locator('.al-filter[aria-pressed="false"]').count() == 0
    tab = tabs.open("lessons/reading-the-whole-article/?only=nonexistent,labelling-critics")
    expect(tab.locator('.al-filter[aria-pressed="true"]')).to_have_count(1)
    assert tab.locator("article[data-lesson] .al-dim").count() > 0
