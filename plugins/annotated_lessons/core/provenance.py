"""Provenance: noticing that an article changed under the lessons written against it.

A lesson may record ``article_sha256`` (a hash of the article body) and, per passage,
``at`` (where the passage started). Articles are meant to stay byte-for-byte, but
copies get re-pasted and typos get fixed; when that happens the quotes may still match
somewhere else, or nowhere. ``lessons check`` then says the article changed, which
passages moved and which broke, so a contributor can re-read the affected notes
instead of trusting them blindly.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from .article import Article
from .fields import Reporter

if TYPE_CHECKING:
    from .lesson import Annotation

_HEX64 = re.compile(r"[0-9a-f]{64}")


def article_digest(article: Article) -> str:
    """SHA-256 of the normalised body (NFC, ``\\n`` line endings), so re-saving a file does not count as a change."""
    return hashlib.sha256(article.body.encode("utf-8")).hexdigest()


def check_provenance(data: dict[str, Any], article: Article, annotations: list[Annotation], report: Reporter) -> None:
    recorded = data.get("article_sha256")
    by_line = {a.line: a for a in annotations}
    moved: list[Annotation] = [a for a in annotations if a.at is not None and a.at != a.span.start]
    for a in moved:
        key, index = ("annotations", "clean")[a.kind == "clean"], _index_of(data, a)
        if index is None:
            continue
        line, col = article.line_col(a.span.start)
        report.warning((key, index, "at"), f"passage '{a.id}' moved from character {a.at} to {a.span.start} of the "
                       f"article (now line {line}, column {col})", "passage-moved",
                       "re-read the note against the passage; `lessons stamp` records the new position")
    if recorded is None:
        return
    if not isinstance(recorded, str) or not _HEX64.fullmatch(recorded.strip().lower()):
        report.error(("article_sha256",), "'article_sha256' must be 64 hexadecimal digits", "bad-hash",
                     "let `lessons stamp` write it")
        return
    if recorded.strip().lower() == article_digest(article):
        return
    anchored = set(by_line)
    broke = [item.get("id") or f"line {report.doc.at((key, i)).line}"
             for key in ("annotations", "clean") for i, item in enumerate(_items(data, key))
             if isinstance(item, dict) and report.doc.at((key, i)).line not in anchored]
    parts = [f"{len(moved)} passage(s) moved" if moved else "", f"{len(broke)} broke: {', '.join(broke)}" if broke else ""]
    summary = "; ".join(p for p in parts if p) or "every passage still anchors where it was"
    report.warning(("article_sha256",), f"the article {article.path} changed since this lesson was written ({summary})",
                   "article-changed", "check that each note still fits its passage, then run "
                   f"`lessons stamp {report.path}` to record the new version")


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _index_of(data: dict[str, Any], annotation: Annotation) -> int | None:
    for i, item in enumerate(_items(data, ("annotations", "clean")[annotation.kind == "clean"])):
        if isinstance(item, dict) and item.get("at") == annotation.at and item.get("quote") == annotation.selector.quote:
            return i
    return None
