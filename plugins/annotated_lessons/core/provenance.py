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
    """Warn on each passage that moved since it was stamped, and once when the article's hash changed."""
    by_line = {a.line: a for a in annotations}  # an anchored passage, by the line its item starts on
    moved, broke = 0, []
    for key in ("annotations", "clean"):
        for i, item in enumerate(_items(data, key)):
            if not isinstance(item, dict):
                continue
            line = report.doc.at((key, i)).line
            a = by_line.get(line)
            if a is None:
                broke.append(item.get("id") or f"line {line}")
            elif a.at is not None and a.at != a.span.start:
                moved += 1
                now_line, now_col = article.line_col(a.span.start)
                report.warning((key, i, "at"), f"passage '{a.id}' moved from character {a.at} to {a.span.start} of "
                               f"the article (now line {now_line}, column {now_col})", "passage-moved",
                               "re-read the note against the passage; `lessons stamp` records the new position")
    recorded = data.get("article_sha256")
    if recorded is None:
        return
    if not isinstance(recorded, str) or not _HEX64.fullmatch(recorded.strip().lower()):
        report.error(("article_sha256",), "'article_sha256' must be 64 hexadecimal digits", "bad-hash",
                     "let `lessons stamp` write it")
        return
    if recorded.strip().lower() == article_digest(article):
        return
    parts = [f"{moved} passage(s) moved" if moved else "", f"{len(broke)} broke: {', '.join(broke)}" if broke else ""]
    summary = "; ".join(p for p in parts if p) or "every passage still anchors where it was"
    report.warning(("article_sha256",), f"the article {article.path} changed since this lesson was written ({summary})",
                   "article-changed", "check that each note still fits its passage, then run "
                   f"`lessons stamp {report.path}` to record the new version")


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []
