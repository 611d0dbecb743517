"""Reading an article: optional metadata front matter, then the body as paragraphs.

The body is what every annotation anchors into, so it is fixed once here: byte-order
mark dropped, ``\\n`` line endings, Unicode NFC. Paragraphs are kept as offsets into that
body rather than copies, so rendering can never drop or reorder text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from urllib.parse import urlsplit

from .columns import FileColumns, file_columns
from .diagnostics import Diagnostic
from .languages import DIRECTIONS, Lang, canonical, tag_problem
from .normalise import normalise_with_map
from .suggest import closest
from .yaml_source import YamlProblem, load_located

META_KEYS = ("outlet", "author", "published", "url", "archived_url", "retrieved", "license", "obtained", "note",
             "language", "dir", "written_for_course")
DATE_KEYS = ("published", "retrieved")
URL_KEYS = ("url", "archived_url")
URL_SCHEMES = ("http", "https")
# A paragraph break: a line with nothing but spaces on it, and any whitespace around it.
_BREAK = re.compile(r"\s*\n[ \t\r\f\v]*\n\s*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass
class Article:
    """An article body with its paragraphs (``(start, end)`` offsets, end exclusive)."""

    path: str
    body: str
    paragraphs: list[tuple[int, int]]
    meta: dict[str, str] = field(default_factory=dict)
    body_line: int = 1  # the line of the file on which the body starts
    columns: FileColumns | None = field(default=None, repr=False, compare=False)  # when the file is not NFC

    @cached_property
    def lang(self) -> Lang:
        """The declared language and direction ('' for the site's), for the page's ``lang``/``dir``."""
        return Lang(self.meta.get("language", ""), self.meta.get("dir", ""))

    @property
    def headline(self) -> str:
        if not self.paragraphs:
            return ""
        start, end = self.paragraphs[0]
        return " ".join(self.body[start:end].split())

    @cached_property
    def normalised(self) -> tuple[str, list[int]]:
        """The normalised view used by anchoring and the map back to body offsets."""
        return normalise_with_map(self.body)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.body)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the article file of a body offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        line, col = self.body_line + index, offset - self._line_starts[index] + 1
        return line, self.columns.col(line, col) if self.columns else col

    def paragraph_of(self, offset: int) -> int:
        """The 0-based index of the paragraph holding (or following) ``offset``."""
        starts = [start for start, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)


def split_paragraphs(body: str) -> list[tuple[int, int]]:
    """Paragraph spans: text between blank lines, without surrounding whitespace.

    One pass finds the breaks and each piece is trimmed, so a 20 MB article splits in
    a few hundredths of a second.
    """
    spans = []
    start = 0
    for match in [*_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        piece = body[start:end]
        lead = len(piece) - len(piece.lstrip())
        trimmed = piece.strip()
        if trimmed:
            spans.append((start + lead, start + lead + len(trimmed)))
        if match:
            start = match.end()
    return spans


def parse_article(text: str, path: str) -> tuple[Article, list[Diagnostic]]:
    """Parse article text; metadata problems are reported, never fatal to the body."""
    written = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", written)
    columns = file_columns(written, text)  # messages count columns in the file as written
    problems: list[Diagnostic] = []
    meta: dict[str, str] = {}
    body_offset = 0
    match = _FRONT_MATTER.match(text)
    if match:
        body_offset = match.end()
        meta, problems = _parse_meta(match.group(1) or "", path)
        problems = [columns.fix(d) for d in problems] if columns else problems
    body = text[body_offset:]
    body_line = text.count("\n", 0, body_offset) + 1
    article = Article(path=path, body=body, paragraphs=split_paragraphs(body), meta=meta, body_line=body_line,
                      columns=columns)
    if not article.paragraphs:
        problems.append(Diagnostic(path, body_line, 1, "the article has no text", "article-empty",
                                   hint="the first paragraph is the headline; separate paragraphs with a blank line"))
    return article, problems


def _parse_meta(block: str, path: str) -> tuple[dict[str, str], list[Diagnostic]]:
    try:
        doc = load_located(block, path)
    except YamlProblem as problem:
        d = problem.diagnostic
        return {}, [Diagnostic(path, d.line + 1, d.col, d.message, d.code, hint=d.hint)]
    problems: list[Diagnostic] = []
    meta: dict[str, str] = {}
    if doc.data is None:
        return meta, problems
    if not isinstance(doc.data, dict):
        return meta, [Diagnostic(path, 2, 1, "the front matter must be a mapping of metadata", "article-meta")]
    for key, value in doc.data.items():
        pos = doc.key_at((key,))
        if key not in META_KEYS:
            near = closest(key, META_KEYS)
            hint = f"did you mean '{near}'?" if near else "known keys: " + ", ".join(META_KEYS)
            problems.append(Diagnostic(path, pos.line + 1, pos.col, f"unknown article metadata '{key}'",
                                       "unknown-key", hint=hint))
        elif key == "written_for_course":
            if isinstance(value, bool):
                meta[key] = "true" if value else ""
            else:
                at = doc.at((key,))
                problems.append(Diagnostic(path, at.line + 1, at.col, "'written_for_course' must be true or false",
                                           "wrong-type", hint="write 'written_for_course: true' for a text made "
                                           "for the course, or leave the key out"))
        elif isinstance(value, (dict, list)) or value is None:
            problems.append(Diagnostic(path, pos.line + 1, pos.col, f"'{key}' must be text", "wrong-type"))
        elif key == "language" and isinstance(value, bool):
            problems.append(Diagnostic(path, pos.line + 1, pos.col, "'language' must be a language tag, not yes/no",
                                       "bad-language", hint="YAML reads no, yes, on and off as true/false: quote the "
                                       "tag, as in language: \"no\""))
        elif key == "language" and (problem := tag_problem(str(value))):
            at = doc.at((key,))
            problems.append(Diagnostic(path, at.line + 1, at.col, problem[0], "bad-language", hint=problem[1]))
        elif key == "dir" and value not in DIRECTIONS:
            at = doc.at((key,))
            problems.append(Diagnostic(path, at.line + 1, at.col, f"'dir' must be 'ltr' or 'rtl', not '{value}'",
                                       "bad-direction", hint="leave it out to take the direction from 'language'"))
        elif key in DATE_KEYS and not is_iso_date(str(value)):
            at = doc.at((key,))
            problems.append(Diagnostic(path, at.line + 1, at.col, f"'{key}' is not an ISO 8601 date: '{value}'",
                                       "bad-date", hint="write the date as YYYY-MM-DD (e.g. 2024-03-01), or a date "
                                       "and time as 2024-03-01T14:30; leave the key out when it is unknown"))
        elif key in URL_KEYS and not is_web_url(str(value)):
            at = doc.at((key,))
            problems.append(Diagnostic(path, at.line + 1, at.col, f"'{key}' is not an http or https address",
                                       "bad-url", hint="give the full address, starting with https:// or http://; "
                                       "leave the key out when it is unknown"))
        else:
            meta[key] = canonical(str(value)) if key == "language" else str(value)
    return meta, problems


def is_iso_date(text: str) -> bool:
    """A calendar date (``2024-03-01``) or date and time (``2024-03-01T14:30:00Z``) that exists."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?", text):
        return False
    try:
        (date.fromisoformat if len(text) == 10 else datetime.fromisoformat)(text)
    except ValueError:
        return False
    return True


def is_web_url(text: str) -> bool:
    """An absolute ``http``/``https`` address with a host: the only kind the source card links to."""
    if any(c.isspace() or ord(c) < 32 for c in text) or len(text) > 2048:
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in URL_SCHEMES and bool(parts.hostname)
