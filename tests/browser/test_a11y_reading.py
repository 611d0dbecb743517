"""Reading a lesson without sight, without a mouse and without colour, in headless Chromium.

What axe-core cannot see: the names a screen reader hears for markers and the headline,
where single-key shortcuts act, what is heard after J/K, whether the focused element is
hidden under a sticky bar, the focus order around the note panel, and whether techniques
can be told apart in grayscale and in forced colours.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator
from html import escape

import pytest

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.render import render_lesson

from ..core.test_catalogue_abbr import NAMES
from .conftest import SHOTS, assert_axe_clean, screenshot, serve
from .practice_site import ASSETS
from .test_reading import LESSON, in_reading_order, lesson_of, marker, panel, segment, technique_name

pytestmark = pytest.mark.browser

SIDEBAR_LINK = ".md-sidebar--primary a.md-nav__link"


def shot(tab, name: str, full_page: bool = False) -> None:  # noqa: ANN001
    (SHOTS / "a11y").mkdir(parents=True, exist_ok=True)
    screenshot(tab, f"a11y/{name}", full_page)


def _expect():
    from playwright.sync_api import expect

    return expect


def axe_clean(tab, where: str) -> None:  # noqa: ANN001
    """axe-core with its best-practice rules too; Material's search dialog, which has no name, is the theme's."""
    assert_axe_clean(tab, where, exclude=(".md-search",), best_practice=True)


def test_a_marker_names_the_passage_that_starts_after_it_and_the_headline_is_only_its_words(tabs):
    tab = tabs.open(LESSON)
    lesson = lesson_of(LESSON)
    # The headline heading is named by its words alone, not by the names of markers inside it.
    expect = _expect()
    expect(tab.get_by_role("heading", name=lesson.article.headline, exact=True)).to_have_count(1)
    markers = tab.eval_on_selector_all("article[data-lesson] a.al-marker", """ms => ms.map(m => {
      const w = document.createTreeWalker(m.closest('article'), NodeFilter.SHOW_TEXT);
      w.currentNode = m;
      let t = w.nextNode(); while (t && !t.data.trim()) t = w.nextNode();
      return {id: m.dataset.annotation, name: m.getAttribute('aria-label'), own: m.textContent,
              label: getComputedStyle(m, '::before').content, headline: m.parentElement.matches('article'),
              inHeadline: [...document.querySelectorAll('.al-headline .al-hl')].some(h => h.dataset.annotations.split(' ').includes(m.dataset.annotation)),
              next: t && t.parentElement.closest('.al-hl')?.dataset.annotations.split(' ') || []};
    })""")
    notes = {a.id: a for a in lesson.annotations}
    assert len(markers) == len(notes)
    for m in markers:
        a = notes[m["id"]]
        what = technique_name(a) if a.kind == "technique" else "Fair reporting"
        assert m["name"] == f"Note {a.number}: {what}"
        assert m["own"] == "", "a marker adds no text to the article"
        assert str(a.number) in m["label"], m  # the visible label is generated content
        # The first words after the marker are the passage it names: it is heard before them.
        # Markers of passages in the headline stand just before it, outside the heading.
        assert a.id in m["next"] or (m["headline"] and m["inHeadline"]), (m, a.quote)


def test_single_key_shortcuts_act_only_in_the_lesson_and_can_be_turned_off(tabs):
    expect = _expect()
    tab = tabs.open(LESSON)
    url = tab.url
    # Focus on a sidebar link: K is the letter k, nothing else.
    tab.locator(SIDEBAR_LINK).first.focus()
    tab.keyboard.press("k")
    tab.keyboard.press("j")
    expect(panel(tab)).to_be_hidden()
    assert tab.url == url
    # In the lesson they work, matched by the key's place: a Cyrillic layout sends "о" for J.
    first = in_reading_order(lesson_of(LESSON))[0]
    marker(tab, first.id).focus()
    tab.evaluate("""() => document.activeElement.dispatchEvent(
      new KeyboardEvent('keydown', {key: 'о', code: 'KeyJ', bubbles: true, cancelable: true}))""")
    expect(panel(tab).get_by_role("heading")).to_have_text(re.compile(r"^Note 1 of \d+: "))
    panel(tab).get_by_role("button", name="Close notes").click()
    # The toolbar switch turns them off, and the choice is kept.
    switch = tab.get_by_role("button", name=re.compile("^Keys: J next"))
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(tab.get_by_role("button", name="Next note")).to_have_attribute("aria-keyshortcuts", "J")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(tab.get_by_role("button", name="Next note")).not_to_have_attribute("aria-keyshortcuts", "J")
    marker(tab, first.id).focus()
    tab.keyboard.press("j")
    expect(panel(tab)).to_be_hidden()
    tab.reload()
    expect(tab.get_by_role("button", name=re.compile("^Keys: J next"))).to_have_attribute("aria-pressed", "false")
    tab.get_by_role("button", name=re.compile("^Keys: J next")).click()
    # Typing in Material's search moves no note, and Escape there is the search's, not the panel's.
    segment(tab, first.id).click()
    heading = panel(tab).get_by_role("heading")
    expect(heading).to_have_text(re.compile(r"^Note 1 of \d+: "))
    tab.locator(".md-search__input").focus()
    tab.keyboard.type("jk")
    tab.keyboard.press("Escape")
    expect(panel(tab)).to_be_visible()
    expect(heading).to_have_text(re.compile(r"^Note 1 of \d+: "))


def test_stepping_is_heard_and_the_heading_names_the_technique(tabs):
    expect = _expect()
    tab = tabs.open(LESSON)
    notes = in_reading_order(lesson_of(LESSON))
    total = len(notes)
    marker(tab, notes[0].id).focus()
    tab.keyboard.press("Enter")
    heading = panel(tab).get_by_role("heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_text(f"Note 1 of {total}: {technique_name(notes[0])}")
    live = panel(tab).locator("[aria-live=polite]")
    # The heading keeps focus while J changes it: a polite live region says what changed.
    tab.keyboard.press("j")
    expect(heading).to_be_focused()
    expect(heading).to_have_text(f"Note 2 of {total}: {technique_name(notes[1])}")
    expect(live).to_have_text(f"Note 2 of {total}: {technique_name(notes[1])}")
    # The focused heading shows where the focus is.
    outline = tab.evaluate("getComputedStyle(document.activeElement)")
    assert outline["outlineStyle"] != "none" and float(outline["outlineWidth"].rstrip("px")) >= 2
    # K with no note open goes to the last note.
    tab.keyboard.press("Escape")
    expect(panel(tab)).to_be_hidden()
    tab.keyboard.press("k")
    expect(heading).to_have_text(re.compile(f"^Note {total} of {total}: "))


def test_the_panel_sits_next_to_its_buttons_in_the_focus_order(tabs):
    expect = _expect()
    tab = tabs.open(LESSON)
    segment(tab, "alarmist-rhetoric").click()
    # A non-modal region, not a dialog: the rest of the page stays usable.
    expect(tab.get_by_role("complementary", name=re.compile(r"^Note \d+ of"))).to_be_visible()
    assert panel(tab).get_attribute("role") is None and panel(tab).get_attribute("aria-modal") is None
    close = panel(tab).get_by_role("button", name="Close notes")
    close.focus()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Shift+Tab")
    expect(tab.get_by_role("button", name="Next note")).to_be_focused()
    # Tab from the end of the note goes on into the article, not to the footer.
    panel(tab).locator("a:visible, button:visible").last.focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("!!document.activeElement.closest('article[data-lesson]')")


def test_escape_brings_the_focus_back_into_view(tabs):
    expect = _expect()
    tab = tabs.open(LESSON)
    notes = in_reading_order(lesson_of(LESSON))
    marker(tab, notes[0].id).focus()
    tab.keyboard.press("Enter")
    tab.evaluate("scrollTo(0, document.body.scrollHeight)")
    tab.keyboard.press("Escape")
    expect(marker(tab, notes[0].id)).to_be_focused()
    expect(marker(tab, notes[0].id)).to_be_in_viewport()


COVERED = """() => { // is the focused element covered by something else (a sticky bar), at its centre?
  const e = document.activeElement, b = e.getBoundingClientRect();
  if (!b.width) return null;
  // The part of it inside the window: a tall element (the article) is judged by what is visible.
  const top = Math.max(b.top, 0), bottom = Math.min(b.bottom, innerHeight);
  const over = bottom > top && document.elementFromPoint(b.left + b.width / 2, (top + bottom) / 2);
  return over && (e.contains(over) || over.contains(e)) ? null
    : (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40) + ' under ' + (over ? over.className : 'the edge');
}"""


@pytest.mark.parametrize("practising", [False, True])
def test_nothing_focused_is_hidden_under_a_sticky_bar(tabs, practising):
    tab = tabs.open(LESSON)
    if practising:
        tab.get_by_role("button", name="Spot it first").click()
    # From the notes after the article, walk back up through the lesson with Shift+Tab.
    start = ".al-discussion h2" if not practising else ".al-results"
    tab.locator(start).scroll_into_view_if_needed()
    tab.evaluate(f"document.querySelector('{start}').setAttribute('tabindex', '-1')")
    tab.locator(start).focus()
    seen, hidden = 0, []
    for _ in range(120):
        tab.keyboard.press("Shift+Tab")
        if not tab.evaluate("!!document.activeElement.closest('[data-lesson-root]')"):
            break
        seen += 1
        covered = tab.evaluate(COVERED)
        if covered:
            hidden.append(covered)
    assert seen > (3 if practising else 20)
    assert hidden == []


def test_markers_of_filtered_out_techniques_leave_the_tab_order(tabs):
    expect = _expect()
    tab = tabs.open(LESSON)
    # The legend is a group of filter buttons, not a navigation landmark without links.
    expect(tab.get_by_role("navigation", name="Techniques in this lesson")).to_have_count(0)
    expect(tab.get_by_role("group", name="Techniques in this lesson").get_by_role("button")).to_have_count(
        len({a.technique for a in lesson_of(LESSON).annotations if a.kind == "technique"}))
    segment(tab, "privileged-glimpse").click()
    expect(panel(tab)).to_be_visible()
    insider = tab.locator('.al-legend button.al-filter[data-technique="insider-access"]')
    insider.click()
    # Its note closes, and the focus stays on the filter that was pressed.
    expect(panel(tab)).to_be_hidden()
    expect(insider).to_be_focused()
    off = [a.id for a in lesson_of(LESSON).annotations if a.technique == "insider-access"]
    for annotation in off:
        assert marker(tab, annotation).get_attribute("tabindex") == "-1"
        assert marker(tab, annotation).get_attribute("aria-hidden") == "true"
    labels = []
    tab.locator(".al-toolbar .al-btn").last.focus()
    for _ in range(60):
        tab.keyboard.press("Tab")
        if not tab.evaluate("!!document.activeElement.closest('article[data-lesson]')"):
            break
        labels.append(tab.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert labels and not any("Claimed insider access" in label for label in labels)
    tab.locator('.al-legend button.al-filter[data-technique="insider-access"]').click()
    assert marker(tab, off[0]).get_attribute("tabindex") is None


LOOKS = """(sel) => [...document.querySelectorAll(sel)].map(e => { const r = e.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height}; })"""


def _pictures(tab, selector: str) -> list[str]:  # noqa: ANN001
    """A fingerprint of how each element looks, from a screenshot of it."""
    items = tab.locator(selector)
    return [hashlib.sha256(items.nth(i).screenshot(animations="disabled")).hexdigest() for i in range(items.count())]


@pytest.mark.parametrize("mode", ["grayscale", "forced-colors"])
def test_techniques_differ_without_colour(tabs, mode):
    tab = tabs.open(LESSON)
    if mode == "forced-colors":
        tab.emulate_media(forced_colors="active")
    else:
        # Grayscale at its worst: every tone the same grey, so only what is not colour is left.
        tab.add_style_tag(content="html{filter:grayscale(1)}[data-tone]{--al-c:#777!important}")
    tab.locator(".al-legend").scroll_into_view_if_needed()
    swatches = _pictures(tab, ".al-legend .al-swatch")
    shot(tab, f"legend-{mode}")
    names = tab.eval_on_selector_all(".al-legend .al-legend-name", "ns => ns.map(n => n.textContent)")
    assert len(swatches) == len(names) >= 13
    assert len(set(swatches)) == len(swatches), "two techniques look the same in the legend"
    # Each marker shows its technique's cue, the one its legend entry shows.
    cues = tab.eval_on_selector_all(".al-legend .al-swatch", "ss => ss.map(s => s.dataset.label)")
    by_name = dict(zip(names, cues, strict=True))
    labels = tab.eval_on_selector_all("article[data-lesson] a.al-marker", """ms => ms.map(m =>
      [m.getAttribute('aria-label').replace(/^Note \\d+: /, ''), getComputedStyle(m, '::before').content])""")
    for technique, label in labels:
        assert label.endswith(by_name[technique] + '"'), (technique, label)
    tab.locator("article[data-lesson] p").nth(2).scroll_into_view_if_needed()
    shot(tab, f"article-{mode}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_best_practices(tabs, scheme):
    expect = _expect()
    tab = tabs.open(LESSON, scheme=scheme)
    axe_clean(tab, f"lesson ({scheme})")
    tab.locator(".al-legend").scroll_into_view_if_needed()
    shot(tab, f"desktop-{scheme}-legend")
    segment(tab, "motives").click()
    expect(panel(tab)).to_be_visible()
    axe_clean(tab, f"note open ({scheme})")
    shot(tab, f"desktop-{scheme}-note")
    tab.keyboard.press("Escape")
    tab.get_by_role("button", name="Spot it first").click()
    tab.locator("article[data-lesson]").focus()
    tab.keyboard.press("ArrowDown")
    axe_clean(tab, f"practising ({scheme})")
    tab.keyboard.press("Enter")
    axe_clean(tab, f"technique chooser ({scheme})")
    tab.keyboard.press("Escape")
    tab.get_by_role("button", name="Check my answers").click()
    axe_clean(tab, f"checked ({scheme})")
    shot(tab, f"checked-{scheme}")


@pytest.fixture(scope="module")
def twenty_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A lesson on twenty techniques, none with an abbreviation of its own, on a static page
    with the plugin's stylesheet and reading script and a strict CSP."""
    root = tmp_path_factory.mktemp("twenty")
    (root / "seeds").mkdir()
    (root / "lessons").mkdir()
    (root / "seeds" / "claims.txt").write_text("Twenty claims\n\n" + "\n\n".join(
        f"Paragraph {i} makes claim number {i} here." for i in range(20)) + "\n", encoding="utf-8")
    (root / "lessons" / "techniques.yml").write_text("techniques:\n" + "".join(
        f"  - id: t{i}\n    name: {name!r}\n    summary: One sentence.\n" for i, name in enumerate(NAMES)),
        encoding="utf-8")
    (root / "lessons" / "twenty.yml").write_text(
        "title: Twenty\narticle: seeds/claims.txt\nsummary: Twenty techniques.\nannotations:\n" + "".join(
            f"  - quote: claim number {i} here\n    technique: t{i}\n    note: Note {i}.\n" for i in range(20)),
        encoding="utf-8")
    course = load_course(CourseConfig(root))
    assert course.ok, [str(d) for d in course.diagnostics]
    body = render_lesson(course.lessons["twenty"], course.catalogue)
    csp = "default-src 'self'; script-src 'self'; style-src 'self'"
    (root / "twenty.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        f'content="{csp}"><title>Twenty</title><link rel="stylesheet" href="lessons.css"></head>'
        f"<body><main><h1>{escape('Twenty')}</h1>{body}</main><script src=\"lessons.js\"></script></body></html>",
        encoding="utf-8")
    for name in ("lessons.css", "lessons.js"):
        shutil.copy(ASSETS / name, root / name)
    url, server = serve(root)
    yield url + "twenty.html"
    server.shutdown()
    server.server_close()


def test_twenty_techniques_stay_distinguishable_in_forced_colours(browser, twenty_url):  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, forced_colors="active")
    try:
        tab = context.new_page()
        tab.goto(twenty_url)
        swatches = _pictures(tab, ".al-legend .al-swatch")
        assert len(swatches) == 20
        assert len(set(swatches)) == 20, "two of twenty techniques look the same in the legend"
        cues = tab.eval_on_selector_all("article[data-lesson] a.al-marker",
                                        "ms => ms.map(m => getComputedStyle(m, '::before').content.split(/\\s/).pop())")
        assert len(cues) == 20 and len(set(cues)) == 20, cues
        shot(tab, "twenty-techniques-forced-colours", full_page=True)
    finally:
        context.close()
