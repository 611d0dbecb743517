"""Malformed import files: every bad record is a located message, and what could be read is kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from annotated_lessons.cli.main import main
from annotated_lessons.core.interop import InputProblem, read_brat, read_ptc, read_w3c

from ..example_course import copy_example

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "interop"
SEED = "seeds/urgent-peace-efforts-donbass.txt"
GOOD = {"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Loaded_Language"}],
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": "alarmist rhetoric"}]}}


@pytest.mark.parametrize(("bad", "expected"), [
    ({"target": 5}, "annotation 1: 'target' should be an object, a list or a link, not a number"),
    ({"target": {"selector": [{"type": "TextPositionSelector", "start": "x", "end": 3}]}},
     "annotation 1: 'start' should be a whole number, not text"),
    ({"target": {"selector": {"type": "TextQuoteSelector", "exact": 7}}}, "'exact' should be text, not a number"),
    ({"tags": 7, "target": {"selector": {"type": "TextQuoteSelector", "exact": "x"}}},
     "'tags' should be a list of text, not a number"),
    ({"body": {"purpose": "tagging", "value": ["nested", {"x": 1}]}, "target": {}}, "'value' should be text, not a list"),
    ({"text": {"a": 1}, "target": []}, "'text' should be text, not an object"),
    (5, "annotation 1: expected an annotation (a JSON object), found a number"),
])
def test_w3c_wrong_types_are_reported_and_the_rest_is_read(bad, expected):
    problems: list[str] = []
    spans = read_w3c(json.dumps([bad, GOOD]), "f.json", problems)
    assert any(p.startswith("f.json: annotation") and expected in p for p in problems), problems
    assert [s.quote for s in spans][-1] == "alarmist rhetoric" and spans[-1].where == f"f.json: annotation {2}"
    with pytest.raises(InputProblem):  # without a list to collect into, the first problem raises
        read_w3c(json.dumps([bad, GOOD]), "f.json")


@pytest.mark.parametrize(("text", "expected"), [
    ("{not json", "f.json:1:2: cannot read it as JSON"),
    ("[" * 100_000, "f.json: the JSON is nested too deeply"),
    ("[" * 50 + "]" * 50, "f.json: the JSON is nested too deeply"),
    ('{"start": ' + "9" * 5000 + "}", "f.json: a number in it is too long"),
    ('{"type": "AnnotationCollection", "first": "https://x/page1"}', "the collection's first page is a link"),
    ('{"rows": 5}', "f.json: annotation 1: expected an annotation (a JSON object), found a number"),
])
def test_w3c_files_that_are_not_annotations(text, expected):
    problems: list[str] = []
    assert read_w3c(text, "f.json", problems) == []
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(("line", "expected"), [
    ("T1\tLabel", "x.ann:1: expected 'T<n> TAB label START END TAB text'"),
    ("T1", "x.ann:1: expected 'T<n> TAB label START END TAB text'"),
    ("T1\tLabel 0\tx", "x.ann:1: the offsets '0' are not pairs of whole numbers"),
    ("T1\tLabel a b\tx", "x.ann:1: the offsets 'a b' are not pairs of whole numbers"),
    ("T1\tLabel 1 2;3\tx", "are not pairs of whole numbers"),
    ("T1\tLabel ١ ٢\tx", "are not pairs of whole numbers"),  # only ASCII digits, as brat writes them
    ("T1\tLabel 1_0 20\tx", "are not pairs of whole numbers"),
    ("T1\tLabel " + "9" * 5000 + " 1\tx", "are not pairs of whole numbers"),
])
def test_short_and_broken_brat_lines(line, expected):
    problems: list[str] = []
    spans = read_brat(f"{line}\nT2\tLoaded_Language 5 10\tworks\n", "x.ann", problems)
    assert len(problems) == 1 and expected in problems[0]
    assert [(s.start, s.end, s.where) for s in spans] == [(5, 10, "x.ann:2")]


def test_brat_line_numbers_count_only_newlines():
    """A form feed or U+2028 inside a span's text is not a line break for brat or for people."""
    problems: list[str] = []
    read_brat("T1\tA 0 3\ta\u2028b\x0cc\nT2\tB\n", "x.ann", problems)
    assert problems[0].startswith("x.ann:2: ")


