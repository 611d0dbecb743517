"""Spot it first and the self-checks for a screen-reader user, and results told apart without colour.

The article in practice mode is one Tab stop that takes the arrow keys (an application, so a
screen reader hands them over), described by the help; Left/Right select words, Up/Down
sentences, Shift extends backward or forward; every move is announced in the status line;
the chooser is described by its passage; tags and the score are announced.
"""

from __future__ import annotations

import re

import pytest

from .conftest import SHOTS, screenshot
from .contrast import CONTRAST, RATIO
from .test_practice import ROUND, choose, mouse_select, open_page, site, start_practice, stored  # noqa: F401

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

SITE_LESSON = "lessons/reading-the-whole-article/"
SELECT = """(phrase) => { // what a mouse would select: a phrase of the article
  const w = document.createTreeWalker(document.querySelector('article[data-lesson]'), NodeFilter.SHOW_TEXT);
  for (let t; (t = w.nextNode());) {
    const i = t.data.indexOf(phrase);
    if (i >= 0) return getSelection().setBaseAndExtent(t, i, t, i + phrase.length);
  }
  throw new Error(phrase);
}"""


def shot(page, name: str, full_page: bool = False) -> None:  # noqa: ANN001
    (SHOTS / "a11y").mkdir(parents=True, exist_ok=True)
    screenshot(page, f"a11y/{name}", full_page)


def test_a_screen_reader_round(open_page):  # noqa: F811
    page = open_page()
    status = page.locator(".al-status")
    expect(status).to_have_attribute("role", "status")  # a polite live region
    start_practice(page)
    art = page.get_by_role("application", name=re.compile("^Annotated article: Urgent Peace Efforts"))
    expect(art).to_have_accessible_description(re.compile(r"^The notes are hidden\..*arrow keys select a word"))
    art.focus()
    selection = "getSelection().toString()"
    # Down: the first sentence, which is the headline, heard in the status line.
    page.keyboard.press("ArrowDown")
    headline = page.evaluate(selection)
    assert headline.startswith("Urgent Peace Efforts") and headline.endswith("Crisis")
    expect(status).to_have_text(re.compile("^“Urgent Peace Efforts: Putin’s Strategy"))
    # Down again: the next sentence, whole, ending at its full stop.
    page.keyboard.press("ArrowDown")
    sentence = page.evaluate(selection)
    assert sentence.startswith("In the shadow of") and sentence.endswith("."), sentence
    # Right/Left move by word; Shift+Right extends forward, Shift+Left backward.
    page.evaluate(SELECT, "alarmist")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate(selection) == "alarmist rhetoric emanating"
    expect(status).to_have_text("“alarmist rhetoric emanating”")
    page.keyboard.press("Shift+ArrowLeft")
    assert page.evaluate(selection) == "the alarmist rhetoric emanating"
    page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate(selection) == "the alarmist rhetoric emanating from"
    # Shift+Down extends to the end of the sentence, never to the middle of a word; Shift+Up to its start.
    page.keyboard.press("Shift+ArrowDown")
    assert page.evaluate(selection) == "the alarmist rhetoric emanating from NATO."
    page.keyboard.press("Shift+ArrowUp")
    passage = page.evaluate(selection)
    assert passage.startswith("Lavrov’s assertion") and passage.endswith("emanating from NATO."), passage
    page.keyboard.press("ArrowRight")
    assert page.evaluate(selection) == "Yet"  # the word after the selection
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(selection) == "NATO"
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    assert page.evaluate(selection) == "emanating from NATO"
    # Enter opens the chooser, named and described by the passage it tags.
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Tag this passage")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_description("“emanating from NATO”")
    shot(page, "practice-chooser")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Loaded language")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(art).to_be_focused()
    expect(status).to_have_text("Tagged “emanating from NATO” as Loaded language. 1 tag.")
    # T tags too, by the key's place, on any keyboard layout.
    page.evaluate(SELECT, "alarmist")
    page.keyboard.press("Shift+ArrowRight")
    page.evaluate("""() => document.activeElement.dispatchEvent(
      new KeyboardEvent('keydown', {key: 'е', code: 'KeyT', bubbles: true, cancelable: true}))""")
    expect(dialog).to_have_accessible_description("“alarmist rhetoric”")
    dialog.get_by_role("button", name="Loaded language").press("Enter")
    expect(status).to_have_text("Tagged “alarmist rhetoric” as Loaded language. 2 tags.")
    # The score is announced, and the focus goes to the results.
    page.get_by_role("button", name="Check my answers").focus()
    page.keyboard.press("Enter")
    score = "Found 1 of 6 (1 with the right technique), missed 5, extra 0."  # both tags are on one passage
    expect(status).to_have_text(score)
    expect(page.get_by_role("heading", name="Your answers")).to_be_focused()
    expect(page.get_by_role("application")).to_have_count(0)  # reading again: an article
    shot(page, "practice-checked", full_page=True)


HIGHLIGHT_STYLE = """(name) => { // the declared style of ::highlight(name), outside any scheme
  for (const sheet of document.styleSheets) for (const r of sheet.cssRules)
    if (r.selectorText == `::highlight(al-${name})`) return {line: r.style.textDecorationLine, style: r.style.textDecorationStyle,
      background: r.style.backgroundColor};
  return null;
}"""


