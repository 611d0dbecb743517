"""What the line-based readers share: honest line numbers, strict numbers, and where problems go."""

from __future__ import annotations

import re
from collections.abc import Iterator

OFFSET = re.compile(r"[0-9]{1,18}")  # ASCII digits only: int() would also take '١٢', '+3' and '1_0'


class Problem(str):
    """A message about one record, as ``WHERE: MESSAGE``, that still knows its two parts for printing."""

    where: str
    message: str

    def __new__(cls, where: str, message: str) -> Problem:
        self = super().__new__(cls, f"{where}: {message}" if where else message)
        self.where, self.message = where, message
        return self


class InputProblem(ValueError):
    """A malformed record, raised when the caller collects no problems (the reader's old contract)."""


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines split at ``\\n`` only (with ``\\r`` dropped), as editors and the tools count them.

    ``str.splitlines`` would also split at U+2028, U+0085 and form feeds, which may sit
    inside a span's text, and every later line number would be wrong.
    """
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line[:-1] if line.endswith("\r") else line


def offset(value: str) -> int | None:
    """A non-negative whole number written in ASCII digits, or None."""
    value = value.strip(" ")
    return int(value) if OFFSET.fullmatch(value) else None


def report(problems: list[str] | None, where: str, message: str) -> None:
    """Collect the problem, or raise it when nobody collects (so one bad line stops a strict caller)."""
    problem = Problem(where, message)
    if problems is None:
        raise InputProblem(problem)
    problems.append(problem)
