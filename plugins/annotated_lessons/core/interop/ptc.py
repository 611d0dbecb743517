"""PTC-style span files, as in the propaganda-techniques corpus and SemEval tasks.

One span per line, tab-separated: ``article-id, technique, start, end``, with offsets
in code points of the article text, end exclusive. Blank lines and lines starting with
``#`` are skipped; a header line (``id technique start end``) is allowed first.
"""

from __future__ import annotations

from ._lines import InputProblem, lines, offset, report
from .spans import ImportedSpan

PtcError = InputProblem  # the name callers caught before every reader shared one

MESSAGES = {
    "fields": "expected 4 tab-separated fields (id, technique, start, end), found {n}",
    "numbers": "start and end must be whole numbers, not {start!r}, {end!r}",
}


def read_ptc(text: str, where: str = "", problems: list[str] | None = None) -> list[ImportedSpan]:
    """The spans of a PTC file; a malformed line goes to ``problems`` (or raises without it)."""
    spans = []
    first = True
    for line_no, line in lines(text):
        if not line.strip() or line.startswith("#"):
            continue
        header, first = first, False
        fields = line.split("\t")
        if len(fields) < 4:
            report(problems, f"{where}:{line_no}", MESSAGES["fields"].format(n=len(fields)))
            continue
        start, end = offset(fields[2]), offset(fields[3])
        if start is None or end is None:
            if not header:
                report(problems, f"{where}:{line_no}", MESSAGES["numbers"].format(start=fields[2][:40],
                                                                                        end=fields[3][:40]))
            continue
        spans.append(ImportedSpan(label=fields[1], start=start, end=end, where=f"{where}:{line_no}",
                                  clean=fields[1].lower() in ("clean", "fair")))
    return spans