def test_every_result_is_drawn_and_told_apart_without_colour(open_page):  # noqa: F811
    page = open_page()
    start_practice(page)
    for phrase, technique in ROUND:
        mouse_select(page, phrase)
        page.get_by_role("button", name="Tag selection").click()
        choose(page, technique)
    page.get_by_role("button", name="Check my answers").click()
    # The right find is drawn too, not only the near one and the extras.
    sizes = page.evaluate("['ok', 'near', 'extra'].map(g => CSS.highlights.get('al-' + g).size)")
    assert sizes == [1, 1, 2]
    assert page.evaluate("[...CSS.highlights.get('al-ok')].map(String)") == ["a rare and privileged glimpse"]
    styles = {g: page.evaluate(HIGHLIGHT_STYLE, g) for g in ("tag", "ok", "near", "extra")}
    assert styles["tag"]["background"]
    lines = {g: styles[g]["style"] for g in ("ok", "near", "extra")}
    assert all(styles[g]["line"] == "underline" for g in lines)
    assert len(set(lines.values())) == 3, lines  # solid, dashed, wavy
    # In the list each state has its own word and its own line style.
    rows = page.eval_on_selector_all(".al-fb", """rs => rs.map(r =>
      [r.className.replace('al-fb ', ''), getComputedStyle(r).borderLeftStyle, r.querySelector('strong').textContent])""")
    by_state = {state: (line, word) for state, line, word in rows}
    assert set(by_state) == {"al-ok", "al-near", "al-missed", "al-extra"}
    assert len({line for line, _ in by_state.values()}) == 4, by_state
    assert [by_state[s][1] for s in ("al-ok", "al-near", "al-missed", "al-extra")] == [
        "Found: ", "Found, other technique: ", "Missed: ", "Extra: "]
    page.locator("article[data-lesson]").scroll_into_view_if_needed()
    shot(page, "practice-results-drawn")
    page.evaluate("document.documentElement.style.filter = 'grayscale(1)'")  # the page's CSP allows no style tag
    shot(page, "practice-results-grayscale")


def test_self_check_options_are_a_group_named_by_letter(open_page):  # noqa: F811
    page = open_page()
    group = page.get_by_role("group", name="Check yourself: What does the article offer as proof of this glimpse?")
    expect(group).to_have_count(1)
    names = ["A. A named official", "B. Nothing a reader can check", "C. A leaked document"]
    for name in names:
        expect(group.get_by_role("button", name=name, exact=True)).to_have_attribute("aria-pressed", "false")
    group.get_by_role("button", name=names[0], exact=True).click()
    # The marks are drawn beside the buttons: the names stay what the student heard.
    for name in names:
        expect(group.get_by_role("button", name=name, exact=True)).to_have_count(1)
    expect(group.get_by_role("button", name=names[0], exact=True)).to_have_attribute("aria-pressed", "true")
    marks = page.eval_on_selector_all(".al-check >> nth=0 >> [data-option]",
                                      "ls => ls.map(l => getComputedStyle(l, '::after').content)")
    assert marks == ['"✗"', '"✓"', "none"]
    shot(page, "self-check-answered")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_colours_meet_3_to_1_on_the_page(tabs, scheme):
    tab = tabs.open(SITE_LESSON, scheme=scheme)
    colours = tab.evaluate("""() => { const s = getComputedStyle(document.body);
      return ['--al-ok', '--al-near', '--al-extra'].map(v => s.getPropertyValue(v).trim()); }""")
    for colour in colours:
        assert tab.evaluate(RATIO, [colour, "article[data-lesson]"]) >= 3, (scheme, colour)
    # The highlight colours declared for the scheme are the same ones.
    declared = tab.evaluate("""(slate) => { const out = {};
      for (const sheet of document.styleSheets) { let rules; try { rules = sheet.cssRules; } catch { continue; }
        for (const r of rules) { const m = /^(\\[data-md-color-scheme="?slate"?\\] )?::highlight\\(al-(ok|near|extra)\\)$/.exec(r.selectorText || '');
          if (m && !!m[1] == slate) out[m[2]] = r.style.textDecorationColor; } }
      return out; }""", scheme == "dark")
    assert len(declared) == 3
    for colour in declared.values():
        assert tab.evaluate(RATIO, [colour, "article[data-lesson]"]) >= 3, (scheme, declared)


CONTROLS = [".al-toolbar .al-btn", ".al-legend .al-filter", ".al-option"]
#: Markers of the tones the lesson uses: hovered or focused, a marker is filled with its tone.
MARKERS = [f'article[data-lesson] .al-marker[data-tone="{tone}"]' for tone in [*range(12), "clean"]]
TONES = "() => { const s = getComputedStyle(document.body); return [...Array(12).keys()].map(i => s.getPropertyValue('--al-t' + i).trim()); }"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_state_of_every_control_meets_contrast(tabs, scheme):
    tab = tabs.open(SITE_LESSON, scheme=scheme)
    low = []

    def measure(selector: str, state: str, first: int) -> None:
        items = tab.locator(selector)
        for i in range(min(items.count(), first)):
            item = items.nth(i)
            if not item.is_visible():
                continue
            if state == "hover":
                item.hover()
            elif state == "focus":
                item.focus()
            ratio = item.evaluate(CONTRAST)
            if ratio < 4.5:
                low.append(f"{selector} #{i} {state}: {ratio:.2f}")
            tab.mouse.move(0, 0)

    for state in ("rest", "hover", "focus"):
        for selector in CONTROLS:
            measure(selector, state, 3)
        for selector in MARKERS:
            measure(selector, state, 1)
    # Every tone, used by this lesson or not, against the page: the filled marker's text is the page's colour.
    for i, tone in enumerate(tab.evaluate(TONES)):
        if tab.evaluate(RATIO, [tone, "article[data-lesson]"]) < 4.5:
            low.append(f"tone {i} {tone}")
    tab.get_by_role("button", name="Spot it first").click()  # pressed
    for state in ("rest", "hover", "focus"):
        measure(".al-practice .al-btn", state, 10)
    tab.get_by_role("button", name="Check my answers").click()
    for state in ("rest", "hover", "focus"):
        measure(".al-practice .al-btn", state, 10)
    assert low == []