def test_ptc_keeps_the_good_lines():
    problems: list[str] = []
    spans = read_ptc("id\ttechnique\tstart\tend\n1\tA\t0\t5\n1\tB\t7\n1\tC\tx\t9\n1\tD\t10\t20\n", "s.tsv", problems)
    assert [s.label for s in spans] == ["A", "D"]
    assert [p.split(": ")[0] for p in problems] == ["s.tsv:3", "s.tsv:4"]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "course")


def _run(course: Path, *args: str) -> int:
    return main(["import", *args, "--article", SEED, "--course", str(course)])


def test_cli_reports_each_bad_record_and_imports_the_rest(course, capsys):
    bad = course / "mixed.json"
    bad.write_text(json.dumps([{"target": 5}, GOOD, {"target": {"selector": {"type": "TextPositionSelector",
                                                                            "start": "x", "end": 9}}}]))
    assert _run(course, str(bad), "--slug", "mixed") == 1
    err = capsys.readouterr().err
    assert f"{bad}: annotation 1: error: 'target' should be" in err
    assert f"{bad}: annotation 3: error: 'start' should be a whole number" in err
    assert "Traceback" not in err
    data = yaml.safe_load((course / "lessons" / "mixed.yml").read_text(encoding="utf-8"))
    assert [a["quote"] for a in data["annotations"]] == ["alarmist rhetoric"]


def test_cli_short_brat_lines(course, capsys):
    ann = course / "short.ann"
    text = (FIXTURES / "donbass.txt").read_text(encoding="utf-8")
    shutil.copy2(FIXTURES / "donbass.txt", course / "short.txt")
    start = text.index("alarmist rhetoric")
    ann.write_text(f"T1\tLabel\nT2\tLabel 0\nT3\tLoaded_Language {start} {start + 17}\talarmist rhetoric\n")
    assert _run(course, str(ann)) == 1
    captured = capsys.readouterr()
    assert f"{ann}:1: error: expected 'T<n> TAB label" in captured.err
    assert f"{ann}:2: error: the offsets '0'" in captured.err
    assert "quote: alarmist rhetoric" in captured.out  # the good line is still imported


@pytest.mark.parametrize("which", ["ann", "txt", "text"])
def test_cli_non_utf8_files(course, capsys, which):
    ann, txt = course / "x.ann", course / "x.txt"
    shutil.copy2(FIXTURES / "donbass.ann", ann)
    shutil.copy2(FIXTURES / "donbass.txt", txt)
    broken = {"ann": ann, "txt": txt, "text": course / "other.txt"}[which]
    broken.write_bytes(b"T1\tLabel 0 5\tok\n\xff\xfe latin-1 \xe9\n")
    extra = ["--text", str(broken)] if which == "text" else []
    assert _run(course, str(ann), *extra) == 1
    err = capsys.readouterr().err
    assert f"{broken}:2: error: not UTF-8 text (byte 0xff on line 2)" in err and "Traceback" not in err


def test_cli_control_characters_in_messages_are_escaped(course, capsys):
    evil = dict(GOOD, tags=["x\n::error file=x::forged\x1b[31m"], body=[])
    source = course / "evil\n::error file=y::name.json"
    source.write_text(json.dumps([evil, {"target": {"selector": {"type": "TextQuoteSelector", "exact": 5}}}]))
    assert _run(course, str(source)) == 1
    err = capsys.readouterr().err
    assert "is not in the catalogue" in err and "'exact' should be text" in err
    assert "\x1b" not in err and not any(line.startswith("::") for line in err.splitlines())


def test_cli_export_writes_through_standard_output(course, capsys):
    """Export prints with print(), so a closed pipe reaches the command line's own handler."""
    assert main(["export", str(course), "--lesson", "sourcing-and-voices"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "AnnotationCollection"
