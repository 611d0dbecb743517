"""Problems found in course files, reported as ``PATH:LINE:COL: severity: message``.

Every layer reports through :class:`Diagnostic` so the command line, the MkDocs plugin
and the tests all print the same thing, and a contributor can jump from any of them
straight to the YAML node at fault.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum


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
        head = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        if not self.hint:
            return head
        hint_lines = self.hint.splitlines()
        return head + "\n" + "\n".join("    " + ("hint: " if i == 0 else "      ") + h for i, h in enumerate(hint_lines))

    def format_github(self) -> str:
        """Render as a GitHub Actions workflow command so the error shows on the changed line."""
        kind = "error" if self.is_error else "warning"
        text = self.message + (f"\n{self.hint}" if self.hint else "")
        return (
            f"::{kind} file={_gh_property(self.path)},line={self.line},col={self.col},"
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
    return json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False)
