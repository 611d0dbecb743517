"""brat standoff: a ``.txt`` with the text and an ``.ann`` with the spans.

Text-bound annotations (``T1<TAB>Label START END<TAB>text``) become passages; offsets
are code points into the ``.txt`` as brat reads it (a byte-order mark counts), and the
text brat records with each span confirms them. ``AnnotatorNotes`` on a span become its note. A
discontinuous span (``0 5;9 14``) is taken from its first start to its last end. Other
kinds of line (relations, events, attributes) are skipped.
"""

from __future__ import annotations

from ._lines import lines, offset, report
from .spans import ImportedSpan

MESSAGES = {
    "shape": "expected 'T<n> TAB label START END TAB text', found {found}",
    "offsets": "the offsets {ranges!r} are not pairs of whole numbers ('START END', several joined by ';')",
}


def read_brat(ann: str, where: str = "", problems: list[str] | None = None) -> list[ImportedSpan]:
    """The text-bound spans of a ``.ann`` file; a malformed line goes to ``problems`` (or raises without it)."""
    spans: dict[str, ImportedSpan] = {}
    notes: dict[str, str] = {}
    for line_no, line in lines(ann):
        fields = line.split("\t")
        if line.startswith("T"):
            label, _, ranges = fields[1].partition(" ") if len(fields) >= 2 else ("", "", "")
            if not label or not ranges.strip():
                report(problems, f"{where}:{line_no}", MESSAGES["shape"].format(found=repr(line[:80])))
                continue
            pieces = [[offset(x) for x in r.split(" ") if x] for r in ranges.split(";")]
            if not pieces or any(len(p) != 2 or None in p for p in pieces):
                report(problems, f"{where}:{line_no}", MESSAGES["offsets"].format(ranges=ranges[:80]))
                continue
            recorded = fields[2] if len(pieces) == 1 and len(fields) >= 3 and fields[2].strip() else None
            spans[fields[0]] = ImportedSpan(  # brat's own copy of the span's text checks the offsets
                label=label, start=pieces[0][0], end=pieces[-1][1], quote=recorded,
                clean=label.lower() in ("clean", "fair"), id=None, where=f"{where}:{line_no}")
        elif line.startswith("#") and len(fields) >= 3 and fields[1].startswith("AnnotatorNotes"):
            target = fields[1].split()[-1]
            notes[target] = fields[2]
    for key, span in spans.items():
        span.note = notes.get(key, "")
    return list(spans.values())
