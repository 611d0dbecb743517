"""Layout for small screens and touch: marker targets, a wrapped passage beside the bottom
panel, and reflow in a 320x256 window (WCAG 1.4.10, 2.5.8), in headless Chromium."""

from __future__ import annotations

import pytest

from .conftest import SHOTS, screenshot
from .test_reading import LESSON, panel

pytestmark = pytest.mark.browser


def shot(tab, name: str, full_page: bool = False) -> None:  # noqa: ANN001
    (SHOTS / "a11y").mkdir(parents=True, exist_ok=True)
    screenshot(tab, f"a11y/{name}", full_page)


def _expect():
    from playwright.sync_api import expect

    return expect


MARKERS = """() => [...document.querySelectorAll('article[data-lesson] a.al-marker')].map(m => {
  const r = m.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


def test_phone_markers_are_big_enough_and_never_overlap(tabs):
    tab = tabs.open(LESSON, width=390, height=844)
    boxes = tab.evaluate(MARKERS)
    assert len(boxes) > 30
    small = [b for b in boxes if b[2] - b[0] < 24 or b[3] - b[1] < 24]
    assert small == [], "markers smaller than 24x24 CSS px"
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0]
    assert overlapping == []
    tab.locator("article[data-lesson]").scroll_into_view_if_needed()
    shot(tab, "phone-390-article")


LINES = """() => { // each annotation: the lines its text runs over
  const out = {};
  for (const s of document.querySelectorAll('article[data-lesson] .al-hl'))
    for (const id of s.dataset.annotations.split(' ')) out[id] = (out[id] || 0) + s.getClientRects().length;
  return out; }"""

PLACE = """(id) => { // the passage's lines, the header's bottom and the panel's top
  const rs = [...document.querySelectorAll('article[data-lesson] .al-hl')]
    .filter(s => s.dataset.annotations.split(' ').includes(id)).flatMap(s => [...s.getClientRects()]);
  return {top: Math.min(...rs.map(r => r.top)), bottom: Math.max(...rs.map(r => r.bottom)),
          header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          panel: document.querySelector('aside.al-panel').getBoundingClientRect().top};
}"""


def test_a_wrapped_passage_stays_clear_of_the_bottom_panel(tabs):
    expect = _expect()
    tab = tabs.open(LESSON, width=390, height=844)
    lines = tab.evaluate(LINES)
    longest = sorted(lines, key=lines.get)[-3:]  # passages over the most lines, one of them near the end
    assert lines[longest[-1]] >= 4
    for annotation in longest:
        tab.locator(f'article[data-lesson] .al-hl[data-annotations~="{annotation}"]').last.click()
        expect(panel(tab)).to_be_visible()
        where = tab.evaluate(PLACE, annotation)
        assert where["header"] <= where["top"] and where["bottom"] <= where["panel"], (annotation, where)
        tab.keyboard.press("Escape")
    tab.locator(f'article[data-lesson] .al-hl[data-annotations~="{longest[-1]}"]').last.click()
    shot(tab, "phone-390-long-passage-open")


COVER = """() => { // how much of the window's height, down its middle, sticky or fixed things cover
  let covered = 0;
  for (let y = 1; y < innerHeight; y += 2) {
    let e = document.elementFromPoint(innerWidth / 2, y);
    for (; e && e != document.body; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p == 'fixed' || p == 'sticky') { covered++; break; }
    }
  }
  return covered / Math.ceil((innerHeight - 1) / 2);
}"""


def test_reflow_at_320_by_256(tabs):
    expect = _expect()
    tab = tabs.open(LESSON, width=320, height=256)
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 320
    tab.locator("article[data-lesson] p").nth(3).scroll_into_view_if_needed()
    assert tab.evaluate(COVER) <= 0.1, "reading"
    shot(tab, "reflow-320x256-reading")
    tab.locator("article[data-lesson] .al-hl").nth(8).click()
    expect(panel(tab)).to_be_visible()
    assert tab.evaluate(COVER) <= 0.45, "a note open"
    shot(tab, "reflow-320x256-note")
    tab.keyboard.press("Escape")
    tab.get_by_role("button", name="Spot it first").click()
    status = tab.locator(".al-status")
    expect(status).to_contain_text("Practice on")
    # The status line is read whole: it wraps instead of being cut off.
    assert status.evaluate("e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= innerWidth")
    status.scroll_into_view_if_needed()
    shot(tab, "reflow-320x256-practice-bar")
    tab.locator("article[data-lesson] p").nth(3).scroll_into_view_if_needed()
    assert tab.evaluate(COVER) <= 0.1, "practising"
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 320
    shot(tab, "reflow-320x256-practising")
