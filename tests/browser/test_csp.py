"""The example course under a strict Content-Security-Policy: our markup and our scripts
need no inline script and no inline style, so a lesson works with ``script-src 'self'``.

Material's own page shell has inline scripts, which the policy blocks; those violations
are the theme's, and the test tells them apart: every violation is recorded with a
``securitypolicyviolation`` listener, and none may come from our assets or from inline
code that is not one of the theme's own inline scripts.
"""

from __future__ import annotations

import http.server
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.request import urlopen

import pytest

from ..example_course import copy_example
from .conftest import EXAMPLE, build_strict, require_chromium, screenshot, serve

pytestmark = pytest.mark.browser

POLICY = ("default-src 'self'; script-src 'self' 'report-sample'; style-src 'self' 'report-sample'; "
          "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'")
OURS = "/assets/annotated-lessons/"
LESSON = "lessons/reading-the-whole-article/"
RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push({
  directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
  sample: e.sample}), true);
"""


class _Strict(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def strict_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example course, built for and served by a server that sends the policy on every response."""
    require_chromium()
    root = copy_example(tmp_path_factory.mktemp("csp-site") / "course", EXAMPLE)
    (root / "site").mkdir()
    url, server = serve(root / "site", _Strict)
    build_strict(root, url)
    yield url
    server.shutdown()
    server.server_close()


class _ThemeInline(HTMLParser):
    """The inline scripts and style attributes of a page that are outside the page content."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # whether each open element is inside .md-content
        self.samples: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        inside = bool(self.stack and self.stack[-1]) or "md-content" in (a.get("class") or "").split()
        if not inside and a.get("style"):
            self.samples.append(a["style"] or "")
        self._script = tag == "script" and "src" not in a and not inside
        if tag not in ("meta", "link", "input", "br", "img", "hr", "source", "path", "use"):
            self.stack.append(inside)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.samples.append(data.strip())


def theme_inline(url: str) -> list[str]:
    parser = _ThemeInline()
    with urlopen(url) as response:  # noqa: S310 - the local test server
        assert POLICY in response.headers.get("Content-Security-Policy", "")
        parser.feed(response.read().decode("utf-8"))
    return parser.samples


def ours(violations: list[dict], theme: list[str]) -> list[dict]:
    """The violations not attributable to the theme's own inline code."""
    found = []
    for v in violations:
        from_our_file = OURS in (v["source"] or "") or OURS in (v["blocked"] or "")
        theme_inline_code = v["blocked"] == "inline" and v["sample"] and any(s.startswith(v["sample"]) for s in theme)
        if from_our_file or not theme_inline_code:
            found.append(v)
    return found


def test_a_lesson_works_under_a_strict_policy_with_no_violation_from_our_code(browser, strict_url):  # noqa: ANN001
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.add_init_script(RECORD)
        tab.on("pageerror", lambda exc: errors.append(f"{exc}\n{exc.stack}"))
        tab.goto(strict_url + LESSON)
        # Reading mode: a highlight opens its note, J steps to the next, the legend filters.
        tab.locator('article[data-lesson] .al-hl[data-annotations~="alarmist-rhetoric"]').first.click()
        panel = tab.locator("aside.al-panel")
        expect(panel).to_be_visible()
        expect(panel.get_by_role("heading")).to_have_text(re.compile(r"Note \d+ of \d+"))
        before = panel.get_by_role("heading").text_content()
        tab.keyboard.press("j")
        expect(panel.get_by_role("heading")).not_to_have_text(before or "")
        tab.keyboard.press("Escape")
        tab.locator(".al-legend .al-filter").first.click()
        expect(tab).to_have_url(re.compile(r"\?only="))
        expect(tab.locator("article[data-lesson] .al-hl.al-dim").first).to_be_attached()
        # A self-check answers in place, and practice mode hides the notes.
        check = tab.locator(".al-check-live").first
        check.locator(".al-option").first.click()
        expect(check.locator(".al-check-feedback")).not_to_be_empty()
        practice = tab.get_by_role("button", name="Spot it first")
        practice.click()
        expect(practice).to_have_attribute("aria-pressed", "true")
        expect(tab.locator(".al-results")).to_be_visible()
        screenshot(tab, "csp-lesson")
        violations = tab.evaluate("window.__violations")
    finally:
        context.close()
    theme = theme_inline(strict_url + LESSON)
    assert theme, "the theme's inline scripts were expected to be found"
    assert violations, "the policy should have blocked the theme's inline scripts (is the header sent?)"
    assert ours(violations, theme) == []
    assert [e for e in errors if OURS in e] == []


def test_the_attribution_would_catch_an_inline_script_of_ours(browser, strict_url):  # noqa: ANN001
    """The check above can fail: inline code added inside the page content is reported as ours."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.add_init_script(RECORD)
        tab.goto(strict_url + LESSON)
        tab.evaluate("""() => {
          const s = document.createElement("script");
          s.textContent = "window.smuggled = 1";
          document.querySelector("[data-lesson-root]").append(s);
          document.querySelector(".al-note").setAttribute("style", "color: red");
        }""")
        tab.wait_for_function("window.__violations.length >= 2")
        violations = tab.evaluate("window.__violations")
        assert tab.evaluate("window.smuggled") is None
    finally:
        context.close()
    assert len(ours(violations, theme_inline(strict_url + LESSON))) >= 2
