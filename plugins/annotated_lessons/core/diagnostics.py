"""Problems found in course files, reported as ``PATH:LINE:COL: severity: message``.

Every layer reports through :class:`Diagnostic` so the command line, the MkDocs plugin
and the tests all print the same thing, and a contributor can jump from any of them
straight to the YAML node at fault.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum

# Characters that could rewrite a terminal or a CI log if printed raw: C0 and C1 controls
# (newlines and ESC included), the Unicode line and paragraph separators, the bidi
# controls that reorder what a reviewer sees (Trojan Source), and lone surrogates (from
# file names that are not UTF-8), which cannot be written to a UTF-8 stream at all.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# GitHub's runner reads a workflow command from a line that starts with "::" once leading
# space is trimmed, and an older form "##[command]" anywhere in a line.
_OLD_COMMAND = "##["
_LINE_COMMAND = re.compile(r"^(\s*):")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to print within one line: controls, separators and bidi marks escaped.

    Anything that came from a course file (keys, values, file names) goes through this
    before it reaches a terminal or a log, so a file cannot move the cursor, clear the
    screen, reorder what a reviewer sees, start a line of its own or hold a CI command.
    """
    if _UNPRINTABLE.search(text):
        text = _UNPRINTABLE.sub(_escape, text)
    return text.replace(_OLD_COMMAND, "#\\x23[") if _OLD_COMMAND in text else text


def printable_line(line: str) -> str:
    """``printable(line)`` that also cannot be read as a CI workflow command (``::error ...``)."""
    return _LINE_COMMAND.sub(lambda m: m.group(1) + "\\x3a", printable(line), count=1)


def printable_lines(text: str) -> list[str]:
    """The lines of a multi-line text we wrote (split on ``\\n`` only), each a :func:`printable_line`."""
    return [printable_line(line) for line in text.split("\n")]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place in one file.

    ``line`` and ``col`` are 1-based, as editors and GitHub annotations expect.
    ``code`` is a short stable identifier (``quote-not-found``...) that tools can filter on.
    """

    path: str
    line: int
    col: int
    message: str
    code: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    end_line: int | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format_text(self) -> str:
        """Render as ``PATH:LINE:COL: error: MESSAGE`` with the hint on indented lines."""
        head = printable_line(f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}")
        if not self.hint:
            return head
        hint_lines = printable_lines(self.hint)
        return head + "\n" + "\n".join("    " + ("hint: " if i == 0 else "      ") + h for i, h in enumerate(hint_lines))

    def format_github(self) -> str:
        """Render as a GitHub Actions workflow command so the error shows on the changed line."""
        kind = "error" if self.is_error else "warning"
        text = "\n".join([printable(self.message), *(printable_lines(self.hint) if self.hint else [])])
        return (
            f"::{kind} file={_gh_property(printable(self.path))},line={self.line},col={self.col},"
            f"title={_gh_property(self.code)}::{_gh_data(text)}"
        )

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data.pop("end_line", None)
        return data

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.message)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def diagnostics_to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of diagnostics, readable (not ASCII-only) yet with nothing raw a terminal acts on.

    JSON escapes C0 controls itself; DEL, C1 controls, line separators, bidi controls and
    lone surrogates (file names that are not UTF-8) are escaped as ``\\uXXXX`` too. They
    only ever occur inside strings, where such an escape means the same character.
    """
    text = json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False)
    return _JSON_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_JSON_UNPRINTABLE = re.compile(_UNPRINTABLE.pattern.replace("\x00-\x1f", ""))  # JSON escapes C0 itself
