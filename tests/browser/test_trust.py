"""The parts of a lesson that let a teacher trust it, in a real browser: the source card, scoring
inside the key's scope and printing the result.

Axe runs in both colour schemes and on a phone; screenshots go to ``$ANNOTATED_LESSONS_SHOTS/trust``.
"""

from __future__ import annotations

import pytest

from .conftest import SHOTS, assert_axe_clean, require_chromium
from .test_practice import choose, mouse_select

pytestmark = pytest.mark.usefixtures("browser")
require_chromium()

DONBASS = "lessons/reading-the-whole-article/"
NEWS = "lessons/paired-news-report/"
INSIDER = "lessons/insider-access-and-verification/"
INSIDE, VAGUE = "Claimed insider access", "Vague attribution"


def _axe(tab, where: str) -> None:  # noqa: ANN001
    assert_axe_clean(tab, where)


def _shot(locator, name: str) -> None:  # noqa: ANN001
    (SHOTS / "trust").mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(SHOTS / "trust" / f"{name}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_source_card_comes_first_and_says_what_is_unknown(tabs, scheme):
    from playwright.sync_api import expect

    tab = tabs.open(DONBASS, scheme=scheme)
    card = tab.get_by_role("region", name="Source")
    expect(card).to_be_visible()
    # It stands above the article, so it is read before the text.
    above = tab.evaluate("""() => {const c = document.querySelector('.al-source'), a = document.querySelector('.al-article');
        return !!(c.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)}""")
    assert above
    expect(card.locator("dt", has_text="Outlet:").locator("xpath=following-sibling::dd[1]")).to_have_text("unknown")
    expect(card).to_contain_text("First lateral-reading step:")
    expect(card).to_contain_text("no web address")  # how the text was obtained
    _axe(tab, f"lesson with its source card ({scheme})")
    _shot(card, f"source-card-unknown-{scheme}")
    news = tabs.open(NEWS, scheme=scheme)
    card = news.get_by_role("region", name="Source")
    expect(card).to_contain_text("Written for this course.")
    expect(card).to_contain_text("The Lakeside Ledger")
    _axe(news, f"paired lesson with its source card ({scheme})")
    _shot(card, f"source-card-written-for-course-{scheme}")


def test_the_source_card_on_a_phone_and_in_print(tabs):
    from playwright.sync_api import expect

    tab = tabs.open(DONBASS, width=360, height=740)
    card = tab.get_by_role("region", name="Source")
    box = card.bounding_box()
    assert box and box["width"] <= 360  # no sideways scrolling
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(card, "source-card-phone")
    tab.emulate_media(media="print")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Outlet:")
    teacher = tabs.open("teacher/paired-opinion-column/")
    expect(teacher.locator(".al-source")).to_contain_text("The Westmarch Review")


def _tag(tab, phrase: str, technique: str) -> None:  # noqa: ANN001
    mouse_select(tab, phrase)
    tab.get_by_role("button", name="Tag selection").click()
    choose(tab, technique)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_spot_it_first_scores_only_inside_the_key_and_says_so(tabs, scheme):
    from playwright.sync_api import expect

    tab = tabs.open(INSIDER, scheme=scheme)
    tab.get_by_role("button", name="Spot it first").click()
    _tag(tab, "Behind the scenes", INSIDE)  # right
    _tag(tab, "met with mixed responses", VAGUE)  # marked, but outside the key's techniques
    _tag(tab, "Lavrov has reiterated", VAGUE)  # a fair passage tagged with a technique the key does not cover
    _tag(tab, "tangible actions", INSIDE)  # a fair passage tagged with the key's technique: wrong
    tab.get_by_role("button", name="Check my answers").click()
    results = tab.get_by_role("region", name="Your answers")
    expect(results.locator(".al-score")).to_have_text(
        "Found 1 of 6 (1 with the right technique), missed 5, extra 1. 2 tags not scored.")
    expect(results.locator(".al-key-scope")).to_have_text(
        f"This key covers: {INSIDE}; tags of other techniques are not scored.")
    expect(results.locator(".al-fb.al-off")).to_have_count(2)
    expect(results.locator(".al-fb.al-off").first).to_contain_text("this key does not score it")
    expect(results.locator(".al-fb.al-extra")).to_have_count(1)
    expect(results.locator(".al-fb.al-extra")).to_contain_text("but it is fair reporting")
    _axe(tab, f"practice results with a scoped key ({scheme})")
    results.scroll_into_view_if_needed()
    _shot(results, f"results-{scheme}")
    # "Print my results": the results alone, with a name line.
    printing = results.get_by_role("button", name="Print my results")
    expect(printing).to_be_visible()
    tab.evaluate("window.print = () => {}")
    printing.click()
    assert tab.evaluate("document.documentElement.classList.contains('al-print-res')")
    tab.emulate_media(media="print")
    expect(results).to_be_visible()
    expect(results.locator(".al-name")).to_be_visible()
    expect(printing).to_be_hidden()
    for hidden in (".al-article", ".al-source", ".al-notes", ".al-legend"):
        expect(tab.locator(hidden).first).to_be_hidden()
    tab.evaluate("dispatchEvent(new Event('afterprint'))")
    expect(tab.locator(".al-article")).to_be_visible()


def test_a_partial_key_does_not_count_a_find_it_lacks_as_wrong(tabs):
    from playwright.sync_api import expect

    tab = tabs.open(INSIDER)
    tab.evaluate("document.querySelector('[data-lesson-root]').dataset.keyComplete = 'false'")
    tab.get_by_role("button", name="Spot it first").click()
    _tag(tab, "domestic audience", INSIDE)  # nothing is marked there, and the key does not claim to be complete
    _tag(tab, "tangible actions", INSIDE)  # a fair passage is still fair
    tab.get_by_role("button", name="Check my answers").click()
    expect(tab.locator(".al-results .al-score")).to_have_text(
        "Found 0 of 6 (0 with the right technique), missed 6, extra 1. 1 tag not scored.")
    expect(tab.locator(".al-results .al-fb.al-off")).to_contain_text("“domestic audience”")


def test_results_on_a_phone(tabs):
    from playwright.sync_api import expect

    tab = tabs.open(INSIDER, width=360, height=740)
    tab.get_by_role("button", name="Spot it first").click()
    _tag(tab, "Behind the scenes", INSIDE)
    _tag(tab, "met with mixed responses", VAGUE)
    tab.get_by_role("button", name="Check my answers").click()
    results = tab.get_by_role("region", name="Your answers")
    expect(results.locator(".al-key-scope")).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    button = results.get_by_role("button", name="Print my results").bounding_box()
    assert button and button["height"] >= 24 and button["width"] >= 24
    _axe(tab, "practice results on a phone")
    _shot(results, "results-phone")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_rating_task_is_scored_on_both_sides(tabs, scheme):
    from playwright.sync_api import expect

    tab = tabs.open(NEWS, scheme=scheme)
    task = tab.get_by_role("region", name="Rate the passages")
    items = task.locator(".al-rate-items > li")
    expect(items).to_have_count(4)
    first = task.get_by_role("group", name="Passage 1: supported, unsupported or fair?")
    expect(first.get_by_role("button")).to_have_count(3)
    # The Rutte background sentence is supported: choose "fair" first, then the right answer.
    first.get_by_role("button", name="C. Fair reporting").click()
    expect(first.locator(".al-check-feedback")).to_contain_text(
        "Not quite: you chose C. Fair reporting. The answer is A. Supported.")
    expect(first.locator(".al-check-feedback")).to_contain_text("anyone can check on NATO")  # and why
    score = task.locator(".al-rate-score")
    expect(score).to_have_text("Trusted rightly: 0 of 3 passages that hold up. Doubted rightly: 0 of 1 that do not.")
    first.get_by_role("button", name="A. Supported").click()
    expect(first.get_by_role("button", name="A. Supported")).to_have_attribute("aria-pressed", "true")
    expect(first.locator(".al-check-feedback")).to_contain_text("Right: A. Supported.")
    last = task.get_by_role("group", name="Passage 4: supported, unsupported or fair?")
    last.get_by_role("button", name="B. Unsupported").click()
    expect(score).to_have_text("Trusted rightly: 1 of 3 passages that hold up. Doubted rightly: 1 of 1 that do not.")
    # Every option is a target of at least 24 by 24 pixels, reachable by keyboard.
    for box in (b.bounding_box() for b in task.locator(".al-option").all()):
        assert box and box["height"] >= 24 and box["width"] >= 24
    first.get_by_role("button", name="B. Unsupported").focus()
    tab.keyboard.press("Enter")
    expect(first.locator(".al-check-feedback")).to_contain_text("The answer is A. Supported.")
    _axe(tab, f"rating task ({scheme})")
    _shot(task, f"rating-task-{scheme}")


def test_the_rating_task_without_script_and_on_a_phone(tabs):
    from playwright.sync_api import expect

    plain = tabs.open("lessons/paired-opinion-column/", javascript=False)
    task = plain.get_by_role("region", name="Rate the passages")
    answer = task.locator("details").first
    expect(answer).not_to_have_attribute("open", "")
    answer.locator("summary").click()
    expect(answer).to_contain_text("Fair reporting.")
    expect(answer).to_contain_text("labels the piece as opinion")
    phone = tabs.open("lessons/insider-access-and-verification/", width=360, height=740)
    task = phone.get_by_role("region", name="Rate the passages")
    task.locator(".al-option").first.click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    _axe(phone, "rating task on a phone")
    _shot(task, "rating-task-phone")
    teacher = tabs.open("teacher/paired-news-report/")
    expect(teacher.locator(".al-teacher-rate")).to_contain_text("Answer: Supported.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_glossary_and_the_short_reading_path(tabs, scheme):
    from playwright.sync_api import expect

    tab = tabs.open(DONBASS, scheme=scheme)
    glossary = tab.get_by_role("region", name="Words to know")
    expect(glossary.locator("dfn")).to_have_count(9)
    expect(glossary.locator("dt", has_text="Kremlin").locator("xpath=following-sibling::dd[1]")).to_contain_text(
        "Moscow")
    # Nothing was added inside the article: its text is still the article's.
    assert tab.evaluate("document.querySelector('.al-article').querySelectorAll('dfn, abbr').length") == 0
    path = tab.locator("details.al-short-path")
    expect(path.locator("ol")).to_be_hidden()
    path.locator("summary").focus()
    tab.keyboard.press("Enter")
    expect(path.locator("li")).to_have_count(6)
    path.get_by_role("link").first.click()
    assert tab.evaluate("location.hash") == "#ann-peace-efforts"
    _axe(tab, f"glossary and short reading path ({scheme})")
    tab.emulate_media(media="print")
    expect(glossary).to_be_visible()
