"""Columns in a file as it is written, for positions found in its NFC-normalised text.

An article is read as NFC (see :mod:`.article`), but a file saved decomposed (NFD, as
some systems write Vietnamese or accented Latin) holds a letter and its marks as
separate characters, and an editor counts each of them: a message must point at the
column the contributor sees. Composition never crosses a grapheme cluster, so each
cluster of the written line composes on its own and the two texts can be walked side
by side, one cluster at a time. Lines never change (NFC keeps every line break), and
nothing is computed for a file that was already NFC or for a line that did not change.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace

import regex

from .diagnostics import Diagnostic

_CLUSTER = regex.compile(r"\X")
_LINE = re.compile("\n")


@dataclass
class FileColumns:
    """Maps a 1-based column of a line of the normalised text to the column of the written file."""

    written: str
    normalised: str
    _written_starts: list[int] = field(default_factory=list, repr=False)
    _normalised_starts: list[int] = field(default_factory=list, repr=False)
    _shifts: dict[int, tuple[list[int], list[int]] | None] = field(default_factory=dict, repr=False)

    def _lines(self, index: int) -> tuple[str, str] | None:
        """Line ``index`` (0-based) of both texts, or None when the texts disagree on lines."""
        if not self._written_starts:
            self._written_starts = [0] + [m.end() for m in _LINE.finditer(self.written)]
            self._normalised_starts = [0] + [m.end() for m in _LINE.finditer(self.normalised)]
        ws, ns = self._written_starts, self._normalised_starts
        if len(ws) != len(ns) or not 0 <= index < len(ws):
            return None
        w_end = ws[index + 1] - 1 if index + 1 < len(ws) else len(self.written)
        n_end = ns[index + 1] - 1 if index + 1 < len(ns) else len(self.normalised)
        return self.written[ws[index]:w_end], self.normalised[ns[index]:n_end]

    def _shift(self, index: int) -> tuple[list[int], list[int]] | None:
        """For line ``index``: after each cluster that composition shortened, the normalised and
        written columns (0-based) where the next cluster starts. None: nothing to map."""
        if index in self._shifts:
            return self._shifts[index]
        lines = self._lines(index)
        shift: tuple[list[int], list[int]] | None = None
        if lines is not None and lines[0] != lines[1]:
            written, normalised = lines
            after_normalised: list[int] = []
            after_written: list[int] = []
            done_normalised = 0
            for cluster in _CLUSTER.finditer(written):
                text = cluster.group()
                composed = len(unicodedata.normalize("NFC", text)) if len(text) > 1 else 1
                done_normalised += composed
                if composed != len(text):
                    after_normalised.append(done_normalised)
                    after_written.append(cluster.end())
            if done_normalised == len(normalised):  # else composition crossed clusters: keep columns
                shift = (after_normalised, after_written)
        self._shifts[index] = shift
        return shift

    def col(self, line: int, col: int) -> int:
        """The column in the written file of ``col`` on 1-based ``line`` of the normalised text."""
        shift = self._shift(line - 1)
        if shift is None:
            return col
        after_normalised, after_written = shift
        target = col - 1
        k = bisect.bisect_right(after_normalised, target) - 1
        if k < 0:
            return col
        return after_written[k] + target - after_normalised[k] + 1

    def fix(self, diagnostic: Diagnostic) -> Diagnostic:
        """``diagnostic`` with its column counted in the written file."""
        return replace(diagnostic, col=self.col(diagnostic.line, diagnostic.col))


def file_columns(written: str, normalised: str) -> FileColumns | None:
    """A column map when normalising changed the text, else None (columns already agree)."""
    return FileColumns(written, normalised) if written != normalised else None
