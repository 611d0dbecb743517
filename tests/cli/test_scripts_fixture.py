"""The six-script fixture course checks clean, and every quote typed as a person would lands on its passage."""

from __future__ import annotations

import re
import unicodedata

import pytest
import regex

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.interop.w3c import lesson_to_w3c
from annotated_lessons.core.normalise import DOUBLE_QUOTES, SINGLE_QUOTES

from ..scripts_course import LANGUAGES, PASSAGES, SCRIPTS


@pytest.fixture(scope="module")
def course():
    return load_course(CourseConfig(SCRIPTS, "lessons", "lessons/techniques.yml"))


def test_lessons_check_passes_on_every_script(capsys):
    assert main(["check", str(SCRIPTS), "--strict"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "6 lesson(s) checked: 0 error(s), 0 warning(s)" in captured.err


def test_each_annotation_covers_exactly_its_passage(course):
    assert sorted(course.lessons) == sorted(PASSAGES) == sorted(LANGUAGES)
    for slug, lesson in course.lessons.items():
        got = {a.id: lesson.article.body[a.span.start:a.span.end] for a in lesson.annotations}
        assert got == PASSAGES[slug], slug
        assert lesson.article.meta["language"] == LANGUAGES[slug][0]


def test_the_quotes_are_typed_as_a_person_would(course):
    """The fixture exercises each rule: other quote marks, across line breaks, the other normalisation form."""
    typed: dict[str, list[str]] = {"marks": [], "line breaks": [], "form": [], "context": []}
    for slug, lesson in course.lessons.items():
        raw = (SCRIPTS / "lessons" / f"{slug}.yml").read_text(encoding="utf-8")
        for a in lesson.annotations:
            passage = PASSAGES[slug][a.id]
            quote = re.search(rf"id: {re.escape(a.id)}\n(?:    .*\n)*?    quote: (.*)", raw).group(1)
            marks = set(passage) & set(SINGLE_QUOTES + DOUBLE_QUOTES)
            if marks and not marks & set(quote):
                typed["marks"].append(f"{slug}/{a.id}")
            if "\n" in passage:
                typed["line breaks"].append(f"{slug}/{a.id}")
            if a.selector.prefix or a.selector.suffix or a.selector.occurrence:
                typed["context"].append(f"{slug}/{a.id}")
        written = (SCRIPTS / lesson.article.path).read_text(encoding="utf-8")
        if not unicodedata.is_normalized("NFC", written) and unicodedata.is_normalized("NFC", raw):
            typed["form"].append(slug)
    assert typed["form"] == ["vi"]
    assert all(typed.values()), typed
    assert {name.split("/")[0] for name in typed["line breaks"]} == set(PASSAGES)


def test_the_cjk_quotes_match_across_the_line_break_with_and_without_a_space(course):
    zh = course.lessons["zh"]
    by_id = {a.id: a for a in zh.annotations}
    assert " " not in by_id["month-end"].selector.quote and " " in by_id["disaster"].selector.quote
    assert "\n" in PASSAGES["zh"]["month-end"] and "\n" in PASSAGES["zh"]["disaster"]


def test_a_consonant_quote_does_not_match_inside_a_syllable(course):
    hi = course.lessons["hi"]
    (a_while,) = [a for a in hi.annotations if a.id == "a-while"]
    body = hi.article.body
    assert body.count("देर") == 2 and body[a_while.span.end] == " "  # not the "देर" of "देरी"


def test_find_reports_columns_of_the_nfd_file_as_written(capsys):
    assert main(["find", "Một quan chức giấu tên", "--article", "seeds/vi.txt", "--course", str(SCRIPTS)]) == 0
    out = capsys.readouterr().out
    line, col = map(int, re.search(r"line (\d+), column (\d+)", out).groups())
    written = (SCRIPTS / "seeds" / "vi.txt").read_text(encoding="utf-8").split("\n")[line - 1]
    assert unicodedata.normalize("NFC", written[col - 1:]).startswith("Một quan chức")
    assert col - 1 == len(written[:written.index(unicodedata.normalize("NFD", "Một"))])
    assert col != len(unicodedata.normalize("NFC", written[:col - 1])) + 1  # NFC columns would differ


@pytest.mark.parametrize("slug", sorted(PASSAGES))
def test_find_singles_out_each_passage_with_whole_characters(slug, capsys, course):
    lesson = course.lessons[slug]
    for a in lesson.annotations:
        args = ["find", a.selector.quote, "--article", lesson.article.path, "--course", str(SCRIPTS)]
        for flag, value in (("--prefix", a.selector.prefix), ("--suffix", a.selector.suffix),
                            ("--occurrence", a.selector.occurrence)):
            if value is not None:
                args += [flag, str(value)]
        assert main(args) == 0, capsys.readouterr().out
        out = capsys.readouterr().out
        kept = re.search(r"keep in the lesson: (.*)", out)
        if kept:
            assert not unicodedata.combining(kept.group(1).split("'")[1][:1] or "x")


def test_exported_prefixes_and_suffixes_hold_whole_characters(course):
    for lesson in course.lessons.values():
        body = lesson.article.body
        cuts = {m.start() for m in regex.finditer(r"\X", body)} | {len(body)}
        for item in lesson_to_w3c(lesson)["first"]["items"]:
            quote, position = item["target"]["selector"]
            start, end = position["start"], position["end"]
            assert start - len(quote["prefix"]) in cuts and end + len(quote["suffix"]) in cuts
            assert len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
