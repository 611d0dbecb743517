"""PTC-style span files, as in the propaganda-techniques corpus and SemEval tasks.

One span per line, tab-separated: ``article-id, technique, start, end``, with offsets
in code points of the article text, end exclusive. Blank lines and lines starting with
``#`` are skipped; a header line (``id technique start end``) is allowed.
"""

from __future__ import annotations

from .spans import ImportedSpan


class PtcError(ValueError):
    pass


def read_ptc(text: str, where: str = "") -> list[ImportedSpan]:
    spans = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 4:
            raise PtcError(f"{where}:{line_no}: expected 4 tab-separated fields (id, technique, start, end), "
                           f"found {len(fields)}")
        try:
            start, end = int(fields[2]), int(fields[3])
        except ValueError:
            if line_no == 1:
                continue  # a header
            raise PtcError(f"{where}:{line_no}: start and end must be whole numbers, not {fields[2]!r}, {fields[3]!r}") from None
        spans.append(ImportedSpan(label=fields[1], start=start, end=end, where=f"{where}:{line_no}",
                                  clean=fields[1].lower() in ("clean", "fair")))
    return spans
