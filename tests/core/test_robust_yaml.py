"""Every YAML input gets a positioned error or a value, never an exception.

Each case here raised a traceback (or pointed at 1:1) before: invalid dates, numbers
beyond Python's int-string limit, nesting deep enough to overflow the composer, raw
control characters, bytes that are not UTF-8, explicit tags on values they do not fit.
"""

from __future__ import annotations

import pytest

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.yaml_source import MAX_DEPTH, YamlProblem, load_located

from .conftest import ARTICLE, LESSON_HEAD, TECHNIQUES, annotation_yaml, lesson_with


def codes(course) -> dict[str, list]:
    found: dict[str, list] = {}
    for d in course.diagnostics:
        found.setdefault(d.code, []).append(d)
    return found


def problem(text: str):
    with pytest.raises(YamlProblem) as caught:
        load_located(text, "x.yml")
    return caught.value.diagnostic


# Invalid dates: YAML would make them date objects (and fail); a course keeps the text.

def test_an_invalid_date_in_a_note_is_kept_as_text(make_course):
    course = make_course(lesson_with("  - quote: bold\n    technique: loaded-language\n    note: 2023-02-30\n"))
    assert course.ok, [d.format_text() for d in course.diagnostics]
    assert course.lessons["lesson"].annotations[0].note == "2023-02-30"


def test_a_valid_date_is_kept_as_written_too(make_course):
    course = make_course(lesson_with("  - quote: bold\n    technique: loaded-language\n    note: 2023-02-03\n"))
    assert course.lessons["lesson"].annotations[0].note == "2023-02-03"


def test_a_front_matter_date_is_kept_as_written_and_a_date_that_does_not_exist_is_an_error(make_course):
    article = "---\npublished: 2024-02-30\nretrieved: 2024-02-01 10:00:00\n---\n" + ARTICLE
    course = make_course(lesson_with(annotation_yaml("bold")), article=article)
    [problem] = codes(course)["bad-date"]
    assert (problem.line, problem.col) == (2, 12) and "2024-02-30" in problem.message
    meta = course.lessons["lesson"].article.meta  # the lesson still builds; the bad date shows as unknown
    assert "published" not in meta and meta["retrieved"] == "2024-02-01 10:00:00"


def test_an_invalid_date_in_the_catalogue_is_text(make_course):
    techniques = TECHNIQUES.replace("summary: Words chosen to make you feel before you think.", "summary: 2023-02-30")
    course = make_course(lesson_with(annotation_yaml("bold")), techniques=techniques)
    assert course.ok and course.catalogue["loaded-language"].summary == "2023-02-30"


def test_a_date_where_a_number_belongs_is_a_type_error(make_course):
    course = make_course(LESSON_HEAD + "duration: 2023-02-30\nannotations:\n" + annotation_yaml("bold"))
    d = codes(course)["wrong-type"][0]
    assert (d.line, d.col) == (4, 11) and "whole number" in d.message


# Numbers

def test_a_five_thousand_digit_occurrence_is_an_error_at_its_value(make_course):
    course = make_course(lesson_with(annotation_yaml("bold") + "    occurrence: " + "9" * 5000 + "\n"))
    d = codes(course)["yaml-value"][0]
    assert (d.path, d.line, d.col) == ("lessons/lesson.yml", 8, 17)
    assert "digits" in d.message and course.lessons == {}


@pytest.mark.parametrize("number", ["0x" + "f" * 5000, "1:" * 3000 + "1", "-" + "1_0" * 3000])
def test_long_numbers_in_any_notation_are_errors(make_course, number):
    # Python converts a huge hex number without complaint, but printing it later would fail.
    course = make_course(lesson_with(annotation_yaml("bold") + "    occurrence: " + number + "\n"))
    assert [(d.line, d.col) for d in codes(course)["yaml-value"]] == [(8, 17)]


def test_long_numbers_in_the_catalogue_and_front_matter(make_course):
    article = "---\nnote: " + "1" * 5000 + "\n---\n" + ARTICLE
    techniques = TECHNIQUES + "  - id: x\n    name: " + "7" * 5000 + "\n    summary: s\n"
    course = make_course(lesson_with(annotation_yaml("bold")), article=article, techniques=techniques)
    where = {(d.path, d.line, d.col) for d in codes(course)["yaml-value"]}
    assert where == {("seeds/article.txt", 2, 7), ("lessons/techniques.yml", 9, 11)}


def test_hex_and_underscored_numbers_still_load():
    assert load_located("a: 0x10\nb: 1_000\nc: 1.0e+400\n", "x.yml").data == {"a": 16, "b": 1000, "c": float("inf")}


# Nesting

@pytest.mark.parametrize("nested", [
    "[" * 600 + "]" * 600,
    "{a: " * 600 + "b" + "}" * 600,
    "".join("\n" + "  " * i + "- " for i in range(600)) + "x",
])
def test_deep_nesting_is_bounded_with_a_position(nested):
    d = problem("ask: " + nested + "\n")
    assert d.code == "yaml-depth" and str(MAX_DEPTH) in d.message
    assert d.line >= 1 and d.col > 1


