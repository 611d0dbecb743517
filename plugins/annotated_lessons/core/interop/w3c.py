"""W3C Web Annotation (JSON-LD) out, and W3C or Hypothesis JSON in.

Each passage becomes an ``Annotation`` whose target has a ``TextQuoteSelector``
(exact, with up to 32 characters of prefix and suffix, cut between grapheme clusters
so that neither begins or ends with half a character) and a ``TextPositionSelector``
(start and end in Unicode code points of the article body, end exclusive). The
technique is a ``tagging`` body; the note is a ``commenting`` body in Markdown; a
fair passage is ``assessing`` with the tag ``clean``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..graphemes import clusters_of
from ..lesson import Lesson
from ._lines import Problem, report
from .spans import CONTEXT, ImportedSpan
from .units import fit_prefix, fit_suffix
from .vocabulary import CONTEXT as LESSON_CONTEXT
from .vocabulary import annotation_terms, is_for_teachers, is_plain, lesson_fields, teacher_body

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CLEAN_TAG = "clean"


def lesson_to_w3c(lesson: Lesson, page_url: str = "", article_url: str = "", *,
                  teacher: bool = False) -> dict[str, Any]:
    """An ``AnnotationCollection`` with every passage of a lesson, in reading order.

    ``page_url`` (the lesson page) makes the annotation ids resolvable deep links;
    ``article_url`` names the annotated text, else the article's ``url`` or its path.
    ``teacher`` adds what only the teacher edition shows (teacher notes, expected
    answers): ``lessons export`` includes it, the file published beside the page does not.
    """
    body = lesson.article.body
    clusters = clusters_of(body)
    source = article_url or lesson.article.meta.get("url") or lesson.article.path
    items = []
    for a in lesson.annotations:
        start, end = a.span.start, a.span.end
        tag = CLEAN_TAG if a.kind == "clean" else a.technique
        bodies: list[dict[str, Any]] = [
            {"type": "TextualBody", "purpose": "tagging", "value": tag},
            {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": a.note},
        ]
        if a.ask:
            bodies.append({"type": "TextualBody", "purpose": "questioning", "format": "text/markdown", "value": a.ask})
        if a.teacher and teacher:
            bodies.append(teacher_body(a.teacher))
        items.append({
            "id": f"{page_url}#ann-{a.id}",
            "type": "Annotation",
            "motivation": "assessing" if a.kind == "clean" else "commenting",
            "body": bodies,
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": body[start:end],
                     "prefix": body[clusters.ceil(max(0, start - CONTEXT)):start],
                     "suffix": body[end:clusters.floor(end + CONTEXT)]},
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            },
        })
        items[-1].update(annotation_terms(a))
        _fit_for_utf16_clients(items[-1]["target"]["selector"][0])
    return {
        "@context": [W3C_CONTEXT, LESSON_CONTEXT],
        "id": f"{page_url}annotations.jsonld" if page_url else f"{lesson.slug}/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": lesson.title,
        "al:lesson": lesson_fields(lesson, teacher),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _fit_for_utf16_clients(quote: dict[str, Any]) -> None:
    """Keep prefix and suffix within 32 UTF-16 units, the most a diff-match-patch client can search for.

    Positions stay in code points (the W3C model); only context made long by astral
    characters is cut, at a word boundary, so fuzzy clients such as Hypothesis's anchor
    it instead of failing with "Pattern too long".
    """
    quote["prefix"], quote["suffix"] = fit_prefix(quote["prefix"]), fit_suffix(quote["suffix"])


MESSAGES = {
    "json": "cannot read it as JSON: {message}",
    "deep": "the JSON is nested too deeply to be annotations",
    "number": "a number in it is too long",
    "not-annotation": "expected an annotation (a JSON object), found {found}",
    "first-link": "the collection's first page is a link ({link}); download the pages and import those files",
    "wrong-type": "'{key}' should be {wanted}, not {found}",
    "no-passage": "no TextQuoteSelector or TextPositionSelector",
}
MAX_DEPTH = 32  # collections of pages of lists: real files nest a few levels


def _kind(value: Any) -> str:
    """A JSON type name for messages."""
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _annotations(data: Any, problems: list[str]) -> list[Any]:
    """The annotations in any of the shapes tools write: one, a list, a collection, a page, Hypothesis rows.

    Anything else that sits where an annotation should is returned as is and reported by the caller.
    """
    found: list[Any] = []
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(MESSAGES["deep"])
            return found
        if isinstance(value, list):
            stack.extend((item, depth + 1) for item in reversed(value))
        elif not isinstance(value, dict):
            found.append(value)
        elif "rows" in value:  # the Hypothesis search API
            stack.append((value["rows"], depth + 1))
        elif value.get("type") == "AnnotationCollection" or "first" in value:
            first = value.get("first", [])
            if isinstance(first, str):
                problems.append(MESSAGES["first-link"].format(link=first[:80]))
            else:
                stack.append((first, depth + 1))
        elif "items" in value:
            stack.append((value["items"], depth + 1))
        else:
            found.append(value)
    return found


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _selectors(target: Any) -> list[tuple[dict[str, Any], bool]]:
    """The selectors of a target (an object, a list of them, or an IRI, which has none), each with
    whether it counts in the whole document.

    A selector nested in another's ``refinedBy`` counts inside what the outer one selects
    (an element, a range), so its quote is usable but its positions are not body offsets.
    """
    found = []
    for t in _listed(target):
        if not isinstance(t, dict):
            continue
        stack = [(s, True, 0) for s in reversed(_listed(t.get("selector"))) if isinstance(s, dict)]
        while stack:
            selector, whole, depth = stack.pop()
            found.append((selector, whole))
            if depth < MAX_DEPTH:
                inner = whole and selector.get("type") in ("TextQuoteSelector", "TextPositionSelector")
                stack += [(r, inner, depth + 1) for r in reversed(_listed(selector.get("refinedBy")))
                          if isinstance(r, dict)]
    return found


def _bodies(annotation: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in _listed(annotation.get("body")) if isinstance(b, dict)]


class _Fields:
    """Typed reads from one annotation; a value of the wrong type is reported and treated as absent."""

    def __init__(self, where: str, problems: list[Problem]):
        self.where, self.problems = where, problems

    def get(self, obj: dict[str, Any], key: str, kind: type | tuple[type, ...], wanted: str) -> Any:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, kind) and not isinstance(value, bool):
            return value
        self.problems.append(Problem(self.where, MESSAGES["wrong-type"].format(key=key, wanted=wanted,
                                                                               found=_kind(value))))
        return None


@dataclass
class W3CDocument:
    """What a W3C file holds: its passages and, when this project exported it, the lesson's own fields."""

    spans: list[ImportedSpan] = field(default_factory=list)
    title: str | None = None
    lesson: dict[str, Any] = field(default_factory=dict)


