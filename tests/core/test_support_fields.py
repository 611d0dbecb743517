"""Support for every reader: glossary, short reading path, exit ticket, sentence starters, require_answers."""

from __future__ import annotations

import re

from annotated_lessons.cli.main import main
from annotated_lessons.core.render import render_article, render_lesson
from annotated_lessons.core.render_teacher import render_teacher_edition

from .conftest import LESSON_HEAD, annotation_yaml

ANNOTATIONS = ("annotations:\n" + annotation_yaml("historic") + "    id: hist\n"
               + annotation_yaml("called the plan reckless", technique="loaded-language") + "    id: reck\n")
SUPPORT = ("glossary:\n  - term: minister\n    definition: A member of the *government*.\n"
           "  - term: Critics\n    definition: People who judge <script>x</script>something.\n"
           "short_path: [reck]\n"
           "exit_ticket:\n  - question: Which word is loaded?\n    teacher: EXPECTED-EXIT\n  - Why?\n"
           "sentence_starters:\n  - I think **this** because …\n")


def test_the_student_page_gets_the_glossary_after_the_article_and_the_short_path(make_course):
    course = make_course(LESSON_HEAD + ANNOTATIONS + SUPPORT)
    assert course.ok, [d.format_text() for d in course.diagnostics]
    lesson = course.lessons["lesson"]
    html = render_lesson(lesson, course.catalogue)
    glossary = re.search(r'<section class="al-glossary".*?</section>', html, re.S).group(0)
    assert "<dt><dfn>minister</dfn></dt><dd>A member of the <em>government</em>.</dd>" in glossary
    assert "<script" not in glossary and html.index("</article>") < html.index("al-glossary")
    path = re.search(r'<details class="al-short-path">.*?</details>', html, re.S).group(0)
    assert '<a href="#ann-reck">Note 2</a>' in path and "called the plan reckless" in path and "#ann-hist" not in path
    for teacher_only in ("EXPECTED-EXIT", "I think", "Which word is loaded?"):
        assert teacher_only not in html
    # The article element is untouched: its text is still the body, nothing added inside it.
    assert render_article(lesson, course.catalogue) in html


def test_the_teacher_edition_gets_all_four(make_course):
    course = make_course(LESSON_HEAD + ANNOTATIONS + SUPPORT)
    html = render_teacher_edition(course.lessons["lesson"], course.catalogue)
    for section, text in (("exit", "EXPECTED-EXIT"), ("exit", "Why?"), ("starters", "I think <strong>this</strong>"),
                          ("glossary", "<dfn>Critics</dfn>"), ("short-path", "Note 2")):
        block = re.search(rf'<section class="al-teacher-{section}".*?</section>', html, re.S).group(0)
        assert text in block, (section, text)


def test_bad_support_fields_are_reported_at_their_place(make_course):
    course = make_course(LESSON_HEAD + ANNOTATIONS + "glossary:\n  - term: x\n"
                         + "short_path: [hits, reck]\n" + "sentence_starters: [3]\n")
    found = {(d.code, d.line, d.col) for d in course.diagnostics}
    assert found == {("missing-key", 14, 5), ("unknown-annotation", 15, 14), ("wrong-type", 16, 21)}, found
    hint = next(d.hint for d in course.diagnostics if d.code == "unknown-annotation")
    assert "did you mean 'hist'?" in hint
    assert course.lessons["lesson"].short_path == ["reck"]
    course = make_course(LESSON_HEAD + ANNOTATIONS + "glossary:\n  - term: unicorn\n    definition: Not here.\n")
    [d] = course.diagnostics  # a warning: the term explains nothing the reader meets
    assert (d.code, d.line, d.col, d.severity.name) == ("glossary-term-not-found", 14, 11, "WARNING")


QUESTIONS = (LESSON_HEAD + "discussion:\n  - Why?\n  - question: How?\n    teacher: Like this.\n"
             "lateral_reading:\n  - question: Who?\n"
             "exit_ticket:\n  - question: What now?\n"
             "annotations:\n" + annotation_yaml("historic", ask="What makes it historic?")
             + annotation_yaml("called the plan reckless", technique="loaded-language", ask="Whose word?", teacher="The critics'."))


def test_require_answers_warns_at_each_question_without_one(make_course, tmp_path, capsys):
    make_course(QUESTIONS)
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 0
    assert "no expected answer" not in capsys.readouterr().out  # off by default
    assert main(["check", str(tmp_path), "--require-answers"]) == 0
    assert capsys.readouterr().out.count("the question has no expected answer") == 4
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - annotated-lessons:\n      require_answers: true\n",
                                         encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0  # warnings only
    out = capsys.readouterr().out
    lines = sorted(re.findall(r"lessons/lesson\.yml:(\d+):(\d+): warning: (\S+): the question has no expected answer",
                              out))
    assert lines == [("11", "5", "exit_ticket[0]"), ("16", "10", "annotations[0].ask"), ("5", "5", "discussion[0]"),
                     ("9", "5", "lateral_reading[0]")], out
    assert "hint: add 'teacher:'" in out
    assert main(["check", str(tmp_path), "--strict"]) == 1
