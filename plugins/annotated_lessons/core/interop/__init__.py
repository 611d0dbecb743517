"""Lessons in and out of the annotation tools people already use.

Every format is read into :class:`~.spans.ImportedSpan` records, and one resolver turns
those into passages of the article with the shortest selector that anchors each one
exactly. Offsets everywhere are Unicode code points into the article body as the core
reads it (NFC, ``\\n`` line endings, front matter removed), end exclusive.
"""

from ._lines import InputProblem, Problem
from .brat import read_brat
from .ptc import read_ptc
from .spans import ImportedSpan, Resolved, map_technique, resolve
from .w3c import W3CDocument, lesson_to_w3c, read_w3c, read_w3c_document
from .writer import lesson_yaml

__all__ = ["ImportedSpan", "InputProblem", "Problem", "Resolved", "W3CDocument", "lesson_to_w3c", "lesson_yaml",
           "map_technique", "read_brat", "read_ptc", "read_w3c", "read_w3c_document", "resolve"]
