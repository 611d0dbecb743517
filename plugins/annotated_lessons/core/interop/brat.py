"""brat standoff: a ``.txt`` with the text and an ``.ann`` with the spans.

Text-bound annotations (``T1<TAB>Label START END<TAB>text``) become passages; offsets
are code points into the ``.txt``. ``AnnotatorNotes`` on a span become its note. A
discontinuous span (``0 5;9 14``) is taken from its first start to its last end.
"""

from __future__ import annotations

from .spans import ImportedSpan


def read_brat(ann: str, where: str = "") -> list[ImportedSpan]:
    spans: dict[str, ImportedSpan] = {}
    notes: dict[str, str] = {}
    for line_no, line in enumerate(ann.splitlines(), 1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, ranges = fields[1].partition(" ")
            pieces = [tuple(int(x) for x in r.split()) for r in ranges.split(";") if r.strip()]
            spans[fields[0]] = ImportedSpan(
                label=label, start=pieces[0][0], end=pieces[-1][1], quote=None,
                clean=label.lower() in ("clean", "fair"), id=None, where=f"{where}:{line_no}")
        elif line.startswith("#") and len(fields) >= 3 and fields[1].startswith("AnnotatorNotes"):
            target = fields[1].split()[-1]
            notes[target] = fields[2]
    for key, span in spans.items():
        span.note = notes.get(key, "")
    return list(spans.values())