def read_w3c(text: str, where: str = "", problems: list[str] | None = None) -> list[ImportedSpan]:
    """Spans from W3C Web Annotation JSON(-LD) or a Hypothesis export (tags and text).

    A malformed annotation (a selector or body of the wrong type, offsets that are not
    numbers) goes to ``problems`` and the rest is read; without ``problems`` the first
    one raises :class:`~._lines.InputProblem`.
    """
    return read_w3c_document(text, where, problems).spans


def read_w3c_document(text: str, where: str = "", problems: list[str] | None = None) -> W3CDocument:
    """:func:`read_w3c`, with the collection's label and ``al:lesson`` fields (see :mod:`.vocabulary`)."""
    collected: list[Problem] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        report(problems, f"{where}:{exc.lineno}:{exc.colno}", MESSAGES["json"].format(message=exc.msg))
        return W3CDocument()
    except RecursionError:
        report(problems, where, MESSAGES["deep"])
        return W3CDocument()
    except ValueError:  # an integer beyond Python's conversion limit
        report(problems, where, MESSAGES["number"])
        return W3CDocument()
    document = W3CDocument()
    if isinstance(data, dict) and isinstance(data.get("al:lesson"), dict):
        document.lesson = data["al:lesson"]
        document.title = data["label"] if isinstance(data.get("label"), str) else None
    spans = document.spans
    shape: list[str] = []
    annotations = _annotations(data, shape)
    collected += [Problem(where, m) for m in shape]
    for n, annotation in enumerate(annotations, 1):
        label = f"{where}: annotation {n}"
        if not isinstance(annotation, dict):
            collected.append(Problem(label, MESSAGES["not-annotation"].format(found=_kind(annotation))))
            continue
        span = _read_one(annotation, _Fields(label, collected))
        if span is not None:
            span.where = label
            spans.append(span)
    for problem in collected:
        report(problems, problem.where, problem.message)
    return document


def _read_one(annotation: dict[str, Any], f: _Fields) -> ImportedSpan | None:
    quote: str | None = None
    prefix = suffix = ""
    start = end = None
    target = annotation.get("target")
    if target is not None and not isinstance(target, (dict, list, str)):
        f.problems.append(Problem(f.where, MESSAGES["wrong-type"].format(
            key="target", wanted="an object, a list or a link", found=_kind(target))))
    for s, whole in _selectors(target):
        if s.get("type") == "TextQuoteSelector" and quote is None:
            quote = f.get(s, "exact", str, "text")
            prefix = f.get(s, "prefix", str, "text") or ""
            suffix = f.get(s, "suffix", str, "text") or ""
        elif s.get("type") == "TextPositionSelector" and start is None and whole:
            start, end = f.get(s, "start", int, "a whole number"), f.get(s, "end", int, "a whole number")
            if start is None or end is None:
                start = end = None
    bodies = _bodies(annotation)
    tags = [v for b in bodies if b.get("purpose") == "tagging" if (v := f.get(b, "value", str, "text")) is not None]
    tags += [t for t in (f.get(annotation, "tags", list, "a list of text") or []) if isinstance(t, str)]  # Hypothesis
    texts = [(b, v) for b in bodies if b.get("type", "TextualBody") == "TextualBody"
             if (v := f.get(b, "value", str, "text"))]
    notes = [v for b, v in texts if b.get("purpose", "commenting") == "commenting" and not is_for_teachers(b)]
    note = "\n\n".join(notes) or f.get(annotation, "bodyValue", str, "text") or f.get(annotation, "text", str, "text")
    ann_id = annotation.get("id")
    ann_id = ann_id if isinstance(ann_id, str) else ""
    motivation = _listed(annotation.get("motivation"))
    clean = CLEAN_TAG in tags or "assessing" in motivation
    labels = [t for t in tags if t != CLEAN_TAG] or [""]
    written = f.get(annotation, "al:selector", dict, "an object")
    check = f.get(annotation, "al:check", dict, "an object")
    return ImportedSpan(
        label=labels[0], other_labels=tuple(labels[1:]), clean=clean, note=note or "",
        quote=quote, prefix=prefix, suffix=suffix, start=start, end=end,
        id=ann_id.rsplit("#ann-", 1)[1] if "#ann-" in ann_id else None,
        ask="\n\n".join(v for b, v in texts if b.get("purpose") == "questioning"),
        teacher="\n\n".join(v for b, v in texts if is_for_teachers(b)),
        check=check if check is not None and is_plain(check) else None,
        written=written if written and isinstance(written.get("quote"), str) else None,
        at=f.get(annotation, "al:at", int, "a whole number"),
    )
