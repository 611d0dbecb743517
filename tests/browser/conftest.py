"""Headless Chromium and a built fixture course served on 127.0.0.1, shared by browser tests.

Without /usr/bin/chromium the tests skip with a message; with
ANNOTATED_LESSONS_REQUIRE_BROWSER=1 (set by CI) a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..example_course import SITE_FILES, copy_example

CHROMIUM = "/usr/bin/chromium"
# --disable-dev-shm-usage: in a container (CI runs the tests in one) /dev/shm is too small for Chromium.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
REPO = Path(__file__).resolve().parents[2]
EXAMPLE = SITE_FILES  # the example course, as `make serve` shows it
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHOTS = Path(os.environ.get("ANNOTATED_LESSONS_SHOTS", "/tmp/shots"))


def require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("ANNOTATED_LESSONS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and ANNOTATED_LESSONS_REQUIRE_BROWSER=1: install Debian's chromium")
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Quiet,
          ) -> tuple[str, http.server.ThreadingHTTPServer]:
    """``directory`` served over HTTP on a free port (by ``handler``, for a test that sends its own headers)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def build_strict(root: Path, url: str) -> None:
    """``mkdocs build --strict`` of the course at ``root``, for a site served at ``url``; fails the test on a warning."""
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr


def free_port() -> int:
    """A port nothing listens on now, for a server a test starts itself."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(root: Path, page: str, *, livereload: bool = True) -> Iterator[str]:
    """``mkdocs serve`` on the course at ``root``, on a free port, once ``page`` is served; stopped at the end."""
    url = f"http://127.0.0.1:{free_port()}/"
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *([] if livereload else ["--no-livereload"]),
                               "--dev-addr", url.removeprefix("http://").rstrip("/")], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # the first build takes a moment on a busy machine
            try:
                with urllib.request.urlopen(url + page, timeout=5):  # noqa: S310 - the local server
                    break
            except OSError:
                assert server.poll() is None, "mkdocs serve stopped"
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def built_and_served(root: Path) -> Iterator[str]:
    """The course at ``root`` built by ``mkdocs build --strict`` and served over HTTP until the generator ends.

    Material's instant navigation only works where site_url matches the address the site is
    served from, so the server starts first and the build is told its address.
    """
    url, server = serve(root / "site")
    build_strict(root, url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example course built by ``mkdocs build --strict`` in a copy, and served over HTTP."""
    require_chromium()
    yield from built_and_served(copy_example(tmp_path_factory.mktemp("browser-site") / "course", EXAMPLE))


class Tabs:
    """Opens pages in fresh browser contexts; any script error or third-party request fails the test."""

    def __init__(self, browser: object, base: str, answered: tuple[str, ...] = ()) -> None:
        self.browser, self.base = browser, base
        self.contexts: list[object] = []
        self.errors: list[str] = []
        #: Addresses (prefixes) a test answers itself with an empty JSON object, not counted as third-party:
        #: Material asks the GitHub API for a repository's stars and forks whenever ``repo_url`` names one.
        self.answered = answered

    def open(self, path: str = "", *, width: int = 1280, height: int = 900, scheme: str = "light",
             javascript: bool = True):  # noqa: ANN201 - a Playwright page
        context = self.browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                           java_script_enabled=javascript)
        self.contexts.append(context)
        for prefix in self.answered:
            context.route(prefix + "**", lambda route: route.fulfill(status=200, body="{}",
                                                                     content_type="application/json"))
        tab = context.new_page()
        tab.on("pageerror", lambda exc: self.errors.append(str(exc)))
        tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        tab.on("request", lambda req: self.errors.append(f"third-party request {req.url}")
               if not req.url.startswith((self.base, "data:", "blob:", *self.answered)) else None)
        tab.goto(self.base + path)
        return tab

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def tabs_on(browser, url: str, answered: tuple[str, ...] = ()) -> Iterator[Tabs]:  # noqa: ANN001 - Playwright objects
    """Tabs on the site at ``url``; closed at the end, and any script error or third-party request fails."""
    opened = Tabs(browser, url, answered)
    yield opened
    opened.close()
    assert opened.errors == []


@pytest.fixture
def tabs(browser, site_url) -> Iterator[Tabs]:  # noqa: ANN001 - Playwright objects
    yield from tabs_on(browser, site_url)


def screenshot(tab, name: str, full_page: bool = False) -> None:  # noqa: ANN001
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def assert_axe_clean(tab, where: str, *, exclude: tuple[str, ...] = (), best_practice: bool = False) -> None:  # noqa: ANN001
    """axe-core finds no violation of WCAG 2.2 AA (and its best practices if asked) on the page at rest.

    Material fades "Back to top" in and out after a scroll; measured mid-fade its text has
    no contrast at all, so the page is judged once no animation has run for 0.4 s. ``exclude`` leaves out
    the theme's own parts a test does not vouch for.
    """
    from axe_playwright_python.sync_playwright import Axe

    # At rest for a while, not only at one instant: Material starts the fade from a scroll handler a
    # moment after the scroll, so a single check on a busy machine could fall between the two.
    tab.evaluate("window.__alCalm = undefined")
    tab.wait_for_function("""() => {
        const now = performance.now();
        if (document.getAnimations().some(a => a.playState == 'running')) { window.__alCalm = now; return false; }
        window.__alCalm ??= now;
        return now - window.__alCalm > 400;
    }""")
    tags = [*AXE_TAGS, "best-practice"] if best_practice else AXE_TAGS
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(tab, context=context, options={"runOnly": {"type": "tag", "values": tags}})
    violations = results.response["violations"]
    assert not violations, f"{where}: " + "; ".join(
        f"{v['id']} ({v['help']}): {[n['target'] for n in v['nodes']][:5]}" for v in violations)
