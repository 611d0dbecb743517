"""``lessons check`` on generated courses: a message for every input, never a traceback.

Each example writes a whole course (catalogue, lessons, articles, a secret in ``.git/``)
into a temporary folder and runs the real command in-process. Whatever the files hold,
the command must exit 0, 1 or 2; print only ``PATH:LINE:COL: severity: ...`` lines (and
their hints) pointing at a real line of a real file; print no raw control character and
no line a CI runner would read as a command; never print the secret; and never fall
back on the loader's last-resort ``internal-error``. The input classes are listed in
:mod:`.strategies`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from annotated_lessons.cli.main import main
from annotated_lessons.core.diagnostics import printable

from .profiles import FUZZ
from .strategies import CourseFiles, courses

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
HEAD = re.compile(r"(\d+):(\d+): (error|warning): ")
BREAKS = re.compile("\r\n|\r|\n")
GITHUB = re.compile(r"::(error|warning) file=(.*?),line=(\d+),col=(\d+),title=[^:]*::")


def write(root: Path, course: CourseFiles) -> dict[str, int]:
    """Write the course; return the number of lines of each file, by its course-relative path."""
    lines: dict[str, int] = {"lessons": 1}
    base = os.fsencode(root)
    for folder in course.folders:
        os.makedirs(os.path.join(base, folder), exist_ok=True)
    for rel, data in course.files.items():
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as stream:
            stream.write(data)
        lines[os.fsdecode(rel)] = len(BREAKS.findall(data.decode("utf-8", "replace"))) + 1
    (root.parent / "outside.txt").write_text("Headline\n\nOutside text\n", encoding="utf-8")
    return lines


def run(root: Path, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(root), "--format", fmt])
    return code, out.getvalue(), err.getvalue()


def check_position(lines: dict[str, int], path: str, line: int, col: int) -> None:
    assert path in lines, f"a message about {path!r}, which is not a course file"
    assert 1 <= line <= lines[path] + 1, f"{path}:{line} is beyond the file's {lines[path]} line(s)"
    assert col >= 1


def check_text(out: str, lines: dict[str, int]) -> None:
    shown = {printable(path): path for path in lines}
    for line in out.splitlines():
        if line.startswith("    "):
            assert not line.lstrip().startswith("::"), line
            continue
        for printed, path in shown.items():
            head = HEAD.match(line, len(printed) + 1) if line.startswith(printed + ":") else None
            if head:
                check_position(lines, path, int(head.group(1)), int(head.group(2)))
                break
        else:
            raise AssertionError(f"not a PATH:LINE:COL message: {line!r}")


def check_github(out: str, lines: dict[str, int]) -> None:
    shown = {printable(path): path for path in lines}
    for line in out.splitlines():
        command = GITHUB.match(line)
        assert command, f"not a workflow command: {line!r}"
        file = command.group(2)
        for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            file = file.replace(code, char)
        check_position(lines, shown[file], int(command.group(3)), int(command.group(4)))


def check_json(out: str, lines: dict[str, int]) -> None:
    for item in json.loads(out):
        check_position(lines, item["path"], item["line"], item["col"])
        assert item["severity"] in ("error", "warning")


@FUZZ
@given(courses(), st.sampled_from(["text", "text", "github", "json"]))
def test_check_reports_every_generated_course(course, fmt):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "course"
        root.mkdir()
        lines = write(root, course)
        code, out, err = run(root, fmt)
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err and "internal-error" not in out
    assert "c2VjcmV0" not in out + err, "a hidden file's content was printed"
    assert RAW.search(out) is None and RAW.search(err) is None
    {"text": check_text, "github": check_github, "json": check_json}[fmt](out, lines)
    if code == 0:
        assert "error" not in out
