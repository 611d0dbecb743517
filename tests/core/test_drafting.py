"""drafts.js writes YAML the project's loader reads back exactly, and inserts it where it belongs.

Any text a contributor may type goes through ``AlAnnotate.entryYaml`` and must load, through
:func:`annotated_lessons.core.yaml_source.load_located` (which refuses non-printable characters
anywhere in a file), as the typed text. The only differences allowed, as drafts.js documents
them: a lone surrogate is dropped, CR LF and a lone CR become LF.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.drafting import lesson_source
from annotated_lessons.core.selection import selection_view
from annotated_lessons.core.yaml_source import load_located

from ..example_course import COURSE_FILES, REPO, copy_example
from .node.harness import Node, node  # noqa: F401  (the session fixture)

EXAMPLES = int(os.environ.get("LESSONS_FUZZ_EXAMPLES") or (3000 if os.environ.get("LESSONS_FUZZ") == "long" else 500))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("LESSONS_FUZZ") != "long",
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HOSTILE = [
    "", " ", "  lead", "trail ", "#", "# not a comment", "a # b", "a: b", "key: value: more", "- item", "-", "--",
    "---", "...", "--- x", "* star", "& anchor", "*alias", "! tag", "!!str x", "% directive", "@at", "`tick`",
    "'single'", '"double"', "it's", 'say "hi"', "back\\slash", "\\n", "tab\there", "\ttab", "cr\rhere", "crlf\r\nx",
    "line\u2028sep", "para\u2029sep", "nel\x85x", "\ufeffbom", "x\ufeff", "\x00nul", "\x07bell", "\x1b[31m", "\x7f",
    "\x9f", "\ufffe", "\uffff", "\ud800lone", "lone\udfff", "\U0001f600", "a\u200db", "\u202eevil\u202c",
    "yes", "No", "ON", "off", "true", "False", "null", "~", "Null", "y", "n", "1", "1.5", "0x1f", "1e3", ".inf", ".NaN",
    "2024-03-01", "12:30", "<<", "=", "{a: 1}", "[1, 2]", "a, b", "x" * 5000, "multi\nline", "multi\nline\n",
    "ends\n\n", "\nstarts", "  indented\nline", "a\n  more", "a\n\n\nb", "a  \nhard break", "| pipe", "> fold",
    "%YAML 1.1", "é\u0301", "שלום", "中文", "नमस्ते", "🇸🇪",
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(),  # every code point but surrogates
    st.text(st.characters(codec=None, categories=["Cs", "Cc", "Zl", "Zp", "Zs", "Cf"])),
    st.lists(st.sampled_from(HOSTILE + ["\n", " ", "'", '"', ": ", " #"]), max_size=8).map("".join),
)


def as_typed(text: str) -> str:
    """What the loaded value must be: the text with lone surrogates dropped and line breaks as LF.

    The text goes to Node as JSON, where a high and a low surrogate next to each other are one character.
    """
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return joined.replace("\r\n", "\n").replace("\r", "\n")


def load(text: str) -> Any:
    return load_located(text, "lessons/draft.yml").data


ENTRY = st.fixed_dictionaries(
    {"quote": TEXT, "note": TEXT},
    optional={"prefix": TEXT, "suffix": TEXT, "occurrence": st.integers(1, 10**6), "technique": TEXT,
              "ask": TEXT, "teacher": TEXT},
)


def expected_item(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k == "occurrence" else as_typed(v) for k, v in entry.items()
            if not (k in ("ask", "teacher") and v == "")}


@SETTINGS
@given(ENTRY, st.sampled_from(["", "  ", "    "]))
def test_any_typed_text_loads_back_as_typed(node: Node, entry: dict[str, Any], indent: str) -> None:  # noqa: F811
    written = node.call("entryYaml", entry, indent)
    assert written.endswith("\n")
    assert all(line.startswith(indent) or not line for line in written.split("\n"))  # blank lines in a block
    assert load("annotations:\n" + written + "title: after\n") == {"annotations": [expected_item(entry)],
                                                                    "title": "after"}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_loads_back_in_every_field(node: Node, text: str) -> None:  # noqa: F811
    entry = {"quote": text, "prefix": text, "suffix": text, "technique": text, "note": text, "ask": text + "?",
             "teacher": text}
    assert load("clean:\n" + node.call("entryYaml", entry, "  ")) == {"clean": [expected_item(entry)]}


def test_values_are_written_readably_when_that_is_safe(node: Node) -> None:  # noqa: F811
    entry = {"quote": "The plan was reckless", "prefix": "critics said ", "occurrence": 2,
             "technique": "loaded-language", "note": "First line.\n\n- a list item\n", "ask": "Who says: 'reckless'?",
             "teacher": "yes"}
    assert node.call("entryYaml", entry, "  ") == (
        "  - quote: The plan was reckless\n"
        "    prefix: 'critics said '\n"
        "    occurrence: 2\n"
        "    technique: loaded-language\n"
        "    note: |\n"
        "      First line.\n"
        "\n"
        "      - a list item\n"
        "    ask: 'Who says: ''reckless''?'\n"
        "    teacher: 'yes'\n"
    )
    assert node.call("entryYaml", {"quote": "a\u202eb", "note": "x"}, "") == '- quote: "a\\u202Eb"\n  note: x\n'


# Inserting into lesson files ----------------------------------------------------------------

LESSON_FILES = sorted({*REPO.glob("lessons/*.yml"), *REPO.glob("tests/fixtures/**/lessons/**/*.yml")}
                      - {REPO / "lessons" / "techniques.yml", REPO / "lessons" / "course.yml"})
NEW_TECHNIQUE = [{"quote": "a quote", "technique": "loaded-language", "note": "A note\nover two lines.",
                  "prefix": "x: y"}, {"quote": "second", "suffix": "#", "occurrence": 3, "note": "n"}]
NEW_CLEAN = [{"quote": "fair", "note": "Fair: attributed."}]


def inserted_as_expected(node: Node, text: str, technique: list[dict], clean: list[dict]) -> str | None:  # noqa: F811
    """Insert through drafts.js and check the result loads as the original plus the new items."""
    before = load(text)
    source = lesson_source(text)
    after_text = node.call("insertEntries", source, technique, clean)
    if after_text is None:
        unusable = {name for name, entries in (("annotations", technique), ("clean", clean))
                    if entries and source[name] is None and name not in source["absent"]}
        assert unusable, "insertEntries refused a file whose lists are editable"
        return None
    expected = copy.deepcopy(before)
    for name, entries in (("annotations", technique), ("clean", clean)):
        if entries:
            expected[name] = (expected.get(name) or []) + [expected_item(e) for e in entries]
    after = load(after_text)
    assert after == expected
    assert list(after)[:len(before)] == list(before)  # the keys keep their order; new ones come last
    return after_text


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_entries_go_into_every_lesson_file_of_the_repository(node: Node, path: Path) -> None:  # noqa: F811
    text = path.read_text(encoding="utf-8")
    assert inserted_as_expected(node, text, NEW_TECHNIQUE, NEW_CLEAN) is not None
    assert inserted_as_expected(node, text, [], NEW_CLEAN) is not None
    assert inserted_as_expected(node, text, NEW_TECHNIQUE, []) is not None


# What a lesson file may hold (a file holds no surrogate), written by PyYAML in its various styles.
SCALAR = st.one_of(st.sampled_from([h for h in HOSTILE if not any(0xD800 <= ord(c) < 0xE000 for c in h)]),
                   st.integers(-10**9, 10**9), st.booleans(), st.none())
ITEM = st.dictionaries(st.sampled_from(["quote", "note", "id", "technique", "ask", "teacher", "occurrence"]),
                       SCALAR, min_size=1)
DOCUMENT = st.fixed_dictionaries(
    {"title": SCALAR, "annotations": st.lists(ITEM, min_size=1, max_size=3)},
    optional={"clean": st.lists(ITEM, min_size=1, max_size=3), "summary": SCALAR,
              "discussion": st.lists(SCALAR, min_size=1, max_size=3), "teacher_notes": SCALAR},
)


@SETTINGS
@given(DOCUMENT, st.sampled_from([False, None]), st.sampled_from([2, 4]), st.booleans(), st.booleans(),
       st.sampled_from(["", "# a comment\n", "\n\n# trailing\n  # indented comment\n", "# no final line break"]),
       st.booleans(),
       st.lists(ENTRY, max_size=2), st.lists(ENTRY, max_size=2))
def test_entries_go_into_generated_lesson_files(node: Node, document: dict, flow: bool | None, indent: int,  # noqa: F811
                                                sort: bool, crlf: bool, tail: str, wide: bool, technique: list[dict],
                                                clean: list[dict]) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, indent=indent, sort_keys=sort, allow_unicode=True,
                          width=10**6 if wide else 40) + tail
    if crlf:
        text = text.replace("\n", "\r\n")
    result = inserted_as_expected(node, text, technique, clean)
    if flow is False:
        assert result is not None


HAND_WRITTEN = [
    "title: T\nannotations:\n  - quote: a\n    note: |\n      x",  # no final line break after a block
    "title: T\nannotations:\n  - quote: a\n    note: |+\n      x\n\n\n# comment\nclean:\n- quote: b\n  note: >-\n    y",
    "title: T\nannotations:\n  - quote: a\n    note: |-\n      x",
    "title: T\nannotations:\n  - quote: a\n    note: >\n      x\nteacher_notes: |\n  z",
    "title: T\nannotations:\n- quote: a   # a comment\n  note: 'it''s\n\n    folded'\n# about the next key\nclean:\n",
    "\ufefftitle: T\r\nannotations:\r\n    -   quote: \"\U0001f600\"\r\n        note: n\r\n\r\n",
    "title: T\nclean: []\nannotations:\n  - {quote: a, note: n}\n",
    "{title: T, annotations: [{quote: a, note: n}]}\n",
    "title: T\nannotations:\n  - quote: a\n    note: n\n...\n",
    "",
    "- not a mapping\n",
    "title: [unclosed\n",
]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_entries_go_into_hand_written_files_or_are_refused(node: Node, text: str) -> None:  # noqa: F811
    try:
        load(text)
    except Exception:  # noqa: BLE001 - a file that does not load: nothing to insert into
        assert node.call("insertEntries", lesson_source(text), NEW_TECHNIQUE, NEW_CLEAN) is None
        return
    for technique, clean in ((NEW_TECHNIQUE, NEW_CLEAN), (NEW_TECHNIQUE, []), ([], NEW_CLEAN)):
        inserted_as_expected(node, text, technique, clean)


def test_flow_style_lists_are_left_to_the_snippet(node: Node) -> None:  # noqa: F811
    text = "title: T\nannotations: [{quote: a, technique: t, note: n}]\n"
    source = lesson_source(text)
    assert source["annotations"] is None and source["absent"] == ["clean"]
    assert node.call("insertEntries", source, NEW_TECHNIQUE, []) is None
    assert inserted_as_expected(node, text, [], NEW_CLEAN) is not None
    snippet = node.call("snippet", source, NEW_TECHNIQUE, NEW_CLEAN)
    assert snippet.startswith("# ") and "\n  - quote: a quote\n" in snippet
    assert load(snippet.replace("# Add at the end of the 'clean:' list", "clean:\n#")
                .replace("# Add at the end of the 'annotations:' list:", "annotations:"))["clean"] == NEW_CLEAN


# The whole loop on the example course ---------------------------------------------------------------

SEED = "seeds/urgent-peace-efforts-donbass.txt"


def test_a_selected_passage_inserted_into_the_example_lesson_checks_and_anchors_there(
        node: Node, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    course = copy_example(tmp_path / "course", COURSE_FILES)
    article, _ = parse_article((course / SEED).read_text(encoding="utf-8"), SEED)
    view = node.view("example", selection_view(article))
    word = "peace"  # occurs several times: the selector needs context
    second = article.body.index(word, article.body.index(word) + 1)
    chosen = node.call("selection", view, second - 1, second + len(word) + 1)  # with a space either side
    assert (chosen["start"], chosen["end"]) == (second, second + len(word))
    assert set(chosen) & {"prefix", "suffix", "occurrence"}
    entry = {k: chosen[k] for k in chosen if k not in ("start", "end")}
    lesson = course / "lessons" / "loaded-language-and-framing.yml"
    text = lesson.read_text(encoding="utf-8")
    technique = {**entry, "technique": "loaded-qualifier", "note": "Drafted: *peace* frames it."}
    fair = {**entry, "note": "The same word, read as fair."}
    lesson.write_text(inserted_as_expected(node, text, [technique], [fair]), encoding="utf-8")
    assert main(["check", str(course)]) == 0, capsys.readouterr().out
    loaded = load_course(CourseConfig(course, "lessons", "lessons/techniques.yml")).lessons["loaded-language-and-framing"]
    drafted = [a for a in loaded.annotations if a.note.startswith(("Drafted", "The same word"))]
    assert [(a.kind, a.span.start, a.span.end) for a in drafted] in (
        [("technique", second, second + len(word)), ("clean", second, second + len(word))],
        [("clean", second, second + len(word)), ("technique", second, second + len(word))])


def test_a_new_lesson_file_checks(node: Node, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    course = copy_example(tmp_path / "course", COURSE_FILES)
    article, _ = parse_article((course / SEED).read_text(encoding="utf-8"), SEED)
    view = node.view("example", selection_view(article))
    chosen = node.call("selection", view, 0, 20)
    entry = {k: chosen[k] for k in chosen if k not in ("start", "end")}
    text = node.call("lessonYaml", {"title": "Drafted: a lesson", "article": SEED, "summary": "Yes"},
                     [{**entry, "technique": "headline-framing", "note": "n"}], [{**entry, "note": "fair\n"}])
    assert load(text)["summary"] == "Yes"
    (course / "lessons" / "drafted.yml").write_text(text, encoding="utf-8")
    assert main(["check", str(course)]) == 0, capsys.readouterr().out
