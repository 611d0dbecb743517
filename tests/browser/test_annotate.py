"""Annotate mode in Chromium: from a selected passage to YAML, into the lesson file, and back as a highlight.

Each journey is the contributor's: select words on the page (with the mouse or the
keyboard), pick a technique, write the note, take the YAML the page offers, write it into
the lesson file, rebuild with ``mkdocs build --strict``, and find the new highlight on
exactly the selected passage. The course is a copy of the example course (and of the
six-script fixture course for right-to-left text) with ``annotate: true`` and a GitHub
``repo_url``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from annotated_lessons.core import CourseConfig, load_course

from ..example_course import copy_example
from .conftest import (
    EXAMPLE,
    REPO,
    assert_axe_clean,
    build_strict,
    mkdocs_serve,
    require_chromium,
    screenshot,
    serve,
    tabs_on,
)
from .test_practice import mouse_select

pytestmark = pytest.mark.browser

LESSON = "insider-access-and-verification"
REPO_URL = "https://github.com/example/course"
#: Material's header asks this for the repository's stars and forks; the tests answer it themselves.
GITHUB_API = ("https://api.github.com/",)
NEW_ARTICLE = ("---\noutlet: Classroom\nlanguage: ar\nwritten_for_course: true\nnote: Written for this test.\n---\n"
               "اجتماع في المدينة\n\nقال المتحدث إن الاجتماع كان مثمرا جدا. وأضاف أن الاجتماع كان طويلا.\n")


class Site:
    """A course copy served over HTTP, rebuilt on demand as a contributor's preview would be."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.url, self.server = serve(root / "site")
        self.build()

    def build(self) -> None:
        build_strict(self.root, self.url)

    def course(self):  # noqa: ANN201
        return load_course(CourseConfig(self.root, "lessons", "lessons/techniques.yml"))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _enable(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  - annotated-lessons:?\n", "  - annotated-lessons:\n      annotate: true\n", text, count=1)
    config.write_text(f"repo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n" + text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    require_chromium()
    root = copy_example(tmp_path / "course", EXAMPLE)
    _enable(root)
    (root / "seeds" / "new-article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    served = Site(root)
    yield served
    served.close()


@pytest.fixture
def scripts_site(tmp_path: Path) -> Iterator[Site]:
    require_chromium()
    root = tmp_path / "scripts"
    shutil.copytree(REPO / "tests" / "fixtures" / "scripts", root)
    _enable(root)
    served = Site(root)
    yield served
    served.close()


@pytest.fixture
def tabs(browser, site):  # noqa: ANN001, ANN201
    yield from tabs_on(browser, site.url, GITHUB_API)


# --- helpers -------------------------------------------------------------------------------

SELECT_NTH = """([phrase, n]) => { // select the n-th (0-based) occurrence of phrase in the article's text
  const art = document.querySelector('article[data-lesson]'), body = art.textContent;
  let at = -1;
  for (let i = 0; i <= n; i++) at = body.indexOf(phrase, at + 1);
  const point = (target, end) => {
    const w = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
    for (let t, o = 0; (t = w.nextNode()); o += t.length)
      if (end ? target > o && target <= o + t.length : target >= o && target < o + t.length) return [t, target - o];
  };
  const [a, ao] = point(at, false), [b, bo] = point(at + phrase.length, true);
  a.parentElement.scrollIntoView({block: 'center'});
  getSelection().setBaseAndExtent(a, ao, b, bo);
  return at;
}"""


def annotate(tab, technique: str, note: str, ask: str = "", teacher: str = "") -> None:  # noqa: ANN001
    """Fill the form for the selected passage and add it to the drafts."""
    from playwright.sync_api import expect

    panel = tab.locator(".al-annotate-panel")
    expect(panel.locator(".al-annotate-passage")).to_be_visible()
    panel.get_by_label("Technique").select_option(value=technique)
    panel.get_by_label("Note (Markdown)").fill(note)
    if ask:
        panel.get_by_label("Question for students (optional)").fill(ask)
    if teacher:
        panel.get_by_label("Expected answer, for the teacher edition (optional)").fill(teacher)
    panel.get_by_role("button", name="Add to the draft").click()
    expect(panel.locator(".al-annotate-status")).to_contain_text("Added to the draft")


def clipboard_after(tab, button: str) -> str:  # noqa: ANN001
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.locator(".al-annotate-panel").get_by_role("button", name=button).click()
    tab.wait_for_function("document.querySelector('.al-annotate-status').textContent.includes('copied')")
    return tab.evaluate("navigator.clipboard.readText()")


def highlight_text(tab, annotation_id: str) -> str:  # noqa: ANN001
    return tab.evaluate("""(id) => [...document.querySelectorAll('article[data-lesson] .al-hl')]
        .filter(h => h.dataset.annotations.split(' ').includes(id)).map(h => h.textContent).join('')""", annotation_id)


def by_note(course, slug: str, note: str):  # noqa: ANN001, ANN201
    lesson = course.lessons[slug]
    found = [a for a in lesson.annotations if a.note == note]
    assert len(found) == 1, [a.note for a in lesson.annotations][-3:]
    return lesson, found[0]


# --- journeys ------------------------------------------------------------------------------


def test_a_selected_passage_becomes_an_annotation_of_exactly_that_passage(site, tabs):
    from playwright.sync_api import expect

    tab = tabs.open(f"lessons/{LESSON}/")
    expect(tab.locator("section.al-annotate")).to_be_visible()
    tab.get_by_role("button", name="Annotate this article").click()
    expect(tab.locator(".al-annotate-panel")).to_be_visible()
    phrase = "reveals a narrative that challenges"
    body = site.course().lessons[LESSON].article.body
    assert body.count(phrase) == 1
    mouse_select(tab, "a narrative that challeng")  # the mouse stops inside a word: the whole word is taken
    expect(tab.locator(".al-annotate-quote")).to_have_text("a narrative that challenges")
    expect(tab.locator(".al-annotate-where")).to_have_text("It occurs once in the article.")
    note = "The verb “reveals” presents an opinion as a discovery: <b>what</b> # is revealed?"
    annotate(tab, "loaded-qualifier", note, ask="What is revealed, and by whom?", teacher="Nothing is shown: it is asserted.")
    screenshot(tab, "annotate-draft-desktop")
    snippet = tab.locator(".al-yaml").input_value()
    assert "a narrative that challenges" in snippet and "loaded-qualifier" in snippet
    whole = clipboard_after(tab, "Copy the whole file with the drafts added")
    (site.root / "lessons" / f"{LESSON}.yml").write_text(whole, encoding="utf-8")
    site.build()
    lesson, added = by_note(site.course(), LESSON, note)
    start = body.index("a narrative that challenges")
    assert (added.span.start, added.span.end) == (start, start + len("a narrative that challenges"))
    assert added.technique == "loaded-qualifier" and added.ask == "What is revealed, and by whom?"
    tab.reload()
    assert highlight_text(tab, added.id) == "a narrative that challenges"
    # The draft is in the lesson now: it leaves the list by itself, and the page says so.
    expect(tab.locator(".al-drafts-list > li")).to_have_count(0)
    expect(tab.locator(".al-annotate-status")).to_contain_text("1 draft is in the lesson file now")
    # A draft not saved yet survives a reload, until cleared (after a confirmation).
    mouse_select(tab, "In the shadow")
    annotate(tab, "headline-framing", "Not saved yet.")
    tab.reload()
    expect(tab.locator(".al-drafts-list > li")).to_have_count(1)
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator(".al-annotate-panel").get_by_role("button", name="Clear the drafts").click()
    expect(tab.locator(".al-drafts-list > li")).to_have_count(0)
    assert tab.evaluate("Object.keys(localStorage).filter(k => k.startsWith('al-annotate:'))") == []


def test_a_repeated_passage_gets_the_shortest_context_that_singles_it_out(site, tabs):
    body = site.course().lessons[LESSON].article.body
    phrase = "Putin"
    assert body.count(phrase) >= 3
    tab = tabs.open(f"lessons/{LESSON}/?annotate")
    at = tab.evaluate(SELECT_NTH, [phrase, 2])
    assert at == [m.start() for m in re.finditer(phrase, body)][2]
    from playwright.sync_api import expect

    expect(tab.locator(".al-annotate-where")).to_contain_text("occurs more than once")
    note = "A fair naming of the speaker, by office and name."
    annotate(tab, "-fair-", note)
    snippet = tab.locator(".al-yaml").input_value()
    entry = yaml.safe_load(snippet.split("clean:", 1)[1]) if "\nclean:" in snippet else None
    assert any(k in snippet for k in ("prefix:", "suffix:", "occurrence:")), snippet
    assert entry is None or isinstance(entry, list)
    whole = clipboard_after(tab, "Copy the whole file with the drafts added")
    (site.root / "lessons" / f"{LESSON}.yml").write_text(whole, encoding="utf-8")
    site.build()
    _, added = by_note(site.course(), LESSON, note)
    assert added.kind == "clean" and (added.span.start, added.span.end) == (at, at + len(phrase))
    tab.reload()
    assert highlight_text(tab, added.id) == phrase


def test_keyboard_only_drafting(site, tabs):
    """Tab to the switch and into the article, select with the arrow keys, Enter to the form, submit."""
    from playwright.sync_api import expect

    tab = tabs.open(f"lessons/{LESSON}/")
    for _ in range(80):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.classList.contains('al-annotate-toggle')"):
            break
    tab.keyboard.press("Enter")
    expect(tab.locator(".al-annotate-toggle")).to_have_attribute("aria-pressed", "true")
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('article[data-lesson]')"):
            break
    assert tab.evaluate("document.activeElement.getAttribute('role')") == "application"
    described = tab.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    assert "arrow keys select a word" in described
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("Shift+ArrowRight")
    first_two = " ".join(site.course().lessons[LESSON].article.body.split()[:2])
    expect(tab.locator(".al-annotate-quote")).to_have_text(first_two)
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.name") == "technique"
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.name") == "ask"
    tab.keyboard.press("Enter")  # submitting with no technique: told what is missing, focus on the field
    expect(tab.locator(".al-annotate-status")).to_contain_text("Choose a technique")
    assert tab.evaluate("document.activeElement.name") == "technique"
    assert tab.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    tab.locator(".al-annotate-panel select").select_option(value="headline-framing")
    tab.keyboard.press("Tab")
    tab.keyboard.type("The headline's first words set the frame.")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")  # in the question field: Enter submits the form
    expect(tab.locator(".al-drafts-list > li")).to_have_count(1)
    expect(tab.locator(".al-annotate-status")).to_contain_text("1 draft.")


def test_the_editor_and_issue_links_carry_the_snippet(site, tabs):
    tab = tabs.open(f"lessons/{LESSON}/?annotate")
    mouse_select(tab, "reveals a narrative")
    annotate(tab, "loaded-qualifier", "Note & <script>alert(1)</script> “quoted”")
    snippet = tab.locator(".al-yaml").input_value()
    edit = tab.locator(".al-annotate-panel a.al-edit")
    assert edit.get_attribute("href") == f"{REPO_URL}/edit/main/lessons/{LESSON}.yml"
    assert edit.get_attribute("target") == "_blank" and "noopener" in edit.get_attribute("rel")
    issue = urlsplit(tab.locator(".al-annotate-panel a.al-issue").get_attribute("href"))
    assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPO_URL}/issues/new"
    query = parse_qs(issue.query)
    assert query["title"] == [f"Annotations for lessons/{LESSON}.yml"]
    assert snippet in query["body"][0] and "```yaml" in query["body"][0]
    # What was typed is only ever text: in the YAML as written, nowhere as markup.
    assert "<script>alert(1)</script>" in snippet and tab.locator(".al-annotate-panel script").count() == 0


def test_a_new_lesson_from_an_article_without_one(site, tabs):
    """The right-to-left article without a lesson: draft on its page, create the file, build, find it."""
    from playwright.sync_api import expect

    index = tabs.open("annotate/")
    index.get_by_role("link", name="اجتماع في المدينة").click()
    tab = index
    expect(tab.locator("article[data-lesson]")).to_have_attribute("dir", "rtl")
    expect(tab.locator(".al-annotate-panel")).to_be_visible()
    tab.get_by_label("Summary for the course index (Markdown)").fill("Who says the meeting went well?")
    at = tab.evaluate(SELECT_NTH, ["الاجتماع كان", 1])
    annotate(tab, "vague-attribution", "Who is the speaker? The article does not say.",
             ask="Who said it?", teacher="We are not told.")
    screenshot(tab, "annotate-new-lesson-rtl")
    text = tab.locator(".al-yaml").input_value()
    edit = urlsplit(tab.locator("a.al-edit").get_attribute("href"))
    assert edit.path == "/example/course/new/main/lessons" and parse_qs(edit.query)["value"] == [text]
    assert parse_qs(edit.query)["filename"] == ["new-article.yml"]
    (site.root / "lessons" / "new-article.yml").write_text(text, encoding="utf-8")
    order = site.root / "lessons" / "course.yml"  # as the build's warning asks: give the new lesson its place
    order.write_text(order.read_text(encoding="utf-8").replace(
        "      - paired-opinion-column\n", "      - paired-opinion-column\n      - new-article\n"), encoding="utf-8")
    site.build()
    lesson, added = by_note(site.course(), "new-article", "Who is the speaker? The article does not say.")
    assert lesson.title == "اجتماع في المدينة" and lesson.summary == "Who says the meeting went well?"
    assert (added.span.start, added.span.end) == (at, at + len("الاجتماع كان"))
    page = tabs.open("lessons/new-article/")
    assert highlight_text(page, added.id) == "الاجتماع كان"


def test_right_to_left_lesson_page(scripts_site, browser):
    course = scripts_site.course()
    slug = "ar"  # the fixture's Arabic article
    body = course.lessons[slug].article.body
    words = body.split()
    phrase = next(" ".join(words[i:i + 2]) for i in range(5, len(words)) if body.count(" ".join(words[i:i + 2])) == 1
                  and not re.search(r"[«»\"“”.,،]", " ".join(words[i:i + 2])))
    for tabs in tabs_on(browser, scripts_site.url, GITHUB_API):
        tab = tabs.open(f"lessons/{slug}/?annotate")
        at = tab.evaluate(SELECT_NTH, [phrase, 0])
        annotate(tab, "loaded-language", "A note on a right-to-left passage.")
        screenshot(tab, "annotate-rtl-lesson")
        whole = clipboard_after(tab, "Copy the whole file with the drafts added")
        (scripts_site.root / "lessons" / f"{slug}.yml").write_text(whole, encoding="utf-8")
        scripts_site.build()
        _, added = by_note(scripts_site.course(), slug, "A note on a right-to-left passage.")
        assert (added.span.start, added.span.end) == (at, at + len(phrase))
        tab.reload()
        assert highlight_text(tab, added.id) == phrase


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_annotate_mode(tabs, scheme):
    tab = tabs.open(f"lessons/{LESSON}/?annotate", scheme=scheme)
    mouse_select(tab, "reveals a narrative")
    annotate(tab, "loaded-qualifier", "A note.")
    mouse_select(tab, "In the shadow")
    assert_axe_clean(tab, f"annotate mode ({scheme})", exclude=(".md-search",), best_practice=True)
    phone = tabs.open("annotate/new-article/", width=320, height=700, scheme=scheme)
    assert_axe_clean(phone, f"new lesson page at 320 px ({scheme})", exclude=(".md-search",), best_practice=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(phone, f"annotate-phone-{scheme}")


def test_on_a_phone_no_focused_control_is_hidden(tabs):
    """WCAG 2.4.11: Tab through the switch and every control of the bottom sheet; each is on screen and on top."""
    tab = tabs.open(f"lessons/{LESSON}/?annotate", width=390, height=800)
    mouse_select(tab, "reveals a narrative")
    annotate(tab, "loaded-qualifier", "A draft, so that the copy and link controls show.")
    tab.locator(".al-annotate-toggle").focus()
    seen = []
    for _ in range(30):
        where = tab.evaluate("""() => {
            const e = document.activeElement, r = e.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, 40) / 2);
            return {rect: [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight], name: e.className || e.name || e.tagName, inPanel: !!e.closest('.al-annotate-panel, .al-annotate'),
                    shown: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth,
                    onTop: !!top && (e === top || e.contains(top))};
        }""")
        if not where["inPanel"]:
            break
        seen.append(where["name"])
        assert where["shown"] and where["onTop"], where
        tab.keyboard.press("Tab")
    assert len(seen) >= 8, seen  # the switch, the form's fields and buttons, the drafts' controls


def test_under_mkdocs_serve_the_pasted_annotation_shows_after_one_rebuild(tmp_path, browser):
    """The preview loop as a contributor lives it: annotate mode is on by default under ``mkdocs serve``;
    saving the lesson file reloads the page (live reload) with the new highlight."""
    from playwright.sync_api import expect

    require_chromium()
    root = copy_example(tmp_path / "course", EXAMPLE)  # the example course as it is: no annotate option
    with mkdocs_serve(root, f"lessons/{LESSON}/") as url:
        for tabs in tabs_on(browser, url):
            tab = tabs.open(f"lessons/{LESSON}/")
            tab.get_by_role("button", name="Annotate this article").click()
            mouse_select(tab, "reveals a narrative")
            note = "Saved while serving: the page reloads with it."
            annotate(tab, "loaded-qualifier", note)
            whole = clipboard_after(tab, "Copy the whole file with the drafts added")
            with tab.expect_navigation(timeout=120_000):  # live reload, once the rebuild is done
                (root / "lessons" / f"{LESSON}.yml").write_text(whole, encoding="utf-8")
            _, added = by_note(load_course(CourseConfig(root, "lessons", "lessons/techniques.yml")), LESSON, note)
            expect(tab.locator(f'article[data-lesson] .al-hl[data-annotations~="{added.id}"]').first).to_be_visible()
            assert highlight_text(tab, added.id) == "reveals a narrative"
            # Annotate mode stays on across the reload; the saved draft has left the list.
            expect(tab.locator(".al-annotate-toggle")).to_have_attribute("aria-pressed", "true")
            expect(tab.locator(".al-drafts-list > li")).to_have_count(0)


def test_annotate_mode_runs_under_a_strict_content_security_policy(tmp_path, browser):
    """No inline script, no inline style: the drafting works with ``script-src 'self'``."""
    from .test_csp import RECORD, _Strict, ours, theme_inline

    require_chromium()
    root = copy_example(tmp_path / "course", EXAMPLE)
    _enable(root)
    (root / "site").mkdir()
    url, server = serve(root / "site", _Strict)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("https://api.github.com/**", lambda route: route.fulfill(status=200, body="{}"))
    errors: list[str] = []
    try:
        build_strict(root, url)
        tab = context.new_page()
        tab.add_init_script(RECORD)
        tab.on("pageerror", lambda exc: errors.append(f"{exc}\n{exc.stack}"))
        tab.goto(url + f"lessons/{LESSON}/?annotate")
        mouse_select(tab, "reveals a narrative")
        annotate(tab, "loaded-qualifier", "Under a strict policy.")
        assert "Under a strict policy." in tab.locator(".al-yaml").input_value()
        violations = tab.evaluate("window.__violations")
        assert ours(violations, theme_inline(url + f"lessons/{LESSON}/")) == []
        assert [e for e in errors if "/assets/annotated-lessons/" in e] == []  # the theme's blocked inline code aside
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_practice_mode_and_annotate_mode_take_turns(tabs):
    """One mode at a time owns the article: switching either on switches the other off, keyboard included."""
    from playwright.sync_api import expect

    tab = tabs.open(f"lessons/{LESSON}/")
    practice = tab.get_by_role("button", name="Spot it first")
    toggle = tab.get_by_role("button", name="Annotate this article")
    toggle.click()
    practice.click()
    expect(practice).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(tab.locator(".al-annotate-panel")).to_be_hidden()
    article = tab.locator("article[data-lesson]")
    expect(article).to_have_attribute("role", "application")  # practice's keyboard selection is intact
    expect(article).to_have_attribute("aria-describedby", re.compile("al-help"))
    toggle.click()
    expect(practice).to_have_attribute("aria-pressed", "false")
    expect(article).to_have_attribute("aria-describedby", re.compile("al-annotate"))
    mouse_select(tab, "reveals a narrative")
    expect(tab.locator(".al-annotate-quote")).to_have_text("reveals a narrative")
    expect(tab.locator("aside.al-panel")).to_be_hidden()  # no note opened by the selecting click
