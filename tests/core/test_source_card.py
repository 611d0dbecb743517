"""The source card: the article's front matter above the lesson, unknowns said, links only http(s)."""

from __future__ import annotations

import re

import pytest

from annotated_lessons.cli.main import main
from annotated_lessons.core.article import is_iso_date, is_web_url, parse_article
from annotated_lessons.core.render import render_lesson
from annotated_lessons.core.render_teacher import render_teacher_edition
from annotated_lessons.core.templating import templates_for
from annotated_lessons.core.translations import translation

from .conftest import ARTICLE, annotation_yaml, lesson_with

FULL = ("---\noutlet: The Daily <b>Example</b>\nauthor: A. Writer\npublished: 2024-03-01\n"
        "url: https://example.org/story?a=1&b=2\narchived_url: http://archive.example/x\nretrieved: 2024-03-02T10:00Z\n"
        "license: CC BY 4.0\nobtained: Saved from the outlet's site.\nnote: Kept as published.\n---\n")


def meta_of(front: str) -> tuple[dict[str, str], list]:
    article, problems = parse_article("---\n" + front + "---\nHead\n\nBody.\n", "seeds/a.txt")
    return article.meta, problems


@pytest.mark.parametrize("value", ["2024-03-01", "2024-03-01T14:30", "2024-03-01 14:30:05", "2024-03-01T14:30:05Z",
                                   "2024-03-01T14:30:05+02:00", "2024-02-29"])
def test_iso_dates_are_accepted(value):
    assert is_iso_date(value)


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13-01", "1 March 2024", "03/01/2024", "2024-3-1", "2024",
                                   "2024-03-01T25:00", "yesterday", ""])
def test_other_dates_are_not(value):
    assert not is_iso_date(value)


@pytest.mark.parametrize("value", ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/"])
def test_web_addresses_are_accepted(value):
    assert is_web_url(value)


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JavaScript://example.org/%0aalert(1)", "data:text/html,x",
                                   "ftp://example.org", "//example.org", "example.org", "https://", "http:///x",
                                   "https://exa mple.org", "https://example.org/\nx", "http://[::1"])
def test_other_addresses_are_not(value):
    assert not is_web_url(value)


def test_bad_dates_and_urls_are_errors_at_their_value_with_a_hint():
    meta, problems = meta_of("outlet: X\npublished: 1 March 2024\nurl: javascript:alert(1)\n"
                             "archived_url: ftp://a.example\nretrieved: 2024-02-30\nwritten_for_course: maybe\n")
    found = {(d.code, d.line, d.col) for d in problems}
    assert found == {("bad-date", 3, 12), ("bad-url", 4, 6), ("bad-url", 5, 15), ("bad-date", 6, 12),
                     ("wrong-type", 7, 21)}
    assert all(d.hint for d in problems)
    assert meta == {"outlet": "X"}  # every bad value left out, so the card shows it as unknown


def test_written_for_course_is_a_yes_or_no():
    assert meta_of("written_for_course: true\n")[0] == {"written_for_course": "true"}
    assert meta_of("written_for_course: false\n")[0] == {"written_for_course": ""}


def test_lessons_check_reports_source_problems_path_line_col(make_course, tmp_path, capsys):
    make_course(lesson_with(annotation_yaml("historic")), article="---\npublished: 2024-31-12\n---\n" + ARTICLE)
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "seeds/article.txt:2:12: error: 'published' is not an ISO 8601 date: '2024-31-12'" in out
    assert "hint: write the date as YYYY-MM-DD" in out


def card(html: str) -> str:
    return re.search(r'<section class="al-source".*?</section>', html, re.S).group(0)


def test_the_card_shows_every_field_escaped_and_links_the_addresses(make_course):
    course = make_course(lesson_with(annotation_yaml("historic")), article=FULL + ARTICLE)
    html = card(render_lesson(course.lessons["lesson"], course.catalogue))
    assert "The Daily &lt;b&gt;Example&lt;/b&gt;" in html and "<b>" not in html
    assert '<a href="https://example.org/story?a=1&amp;b=2" rel="noopener noreferrer nofollow">' in html
    assert '<a href="http://archive.example/x"' in html
    assert '<time datetime="2024-03-01">2024-03-01</time>' in html
    for text in ("A. Writer", "CC BY 4.0", "Saved from the outlet&#39;s site.", "Kept as published."):
        assert text in html, text
    assert "unknown" not in html.replace("shows as unknown", "")
    assert "Written for this course" not in html


def test_missing_fields_show_as_unknown_and_the_card_makes_that_the_first_step(make_course):
    course = make_course(lesson_with(annotation_yaml("historic")))
    html = card(render_lesson(course.lessons["lesson"], course.catalogue))
    for label in ("Outlet:", "Author:", "Published:", "Address:", "Archived copy:", "Retrieved:", "Licence:",
                  "How the text was obtained:"):
        assert re.search(rf"<dt>{label}</dt><dd class=\"al-unknown\">unknown</dd>", html), label
    assert "First lateral-reading step:" in html and "shows as unknown is your first question" in html


def test_a_text_written_for_the_course_says_so(make_course):
    front = "---\noutlet: An invented paper\nwritten_for_course: true\n---\n"
    course = make_course(lesson_with(annotation_yaml("historic")), article=front + ARTICLE)
    html = card(render_lesson(course.lessons["lesson"], course.catalogue))
    assert "<strong>Written for this course.</strong>" in html and "not a real news report" in html
    assert "Address:" not in html  # no address to look for: it was never published


def test_only_http_addresses_become_links_even_past_the_check(make_course):
    """The template links only http(s), so metadata that skipped validation cannot make a live link."""
    course = make_course(lesson_with(annotation_yaml("historic")))
    lesson = course.lessons["lesson"]
    lesson.article.meta.update(url="javascript:alert(1)", archived_url="data:text/html,<script>x</script>")
    html = card(render_lesson(lesson, course.catalogue))
    assert "href" not in html and "<script>" not in html and "javascript:alert(1)" in html


def test_the_teacher_edition_and_other_languages_show_the_card(make_course):
    course = make_course(lesson_with(annotation_yaml("historic")), article=FULL + ARTICLE)
    lesson = course.lessons["lesson"]
    teacher = render_teacher_edition(lesson, course.catalogue)
    assert 'id="teacher-al-source-h"' in teacher and "A. Writer" in teacher
    german = card(render_lesson(lesson, course.catalogue, templates=templates_for(ui=translation("de"))))
    assert "Medium:" in german and "Quelle" in german
