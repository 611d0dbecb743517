"""Right-to-left layout in headless Chromium: an RTL article on an LTR page, and an RTL interface.

The six-script course is built twice: as it is (an English, left-to-right site) and with
``theme.language: ar``, where Material mirrors its layout and the plugin must mirror its
own: the notes' coloured bar, the quote's bar, the side panel (at the inline end), the
markers before their passages, print and the phone layout. Positions are read from
bounding boxes and computed styles, never from pixels. Screenshots go to
``$ANNOTATED_LESSONS_SHOTS/rtl``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from annotated_lessons.core.article import parse_article

from ..scripts_course import SCRIPTS, copy_scripts
from .conftest import SHOTS, Tabs, assert_axe_clean, require_chromium, serve, tabs_on

pytestmark = pytest.mark.browser

#: A Material palette following the system's scheme, so the dark screenshots are dark.
PALETTE = [{"media": "(prefers-color-scheme: light)", "scheme": "default",
            "toggle": {"icon": "material/weather-night", "name": "Dark"}},
           {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
            "toggle": {"icon": "material/weather-sunny", "name": "Light"}}]


ARABIC_NOTES = {"historic": "أول مرة توصف فيها الخطة بأنها «تاريخية».",
                "historic-again": "الكلمة نفسها، هذه المرة على لسان مراقبين لا نعرفهم.",
                "before-month-end": "وعد بموعد لا يستطيع أحد التحقق منه بعد.",
                "unnamed-official": "مسؤول بلا اسم.",
                "disaster": "كارثة، إذا تأخر العمل."}


def notes_rtl(language: str, slug: str) -> bool:
    """Whether a lesson's notes are right to left: the Arabic lesson's on the Arabic site (in Arabic)."""
    return language == "ar" and slug == "ar"


def _built(root: Path, language: str | None) -> Path:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["palette"] = PALETTE
    if language:
        config["theme"]["language"] = language
        # On the Arabic site the Arabic lesson's notes are in Arabic; the others' stay English, and say so.
        for lesson in (root / "lessons").glob("??.yml"):
            data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
            if lesson.stem == "ar":
                for annotation in data["annotations"]:
                    annotation["note"] = ARABIC_NOTES[annotation["id"]]
            else:
                data["language"] = "en"
            lesson.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module", params=["en", "ar"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(page language, URL) of the course built for an English and for an Arabic interface."""
    require_chromium()
    language = request.param
    root = copy_scripts(tmp_path_factory.mktemp(f"rtl-{language}") / "course")
    url, server = serve(_built(root, None if language == "en" else language))
    yield language, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def tabs(browser, site) -> Iterator[Tabs]:  # noqa: ANN001 - Playwright objects
    yield from tabs_on(browser, site[1])


def _axe(tab, where: str) -> None:  # noqa: ANN001
    """No violation in the page, Material's footer left out: its default palette's copyright line is
    Material's own (the example course, with its palette, checks the whole page in test_reading)."""
    assert_axe_clean(tab, where, exclude=(".md-copyright",))


def shot(tab, name: str, full_page: bool = False) -> None:  # noqa: ANN001
    folder = SHOTS / "rtl"
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


BOX = "e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }"
FIRST_LINE = "e => { const r = e.getClientRects()[0]; return [r.left, r.right, r.top, r.bottom]; }"
STYLE = "(e, names) => { const s = getComputedStyle(e); return names.map(n => s.getPropertyValue(n)); }"
SIDES = ["border-left-width", "border-right-width", "padding-left", "padding-right"]


def sides(locator) -> tuple[float, float]:  # noqa: ANN001
    """The (left, right) border widths of an element, in pixels."""
    left, right, *_ = locator.evaluate(STYLE, SIDES)
    return float(left[:-2]), float(right[:-2])


def page_direction(tab) -> str:  # noqa: ANN001
    return tab.evaluate("getComputedStyle(document.body).direction")


def expect_marker_before_passage(tab, annotation: str, direction: str) -> None:  # noqa: ANN001
    """The marker stands where its passage starts: on the right of its first line in RTL, on the left in LTR."""
    m = tab.locator(f'a.al-marker[data-annotation="{annotation}"]').evaluate(BOX)
    s = tab.locator(f'.al-hl[data-annotations~="{annotation}"]').first.evaluate(FIRST_LINE)
    assert abs((m[2] + m[3]) / 2 - (s[2] + s[3]) / 2) < 12, "on the passage's first line"
    if direction == "rtl":
        assert m[0] >= s[1] - 1, (annotation, m, s)
    else:
        assert m[1] <= s[0] + 1, (annotation, m, s)


