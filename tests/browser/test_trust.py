"""The parts of a lesson that let a teacher trust it, in a real browser: the source card.

Axe runs in both colour schemes and on a phone; screenshots go to ``$ANNOTATED_LESSONS_SHOTS/trust``.
"""

from __future__ import annotations

import pytest

from .conftest import AXE_TAGS, SHOTS, require_chromium

pytestmark = pytest.mark.usefixtures("browser")
require_chromium()

DONBASS = "lessons/reading-the-whole-article/"
NEWS = "lessons/paired-news-report/"


def _axe(tab, where: str) -> None:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert not violations, f"{where}: " + "; ".join(
        f"{v['id']} ({v['help']}): {[n['target'] for n in v['nodes']][:5]}" for v in violations)


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
