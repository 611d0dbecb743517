"""Articles and lessons declare their language; the page marks them with lang and dir where they differ."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from annotated_lessons.core.article import parse_article
from annotated_lessons.core.languages import Lang, canonical, direction_of, tag_problem
from annotated_lessons.core.render import Links, render_lesson
from annotated_lessons.core.templating import templates_for
from annotated_lessons.core.translations import translation

from .conftest import LESSON_HEAD, CourseMaker


@pytest.mark.parametrize("tag", ["en", "uk", "ar", "he", "zh-Hans", "pt-BR", "sr-Latn-RS", "es-419", "de-CH-1996"])
def test_well_formed_tags_are_accepted(tag: str) -> None:
    assert tag_problem(tag) is None


@pytest.mark.parametrize(("tag", "suggestion"), [
    ("English", "en"), ("en_US", "en-US"), ("ukr", "uk"), ("deu", "de"), ("en-US-x-private", None), ("", None),
    ("qq", None), ("12", None),
])
def test_a_bad_tag_is_named_with_the_tag_probably_meant(tag: str, suggestion: str | None) -> None:
    problem = tag_problem(tag)
    assert problem is not None
    message, hint = problem
    assert message == f"'{tag}' is not a BCP 47 language tag"
    if suggestion:
        assert f"did you mean '{suggestion}'?" in hint


@pytest.mark.parametrize(("tag", "direction"), [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ar-EG", "rtl"), ("az-Arab", "rtl"),
    ("uk", "ltr"), ("zh", "ltr"), ("en", "ltr"), ("az-Latn", "ltr"), ("tlh", "ltr"),
])
def test_the_direction_follows_the_script_of_the_language(tag: str, direction: str) -> None:
    assert direction_of(tag) == direction


def test_tags_are_spelt_canonically() -> None:
    assert canonical("PT-br") == "pt-BR"
    assert canonical("zh-hans") == "zh-Hans"


def _meta_problems(front_matter: str) -> list[str]:
    _, problems = parse_article(f"---\n{front_matter}---\nHeadline\n\nBody.\n", "seeds/a.txt")
    return [p.format_text() for p in problems]


def test_an_article_with_a_bad_language_is_an_error_at_its_value() -> None:
    [problem] = _meta_problems("outlet: X\nlanguage: English\n")
    assert problem.startswith("seeds/a.txt:3:11: error: 'English' is not a BCP 47 language tag")
    assert "did you mean 'en'?" in problem


def test_an_article_with_a_bad_direction_is_an_error() -> None:
    [problem] = _meta_problems("dir: right-to-left\n")
    assert problem.startswith("seeds/a.txt:2:6: error: 'dir' must be 'ltr' or 'rtl', not 'right-to-left'")


def test_no_as_a_language_is_explained() -> None:
    [problem] = _meta_problems("language: no\n")
    assert "quote" in problem and "yes/no" in problem


def test_an_article_keeps_its_declared_language_and_direction() -> None:
    article, problems = parse_article("---\nlanguage: AR\ndir: ltr\n---\nعنوان\n", "seeds/a.txt")
    assert problems == []
    assert article.lang == Lang("ar", "ltr")


def test_a_lesson_with_a_bad_language_is_an_error(make_course: CourseMaker) -> None:
    course = make_course(LESSON_HEAD + "language: german\nannotations:\n"
                         "  - quote: historic\n    technique: loaded-language\n    note: N.\n")
    [problem] = [d.format_text() for d in course.diagnostics]
    assert problem.startswith("lessons/lesson.yml:4:11: error: 'german' is not a BCP 47 language tag")
    assert "did you mean 'de'?" in problem


class _Attrs(HTMLParser):
    """The lang/dir of the article element, the note texts and the note passages."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[tuple[str | None, str | None]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("al-article", "al-note-text", "al-note-quote"):
            if name in (a.get("class") or "").split():
                self.found.setdefault(name, []).append((a.get("lang"), a.get("dir")))


def _attrs(html: str) -> dict[str, set[tuple[str | None, str | None]]]:
    parser = _Attrs()
    parser.feed(html)
    return {k: set(v) for k, v in parser.found.items()}


def _lesson(make_course: CourseMaker, front_matter: str, lesson_language: str = "") -> object:
    body = "عنوان الخبر\n\nقال الوزير إن الخطة تاريخية.\n"
    article = f"---\n{front_matter}---\n{body}" if front_matter else body
    head = LESSON_HEAD + (f"language: {lesson_language}\n" if lesson_language else "")
    course = make_course(head + "annotations:\n  - quote: تاريخية\n    technique: loaded-language\n    note: N.\n",
                         article=article)
    assert not course.diagnostics, [d.format_text() for d in course.diagnostics]
    return course


def test_an_arabic_article_on_an_english_page_is_marked_rtl_and_its_notes_are_not(make_course: CourseMaker) -> None:
    course = _lesson(make_course, "language: ar\n")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links())  # type: ignore[attr-defined]
    found = _attrs(html)
    assert found["al-article"] == {("ar", "rtl")}
    assert found["al-note-quote"] == {("ar", "rtl")}
    assert found["al-note-text"] == {(None, None)}


def test_nothing_is_marked_where_the_language_is_the_pages(make_course: CourseMaker) -> None:
    course = _lesson(make_course, "language: ar\n", lesson_language="ar")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(),  # type: ignore[attr-defined]
                         templates=templates_for(ui=translation("ar")))
    assert set().union(*_attrs(html).values()) == {(None, None)}


def test_notes_in_another_language_than_the_page_are_marked(make_course: CourseMaker) -> None:
    course = _lesson(make_course, "language: ar\n", lesson_language="de")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(),  # type: ignore[attr-defined]
                         templates=templates_for(ui=translation("uk")))
    found = _attrs(html)
    assert found["al-note-text"] == {("de", None)}
    assert found["al-article"] == {("ar", "rtl")}


def test_a_declared_direction_overrides_the_languages(make_course: CourseMaker) -> None:
    course = _lesson(make_course, "language: ar\ndir: ltr\n")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links())  # type: ignore[attr-defined]
    assert _attrs(html)["al-article"] == {("ar", None)}


def test_a_left_to_right_article_on_a_right_to_left_page_says_so(make_course: CourseMaker) -> None:
    course = _lesson(make_course, "")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(),  # type: ignore[attr-defined]
                         templates=templates_for(ui=translation("ar")))
    assert _attrs(html)["al-article"] == {(None, None)}, "an article without a language is in the site's"
    course = _lesson(make_course, "language: en\n")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(),  # type: ignore[attr-defined]
                         templates=templates_for(ui=translation("ar")))
    assert _attrs(html)["al-article"] == {("en", "ltr")}
