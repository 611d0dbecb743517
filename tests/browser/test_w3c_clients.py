"""Real W3C anchoring clients from npm anchor every exported selector where the page highlights it.

The clients are Apache Annotator (``@apache-annotator/dom``: exact TextQuoteSelector
matching and TextPositionSelector in code points, as the W3C model counts) and
``dom-anchor-text-quote`` (the fuzzy diff-match-patch search Hypothesis uses, given the
exported start as its hint). They are pinned in ``w3c_client/package-lock.json`` and
bundled by esbuild (``make w3c-client``; this module builds the bundle itself when npm is
there). Each is run on every exported annotation of every example lesson and of a fixture
course with emoji, flags and astral letters before its passages:

- on a page that holds exactly the article body, the selectors as exported must land
  on the passage (this proves the export and the harness, and passes today);
- on the live lesson page, each must land on the exact highlighted range, and the
  article element's ``textContent`` must be the body, character for character.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotated_lessons.core import CourseConfig, load_course

from .conftest import REPO, built_and_served, require_chromium

CLIENT = Path(__file__).resolve().parent / "w3c_client"
BUNDLE = CLIENT / "build" / "clients.js"
ASTRAL = REPO / "tests" / "fixtures" / "interop" / "astral-course"

# Runs each client on one annotation in the page; returns what each found, in UTF-16 units of root.textContent.
ANCHOR_ALL = """async ([rootSelector, annotations, highlighted]) => {
  const root = document.querySelector(rootSelector);
  const text = root.textContent;
  const units = (cp) => [...text].slice(0, cp).join('').length;  // code points -> UTF-16 units, for the comparison
  const out = [];
  for (const a of annotations) {
    const [quote, position] = a.target.selector;
    const id = a.id.split('#ann-').pop();
    const expected = highlighted ? W3CClients.highlighted(root, id) : [units(position.start), units(position.end)];
    out.push({
      id, expected,
      apacheQuote: await W3CClients.apacheQuote(root, quote),
      apachePosition: await W3CClients.apachePosition(root, position),
      fuzzyQuote: W3CClients.fuzzyQuote(root, quote, position.start),
    });
  }
  return out;
}"""


def _bundle_is_fresh() -> bool:
    sources = [CLIENT / "package-lock.json", CLIENT / "clients.js"]
    return BUNDLE.is_file() and all(BUNDLE.stat().st_mtime >= s.stat().st_mtime for s in sources)


@pytest.fixture(scope="session")
def clients_script(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled clients; built with ``make w3c-client`` (npm ci, esbuild) when missing or stale."""
    require_chromium()
    if not _bundle_is_fresh():
        if shutil.which("npm") is None or shutil.which("make") is None:
            message = f"the W3C client test needs npm to bundle {CLIENT.relative_to(REPO)} (apt-get install npm)"
            if os.environ.get("ANNOTATED_LESSONS_REQUIRE_BROWSER") == "1":
                pytest.fail(message)
            pytest.skip(message)
        with open(tmp_path_factory.getbasetemp().parent / "w3c-client.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two test workers must not run npm ci in one folder at once
            if not _bundle_is_fresh():
                result = subprocess.run(["make", "--no-print-directory", "w3c-client"], cwd=REPO,
                                        capture_output=True, text=True, check=False)
                assert result.returncode == 0, result.stdout + result.stderr
    return BUNDLE.read_text(encoding="utf-8")


def _build(root: Path) -> Iterator[str]:
    yield from built_and_served(root)


@pytest.fixture(scope="module", params=["example", "astral"])
def course_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """(the course as loaded, its built site's address): the example course, and the astral fixture course."""
    require_chromium()
    if request.param == "example":  # the site the other browser tests use, built once per session
        course = load_course(CourseConfig(REPO, "lessons", "lessons/techniques.yml"))
        yield course, request.getfixturevalue("site_url")
        return
    root = Path(shutil.copytree(ASTRAL, tmp_path_factory.mktemp("w3c-astral") / "course"))
    course = load_course(CourseConfig(root, "lessons", "lessons/techniques.yml"))
    assert course.lessons and not [d for d in course.diagnostics if d.is_error]
    yield from ((course, url) for url in _build(root))


def _exported(tab, url: str, slug: str) -> list[dict]:  # noqa: ANN001 - a Playwright page
    """The annotations the site publishes beside the page, as a client would fetch them."""
    data = tab.evaluate("async (u) => (await fetch(u)).json()", f"{url}lessons/{slug}/annotations.jsonld")
    return data["first"]["items"]


def _anchor(tab, annotations: list[dict], root: str, highlighted: bool) -> list[dict]:  # noqa: ANN001
    return tab.evaluate(ANCHOR_ALL, [root, annotations, highlighted])


CLIENTS = ("apacheQuote", "apachePosition", "fuzzyQuote")


def _mismatches(results: list[dict], slug: str, clients: tuple[str, ...] = CLIENTS) -> list[str]:
    wrong = []
    for r in results:
        for client in clients:
            if r[client] != [r["expected"]]:
                wrong.append(f"{slug}#{r['id']}: {client} found {r[client]}, the passage is at {r['expected']}")
    return wrong


def test_the_clients_anchor_the_export_on_a_page_that_is_the_document(browser, clients_script, course_site):
    """Each client, on a page whose text is exactly the body, finds exactly each exported passage."""
    course, url = course_site
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(url)
        wrong, count = [], 0
        for slug, lesson in sorted(course.lessons.items()):
            annotations = _exported(tab, url, slug)
            assert len(annotations) == len(lesson.annotations)
            tab.set_content("<!doctype html><meta charset=utf-8><div id=document></div>")
            tab.evaluate("(body) => { document.getElementById('document').textContent = body; }", lesson.article.body)
            tab.add_script_tag(content=clients_script)
            results = _anchor(tab, annotations, "#document", highlighted=False)
            wrong += _mismatches(results, slug)
            count += len(results)
        assert count > 0 and wrong == [], "\n".join(wrong)
    finally:
        context.close()


def _live(tab, url: str, slug: str, script: str) -> None:  # noqa: ANN001
    tab.goto(f"{url}lessons/{slug}/")
    tab.add_script_tag(content=script)


def test_every_highlight_holds_its_exported_passage(browser, clients_script, course_site):
    """The page highlights each exported annotation, and the highlighted text is the exported ``exact``."""
    course, url = course_site
    context = browser.new_context()
    try:
        tab = context.new_page()
        for slug in sorted(course.lessons):
            _live(tab, url, slug, clients_script)
            for a in _exported(tab, url, slug):
                ann_id = a["id"].split("#ann-")[-1]
                parts = tab.evaluate("""(id) => [...document.querySelectorAll('[data-lesson]')[0]
                    .querySelectorAll(`[data-annotations~="${CSS.escape(id)}"]`)].map(e => e.textContent)""", ann_id)
                assert parts, f"{slug}#{ann_id} is not highlighted"
                words = " ".join(a["target"]["selector"][0]["exact"].split())
                assert " ".join(" ".join(parts).split()) == words, f"{slug}#{ann_id}"
    finally:
        context.close()


def test_the_article_element_text_is_the_body(browser, clients_script, course_site):
    course, url = course_site
    context = browser.new_context()
    try:
        tab = context.new_page()
        different = []
        for slug, lesson in sorted(course.lessons.items()):
            tab.goto(f"{url}lessons/{slug}/")
            text = tab.evaluate("() => document.querySelector('[data-lesson]').textContent")
            if text != lesson.article.body:
                different.append(slug)
        assert different == []
    finally:
        context.close()


@pytest.mark.parametrize("client", [
    "apacheQuote",  # exact matching needs the body's very text
    "apachePosition",  # positions count into the body
    "fuzzyQuote",  # diff-match-patch with the exported start as a hint already finds every passage
])
def test_every_exported_selector_lands_on_the_highlighted_range(browser, clients_script, course_site, client):
    """On the live page, the client's range for each exported selector is exactly the highlighted range."""
    course, url = course_site
    context = browser.new_context()
    try:
        tab = context.new_page()
        wrong, count = [], 0
        for slug in sorted(course.lessons):
            _live(tab, url, slug, clients_script)
            results = _anchor(tab, _exported(tab, url, slug), "[data-lesson]", highlighted=True)
            wrong += _mismatches(results, slug, (client,))
            count += len(results)
        assert count > 0 and wrong == [], f"{len(wrong)} of {count} land elsewhere:\n" + "\n".join(wrong[:20])
    finally:
        context.close()


def test_the_harness_is_pinned_and_nothing_built_is_committed():
    """package.json pins exact versions, the lockfile matches it, and node_modules and the bundle stay untracked."""
    package = json.loads((CLIENT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((CLIENT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = package["devDependencies"]
    assert {"@apache-annotator/dom", "dom-anchor-text-quote", "esbuild"} <= set(wanted)
    for name, version in wanted.items():
        assert version[0].isdigit(), f"{name} is not pinned to one version: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    ignored = (CLIENT / ".gitignore").read_text(encoding="utf-8").split()
    assert "node_modules/" in ignored and "build/" in ignored
