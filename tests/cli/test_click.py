"""The command line as one click group: help with examples everywhere, exit 2 for usage errors, no import loop."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

import pytest

from annotated_lessons.cli.common import Progress
from annotated_lessons.cli.main import lessons, main

CLI = Path(__file__).resolve().parents[2] / "plugins" / "annotated_lessons" / "cli"
COMMANDS = sorted(lessons.commands)


def test_every_command_is_in_the_group():
    assert COMMANDS == ["assets", "check", "export", "find", "import", "init", "new", "offline", "schema", "stamp",
                        "stats", "stubs"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_examples(name, capsys):
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Usage: lessons {name} ")
    assert "Examples:" in out
    examples = out[out.index("Examples:"):]
    assert f"  lessons {name}" in examples, examples
    assert main([name, "-h"]) == 0


def test_the_group_help_lists_every_command_with_examples(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {name} " in out for name in COMMANDS) and "Examples:" in out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("lessons ")


@pytest.mark.parametrize("argv", [
    [],
    ["nonsense"],
    ["check", "--no-such-option"],
    ["check", "--format", "xml"],
    ["check", "a", "b"],
    ["new"],  # --article is required
    ["find", "--article", "x.txt"],  # the quote is missing
    ["find", "q", "--article", "x.txt", "--occurrence", "two"],
    ["stamp"],
    ["import", "--article", "x.txt"],
    ["import", "f.json", "--article", "x.txt", "--from", "csv"],
    ["init"],
    ["assets"],
])
def test_usage_errors_exit_2_with_a_message_and_no_traceback(argv, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err.strip() and "Traceback" not in out + err
    assert "Usage: lessons" in err or err.startswith("lessons ")


def _imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found |= {f"{'.' * node.level}{node.module or ''}"} | {
                f"{'.' * node.level}{alias.name}" for alias in node.names if not node.module}
    return found


def test_no_command_module_imports_main():
    for path in CLI.glob("*.py"):
        if path.name in ("main.py", "__init__.py"):
            continue
        assert not {".main", ".", "annotated_lessons.cli.main"} & _imports_of(path), path.name


@pytest.mark.parametrize("module", ["authoring", "checking", "interop", "starting", "common", "placeholders"])
def test_each_command_module_imports_on_its_own(module):
    # Imported first in a fresh interpreter, a module that imported main back would meet it half-initialised.
    subprocess.run([sys.executable, "-c", f"import annotated_lessons.cli.{module}"], check=True,
                   capture_output=True, timeout=60)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = _Terminal()
    progress = Progress("checking", stream=screen, delay=0)
    progress(1, 2, "lessons/a.yml")
    progress(2, 2, "lessons/b\x1b[2J.yml")
    progress.finish()
    shown = screen.getvalue()
    assert "checking" in shown and "1/2" in shown and "2/2" in shown and "lessons/a.yml" in shown
    assert "\x1b[2J" not in shown and "\\x1b[2J" in shown  # a file name cannot clear the screen

    monkeypatch.setenv("CI", "true")
    quiet = _Terminal()
    Progress("checking", stream=quiet, delay=0)(1, 2, "lessons/a.yml")
    assert quiet.getvalue() == ""
    monkeypatch.delenv("CI")
    piped = io.StringIO()
    Progress("checking", stream=piped, delay=0)(1, 2, "lessons/a.yml")
    assert piped.getvalue() == ""
    late = _Terminal()
    waiting = Progress("checking", stream=late, delay=3600)
    waiting(1, 2, "lessons/a.yml")
    waiting.finish()
    assert late.getvalue() == ""  # a short run never shows a bar
