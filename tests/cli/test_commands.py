"""The contributor commands on a copy of the example course: new, stats, stamp, export, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig, load_course

from ..example_course import COURSE_FILES, copy_example

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "interop"
SEED = "seeds/urgent-peace-efforts-donbass.txt"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "course", (*COURSE_FILES, "plugins/annotated_lessons/schema"))


def _load(root: Path):
    return load_course(CourseConfig(root, "lessons", "lessons/techniques.yml"))


def test_new_scaffolds_a_lesson_that_checks(course, capsys):
    assert main(["new", "--article", SEED, "--slug", "unit-2/my-lesson", "--course", str(course)]) == 0
    target = course / "lessons" / "unit-2" / "my-lesson.yml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../plugins/annotated_lessons/schema/lesson.schema.json")
    assert (target.parent / "../../plugins/annotated_lessons/schema/lesson.schema.json").resolve().is_file()
    assert "quote: Urgent Peace Efforts" in text
    assert main(["check", str(course)]) == 0
    assert "unit-2/my-lesson" in _load(course).lessons
    # It refuses to overwrite, and to read outside the course.
    assert main(["new", "--article", SEED, "--slug", "unit-2/my-lesson", "--course", str(course)]) == 2
    assert main(["new", "--article", "../outside.txt", "--course", str(course)]) == 2
    assert "outside the course folder" in capsys.readouterr().err


def _yaml_counts(root: Path) -> dict[str, tuple[int, int, list[str]]]:
    """Per lesson, straight from its YAML (not through the loader stats uses): notes, fair passages, techniques."""
    counts = {}
    for path in sorted((root / "lessons").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "annotations" in data:
            notes = data["annotations"]
            counts[path.stem] = (len(notes), len(data.get("clean") or []), [a["technique"] for a in notes])
    return counts


def test_stats_counts_per_lesson_and_course(course, capsys):
    assert main(["stats", str(course)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = lines[0]
    assert header.split() == ["lesson", "notes", "fair", "techniques"]
    expected = _yaml_counts(course)
    assert len(expected) >= 4
    rows = {line.split()[0]: line for line in lines[1:1 + len(expected)]}
    assert sorted(rows) == sorted(expected)
    for slug, (notes, fair, techniques) in expected.items():
        row = rows[slug]
        assert row.split()[1:3] == [str(notes), str(fair)], row
        # The counts sit right-aligned under their column headings.
        assert row[:header.index("notes") + len("notes")].endswith(f" {notes}"), row
        assert row[:header.index("fair") + len("fair")].endswith(f" {fair}"), row
        used = row[header.index("techniques"):]
        assert used == ", ".join(f"{t} {n}" for t, n in sorted(
            {t: techniques.count(t) for t in techniques}.items(), key=lambda kv: (-kv[1], kv[0])))
    # The course-wide table names each technique and counts its notes and the lessons using it.
    catalogue = yaml.safe_load((course / "lessons" / "techniques.yml").read_text(encoding="utf-8"))
    name = next(t["name"] for t in catalogue["techniques"] if t["id"] == "insider-access")
    total = sum(techniques.count("insider-access") for _, _, techniques in expected.values())
    in_lessons = sum("insider-access" in techniques for _, _, techniques in expected.values())
    assert total > in_lessons > 1
    assert f"{name:<24}  {total:>5}  {in_lessons:>7}" in lines


def test_stamp_then_an_article_edit_is_reported(course, capsys):
    lesson = course / "lessons" / "sourcing-and-voices.yml"
    assert main(["stamp", str(lesson), "--course", str(course)]) == 0
    stamped = lesson.read_text(encoding="utf-8")
    data = yaml.safe_load(stamped)
    assert len(data["article_sha256"]) == 64 and all(isinstance(a["at"], int) for a in data["annotations"])
    assert "# yaml-language-server" in stamped  # comments survive
    assert main(["check", str(course)]) == 0
    capsys.readouterr()
    # Someone "fixes" the article: a word added early on moves every later passage, and a
    # reworded phrase breaks one.
    seed = course / SEED
    text = seed.read_text(encoding="utf-8")
    text = text.replace("In the shadow of", "In the long shadow of").replace("some Western nations", "several nations")
    seed.write_text(text, encoding="utf-8")
    assert main(["check", str(course)]) == 1
    out = capsys.readouterr().out
    changed = [line for line in out.splitlines() if line.startswith("lessons/sourcing-and-voices.yml:")
               and "changed since" in line]
    assert len(changed) == 1
    # The example lessons are all stamped, so every one of them notices.
    assert sum("changed since this lesson was written" in line for line in out.splitlines()) == 4
    assert "broke: some-western-nations" in changed[0]
    line_of_hash = stamped.splitlines().index(f"article_sha256: {data['article_sha256']}") + 1
    assert changed[0].split(":")[1] == str(line_of_hash)
    assert "passage 'motives' moved from character 476 to 481 of the article (now line 11, column 176)" in out
    assert "passage 'russia-ukraine-crisis' moved" not in out  # before the edit: unchanged


def test_export_writes_json_ld_per_lesson(course, capsys):
    out = course / "export"
    assert main(["export", str(course), "--output", str(out), "--base-url", "https://example.org/course"]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"{slug}.jsonld" for slug in _yaml_counts(course))
    assert len(files) >= 6  # the paired texts' lessons too
    data = json.loads((out / "sourcing-and-voices.jsonld").read_text(encoding="utf-8"))
    assert data["first"]["items"][0]["id"] == "https://example.org/course/lessons/sourcing-and-voices/#ann-russia-ukraine-crisis"
    assert main(["export", str(course), "--lesson", "nope"]) == 1


@pytest.mark.parametrize(("files", "fmt", "expected"), [
    (["donbass.ann"], "brat", {"alarmist rhetoric": "loaded-qualifier"}),
    (["donbass-spans.tsv"], "ptc", {"Urgent Peace Efforts": "appeal-to-fear", "working tirelessly": "loaded-qualifier"}),
    (["hypothesis-export.json"], "hypothesis", {"a firm but measured response": "loaded-qualifier"}),
])
def test_import_writes_a_lesson_that_checks(course, capsys, files, fmt, expected):
    paths = [str(FIXTURES / f) for f in files]
    args = ["import", *paths, "--from", fmt, "--article", SEED, "--course", str(course), "--slug", f"imported-{fmt}"]
    if fmt == "ptc":
        args += ["--text", str(FIXTURES / "donbass.txt")]
    assert main(args) == 0
    assert main(["check", str(course)]) == 0
    lesson = _load(course).lessons[f"imported-{fmt}"]
    got = {lesson.article.body[a.span.start:a.span.end]: a.technique for a in lesson.annotations}
    for quote, technique in expected.items():
        assert got[quote] == technique


def test_cli_round_trip_export_then_import(course, capsys):
    assert main(["export", str(course), "--lesson", "reading-the-whole-article"]) == 0
    exported = course / "whole.jsonld"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["import", str(exported), "--article", SEED, "--course", str(course), "--slug", "again"]) == 0
    course_now = _load(course)
    before, after = course_now.lessons["reading-the-whole-article"], course_now.lessons["again"]
    assert [(a.span, a.technique) for a in after.annotations] == [(a.span, a.technique) for a in before.annotations]


def test_import_of_a_broken_file_says_why(course, capsys):
    bad = course / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["import", str(bad), "--article", SEED, "--course", str(course)]) == 1
    assert "bad.json:1:2: error: cannot read it as JSON" in capsys.readouterr().err


def test_stamp_keeps_layout_and_handles_items_without_an_id(course, capsys):
    lesson = course / "lessons" / "mixed.yml"
    lesson.write_text(
        "title: Mixed\narticle: seeds/urgent-peace-efforts-donbass.txt\nsummary: Two ways to start an item.\n"
        "annotations:\n"
        "  - id: alarmist  # a comment that stays\n"
        "    quote: alarmist rhetoric\n    technique: labelling-critics\n    note: A label.\n"
        "  - note: >-\n      A block scalar first.\n    quote: working tirelessly\n    technique: loaded-qualifier\n",
        encoding="utf-8")
    assert main(["stamp", str(lesson), "--course", str(course)]) == 0
    text = lesson.read_text(encoding="utf-8")
    assert "  - id: alarmist  # a comment that stays\n    at: " in text
    assert "  - at: " in text and "    note: >-\n      A block scalar first." in text
    data = yaml.safe_load(text)
    body = _load(course).lessons["mixed"].article.body
    assert body[data["annotations"][0]["at"]:].startswith("alarmist rhetoric")
    assert body[data["annotations"][1]["at"]:].startswith("working tirelessly")
    assert main(["stamp", str(lesson), "--course", str(course)]) == 0
    assert lesson.read_text(encoding="utf-8") == text  # stamping twice changes nothing
