"""``lessons stamp`` edits only what it owns: every stamped lesson re-validates to the same lesson.

The property test writes lessons the way people do (block and flow items, comments,
CRLF, a byte-order mark, quoting, odd ``at`` scalars, U+2028 inside strings, document
markers) and checks that stamping records ``at`` and ``article_sha256``, changes
nothing else the loader sees, keeps the line endings and is idempotent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.course import load_catalogue
from annotated_lessons.core.lesson import parse_lesson
from annotated_lessons.core.provenance import article_digest
from annotated_lessons.core.stamp import BOM, stamp_file

from ..example_course import copy_example

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(CourseConfig(REPO, "lessons", "lessons/techniques.yml"))[0]
TECHNIQUES = sorted(CATALOGUE.techniques)[:3]
WORDS = ["amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heron", "inlet", "juniper", "kestrel",
         "lichen", "meadow", "nectar", "osprey", "pebble", "quarry", "ridge", "spruce", "thistle", "umber",
         "violet", "willow", "yarrow", "zephyr", "Ålesund", "naïve", "東京"]
BODY = "Headline of the day\n\n" + " ".join(WORDS[:14]) + ".\n\n" + " ".join(WORDS[14:]) + "."
ARTICLE = parse_article(BODY, "seeds/a.txt")[0]


def _parse(text: str):
    return parse_lesson(text, "lessons/x.yml", "x", CATALOGUE, lambda _: ARTICLE)


def _same_lesson(before, after) -> None:
    def view(lesson):
        return [(a.id, a.kind, a.technique, a.note, a.span, a.selector) for a in lesson.annotations]

    assert view(after) == view(before)
    assert (after.title, after.summary) == (before.title, before.summary)


TEXT_VALUES = st.sampled_from([
    ("plain", "A plain note"), ("single", "'Yes'"), ("double", '"2024"'), ("ls", '"before\u2028after"'),
    ("ps", "'one\u2029two'"), ("nel", '"a\u0085b"'), ("colon", "'a: b # not a comment'"), ("hash", '"#1"'),
])
AT_VALUES = st.sampled_from(["0x10", "010", "1_0", "12", "", "0", "'7'"])


@st.composite
def lessons(draw):
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    flow_list = draw(st.booleans())
    items = []
    used = set()
    for n in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(WORDS) - 3))
        length = draw(st.integers(1, 2))
        if start in used:
            continue
        used.add(start)
        quote = " ".join(WORDS[start:start + length])
        fields = [("quote", quote), ("technique", draw(st.sampled_from(TECHNIQUES))),
                  ("note", draw(TEXT_VALUES)[1])]
        if draw(st.booleans()):
            fields.insert(draw(st.integers(0, len(fields))), ("id", f"item-{n}"))
        if draw(st.booleans()):
            fields.append(("at", draw(AT_VALUES)))
        items.append((draw(st.booleans()) or flow_list, fields))
    comment = draw(st.sampled_from(["", "  # a comment", " # ü\u00a0"]))
    lines = []
    if draw(st.booleans()):
        lines.append("---")
    lines += [f"# header comment{comment}", f"title: {draw(TEXT_VALUES)[1]}{comment}", "article: seeds/a.txt",
              f"summary: {draw(TEXT_VALUES)[1]}"]
    if flow_list:
        flows = ["{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}" for _, fields in items]
        lines.append("annotations: [" + ", ".join(flows) + "]" + comment)
    else:
        lines.append("annotations:")
        for flow, fields in items:
            if flow:
                lines.append("  - {" + ", ".join(f"{k}: {v}" for k, v in fields) + "}" + comment)
                continue
            for i, (k, v) in enumerate(fields):
                lines.append(("  - " if i == 0 else "    ") + f"{k}: {v}" + (comment if k == "id" else ""))
            if draw(st.booleans()):
                lines.append("    # between items")
    hashed = draw(st.sampled_from(["", "article_sha256: " + "0" * 64, "article_sha256: '" + "a" * 64 + "'"]))
    if hashed:
        lines.insert(draw(st.integers(2, len(lines))), hashed)
    ending = draw(st.sampled_from(["", "...", "# the end"]))
    if ending:
        lines.append(ending)
    text = eol.join(lines) + draw(st.sampled_from(["", eol, eol + eol]))
    return draw(st.booleans()), eol, text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lessons())
def test_stamp_keeps_the_lesson_and_records_provenance(case):
    bom, eol, text = case
    before, diagnostics = _parse(text)
    assume(before is not None and not [d for d in diagnostics if d.is_error])
    assume(len(before.annotations) == len(yaml.safe_load(text)["annotations"]))
    raw = (BOM if bom else b"") + text.encode("utf-8")
    result = stamp_file(raw, before)
    assert result.left == []
    assert result.data.startswith(BOM) == bom
    stamped = result.data[len(BOM) if bom else 0:].decode("utf-8")
    after, diagnostics = _parse(stamped)
    assert after is not None and [d for d in diagnostics if d.is_error] == []
    _same_lesson(before, after)
    assert all(a.at == a.span.start for a in after.annotations)
    assert yaml.safe_load(stamped)["article_sha256"] == article_digest(ARTICLE)
    if eol == "\r\n":
        assert not re.search(r"(?<!\r)\n", stamped)  # no LF line added to a CRLF file
    for line in text.split(eol):  # comments and untouched lines survive byte for byte
        if line.lstrip().startswith("#") or line.startswith(("title:", "summary:", "article:")):
            assert line in stamped.split(eol)
    assert stamp_file(result.data, after).data == result.data  # stamping twice changes nothing


def test_stamp_replaces_the_whole_scalar_token():
    text = ("title: T\narticle: seeds/a.txt\nsummary: S\nannotations:\n"
            f"  - quote: cedar delta\n    technique: {TECHNIQUES[0]}\n    note: N\n    at: 0x10\n")
    lesson, _ = _parse(text)
    out = stamp_file(text.encode(), lesson).data.decode()
    start = BODY.index("cedar delta")
    assert f"    at: {start}\n" in out and "x10" not in out


def test_stamp_inserts_at_inside_a_flow_mapping():
    text = ("title: T\narticle: seeds/a.txt\nsummary: S\nannotations:\n"
            f"  - {{quote: ember fjord, technique: {TECHNIQUES[0]}, note: z}}  # flow\n")
    lesson, _ = _parse(text)
    out = stamp_file(text.encode(), lesson).data.decode()
    assert f"  - {{at: {BODY.index('ember fjord')}, quote: ember fjord," in out and out.count("# flow") == 1


def test_line_separators_inside_strings_do_not_shift_the_edits():
    """PyYAML counts U+2028 as a line break; the edits go by character index, so nothing lands mid-string."""
    text = ("title: \"one\u2028two\u2029three\u0085four\"\narticle: seeds/a.txt\nsummary: S\nannotations:\n"
            f"  - note: \"a\u2028b\"\n    quote: grove heron\n    technique: {TECHNIQUES[0]}\n"
            f"  - id: second\n    note: 'c\u2028d'\n    quote: inlet\n    technique: {TECHNIQUES[0]}\n")
    lesson, _ = _parse(text)
    out = stamp_file(text.encode(), lesson).data.decode()
    data = yaml.safe_load(out)
    assert data["title"] == yaml.safe_load(text)["title"] == lesson.title
    assert [a["at"] for a in data["annotations"]] == [BODY.index("grove heron"), BODY.index("inlet")]
    assert [a["note"] for a in data["annotations"]] == ["a\u2028b", "c\u2028d"]


def test_crlf_and_a_byte_order_mark_are_kept():
    text = ("title: T\r\narticle: seeds/a.txt\r\nsummary: S\r\nannotations:\r\n"
            f"  - id: one\r\n    quote: kestrel\r\n    technique: {TECHNIQUES[0]}\r\n    note: N\r\n")
    lesson, _ = _parse(text)
    out = stamp_file(BOM + text.encode(), lesson).data
    assert out.startswith(BOM) and b"\n" not in out.replace(b"\r\n", b"")
    expected = text.replace("  - id: one\r\n", f"  - id: one\r\n    at: {BODY.index('kestrel')}\r\n")
    expected += f"\r\narticle_sha256: {article_digest(ARTICLE)}\r\n"
    assert out == BOM + expected.encode()  # every other byte as it was


def test_an_edit_that_would_change_the_meaning_is_left_and_reported():
    """A complex key first: inserting before it would break the item, so `at` is left out and said so."""
    text = ("title: T\narticle: seeds/a.txt\nsummary: S\nannotations:\n"
            f"  - ? quote\n    : lichen\n    technique: {TECHNIQUES[0]}\n    note: N\n")
    lesson, _ = _parse(text)
    result = stamp_file(text.encode(), lesson)
    assert result.left and "left as written" in result.left[0]
    again, diagnostics = _parse(result.data.decode())
    assert [d for d in diagnostics if d.is_error] == []
    _same_lesson(lesson, again)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "course")


def test_cli_stamp_keeps_crlf_and_file_mode(course, capsys):
    lesson = course / "lessons" / "sourcing-and-voices.yml"
    crlf = lesson.read_bytes().replace(b"\n", b"\r\n")
    crlf = re.sub(rb"\n *at: \d+\r", b"", crlf)  # un-stamp the passages so there is something to do
    lesson.write_bytes(crlf)
    lesson.chmod(0o640)
    assert main(["stamp", str(lesson), "--course", str(course)]) == 0
    out = lesson.read_bytes()
    assert b"\n" not in out.replace(b"\r\n", b"") and out.count(b"at: ") > 3
    assert lesson.stat().st_mode & 0o777 == 0o640
    assert not [p for p in lesson.parent.iterdir() if p.name.endswith(".tmp")]
    assert main(["check", str(course)]) == 0


def test_cli_stamp_refuses_a_read_only_lesson(course, capsys):
    lesson = course / "lessons" / "sourcing-and-voices.yml"
    before = re.sub(rb"\n *at: \d+", b"", lesson.read_bytes())
    lesson.write_bytes(before)
    lesson.chmod(0o444)
    assert main(["stamp", str(lesson), "--course", str(course)]) == 1
    err = capsys.readouterr().err
    assert "lessons/sourcing-and-voices.yml is read-only; nothing was written" in err and "Traceback" not in err
    assert lesson.read_bytes() == before


def test_a_lesson_written_as_one_flow_mapping():
    text = (f'{{title: T, article: seeds/a.txt, summary: S, annotations: [{{quote: osprey, technique: {TECHNIQUES[0]},'
            ' note: N}]}\n')
    lesson, _ = _parse(text)
    result = stamp_file(text.encode(), lesson)
    assert result.left == []
    data = yaml.safe_load(result.data)
    assert data["annotations"][0]["at"] == BODY.index("osprey") and data["article_sha256"] == article_digest(ARTICLE)
    assert result.data.decode().count("\n") == 1  # still one line
