"""Practice mode, self-checks and handouts, driven in headless Chromium.

A full "Spot it first" round by mouse and by keyboard alone, the score, the attempt kept
across a reload and cleared by "Start over", offsets that match the core's spans, the
self-check questions, both printed handouts, and axe-core in every mode. Screenshots of
each state, at desktop and phone width, go to /tmp/shots-practice/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import assert_axe_clean, serve
from .practice_site import ODD_SLUG, SLUG, write_static_site

SHOTS = Path("/tmp/shots-practice")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
STORE = f"al-practice:{SLUG}"

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """The static pages served on 127.0.0.1; yields the base URL and the loaded course."""
    root = tmp_path_factory.mktemp("practice-site")
    course = write_static_site(root)
    (root / "favicon.ico").write_bytes(b"")
    url, server = serve(root)
    yield url, course
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser, site):
    """Open a page in a fresh context (empty localStorage); console errors fail the test."""
    base, _ = site
    contexts, errors = [], []

    def open_(name: str = "lesson.html", viewport: dict | None = None, **options: object):
        context = browser.new_context(viewport=viewport or DESKTOP, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + name)
        return page

    yield open_
    for c in contexts:
        c.close()
    assert not errors, errors


# --- helpers -------------------------------------------------------------------------------

FIND = """(phrase) => {
  const w = document.createTreeWalker(document.querySelector('article[data-lesson]'), NodeFilter.SHOW_TEXT);
  for (let t; (t = w.nextNode());) {
    const i = t.data.indexOf(phrase);
    if (i < 0) continue;
    t.parentElement.scrollIntoView({block: 'center'});
    const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + phrase.length);
    const rs = r.getClientRects(), a = rs[0], b = rs[rs.length - 1];
    return [a.left + 1, (a.top + a.bottom) / 2, b.right - 1, (b.top + b.bottom) / 2];
  }
  return null;
}"""

SELECT_SEGMENTS = """(id) => { // select exactly the text of one annotation, first to last segment
  const hs = [...document.querySelectorAll('.al-hl')].filter(h => h.dataset.annotations.split(' ').includes(id));
  const r = document.createRange(); r.setStart(hs[0].firstChild, 0);
  const last = hs[hs.length - 1].lastChild; r.setEnd(last, last.length);
  getSelection().removeAllRanges(); getSelection().addRange(r);
}"""


def mouse_select(page, phrase: str) -> None:
    """Drag across a phrase with the mouse: down, move, up."""
    box = page.evaluate(FIND, phrase)
    assert box, phrase
    x1, y1, x2, y2 = box
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, steps=3)
    page.mouse.move(x2, y2, steps=3)
    page.mouse.up()
    assert page.evaluate("getSelection().toString()") == phrase


def choose(page, technique: str) -> None:
    dialog = page.locator("dialog.al-chooser")
    sync_api.expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=technique).click()
    sync_api.expect(dialog).to_be_hidden()


def stored(page) -> dict | None:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}'))")


def shot(page, name: str, full: bool = True) -> None:
    """A PNG of the page (the whole page, or what the viewport shows, e.g. with a dialog open)."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def axe_clean(page, where: str) -> None:  # noqa: ANN001
    assert_axe_clean(page, where)


def style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


def body_span(course, phrase: str) -> tuple[int, int]:
    body = course.lessons[SLUG].article.body
    start = body.index(phrase)
    return start, start + len(phrase)


def start_practice(page):
    page.get_by_role("button", name="Spot it first").click()
    sync_api.expect(page.get_by_role("button", name="Spot it first")).to_have_attribute("aria-pressed", "true")


# --- the practice round --------------------------------------------------------------------

ROUND = [  # phrase, technique chosen: found right, found with another technique, extra on a clean passage, extra
    ("a rare and privileged glimpse", "Claimed insider access"),
    ("alarmist rhetoric", "Claimed insider access"),
    ("tangible actions", "Loaded language"),
    ("Inside the Kremlin", "Loaded language"),
]


