"""A short "Spot it first" round on the built example course, where the practice and the
reading scripts, Material's own script and instant navigation all run together."""

from __future__ import annotations

import pytest

from .conftest import screenshot
from .test_practice import choose, mouse_select

pytestmark = pytest.mark.browser

LESSON = "lessons/loaded-language-and-framing/"


def test_a_round_on_the_real_lesson_page(tabs):
    from playwright.sync_api import expect

    tab = tabs.open(LESSON)
    tab.get_by_role("button", name="Spot it first").click()
    expect(tab.get_by_role("button", name="Spot it first")).to_have_attribute("aria-pressed", "true")
    assert not tab.locator("article[data-lesson] .al-marker").first.is_visible()
    # Reading-mode shortcuts stay out of the way while practising.
    tab.keyboard.press("j")
    expect(tab.locator("aside.al-panel")).to_be_hidden()
    for phrase, technique in (("alarmist rhetoric", "Labelling critics"), ("working tirelessly", "Minimisation"),
                              ("tangible actions", "Loaded qualifier")):
        mouse_select(tab, phrase)
        tab.get_by_role("button", name="Tag selection").click()
        choose(tab, technique)
    tab.get_by_role("button", name="Check my answers").click()
    expect(tab.locator(".al-score")).to_contain_text("Found 2 of 10 (1 with the right technique), missed 8, extra 1.")
    expect(tab.locator(".al-fb.al-extra")).to_contain_text("describes rather than judges")  # the fair passage's note
    assert tab.locator("article[data-lesson] .al-marker").first.is_visible()
    screenshot(tab, "site-practice-checked", full_page=True)
    tab.reload()
    expect(tab.locator(".al-score")).to_contain_text("Found 2 of 10")
    tab.get_by_role("button", name="Start over").click()
    expect(tab.locator(".al-score")).not_to_contain_text("Found")
    assert not tab.locator("article[data-lesson] .al-marker").first.is_visible()
