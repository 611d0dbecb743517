"""The rest of a lesson's own text carries its language, and the interface its own where it is not the page's.

Warm-up, the notes' questions, self-checks, the summary and title on course-index cards:
each in the lesson's language, marked where that is not the page's. A lesson title gets
``dir="auto"`` when no direction is declared (an Arabic title for notes in English). A
site in a language without a catalogue shows the interface in English, marked
``lang="en"``, and its own texts keep the page's language.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from annotated_lessons.core.languages import Lang
from annotated_lessons.core.render import Links, render_lesson
from annotated_lessons.core.render_index import render_course_index, render_teacher_index
from annotated_lessons.core.templating import templates_for
from annotated_lessons.core.translations import translation

from .conftest import CourseMaker

ARTICLE = "عنوان الخبر\n\nقال الوزير إن الخطة تاريخية.\n"


class _Marks(HTMLParser):
    """class -> (lang, dir) of the first element with that class, and of the element after it."""

    def __init__(self) -> None:
        super().__init__()
        self.by_class: dict[str, tuple[str | None, str | None]] = {}
        self.after: dict[str, tuple[str | None, str | None]] = {}
        self._last: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._last is not None:
            self.after.setdefault(self._last, (a.get("lang"), a.get("dir")))
            self._last = None
        for name in (a.get("class") or "").split():
            self.by_class.setdefault(name, (a.get("lang"), a.get("dir")))
            self._last = self._last or name


def marks(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(str(html))
    return parser


def _course(make_course: CourseMaker, lesson_language: str = "de", title: str = "Ein Hafen"):  # noqa: ANN202
    lesson = (f"title: {title}\narticle: seeds/article.txt\nsummary: Eine Zusammenfassung.\naudience: Klasse 9\n"
              + (f"language: {lesson_language}\n" if lesson_language else "")
              + "warm_up: Was ist ein Hafen?\nannotations:\n  - quote: تاريخية\n    technique: loaded-language\n"
              "    note: N.\n    ask: Wer sagt das?\n    check:\n      question: Warum?\n      options: [A, B]\n"
              "      answer: 1\n")
    course = make_course(lesson, article="---\nlanguage: ar\n---\n" + ARTICLE)
    assert not course.diagnostics, [d.format_text() for d in course.diagnostics]
    return course


def test_warm_up_questions_and_checks_carry_the_lessons_language(make_course: CourseMaker) -> None:
    course = _course(make_course)
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links())
    found = marks(html)
    assert found.by_class["al-warmup-text"] == ("de", None)
    assert found.after["al-note-ask"] == (None, None)  # the <strong> label is the interface's
    assert re.search(r'<p class="al-note-ask"><strong>Ask:</strong> <span lang="de">Wer sagt das\?</span>', html)
    assert re.search(r'<strong>Check yourself:</strong> <span lang="de">Warum\?</span>', html)
    assert '<ol class="al-check-options" type="A" lang="de">' in html
    assert re.search(r'<span><strong>Audience:</strong> <span lang="de">Klasse 9</span>', html)
    assert found.by_class["al-lesson"] == (None, None)  # the interface is the page's


def test_nothing_extra_is_marked_when_the_lesson_is_in_the_pages_language(make_course: CourseMaker) -> None:
    course = _course(make_course, lesson_language="")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links())
    assert ' lang="' not in html.replace('lang="ar"', "")


def test_cards_mark_the_title_and_summary_and_titles_take_their_direction_from_their_letters(
        make_course: CourseMaker) -> None:
    course = _course(make_course, lesson_language="", title="ميناء «تاريخي»")
    html = render_course_index(course, Links(), {"lesson": "lessons/lesson/"})
    found = marks(html)
    assert found.by_class["al-card-title"] == (None, "auto")
    assert found.by_class["al-card-summary"] == (None, None)
    teacher = render_teacher_index(course, {"lesson": "teacher/lesson/"})
    assert '<a href="teacher/lesson/" dir="auto">ميناء «تاريخي»</a>' in teacher
    course = _course(make_course, lesson_language="ar", title="ميناء «تاريخي»")
    found = marks(render_course_index(course, Links(), {"lesson": "lessons/lesson/"}))
    assert found.by_class["al-card-title"] == ("ar", "auto")
    assert found.by_class["al-card-summary"] == ("ar", "rtl")


def test_an_interface_without_a_catalogue_is_marked_english_inside_the_pages_language(
        make_course: CourseMaker) -> None:
    ui = translation("en", page="sw")
    assert (ui.page, ui.ui_attrs, ui.content_attrs) == (Lang("sw", "ltr"), ' lang="en"', ' lang="sw"')
    course = _course(make_course, lesson_language="")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(), templates=templates_for(ui=ui))
    found = marks(html)
    assert found.by_class["al-lesson"] == ("en", None)
    assert found.by_class["al-article"] == ("ar", "rtl")
    assert found.by_class["al-note-text"] == ("sw", None)  # the course's own text is in the page's language
    assert found.by_class["al-warmup-text"] == ("sw", None)
    assert found.after["al-note-head"] == ("sw", None)  # the technique's name, the course's text
    cards = marks(render_course_index(course, Links(), {"lesson": "lessons/lesson/"}, templates=templates_for(ui=ui)))
    assert cards.by_class["al-cards"] == ("en", None)
    assert cards.by_class["al-card-title"] == ("sw", "auto")


def test_a_page_in_a_right_to_left_language_without_a_catalogue_keeps_its_direction() -> None:
    ui = translation("en", page="fa")
    assert ui.ui_attrs == ' lang="en"'  # the layout still mirrors, as Material's does
    assert ui.lang_attrs(Lang("en")) == ' dir="ltr"'
    assert ui.lang_attrs(Lang()) == ' lang="fa"'


def test_a_page_language_that_is_not_a_tag_is_ignored() -> None:
    assert translation("en", page="Klingon!").ui_attrs == ""
    assert translation("de", page="de-AT").ui_attrs == ""  # the same language


def test_a_note_in_a_right_to_left_lesson_lays_out_right_to_left_as_a_whole(make_course: CourseMaker) -> None:
    course = _course(make_course, lesson_language="ar")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links())
    assert marks(html).by_class["al-note"] == (None, "rtl")  # the bar and lines start on the right
    assert marks(html).by_class["al-note-text"] == ("ar", "rtl")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(), templates=templates_for(ui=translation("ar")))
    assert marks(html).by_class["al-note"] == (None, None)
    course = _course(make_course, lesson_language="de")
    html = render_lesson(course.lessons["lesson"], course.catalogue, Links(), templates=templates_for(ui=translation("ar")))
    assert marks(html).by_class["al-note"] == (None, "ltr")
    # The Arabic passage inside that left-to-right note says it is right to left again.
    assert marks(html).by_class["al-note-quote"] == (None, "rtl")
