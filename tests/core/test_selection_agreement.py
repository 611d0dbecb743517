"""The browser's selectors.js and the Python reference agree on every selection.

Articles are built from the pieces anchoring finds hardest (repeated and overlapping
text, CJK without spaces, astral CJK, right-to-left scripts, Devanagari vowel signs and
virama, emoji sequences and flags, every quote mark that folds, whitespace of every kind,
text written decomposed), and selections are any pair of UTF-16 offsets, as a DOM
selection gives them: inside a surrogate pair, in whitespace, reversed, out of range.
"""

from __future__ import annotations

import bisect
import json
import os
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.core.anchoring import anchor
from annotated_lessons.core.article import Article, parse_article
from annotated_lessons.core.assets import compact_js
from annotated_lessons.core.selection import selection, selection_view, selector_for, snap

from .node.harness import SCRIPTS, Node, node, require_node  # noqa: F401  (node: the session fixture)

PIECES = [
    "a", "aa", "ab", "aba", "the plan", "The plan", "plan", "peace", "x",
    "中文", "和平谈判", "中", "文", "。", "、", "「", "」", "『", "』", "𠀀", "𠀀𠀁", "カタカナ", "ひらがな",
    "السلام", "عليكم", "שלום", "עולם", "नमस्ते", "क्षि", "की", "क", "्", "ि",
    "👨\u200d👩\u200d👧", "👍🏽", "🇸🇪", "🇺🇸", "🇸🇪🇺🇸", "e\u0301", "é", "o\u0308\u0301", "\u0301",
    " \u0301", "\u00a0\u0301", "\u0600", "\u0600 ", "か", "\u3099", "か \u3099", "\u302a", "\u200c", "\u200d",
    "\ufe0f", "1\ufe0f\u20e3", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "한국어", "\u1100\u1161",
    "\u212b", "\uf900", "\x1c", "\x85", "\u2028",
    "‘", "’", "‚", "‛", "‹", "›", "ʼ", "׳", "′", "“", "”", "„", "‟", "«", "»", "״", "″", "'", '"',
]
SPACES = [" ", " ", " ", "\n", "\n\n", "\u00a0", "\u2003", "\t", "  ", " \n ", "\u3000", "\u205f"]
LONG = ["x" * 70 + "中", "中" + "y" * 70, "中文" * 40, "word " * 3 + "中" * 9]
PIECE = st.one_of(st.sampled_from(PIECES), st.sampled_from(SPACES), st.sampled_from(LONG),
                  st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3))
MIXED = st.lists(PIECE, min_size=1, max_size=40).map("".join)
# A unit repeated many times: so many matches that no eight words of context single one out.
REPEATED = st.builds(lambda unit, times, sep, tail: sep.join([unit] * times) + tail,
                     st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join), st.integers(2, 14),
                     st.sampled_from(SPACES + [""]), MIXED)
BODY = st.one_of(MIXED, REPEATED)


def selections(length: int) -> st.SearchStrategy[tuple[int, int]]:
    """Any pair of offsets, and often a short one (short quotes are the ambiguous ones)."""
    start = st.integers(-2, length + 2)
    return st.one_of(st.tuples(start, st.integers(-2, length + 2)),
                     st.builds(lambda s, n: (s, s + n), start, st.integers(0, 10)))


# A few hundred examples in `make test`, the same every run; `make fuzz` (LESSONS_FUZZ=long) explores.
EXAMPLES = int(os.environ.get("LESSONS_FUZZ_EXAMPLES") or (3000 if os.environ.get("LESSONS_FUZZ") == "long" else 1000))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("LESSONS_FUZZ") != "long",
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def article_of(body: str) -> Article:
    article, _ = parse_article("Headline\n\n" + body + "\n", "seeds/a.txt")
    return article


def utf16_starts(text: str) -> list[int]:
    """The UTF-16 offset where each code point starts, plus the end."""
    starts, at = [], 0
    for char in text:
        starts.append(at)
        at += 2 if ord(char) > 0xFFFF else 1
    return starts + [at]


def to_code_points(starts: list[int], unit: int, up: bool) -> int:
    """A UTF-16 offset as a code point offset: inside a surrogate pair, the pair's start (its end if ``up``)."""
    unit = max(0, min(unit, starts[-1]))
    return bisect.bisect_left(starts, unit) if up else bisect.bisect_right(starts, unit) - 1


def python_selection(article: Article, start16: int, end16: int) -> dict | None:
    starts = utf16_starts(article.body)
    lo, hi = sorted((start16, end16))
    result = selection(article, to_code_points(starts, lo, False), to_code_points(starts, hi, True))
    if result is not None:
        result["start"], result["end"] = starts[result["start"]], starts[result["end"]]
    return result


@SETTINGS
@given(BODY, st.data())
def test_the_browser_selection_is_the_python_one(node: Node, body: str, data: st.DataObject) -> None:  # noqa: F811
    article = article_of(body)
    view = node.view("article", json.loads(json.dumps(selection_view(article))))
    length = utf16_starts(article.body)[-1]
    for _ in range(4):
        start, end = data.draw(selections(length), label="selection")
        assert node.call("selection", view, start, end) == python_selection(article, start, end)


@SETTINGS
@given(BODY, st.data())
def test_every_snapped_span_anchors_back_exactly(body: str, data: st.DataObject) -> None:
    article = article_of(body)
    for _ in range(4):
        start, end = data.draw(selections(len(article.body)), label="selection")
        span = snap(article, start, end)
        if span is not None:
            assert anchor(article, selector_for(article, span)) == span


HAND_PICKED = [
    "か\n\u3099中 か\n\u3099中。か \u3099",  # a dropped gap before a combining mark: the quote keeps a space
    "a \u0301b c\u0600 d a \u0301b",  # clusters that start or end with whitespace
    "· 中文 · 中文",  # the middle dot counts as CJK
    "🇸🇪🇺🇸 🇸🇪 👨\u200d👩\u200d👧 👨",
    "नमस्ते की क्षि की नमस्ते",
    "\u201ca\u201d \u2018a\u2019 \u00aba\u00bb a \u300ca\u300d",
    "𠀀x 𠀀x 𠀀y 𠀀",
    "a a a a a a a a a a a a a",
    "שלום עולם שלום، السلام عليكم السلام",
]


@pytest.mark.parametrize("body", HAND_PICKED)
def test_every_selection_of_hand_picked_articles_agrees(node: Node, body: str) -> None:  # noqa: F811
    article = article_of(body)
    view = node.view("hand-picked", selection_view(article))
    length = utf16_starts(article.body)[-1]
    for start in range(length + 1):
        for end in range(start, length + 1):
            assert node.call("selection", view, start, end) == python_selection(article, start, end), (start, end)


def test_the_scripts_add_one_global_to_a_page_and_work_from_it() -> None:
    """In a browser the scripts share ``window.AlAnnotate`` and add nothing else to the page's globals."""
    scripts = [json.dumps(compact_js(path.read_text(encoding="utf-8"))) for path in SCRIPTS]
    program = (
        "const vm = require('vm'); const window = {}; const context = vm.createContext({window});"
        "const before = Object.keys(context);"
        f"for (const code of [{', '.join(scripts)}]) vm.runInContext(code, context);"
        "const added = Object.keys(context).filter((k) => !before.includes(k));"
        "console.log(JSON.stringify({added, api: Object.keys(window.AlAnnotate).sort(), window: Object.keys(window)}));"
    )
    result = subprocess.run([require_node(), "-e", program], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {
        "added": [], "window": ["AlAnnotate"],
        "api": ["entryYaml", "insertEntries", "lessonYaml", "selection", "snippet"],
    }
