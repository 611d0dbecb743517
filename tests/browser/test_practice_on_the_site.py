"""A short "Spot it first" round on the built example course, where the practice and the
reading scripts, Material's own script and instant navigation all run together."""

from __future__ import annotations

import pytest

from annotated_lessons.core import CourseConfig, load_course

from .conftest import REPO, screenshot
from .test_practice import choose, mouse_select

pytestmark = pytest.mark.browser

LESSON = "lessons/loaded-language-and-framing/"


def _round() -> tuple[list[tuple[str, str]], int, str]:
    """Three tags for the round, from the lesson itself: one right, one with the wrong technique,
    one on a fair passage; with the number of notes to find and the fair passage's note."""
    course = load_course(CourseConfig(REPO, "lessons", "lessons/techniques.yml"))
    lesson = course.lessons[LESSON.removeprefix("lessons/").strip("/")]
    body, names = lesson.article.body, {tid: t.name for tid, t in course.catalogue.techniques.items()}

    def under(phrase: str, kind: str):  # noqa: ANN202
        start = body.index(phrase)
        return next(a for a in lesson.annotations
                    if a.kind == kind and a.span.start <= start and start + len(phrase) <= a.span.end)

    right = under("alarmist rhetoric", "technique")
    wrong = under("working tirelessly", "technique")
    fair = under("tangible actions", "clean")
    assert wrong.technique != "euphemism"
    tags = [("alarmist rhetoric", names[right.technique]), ("working tirelessly", names["euphemism"]),
            ("tangible actions", names["loaded-qualifier"])]
    scored = [a for a in lesson.technique_annotations if a.technique in lesson.key_scope.techniques]
    return tags, len(scored), fair.note  # the lesson's key covers some techniques: only they are scored


def test_a_round_on_the_real_lesson_page(tabs):
    from playwright.sync_api import expect

    tab = tabs.open(LESSON)
    tab.get_by_role("button", name="Spot it first").click()
    expect(tab.get_by_role("button", name="Spot it first")).to_have_attribute("aria-pressed", "true")
    assert not tab.locator("article[data-lesson] .al-marker").first.is_visible()
    # Reading-mode shortcuts stay out of the way while practising.
    tab.keyboard.press("j")
    expect(tab.locator("aside.al-panel")).to_be_hidden()
    tags, total, fair_note = _round()
    for phrase, technique in tags:
        mouse_select(tab, phrase)
        tab.get_by_role("button", name="Tag selection").click()
        choose(tab, technique)
    tab.get_by_role("button", name="Check my answers").click()
    expect(tab.locator(".al-score")).to_contain_text(
        f"Found 2 of {total} (1 with the right technique), missed {total - 2}, extra 1.")
    assert "describes rather than judges" in fair_note
    expect(tab.locator(".al-fb.al-extra")).to_contain_text("describes rather than judges")  # the fair passage's note
    assert tab.locator("article[data-lesson] .al-marker").first.is_visible()
    screenshot(tab, "site-practice-checked", full_page=True)
    tab.reload()
    expect(tab.locator(".al-score")).to_contain_text(f"Found 2 of {total}")
    tab.get_by_role("button", name="Start over").click()
    expect(tab.locator(".al-score")).not_to_contain_text("Found")
    assert not tab.locator("article[data-lesson] .al-marker").first.is_visible()
