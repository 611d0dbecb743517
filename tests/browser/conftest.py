"""Headless Chromium and a built fixture course served on 127.0.0.1, shared by browser tests.

Without /usr/bin/chromium the tests skip with a message; with
ANNOTATED_LESSONS_REQUIRE_BROWSER=1 (set by CI) a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
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


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course built by ``mkdocs build --strict`` and served over HTTP."""
    require_chromium()
    root = tmp_path_factory.mktemp("browser-site") / "course"
    shutil.copytree(FIXTURE, root)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    url, server = serve(root / "site")
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, site_url):  # noqa: ANN001 - Playwright objects
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("request", lambda req: errors.append(f"third-party request {req.url}")
           if not req.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    yield tab
    context.close()
    assert errors == []


def screenshot(tab, name: str, full_page: bool = False) -> None:  # noqa: ANN001
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)
