"""W3C Web Annotation (JSON-LD) out, and W3C or Hypothesis JSON in.

Each passage becomes an ``Annotation`` whose target has a ``TextQuoteSelector``
(exact, with 32 characters of prefix and suffix) and a ``TextPositionSelector``
(start and end in Unicode code points of the article body, end exclusive). The
technique is a ``tagging`` body; the note is a ``commenting`` body in Markdown; a
fair passage is ``assessing`` with the tag ``clean``.
"""

from __future__ import annotations

import json
from typing import Any

from ..lesson import Lesson
from .spans import CONTEXT, ImportedSpan

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CLEAN_TAG = "clean"


def lesson_to_w3c(lesson: Lesson, page_url: str = "", article_url: str = "") -> dict[str, Any]:
    """An ``AnnotationCollection`` with every passage of a lesson, in reading order.

    ``page_url`` (the lesson page) makes the annotation ids resolvable deep links;
    ``article_url`` names the annotated text, else the article's ``url`` or its path.
    """
    body = lesson.article.body
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
        items.append({
            "id": f"{page_url}#ann-{a.id}",
            "type": "Annotation",
            "motivation": "assessing" if a.kind == "clean" else "commenting",
            "body": bodies,
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": body[start:end],
                     "prefix": body[max(0, start - CONTEXT):start], "suffix": body[end:end + CONTEXT]},
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            },
        })
    return {
        "@context": W3C_CONTEXT,
        "id": f"{page_url}annotations.jsonld" if page_url else f"{lesson.slug}/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": lesson.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _annotations(data: Any) -> list[dict[str, Any]]:
    """The annotations in any of the shapes tools write: one, a list, a collection, a page, Hypothesis rows."""
    if isinstance(data, list):
        return [a for item in data for a in _annotations(item)]
    if not isinstance(data, dict):
        return []
    if "rows" in data:  # the Hypothesis search API
        return _annotations(data["rows"])
    if data.get("type") == "AnnotationCollection" or "first" in data:
        return _annotations(data.get("first", {}))
    if "items" in data:
        return _annotations(data["items"])
    return [data]


def _selectors(target: Any) -> list[dict[str, Any]]:
    if isinstance(target, list):
        return [s for t in target for s in _selectors(t)]
    if not isinstance(target, dict):
        return []
    selector = target.get("selector", [])
    return [s for s in (selector if isinstance(selector, list) else [selector]) if isinstance(s, dict)]


def _bodies(annotation: dict[str, Any]) -> list[dict[str, Any]]:
    body = annotation.get("body", [])
    return [b for b in (body if isinstance(body, list) else [body]) if isinstance(b, dict)]


def read_w3c(text: str, where: str = "") -> list[ImportedSpan]:
    """Spans from W3C Web Annotation JSON(-LD) or a Hypothesis export (tags and text)."""
    spans = []
    for n, annotation in enumerate(_annotations(json.loads(text)), 1):
        quote = position = None
        for s in _selectors(annotation.get("target")):
            if s.get("type") == "TextQuoteSelector":
                quote = s
            elif s.get("type") == "TextPositionSelector":
                position = s
        tags = [b.get("value", "") for b in _bodies(annotation) if b.get("purpose") == "tagging"]
        tags += [t for t in annotation.get("tags", []) if isinstance(t, str)]  # Hypothesis
        notes = [b.get("value", "") for b in _bodies(annotation) if b.get("purpose", "commenting") == "commenting"
                 and b.get("type", "TextualBody") == "TextualBody"]
        note = "\n\n".join(x for x in notes if x) or annotation.get("text", "")
        ann_id = str(annotation.get("id", ""))
        clean = CLEAN_TAG in tags or annotation.get("motivation") == "assessing"
        labels = [t for t in tags if t != CLEAN_TAG] or [""]
        spans.append(ImportedSpan(
            label=labels[0], other_labels=tuple(labels[1:]), clean=clean, note=note,
            quote=quote.get("exact") if quote else None,
            prefix=(quote or {}).get("prefix", ""), suffix=(quote or {}).get("suffix", ""),
            start=position.get("start") if position else None, end=position.get("end") if position else None,
            id=ann_id.rsplit("#ann-", 1)[1] if "#ann-" in ann_id else None,
            where=f"{where} annotation {n}",
        ))
    return spans
