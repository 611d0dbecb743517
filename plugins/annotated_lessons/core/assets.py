"""The stylesheets and scripts a lesson page needs, compacted for shipping.

The sources stay readable and commented; what a site serves has comments and
indentation removed, which keeps the plugin inside its page-weight budget (14.1 KB
gzipped for all of it) without a JavaScript toolchain. The compaction is
deliberately conservative: it only drops whole comment lines, block comments in
CSS, and leading whitespace, so it cannot change what the code means as long as no
string or template literal spans lines (the browser tests run the compacted files).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s*\n\s*")
_CSS_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")
_JS_HEADER = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)
_JS_COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.M)
_JS_TRAILING_COMMENT = re.compile(r" // [^\"'`\n]*$", re.M)
_INDENT = re.compile(r"^[ \t]+", re.M)


def asset_files() -> list[Path]:
    """Every stylesheet and script, in a stable order."""
    return sorted(p for p in ASSETS.iterdir() if p.suffix in (".css", ".js"))


def compact_css(text: str) -> str:
    text = _CSS_COMMENT.sub("", text)
    text = _CSS_SPACE.sub("", text)
    return _CSS_PUNCTUATION.sub(r"\1", text).strip() + "\n"


def compact_js(text: str) -> str:
    text = _JS_HEADER.sub("", text)
    text = _JS_COMMENT_LINE.sub("", text)
    text = _JS_TRAILING_COMMENT.sub("", text)
    return _INDENT.sub("", text)


def shipped(path: Path) -> str:
    """The text a site serves for one asset."""
    text = path.read_text(encoding="utf-8")
    return compact_css(text) if path.suffix == ".css" else compact_js(text)


def gzipped_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9))


def page_weight() -> dict[str, int]:
    """Gzipped bytes of each shipped asset, by file name."""
    return {p.name: gzipped_size(shipped(p)) for p in asset_files()}