def expect_text_starts_on_the_side_of(tab, paragraph, direction: str) -> None:  # noqa: ANN001
    """The first line of a paragraph touches the paragraph's start edge (right in RTL)."""
    box = paragraph.evaluate(BOX)
    line = paragraph.evaluate("""p => { const r = document.createRange(); r.selectNodeContents(p);
        const b = r.getClientRects()[0]; return [b.left, b.right]; }""")
    if direction == "rtl":
        assert abs(line[1] - box[1]) < 2, (line, box)
    else:
        assert abs(line[0] - box[0]) < 2, (line, box)


@pytest.mark.parametrize("slug", ["ar", "he"])
def test_a_right_to_left_article_lays_out_right_to_left_on_either_page(tabs, site, slug):
    language, _ = site
    tab = tabs.open(f"lessons/{slug}/")
    assert page_direction(tab) == ("rtl" if language == "ar" else "ltr")
    article = tab.locator("article[data-lesson]")
    assert article.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # On the Arabic page the article is in the page's language and direction, so it says nothing.
    assert article.get_attribute("dir") == (None if language == "ar" else "rtl")
    expect_text_starts_on_the_side_of(tab, article.locator("p[data-paragraph]").first, "rtl")
    expect_marker_before_passage(tab, "unnamed-official" if slug == "ar" else "senior-source", "rtl")
    # The quote of a passage has its bar where its own lines start: the right.
    quote = tab.locator(".al-notes .al-note-quote").first
    assert quote.evaluate("e => getComputedStyle(e).direction") == "rtl"
    left, right = sides(quote)
    assert left == 0 and right > 0
    # The note follows its own text (Arabic notes on the Arabic site, English ones elsewhere):
    # its coloured bar on the side where its lines start.
    left, right = sides(tab.locator(".al-notes .al-note").first)
    assert (left, right) == ((0, 4) if notes_rtl(language, slug) else (4, 0))


def test_a_left_to_right_article_on_a_right_to_left_page(tabs, site):
    language, _ = site
    if language != "ar":
        pytest.skip("the Ukrainian article is in the page's direction on the English site")
    tab = tabs.open("lessons/uk/")
    article = tab.locator("article[data-lesson]")
    assert (article.get_attribute("lang"), article.get_attribute("dir")) == ("uk", "ltr")
    assert article.evaluate("e => getComputedStyle(e).direction") == "ltr"
    expect_text_starts_on_the_side_of(tab, article.locator("p[data-paragraph]").first, "ltr")
    expect_marker_before_passage(tab, "sources", "ltr")
    quote = tab.locator(".al-notes .al-note-quote").first
    left, right = sides(quote)
    assert left > 0 and right == 0, "a left-to-right quote has its bar on the left, even on an Arabic page"
    assert sides(tab.locator(".al-notes .al-note").first) == (4, 0), "English notes start on the left"
    assert tab.locator(".al-notes .al-note").first.get_attribute("dir") == "ltr"


def _open_a_note(tab, annotation: str) -> None:  # noqa: ANN001
    tab.locator(f'a.al-marker[data-annotation="{annotation}"]').click()
    tab.locator("aside.al-panel").wait_for(state="visible")


def test_the_note_panel_sits_at_the_inline_end_of_the_page(tabs, site):
    language, _ = site
    tab = tabs.open("lessons/ar/", width=1400)
    _open_a_note(tab, "unnamed-official")
    panel = tab.locator("aside.al-panel").evaluate(BOX)
    content = tab.locator(".md-content").evaluate(BOX)
    if language == "ar":
        assert panel[0] < 40 and panel[1] < 700, "at the left: the inline end of a right-to-left page"
        assert panel[1] <= content[0] + 1, "the text makes room on the panel's side"
    else:
        assert panel[1] > 1400 - 40 and panel[0] > 700
        assert panel[0] >= content[1] - 1
    note = tab.locator("aside.al-panel .al-note").first
    assert sides(note) == ((0, 4) if language == "ar" else (4, 0))
    shot(tab, f"arabic-lesson-{language}-page-panel")


