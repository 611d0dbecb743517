"""Output cannot be forged: text from a file is escaped wherever it is printed or logged."""

from __future__ import annotations

import json
import re

import pytest

from annotated_lessons.core.diagnostics import Diagnostic, diagnostics_to_json, printable, printable_lines

from .conftest import LESSON_HEAD, annotation_yaml, lesson_with

FORGED_KEY = "\n::error file=x::forged"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize(("text", "shown"), [
    ("a\nb", "a\\nb"), ("a\rb", "a\\rb"), ("a\tb", "a\\tb"), ("\x1b[2J", "\\x1b[2J"), ("\x00", "\\x00"),
    ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"), ("\u2028\u2029", "\\u2028\\u2029"), ("\u202e\u2066\u2069", "\\u202e\\u2066\\u2069"),
    ("\u200f\u061c", "\\u200f\\u061c"), ("\udcff", "\\udcff"), ("##[error]x", "#\\x23[error]x"),
    ("plain é 日本 \u0301 🙂 \u200d", "plain é 日本 \u0301 🙂 \u200d"),
])
def test_printable_escapes_what_could_rewrite_a_terminal_or_a_log(text, shown):
    assert printable(text) == shown


def test_printable_lines_keep_our_line_breaks_and_defuse_commands():
    assert printable_lines("first\n  ::error::x\nthird\x1b") == ["first", "  \\x3a:error::x", "third\\x1b"]


def forged() -> Diagnostic:
    return Diagnostic(f"lessons/a{FORGED_KEY}.yml", 3, 4, f"unknown key 'k{FORGED_KEY}\x1b[2J\u202e'", "unknown-key",
                      hint=f"first line\nsecond line with {FORGED_KEY}\r and \u2028")


def command_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.lstrip().startswith("::") or "##[" in line]


def test_text_format_cannot_start_a_workflow_command():
    text = forged().format_text()
    assert command_lines(text) == []
    assert RAW.search(text) is None
    # "\n" in a hint is a line break we wrote; a line that would start a command is defused.
    assert text.split("\n")[1:] == ["    hint: first line", "          second line with ",
                                    "          \\x3a:error file=x::forged\\r and \\u2028"]


def test_github_format_is_one_command_on_one_line():
    text = forged().format_github()
    assert "\n" not in text and "\r" not in text and RAW.search(text) is None
    assert text.startswith("::error file=lessons/a\\n%3A%3Aerror file=x%3A%3Aforged.yml,line=3,col=4,")
    command, data = text[2:].split("::", 1)  # the runner splits at the first "::" after the command
    assert command == "error file=lessons/a\\n%3A%3Aerror file=x%3A%3Aforged.yml,line=3,col=4,title=unknown-key"
    assert data.startswith("unknown key 'k\\n::error")


def test_json_is_escaped_by_json_and_survives_surrogates():
    text = diagnostics_to_json([forged(), Diagnostic("lessons/\udcff.yml", 1, 1, "m", "c")])
    assert RAW.search(text) is None and "\n::" not in text
    assert json.loads(text)[1]["path"] == "lessons/\udcff.yml"


def test_a_forged_key_in_a_lesson_is_printed_escaped(make_course):
    text = LESSON_HEAD + '"x\\n::error file=x::forged\\e[2J": 1\n' + "annotations:\n" + annotation_yaml("bold")
    course = make_course(text)
    [d] = [d for d in course.diagnostics if d.code == "unknown-key"]
    text, github = d.format_text(), d.format_github()
    assert command_lines(text) == [] and RAW.search(text) is None and "\\x1b[2J" in text
    assert "\n" not in github and github.startswith("::error file=lessons/lesson.yml,line=4,col=1,")
    assert RAW.search(github) is None


def test_a_hostile_technique_name_in_a_hint_is_escaped(make_course):
    lesson = lesson_with(annotation_yaml("bold", technique="loaded-languag"))
    course = make_course(lesson)
    [d] = [d for d in course.diagnostics if d.code == "unknown-technique"]
    assert d.hint == "did you mean 'loaded-language'?"
    course = make_course(lesson_with(annotation_yaml("bold", technique="x\n::warning::y\u202e")))
    out = "\n".join(d.format_text() for d in course.diagnostics)
    assert command_lines(out) == [] and RAW.search(out) is None


def test_article_text_in_a_hint_is_escaped(make_course):
    article = "Headline\n\nThe minister said the \x1b[31mplan\x1b[0m was bold\u202e and brave.\n"
    course = make_course(lesson_with(annotation_yaml("the plan was bold and brave")), article=article)
    out = "\n".join(d.format_text() for d in course.diagnostics)
    assert "quote-not-found" in {d.code for d in course.diagnostics}
    assert RAW.search(out) is None and "\\x1b[31m" in out
