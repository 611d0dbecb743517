"""Every command ends with a message and an exit code, never a traceback, whatever the input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotated_lessons.cli.main import main
from annotated_lessons.core.course_config import course_config

ARTICLE = "Headline\n\nThe plan was reckless, critics said. The plan was bold.\n"
TECHNIQUES = "techniques:\n  - id: loaded-language\n    name: Loaded language\n    summary: Words.\n"
LESSON = """\
title: T
article: seeds/a.txt
summary: S
annotations:
  - quote: reckless
    technique: loaded-language
    note: {note}
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "lessons").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "lessons" / "techniques.yml").write_text(TECHNIQUES, encoding="utf-8")
    (tmp_path / "lessons" / "fine.yml").write_text(LESSON.format(note="n"), encoding="utf-8")
    return tmp_path


def hostile(course: Path) -> Path:
    """Add one file for each input that used to end in a traceback."""
    lessons = course / "lessons"
    (lessons / "date.yml").write_text(LESSON.format(note="2023-02-30"), encoding="utf-8")
    (lessons / "digits.yml").write_text(LESSON.format(note="n") + "    occurrence: " + "9" * 5000 + "\n",
                                        encoding="utf-8")
    (lessons / "deep.yml").write_text(LESSON.format(note="[" * 600 + "]" * 600), encoding="utf-8")
    (lessons / "nul.yml").write_text(LESSON.format(note="a\x00b\x1b[2J"), encoding="utf-8")
    (lessons / "nulpath.yml").write_text(LESSON.format(note="n").replace("seeds/a.txt", '"seeds/\\0"'),
                                         encoding="utf-8")
    (lessons / "longpath.yml").write_text(LESSON.format(note="n").replace("seeds/a.txt", "s" * 5000),
                                          encoding="utf-8")
    (lessons / "latin1.yml").write_bytes(LESSON.format(note="caf\xe9").encode("latin-1"))
    (lessons / "x)<img src=x onerror=alert(1)>(.yml").write_text(LESSON.format(note="n"), encoding="utf-8")
    (lessons / "index.yml").write_text(LESSON.format(note="n"), encoding="utf-8")
    (lessons / "forged.yml").write_text(LESSON.format(note="n") + '"k\\n::error file=x::forged": 1\n',
                                        encoding="utf-8")
    return course


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_check_reports_every_hostile_file_without_a_traceback(course, capsys, fmt):
    assert main(["check", str(hostile(course)), "--format", fmt]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal-error" not in out
    for name in ("digits", "deep", "nul", "nulpath", "longpath", "latin1", "index", "forged"):
        assert f"lessons/{name}.yml" in out, name
    if fmt != "json":
        assert not any(line.lstrip().startswith("::") for line in out.splitlines() if fmt == "text")
        assert "\x1b" not in out and "\x00" not in out
    if fmt == "text":
        assert "3 lesson(s) checked" in err  # fine, date, and forged (with an error on its unknown key)


def test_stats_and_schema_survive_a_hostile_course(course, capsys):
    hostile(course)
    assert main(["stats", str(course)]) == 0
    assert main(["schema"]) == 0
    assert main(["schema", "--catalogue"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err


@pytest.mark.parametrize("occurrence", ["0", "-1", "abc", "1.5"])
def test_find_occurrence_must_be_one_or_more(course, capsys, occurrence):
    assert main(["find", "plan", "--article", "seeds/a.txt", "--course", str(course),
                 "--occurrence", occurrence]) == 2
    assert "--occurrence" in capsys.readouterr().err


def test_find_counts_from_one(course, capsys):
    assert main(["find", "The plan", "--article", "seeds/a.txt", "--course", str(course), "--occurrence", "2"]) == 0
    assert "one match at line 3, column 38" in capsys.readouterr().out


@pytest.mark.parametrize(("article", "words"), [
    ("../outside.txt", "outside the course"), (".git/config", "hidden"), ("seeds/nope.txt", "no such article"),
    ("seeds", "is a folder"), ("seeds/a\x00.txt", "NUL"), ("s" * 5000, "longer than"), ("seeds/latin1.txt", "UTF-8"),
])
def test_find_checks_the_article_path_as_lessons_do(course, capsys, article, words):
    (course.parent / "outside.txt").write_text(ARTICLE, encoding="utf-8")
    (course / ".git").mkdir()
    (course / ".git" / "config").write_text(ARTICLE, encoding="utf-8")
    (course / "seeds" / "latin1.txt").write_bytes(b"caf\xe9\n")
    assert main(["find", "plan", "--article", article, "--course", str(course)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err) < 400


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_find_does_not_open_a_fifo(course, capsys):
    os.mkfifo(course / "seeds" / "pipe.txt")
    assert main(["find", "plan", "--article", "seeds/pipe.txt", "--course", str(course)]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_find_escapes_article_text(course, capsys):
    (course / "seeds" / "a.txt").write_text("Headline\n\nThe \x1b[2Jplan was bold.\n", encoding="utf-8")
    assert main(["find", "The plan", "--article", "seeds/a.txt", "--course", str(course)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out


@pytest.mark.parametrize("mkdocs_yml", [
    "plugins: " + "[" * 600 + "]" * 600, "site_name: " + "9" * 5000, "site_name: 2023-02-30",
    "plugins:\n  - annotated-lessons: [a, b]\n", "plugins:\n  - annotated-lessons:\n      lessons_dir: 5\n",
    "\x00", "!!python/object:os.system x",
])
def test_a_broken_mkdocs_yml_means_the_defaults(tmp_path, mkdocs_yml):
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    config = course_config(tmp_path)
    assert (config.lessons_dir, config.techniques) == ("lessons", "lessons/techniques.yml")


def test_a_non_utf8_mkdocs_yml_means_the_defaults(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: caf\xe9\n")
    assert course_config(tmp_path).lessons_dir == "lessons"


# A reader that goes away: `lessons check | head -1`. The pipe is closed before the command
# writes, so the write fails every time, not only when the reader happens to be quick.

LESSONS = "import sys; from annotated_lessons.cli import main; sys.exit(main())"


def run_into_closed_pipe(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-c", LESSONS, *args], cwd=cwd,
                              stdout=write_end, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [("check", "."), ("check", ".", "--format", "json"), ("schema",), ("stats", "."),
                                  ("find", "plan", "--article", "seeds/a.txt")])
def test_a_closed_pipe_ends_quietly(course, args):
    hostile(course)
    result = run_into_closed_pipe(*args, cwd=course)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_stats_escapes_technique_names(course, capsys):
    (course / "lessons" / "techniques.yml").write_text(TECHNIQUES.replace("Loaded language", '"\\e[2J\\n::error::x"'),
                                                      encoding="utf-8")
    assert main(["stats", str(course)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and not any(line.lstrip().startswith("::") for line in out.splitlines())