def test_the_phone_layout_keeps_the_panel_across_the_bottom_and_the_text_right_to_left(tabs, site):
    language, _ = site
    tab = tabs.open("lessons/ar/", width=390, height=844)
    _open_a_note(tab, "unnamed-official")
    panel = tab.locator("aside.al-panel").evaluate(BOX)
    assert panel[0] == 0 and panel[1] == 390 and panel[3] == 844
    direction = "rtl" if notes_rtl(language, "ar") else "ltr"
    assert tab.locator("aside.al-panel .al-note-text").evaluate("e => getComputedStyle(e).direction") == direction
    assert tab.locator("aside.al-panel .al-note-quote").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390, "nothing sticks out sideways"
    shot(tab, f"arabic-lesson-{language}-page-phone")


def test_print_keeps_right_to_left_sides(tabs, site):
    language, _ = site
    tab = tabs.open("lessons/ar/")
    tab.emulate_media(media="print")
    assert tab.locator("aside.al-panel").count() == 0 or not tab.locator("aside.al-panel").is_visible()
    assert sides(tab.locator(".al-notes .al-note").first) == ((0, 4) if language == "ar" else (4, 0))
    left, right = sides(tab.locator(".al-notes .al-note-quote").first)
    assert left == 0 and right > 0
    marker = tab.locator('a.al-marker[data-annotation="unnamed-official"]')
    label = marker.evaluate("e => getComputedStyle(e, '::before').content")
    assert label.startswith('"[') and label.endswith(']"'), label
    expect_marker_before_passage(tab, "unnamed-official", "rtl")
    shot(tab, f"arabic-lesson-{language}-page-print", full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_arabic_interface_page_has_no_accessibility_violations(tabs, site, scheme):
    language, _ = site
    if language != "ar":
        pytest.skip("the English site is checked by test_reading")
    tab = tabs.open("lessons/ar/", scheme=scheme)
    _axe(tab, f"Arabic lesson ({scheme})")
    shot(tab, f"arabic-lesson-ar-page-{scheme}")
    _open_a_note(tab, "unnamed-official")
    _axe(tab, f"Arabic lesson with a note open ({scheme})")
    tab2 = tabs.open("lessons/ar/", scheme=scheme, width=390, height=844)
    _open_a_note(tab2, "unnamed-official")
    shot(tab2, f"arabic-lesson-ar-page-phone-{scheme}")


def test_a_line_break_in_chinese_shows_no_space_and_stays_in_the_text(tabs, site):
    language, _ = site
    tab = tabs.open("lessons/zh/")
    article = tab.locator("article[data-lesson]")
    body, _ = parse_article((SCRIPTS / "seeds" / "zh.txt").read_text(encoding="utf-8"), "seeds/zh.txt")
    texts = article.evaluate("e => [...e.querySelectorAll('[data-paragraph]')].map(p => p.textContent)")
    assert texts == [body.body[start:end] for start, end in body.paragraphs], "the page contract: nothing dropped"
    assert "月底前\n重新" in texts[1]
    shown = article.evaluate("e => e.innerText")
    assert "月底前重新" in shown and "，如果" in shown, "the line breaks are not shown as spaces"
    # No box at the break: the two characters on either side touch.
    # The break has no box, and "前" and "重" are as far apart as two characters on one line.
    widths = tab.evaluate("""() => {
        const b = document.querySelector('article[data-lesson] .al-cjk-break');
        const r = document.createRange(), one = document.createRange();
        const p = b.closest('p'), walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let before = null, after = null;
        for (let n; (n = walk.nextNode());) { if (b.contains(n)) { after = 'next'; continue; }
          if (after === 'next') { after = n; break; } before = n; }
        r.setStart(before, before.length - 1); r.setEnd(after, 1);
        one.setStart(before, before.length - 1); one.setEnd(before, before.length);
        const rects = [...r.getClientRects()].filter(x => x.width > 0);
        return [b.getClientRects().length, before.data.slice(-1) + after.data[0],
                rects.length == 1 ? rects[0].width / one.getBoundingClientRect().width : null];
    }""")
    assert widths[0] == 0 and widths[1] == "前重"
    assert widths[2] is None or abs(widths[2] - 2) < 0.05, widths  # on one line: exactly two characters wide
    shot(tab, f"chinese-lesson-{language}-page", full_page=True)