def test_mouse_round_scores_and_survives_a_reload(open_page, site):
    _, course = site
    page = open_page()
    shot(page, "01-reading-desktop")
    assert style(page, ".al-hl", "backgroundColor") != "rgba(0, 0, 0, 0)"
    start_practice(page)
    # The answers are hidden: no highlight, no marker, no note.
    assert style(page, ".al-hl", "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert style(page, ".al-hl", "borderBottomStyle") == "none"
    assert not page.locator(".al-marker").first.is_visible()
    assert not page.locator(".al-notes").is_visible()
    assert page.locator(".al-help").is_visible()

    for phrase, technique in ROUND:
        mouse_select(page, phrase)
        page.get_by_role("button", name="Tag selection").click()
        choose(page, technique)
        sync_api.expect(page.locator(".al-status")).to_contain_text(f"as {technique}")
    tags = stored(page)["tags"]
    assert [(t["s"], t["e"]) for t in tags] == sorted(body_span(course, p) for p, _ in ROUND)
    assert page.evaluate("CSS.highlights.get('al-tag').size") == 4
    page.evaluate("scrollTo(0, 0)")
    shot(page, "02-practising-desktop")

    page.get_by_role("button", name="Check my answers").click()
    score = "Found 2 of 6 (1 with the right technique), missed 4, extra 2."
    sync_api.expect(page.locator(".al-score")).to_have_text(score)
    sync_api.expect(page.locator(".al-status")).to_have_text(score)
    assert page.evaluate("document.activeElement.id") == page.locator(".al-results h2").get_attribute("id")
    assert page.locator(".al-fb.al-ok").count() == 1
    assert page.locator(".al-fb.al-near").count() == 1
    assert page.locator(".al-fb.al-missed").count() == 4
    assert page.locator(".al-fb.al-extra").count() == 2
    near = page.locator(".al-fb.al-near").inner_text()
    assert "is Loaded language" in near and "you tagged it Claimed insider access" in near
    clean = page.locator(".al-fb.al-extra").filter(has_text="tangible actions").inner_text()
    assert "fair reporting" in clean and "a check any reader could make" in clean  # the clean passage's note
    # Revealed: highlights, markers and notes are back.
    assert page.locator(".al-marker").first.is_visible()
    assert page.locator(".al-notes").is_visible()
    assert style(page, ".al-hl", "backgroundColor") != "rgba(0, 0, 0, 0)"
    page.evaluate("scrollTo(0, 0)")
    shot(page, "03-checked-desktop")

    page.reload()
    sync_api.expect(page.locator(".al-score")).to_have_text(score)
    assert page.evaluate("[...CSS.highlights.get('al-extra')].map(String)") == ["Inside the Kremlin", "tangible actions"]
    assert page.evaluate("[...CSS.highlights.get('al-near')].map(String)") == ["alarmist rhetoric"]
    page.get_by_role("button", name="Start over").click()
    assert stored(page) == {"on": True, "done": 0, "tags": []}
    assert page.evaluate("CSS.highlights.get('al-tag').size + CSS.highlights.get('al-extra').size") == 0
    assert not page.locator(".al-notes").is_visible()
    page.get_by_role("button", name="Spot it first").click()  # off: back to reading, nothing kept
    assert stored(page) is None
    assert page.locator(".al-notes").is_visible()
    assert not page.locator(".al-help").is_visible()


def test_keyboard_only_round(open_page, site):
    page = open_page()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Spot it first":
            break
    page.keyboard.press("Enter")
    sync_api.expect(page.locator(".al-status")).to_contain_text("Practice on")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article[data-lesson]')"):
            break
    selection = "getSelection().toString()"
    page.keyboard.press("ArrowRight")
    assert page.evaluate(selection) == "Urgent"  # the first arrow selects the article's first word
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate(selection) == "Urgent Peace Efforts"
    page.keyboard.press("t")
    dialog = page.locator("dialog.al-chooser")
    sync_api.expect(dialog).to_be_visible()
    sync_api.expect(dialog.locator(".al-quote")).to_have_text("“Urgent Peace Efforts”")
    shot(page, "04-chooser-desktop", full=False)
    axe_clean(page, "technique chooser")
    page.keyboard.press("Escape")  # cancel: nothing tagged, focus back in the article
    sync_api.expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('article[data-lesson]')")
    assert stored(page)["tags"] == []
    page.keyboard.press("Enter")
    sync_api.expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.textContent") == "Claimed insider access"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Headline framing"
    page.keyboard.press("Enter")
    sync_api.expect(page.locator(".al-status")).to_have_text("Tagged “Urgent Peace Efforts” as Headline framing. 1 tag.")
    # Arrows move by word, Shift+arrows extend.
    page.keyboard.press("ArrowRight")
    assert page.evaluate(selection) == "Putin’s"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowRight")
    assert len(page.evaluate(selection).split()) == 2
    # Check by keyboard: back to the bar.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check my answers"
    page.keyboard.press("Enter")
    sync_api.expect(page.locator(".al-status")).to_have_text(
        "Found 1 of 6 (1 with the right technique), missed 5, extra 0.")
    assert page.evaluate("document.activeElement.tagName") == "H2"
    assert page.locator(".al-fb.al-ok").inner_text().startswith("Found: “Urgent Peace Efforts”")


def test_offsets_match_the_core_spans(open_page, site):
    """Selecting exactly an annotation's text stores the core's span, astral characters included."""
    _, course = site
    for name, slug in (("lesson.html", SLUG), ("odd.html", ODD_SLUG)):
        page = open_page(name)
        start_practice(page)
        lesson = course.lessons[slug]
        for a in lesson.annotations:
            page.evaluate(SELECT_SEGMENTS, a.id)
            page.get_by_role("button", name="Tag selection").click()
            page.locator("dialog.al-chooser .al-choice").first.click()
        tags = page.evaluate(f"JSON.parse(localStorage.getItem('al-practice:{slug}')).tags")
        assert sorted((t["s"], t["e"]) for t in tags) == sorted((a.span.start, a.span.end) for a in lesson.annotations)
        body = lesson.article.body
        for t in tags:
            assert t["x"] == " ".join(body[t["s"]:t["e"]].split())
        page.get_by_role("button", name="Check my answers").click()
        techniques = len(lesson.technique_annotations)
        assert page.locator(".al-score").inner_text().startswith(f"Found {techniques} of {techniques}")


def test_selection_is_trimmed_and_clamped_to_the_article(open_page, site):
    _, course = site
    page = open_page()
    start_practice(page)
    # From the legend above the article into the headline; then trailing space and a marker.
    page.evaluate("""() => {
      const r = document.createRange();
      r.setStart(document.querySelector('.al-legend'), 0);
      const h = document.querySelector('.al-headline .al-hl'); r.setEnd(h.firstChild, 6);
      getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.get_by_role("button", name="Tag selection").click()
    sync_api.expect(page.locator(".al-quote")).to_have_text("“Urgent”")
    page.keyboard.press("Escape")
    page.evaluate("""() => {
      const t = [...document.querySelectorAll('[data-paragraph="1"] .al-hl')].pop(), m = t.previousSibling;
      const r = document.createRange(); // from the space before the (hidden) marker into " reveals"
      r.setStart(m.previousSibling, m.previousSibling.length - 1); r.setEnd(t.nextSibling, 1);
      getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.get_by_role("button", name="Tag selection").click()
    choose(page, "Claimed insider access")
    tag = stored(page)["tags"][0]
    assert (tag["s"], tag["e"]) == body_span(course, "a rare and privileged glimpse into the corridors of power")


# --- self-checks ---------------------------------------------------------------------------


def test_self_check_answers_in_place(open_page):
    page = open_page()
    check = page.locator(".al-check").first
    options = check.locator(".al-option")
    assert options.count() == 3
    assert not check.locator("details").is_visible()  # the buttons replace the disclosure
    options.nth(0).click()
    assert options.nth(0).get_attribute("aria-pressed") == "true"
    feedback = check.locator(".al-check-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    # The verdict names the options as they are heard: letter and words.
    sync_api.expect(feedback).to_contain_text("Not quite: you chose A. A named official. The answer is B. Nothing a reader can check.")
    sync_api.expect(feedback).to_contain_text("No source, document or meeting is named")
    check.scroll_into_view_if_needed()
    shot(page, "05-check-wrong-desktop")
    options.nth(1).click()
    assert options.nth(0).get_attribute("aria-pressed") == "false"
    assert options.nth(1).get_attribute("aria-pressed") == "true"
    sync_api.expect(feedback).to_contain_text("Right: B. Nothing a reader can check.")
    sync_api.expect(feedback).to_contain_text("No source, document or meeting is named")
    assert "al-right" in (check.locator("li[data-option='2']").get_attribute("class") or "")
    axe_clean(page, "self-check answered")
    # The second check, by keyboard.
    second = page.locator(".al-check").nth(1)
    second.locator(".al-option").first.focus()
    page.keyboard.press("Enter")
    sync_api.expect(second.locator(".al-check-feedback")).to_contain_text("Right: A. alarmist.")


def test_self_check_without_javascript(open_page):
    page = open_page(java_script_enabled=False)
    check = page.locator(".al-check").first
    assert check.locator(".al-option").count() == 0
    answer = check.locator("details")
    assert not answer.locator("text=The answer is B.").is_visible()
    answer.locator("summary").click()
    assert answer.locator("text=The answer is B.").is_visible()


# --- handouts ------------------------------------------------------------------------------

NO_PRINT = "() => { window.print = () => { window.__printed = document.documentElement.className; }; }"


def test_student_handout(open_page, site):
    _, course = site
    page = open_page()
    page.evaluate(NO_PRINT)
    page.get_by_role("button", name="Print handout").click()
    assert "al-print-handout" in page.evaluate("window.__printed")
    page.emulate_media(media="print")
    handout = page.locator(".al-handout-notes")
    assert handout.is_visible()
    blanks = handout.locator(":scope > ol > li")
    lesson = course.lessons[SLUG]
    assert blanks.count() == len(lesson.annotations)
    assert [b.get_attribute("value") for b in blanks.all()] == [str(a.number) for a in lesson.annotations]
    # The markers keep their numbers, so each blank points at a passage.
    assert page.locator(".al-marker").first.is_visible()
    text = page.locator(".al-lesson").inner_text()
    assert "What does the article offer as proof of this glimpse?" in text  # a self-check question
    assert "Nothing a reader can check" in text  # its options
    assert "Which claims in the article could you check" in text  # discussion
    for hidden in ("The answer is", "No source, document or meeting", "The writer promises access",
                   "Claimed insider access 3", "Show the answer", "Spot it first"):
        assert hidden not in text, hidden
    assert not page.locator(".al-notes").is_visible()
    assert text.startswith("Name: ")
    shot(page, "06-handout-print-desktop")
    axe_clean(page, "student handout (print)")
    page.set_viewport_size(PHONE)
    shot(page, "06-handout-print-phone")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert "al-print-handout" not in page.evaluate("document.documentElement.className")
    assert not handout.is_visible()  # the ordinary print has no handout


def test_ordinary_print_hides_practice_controls(open_page):
    page = open_page()
    start_practice(page)
    page.emulate_media(media="print")
    assert not page.locator(".al-practice").is_visible()
    assert not page.locator(".al-handout").first.is_visible()


def test_teacher_key_prints_cleanly(open_page):
    page = open_page("teacher.html")
    shot(page, "07-teacher-desktop")
    axe_clean(page, "teacher edition")
    page.emulate_media(media="print")
    assert page.locator(".al-key").is_visible()
    assert page.locator(".al-key tbody tr").count() == 6
    shot(page, "08-teacher-print-desktop")
    axe_clean(page, "teacher edition (print)")


# --- every mode: axe-core and screenshots at both widths ---------------------------------


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_mode_is_accessible(open_page, width):
    viewport = DESKTOP if width == "desktop" else PHONE
    page = open_page(viewport=viewport)
    axe_clean(page, "reading")
    start_practice(page)
    axe_clean(page, "practising, no tags")
    mouse_select(page, "Inside the Kremlin")
    page.get_by_role("button", name="Tag selection").click()
    shot(page, f"10-chooser-{width}", full=False)
    axe_clean(page, "chooser")
    choose(page, "Loaded language")
    mouse_select(page, "alarmist rhetoric")
    page.get_by_role("button", name="Tag selection").click()
    choose(page, "Loaded language")
    page.locator(".al-feedback").scroll_into_view_if_needed()
    shot(page, f"11-practising-{width}")
    page.evaluate("document.querySelector('[data-paragraph=\"1\"]').scrollIntoView()")
    shot(page, f"11-practising-{width}-viewport", full=False)
    page.locator(".al-article").focus()
    axe_clean(page, "practising with tags")
    page.get_by_role("button", name="Check my answers").click()
    shot(page, f"12-checked-{width}")
    shot(page, f"12-checked-{width}-viewport", full=False)
    page.locator(".al-results").screenshot(path=str(SHOTS / f"12-checked-{width}-results.png"))
    axe_clean(page, "checked")
    page.get_by_role("button", name="Spot it first").click()
    page.locator(".al-option").first.click()
    axe_clean(page, "reading again, self-check answered")
    page.evaluate(NO_PRINT)
    page.get_by_role("button", name="Print handout").click()
    page.emulate_media(media="print")
    axe_clean(page, "handout")
    page.emulate_media(media="screen")
    teacher = open_page("teacher.html", viewport=viewport)
    shot(teacher, f"13-teacher-{width}")
    axe_clean(teacher, "teacher edition")


def test_no_inline_styles_and_csp_holds(open_page):
    """The page runs under a strict CSP: the script never writes a style attribute."""
    page = open_page()
    start_practice(page)
    mouse_select(page, "Inside the Kremlin")
    page.get_by_role("button", name="Tag selection").click()
    choose(page, "Loaded language")
    page.get_by_role("button", name="Check my answers").click()
    page.locator(".al-option").first.click()
    assert page.locator("[style]").count() == 0
    assert re.search(r"script-src 'self'", page.content())