def test_deep_nesting_in_every_kind_of_file(make_course):
    deep = "[" * 600 + "]" * 600
    article = "---\nnote: " + deep + "\n---\n" + ARTICLE
    techniques = TECHNIQUES + "    ask: " + deep + "\n"
    course = make_course({"deep": LESSON_HEAD + "objectives: " + deep + "\n", "fine": lesson_with(annotation_yaml("bold"))},
                         article=article, techniques=techniques)
    assert {d.path for d in codes(course)["yaml-depth"]} == {
        "lessons/deep.yml", "lessons/techniques.yml", "seeds/article.txt"}
    assert "fine" in course.lessons or "internal-error" not in codes(course)


def test_nesting_within_the_bound_loads():
    depth = MAX_DEPTH - 1
    assert load_located("a: " + "[" * depth + "]" * depth, "x.yml").data is not None


# Characters YAML does not allow: reported at their own line and column

@pytest.mark.parametrize(("char", "name"), [("\x00", "\\x00"), ("\x1b", "\\x1b"), ("\x7f", "\\x7f"),
                                            ("\x9b", "\\x9b"), ("\ufffe", "\\ufffe")])
def test_a_control_character_points_at_its_place(make_course, char, name):
    text = lesson_with(annotation_yaml("bold")).replace("note: \"A note.\"", f"note: A {char}note.")
    d = codes(make_course(text))["yaml-character"][0]
    assert (d.line, d.col) == (7, 13)
    assert name in d.format_text() and char not in d.format_text()


def test_a_character_after_crlf_lines_is_counted_in_lines():
    d = problem("a: b\r\nc: d\r\ne: \x1b\r\n")
    assert (d.line, d.col) == (3, 4)


def test_line_separators_do_not_shift_later_positions(make_course):
    # PyYAML counts U+2028 as a line break; editors and GitHub do not.
    text = LESSON_HEAD.replace("A lesson used by the tests.", '"A\u2028lesson\u2029with\x85breaks."') + (
        "annotations:\n  - quote: bold\n    technique: nope\n    note: n\n")
    d = codes(make_course(text))["unknown-technique"][0]
    assert (d.line, d.col) == (6, 16)


# Bytes that are not UTF-8

def test_a_lesson_that_is_not_utf8_points_at_the_first_bad_byte(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    (tmp_path / "lessons" / "latin1.yml").write_bytes("title: ok\nsummary: caf\xe9\n".encode("latin-1"))
    d = codes(load_course(CourseConfig(tmp_path)))["not-utf8"][0]
    assert (d.path, d.line, d.col) == ("lessons/latin1.yml", 2, 13)
    assert "line 2, column 13" in d.message


def test_a_catalogue_that_is_not_utf8(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    (tmp_path / "lessons" / "techniques.yml").write_bytes(b"\xef\xbb\xbftechniques:\n  - id: \xff\n")
    course = load_course(CourseConfig(tmp_path))
    d = codes(course)["not-utf8"][0]
    assert (d.path, d.line, d.col) == ("lessons/techniques.yml", 2, 9)


def test_an_article_that_is_not_utf8_is_an_error_at_the_article_key(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    (tmp_path / "seeds" / "article.txt").write_bytes(b"Headline\n\nA bold \x80claim.\n")
    d = codes(load_course(CourseConfig(tmp_path)))["article-unreadable"][0]
    assert (d.line, d.col) == (2, 10)
    assert "not UTF-8" in d.message and "line 3, column 8" in d.message


# Tags, aliases, keys and documents

@pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!bool maybe", "!!timestamp", "!!binary AAAA",
                                   "!!python/object:os.system x", "!custom x", "!!set {a}", "!!omap [a: 1]"])
def test_explicit_tags_are_errors_or_text(value):
    try:
        doc = load_located(f"a: {value}\n", "x.yml")
    except YamlProblem as exc:
        assert exc.diagnostic.code == "yaml-value" and (exc.diagnostic.line, exc.diagnostic.col) == (1, 4)
    else:
        assert doc.data == {"a": ""}  # `!!timestamp` on an empty value: kept as (empty) text


def test_a_second_document_is_an_error():
    d = problem("a: 1\n---\nb: 2\n")
    assert (d.code, d.line) == ("yaml-syntax", 2)


def test_a_complex_key_is_an_error():
    d = problem("? [a, b]\n: c\n")
    assert (d.code, d.line, d.col) == ("yaml-key", 1, 3)


def test_a_merge_key_is_an_error():
    assert problem("a: {b: 1}\nc:\n  <<: {d: 2}\n").code in {"yaml-key", "yaml-value"}


def test_a_duplicate_key_with_a_newline_is_quoted_in_the_hint():
    d = problem('"a\\n::error file=x::forged": 1\n"a\\n::error file=x::forged": 2\n')
    assert d.code == "duplicate-key" and "\n::" not in (d.hint or "") and "\n::" not in d.message


def test_an_empty_file_and_an_empty_document():
    assert load_located("", "x.yml").data is None
    assert load_located("---\n...\n", "x.yml").data is None
